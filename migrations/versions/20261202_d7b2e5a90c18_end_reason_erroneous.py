"""end reasons: the outcome class erroneous (foutief opgevoerd), counted in no outcome figure

Revision ID: d7b2e5a90c18
Revises: b06d1d6c8cb6
Create Date: 2026-12-02 03:40:00

The class lives in the CHECK constraint ck_end_reasons_outcome, so that constraint is replaced (SQLite rebuilds
end_reasons in batch mode; migrations run with foreign keys off, see migrations/env.py). The seeded end reason
"Foutief opgevoerd" is moved to the new class by `traject init` (casework/seed.py), and only when an
administrator has not changed its class, not here.
"""

import sqlalchemy as sa
from alembic import op

revision = "d7b2e5a90c18"
down_revision = "b06d1d6c8cb6"
branch_labels = None
depends_on = None

OLD = ("success", "not_successful", "no_approval", "other")
NEW = (*OLD, "erroneous")


def _outcomes(values):
    with op.batch_alter_table("end_reasons", schema=None) as batch_op:
        batch_op.drop_constraint("outcome", type_="check")
        batch_op.create_check_constraint(
            "outcome", "outcome IN (" + ", ".join(f"'{v}'" for v in values) + ")"
        )


def upgrade():
    _outcomes(NEW)


def downgrade():
    op.execute(sa.text("UPDATE end_reasons SET outcome = 'other' WHERE outcome = 'erroneous'"))
    _outcomes(OLD)
