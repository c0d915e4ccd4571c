"""api token expiry: a token can be given an end date, after which it answers 401

Revision ID: 5e0c9a7d3b21
Revises: b7c4e2f19a30
Create Date: 2026-12-01 20:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5e0c9a7d3b21"
down_revision = "b7c4e2f19a30"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
