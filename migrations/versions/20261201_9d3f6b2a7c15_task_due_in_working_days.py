"""task templates: a due offset in working days

Revision ID: 9d3f6b2a7c15
Revises: 4c1e9a7d2b58
Create Date: 2026-12-01 21:30:00

A task template's due offset counts calendar days (as before) or working days of the holiday calendar.
"""

import sqlalchemy as sa
from alembic import op

revision = "9d3f6b2a7c15"
down_revision = "4c1e9a7d2b58"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("task_templates", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("due_in_working_days", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("task_templates", schema=None) as batch_op:
        batch_op.drop_column("due_in_working_days")
