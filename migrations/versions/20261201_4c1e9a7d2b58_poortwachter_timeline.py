"""poortwachter timeline by the law: holidays, waived steps, waiting-time extensions, open steps

Revision ID: 4c1e9a7d2b58
Revises: 5e0c7a91d2b4
Create Date: 2026-12-01 21:00:00

The holiday list is seeded by `traject init` (casework.holidays); open steps are written by casework.timeline
(`traject init` rewrites them for every open sick report). "Einde tweede ziektejaar" is no longer a step that can
be recorded (einde wachttijd is a date): such records are removed.
"""

import sqlalchemy as sa
from alembic import op

revision = "4c1e9a7d2b58"
down_revision = "5e0c7a91d2b4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "holidays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_holidays_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holidays")),
        sa.UniqueConstraint("day", name=op.f("uq_holidays_day")),
    )
    op.create_table(
        "poortwachter_open_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sick_report_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_poortwachter_open_steps_employee_id_employees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sick_report_id"],
            ["sick_reports.id"],
            name=op.f("fk_poortwachter_open_steps_sick_report_id_sick_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poortwachter_open_steps")),
        sa.UniqueConstraint(
            "sick_report_id", "step_key", name=op.f("uq_poortwachter_open_steps_sick_report_id_step_key")
        ),
    )
    with op.batch_alter_table("poortwachter_open_steps", schema=None) as batch_op:
        batch_op.create_index("ix_poortwachter_open_steps_due_date", ["due_date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_poortwachter_open_steps_employee_id"), ["employee_id"], unique=False
        )
    op.execute("DELETE FROM poortwachter_steps_done WHERE step_key = 'einde_tweede_ziektejaar'")
    with op.batch_alter_table("poortwachter_steps_done", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waived", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("reason", sa.Text(), server_default="", nullable=False))
        batch_op.create_check_constraint("waived_has_reason", "NOT waived OR length(trim(reason)) > 0")
    with op.batch_alter_table("sick_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("loonsanctie_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("extended_until", sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            "loonsanctie_after_start", "loonsanctie_until IS NULL OR loonsanctie_until > first_sick_day"
        )
        batch_op.create_check_constraint(
            "extension_after_start", "extended_until IS NULL OR extended_until > first_sick_day"
        )


def downgrade():
    with op.batch_alter_table("sick_reports", schema=None) as batch_op:
        batch_op.drop_constraint("extension_after_start", type_="check")
        batch_op.drop_constraint("loonsanctie_after_start", type_="check")
        batch_op.drop_column("extended_until")
        batch_op.drop_column("loonsanctie_until")
    op.execute("DELETE FROM poortwachter_steps_done WHERE waived")
    with op.batch_alter_table("poortwachter_steps_done", schema=None) as batch_op:
        batch_op.drop_constraint("waived_has_reason", type_="check")
        batch_op.drop_column("reason")
        batch_op.drop_column("waived")
    with op.batch_alter_table("poortwachter_open_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poortwachter_open_steps_employee_id"))
        batch_op.drop_index("ix_poortwachter_open_steps_due_date")
    op.drop_table("poortwachter_open_steps")
    op.drop_table("holidays")
