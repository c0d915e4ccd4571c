"""contacts: a contact about an employee (gesprek, telefoon, video, e-mail) with whom, on a day

Revision ID: 7b5d2e9c4a16
Revises: dbd1b900d605
Create Date: 2026-12-01 22:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "7b5d2e9c4a16"
down_revision = "dbd1b900d605"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "gesprek",
                "telefoon",
                "video",
                "email",
                name="contact_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "with_whom",
            sa.Enum(
                "werknemer",
                "werkgever",
                "bedrijfsarts",
                "arbeidsdeskundige",
                "provider",
                name="contact_with",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(text) <= 1500", name=op.f("ck_contacts_text_length")),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_contacts_employee_id_employees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_contacts_recorded_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index("ix_contacts_employee_day", ["employee_id", "day"], unique=False)
        batch_op.create_index(batch_op.f("ix_contacts_recorded_by_id"), ["recorded_by_id"], unique=False)


def downgrade():
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_recorded_by_id"))
        batch_op.drop_index("ix_contacts_employee_day")
    op.drop_table("contacts")
