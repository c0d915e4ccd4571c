"""financier of an intervention: who pays it (seed 002), on the trajectory (chosen at T2) and the intervention

Revision ID: f3a9c1e7b264
Revises: 7b5d2e9c4a16
Create Date: 2026-12-01 22:10:00
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "f3a9c1e7b264"
down_revision = "7b5d2e9c4a16"
branch_labels = None
depends_on = None

FINANCIERS = (
    "employer",
    "insurer_wga_erd",
    "insurer_zw_erd",
    "insurer_collective_wia",
    "insurer_absence",
    "health_insurer",
    "uwv",
)


def _column() -> sa.Column:
    return sa.Column(
        "financier",
        sa.Enum(*FINANCIERS, name="financier", native_enum=False, create_constraint=True, length=22),
        nullable=True,
    )


def upgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        for table in ("trajectories", "interventions"):
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.add_column(_column())


def downgrade():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        for table in ("interventions", "trajectories"):
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.drop_constraint(op.f(f"ck_{table}_financier"), type_="check")
                batch_op.drop_column("financier")
