"""cost_benefits: the sick report's target return-to-work date when the analysis was made

Revision ID: c41e9a7d2f03
Revises: 8b3f5d2a6c91
Create Date: 2026-12-02 03:15:00

The outcome report sets the actual return to work against this date ("gerealiseerde besparing"). Existing
analyses keep it empty: what the target was on the day they were made is not known, so they are left out of the
realised figure rather than guessed.
"""

import sqlalchemy as sa
from alembic import op

revision = "c41e9a7d2f03"
down_revision = "8b3f5d2a6c91"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("cost_benefits", sa.Column("expected_rtw_date", sa.Date(), nullable=True))


def downgrade():
    # SQLite (3.35+) drops a column in place.
    op.execute("ALTER TABLE cost_benefits DROP COLUMN expected_rtw_date")
