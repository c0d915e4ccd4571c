"""poortwachter steps done: a case manager records when a Poortwachter step was completed

Revision ID: b7c4e2f19a30
Revises: a1b2c3d4e5f6
Create Date: 2026-11-23 13:50:00

The rows go with their sick report (ON DELETE CASCADE), so the retention purge removes them with the dossier.
"""

import sqlalchemy as sa
from alembic import op

revision = "b7c4e2f19a30"
down_revision = "a1b2c3d4e5f6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "poortwachter_steps_done",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sick_report_id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=40), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_poortwachter_steps_done_recorded_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["sick_report_id"],
            ["sick_reports.id"],
            name=op.f("fk_poortwachter_steps_done_sick_report_id_sick_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poortwachter_steps_done")),
        sa.UniqueConstraint(
            "sick_report_id", "step_key", name=op.f("uq_poortwachter_steps_done_sick_report_id_step_key")
        ),
    )
    with op.batch_alter_table("poortwachter_steps_done", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_poortwachter_steps_done_recorded_by_id"), ["recorded_by_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("poortwachter_steps_done", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poortwachter_steps_done_recorded_by_id"))

    op.drop_table("poortwachter_steps_done")
