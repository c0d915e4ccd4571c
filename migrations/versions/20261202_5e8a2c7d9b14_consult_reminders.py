"""consult reminders: when the reminder before a consult was queued

Revision ID: 5e8a2c7d9b14
Revises: b653fc7ec174
Create Date: 2026-12-02 00:40:00

A reminder is queued once per consult (TRAJECT_CONSULT_REMINDER_MINUTES before it starts); the column says it was.
"""

import warnings

import sqlalchemy as sa
from alembic import op

revision = "5e8a2c7d9b14"
down_revision = "b653fc7ec174"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("consults", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminded_at", sa.DateTime(), nullable=True))


def downgrade():
    with warnings.catch_warnings():  # SQLite copies the table, reflecting the employees it refers to
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        with op.batch_alter_table("consults", schema=None) as batch_op:
            batch_op.drop_column("reminded_at")
