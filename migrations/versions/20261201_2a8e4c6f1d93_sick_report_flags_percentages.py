"""sick reports: flags (ZW-vangnet kind, work-related, recourse) and the history of percentages

Revision ID: 2a8e4c6f1d93
Revises: 220823c20208
Create Date: 2026-12-01 21:45:00

Every existing report gets its current percentage as the first line of its history, from its first sick day.
"""

import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "2a8e4c6f1d93"
down_revision = "220823c20208"
branch_labels = None
depends_on = None


@contextmanager
def _sick_reports():
    """Batch-alter sick_reports; SQLite reflects the employees table it refers to, whose expression index
    (ix_employees_sort_name) it cannot reflect: harmless here, employees is not recreated."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("sick_reports", schema=None) as batch_op:
            yield batch_op


def upgrade():
    with _sick_reports() as batch_op:
        batch_op.add_column(
            sa.Column(
                "zw_vangnet",
                sa.Enum(
                    "zwangerschap",
                    "orgaandonatie",
                    "no_riskpolis",
                    name="zw_vangnet",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("work_related", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("recourse_possible", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "sick_report_percentages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sick_report_id", sa.Integer(), nullable=False),
        sa.Column("percentage", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "percentage > 0 AND percentage <= 100",
            name=op.f("ck_sick_report_percentages_percentage_in_range"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_sick_report_percentages_recorded_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["sick_report_id"],
            ["sick_reports.id"],
            name=op.f("fk_sick_report_percentages_sick_report_id_sick_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sick_report_percentages")),
        sa.UniqueConstraint(
            "sick_report_id", "from_date", name=op.f("uq_sick_report_percentages_sick_report_id_from_date")
        ),
    )
    with op.batch_alter_table("sick_report_percentages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sick_report_percentages_recorded_by_id"), ["recorded_by_id"], unique=False
        )
    op.execute(
        "INSERT INTO sick_report_percentages (sick_report_id, percentage, from_date, recorded_at)"
        " SELECT id, percentage, first_sick_day, reported_at FROM sick_reports"
    )


def downgrade():
    with op.batch_alter_table("sick_report_percentages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sick_report_percentages_recorded_by_id"))
    op.drop_table("sick_report_percentages")
    with _sick_reports() as batch_op:
        batch_op.drop_constraint("zw_vangnet", type_="check")
        batch_op.drop_column("recourse_possible")
        batch_op.drop_column("work_related")
        batch_op.drop_column("zw_vangnet")
