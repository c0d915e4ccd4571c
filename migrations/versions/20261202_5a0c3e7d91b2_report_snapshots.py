"""report snapshots: reports kept for every worker while nothing they count changed

Revision ID: 5a0c3e7d91b2
Revises: 7bb690b6470e
Create Date: 2026-12-02 07:00:00

The console's report page over the whole book is about a second of database work at 100,000 employees
(issue 15). casework.report_cache keeps each computed report in report_snapshots under the value of
report_generations, which every transaction that writes a table a report reads raises, in that transaction. New
tables only: no watched table is rebuilt, so the scan's change triggers are untouched.
"""

import sqlalchemy as sa
from alembic import op

revision = "5a0c3e7d91b2"
down_revision = "7bb690b6470e"
branch_labels = None
depends_on = None


def upgrade():
    generations = op.create_table(
        "report_generations",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_generations")),
    )
    op.bulk_insert(generations, [{"id": 1, "value": 0}])
    op.create_table(
        "report_snapshots",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_report_snapshots")),
    )


def downgrade():
    op.drop_table("report_snapshots")
    op.drop_table("report_generations")
