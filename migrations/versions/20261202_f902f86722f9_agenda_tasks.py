"""agenda tasks: a user's own tasks (seed 004 slides 46–49), about a client or not, perhaps in the agenda

Revision ID: f902f86722f9
Revises: 67bc29fda139
Create Date: 2026-12-02 03:00:00

Never deleted: done and cancelled tasks stay on record for accountability (when, by whom, why).
"""

import sqlalchemy as sa
from alembic import op

revision = "f902f86722f9"
down_revision = "67bc29fda139"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "agenda_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("remark", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "done",
                "cancelled",
                name="agenda_task_status",
                native_enum=False,
                create_constraint=True,
            ),
            server_default="open",
            nullable=False,
        ),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_by_name", sa.String(length=254), server_default="", nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_agenda_tasks_title_not_blank")),
        sa.CheckConstraint("length(remark) <= 1500", name=op.f("ck_agenda_tasks_remark_length")),
        sa.CheckConstraint(
            "(starts_at IS NULL AND ends_at IS NULL) OR (starts_at IS NOT NULL AND ends_at > starts_at)",
            name=op.f("ck_agenda_tasks_slot_order"),
        ),
        sa.CheckConstraint(
            "(status = 'open' AND closed_at IS NULL) OR (status <> 'open' AND closed_at IS NOT NULL)",
            name=op.f("ck_agenda_tasks_closed_when_not_open"),
        ),
        sa.CheckConstraint(
            "status <> 'cancelled' OR length(trim(reason)) > 0",
            name=op.f("ck_agenda_tasks_cancel_has_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_agenda_tasks_employee_id_employees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["users.id"], name=op.f("fk_agenda_tasks_assignee_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_agenda_tasks_created_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["users.id"],
            name=op.f("fk_agenda_tasks_closed_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_tasks")),
    )
    with op.batch_alter_table("agenda_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_tasks_employee_id"), ["employee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_tasks_created_by_id"), ["created_by_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_tasks_closed_by_id"), ["closed_by_id"], unique=False)
        batch_op.create_index(
            "ix_agenda_tasks_assignee_status_due", ["assignee_id", "status", "due_date"], unique=False
        )
        batch_op.create_index(
            "ix_agenda_tasks_assignee_starts_at", ["assignee_id", "starts_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("agenda_tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_agenda_tasks_assignee_starts_at")
        batch_op.drop_index("ix_agenda_tasks_assignee_status_due")
        batch_op.drop_index(batch_op.f("ix_agenda_tasks_closed_by_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_tasks_created_by_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_tasks_employee_id"))

    op.drop_table("agenda_tasks")
