"""slack deliveries: Slack requests already acted on, so a retry or a replay is acted on once across workers

Revision ID: dbd1b900d605
Revises: 2a8e4c6f1d93
Create Date: 2026-12-01 21:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "dbd1b900d605"
down_revision = "2a8e4c6f1d93"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "slack_deliveries",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_slack_deliveries")),
    )
    with op.batch_alter_table("slack_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slack_deliveries_received_at"), ["received_at"], unique=False)


def downgrade():
    with op.batch_alter_table("slack_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slack_deliveries_received_at"))
    op.drop_table("slack_deliveries")
