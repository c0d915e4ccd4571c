"""sick report end reasons: a configurable list with outcome classes, and the end reason of a sick report

Revision ID: 3cb7ea16b310
Revises: 0155f5bd6ae0
Create Date: 2026-12-02 00:00:00

Reports that ended before this migration keep no end reason (nobody recorded one); `traject init` seeds the
list (hersteld eigen werk, aangepast werk, ..., foutief opgevoerd).
"""

import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "3cb7ea16b310"
down_revision = "0155f5bd6ae0"
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
    op.create_table(
        "sick_report_end_reasons",
        sa.Column(
            "outcome",
            sa.Enum(
                "own_work",
                "adapted_work",
                "other_employer",
                "other_outflow",
                "waiting_time_end",
                "retirement",
                "erroneous",
                name="sick_report_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("end_goal_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_sick_report_end_reasons_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["end_goal_id"],
            ["end_goals.id"],
            name=op.f("fk_sick_report_end_reasons_end_goal_id_end_goals"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sick_report_end_reasons")),
        sa.UniqueConstraint("name", name=op.f("uq_sick_report_end_reasons_name")),
    )
    with op.batch_alter_table("sick_report_end_reasons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sick_report_end_reasons_end_goal_id"), ["end_goal_id"], unique=False
        )
    with _sick_reports() as batch_op:
        batch_op.add_column(sa.Column("end_reason_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_sick_reports_end_reason_id"), ["end_reason_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_sick_reports_end_reason_id_sick_report_end_reasons"),
            "sick_report_end_reasons",
            ["end_reason_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch_op.create_check_constraint(
            "end_reason_when_ended",
            "end_reason_id IS NULL OR recovery_date IS NOT NULL OR closed_on IS NOT NULL",
        )


def downgrade():
    with _sick_reports() as batch_op:
        batch_op.drop_constraint("end_reason_when_ended", type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_sick_reports_end_reason_id_sick_report_end_reasons"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_sick_reports_end_reason_id"))
        batch_op.drop_column("end_reason_id")
    with op.batch_alter_table("sick_report_end_reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sick_report_end_reasons_end_goal_id"))
    op.drop_table("sick_report_end_reasons")
