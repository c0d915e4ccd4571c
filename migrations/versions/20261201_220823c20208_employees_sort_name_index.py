"""employees sort-name index: the dossier list's order, lower(last_name), first_name, id, read from an index

Revision ID: 220823c20208
Revises: 9d3f6b2a7c15
Create Date: 2026-12-01 21:00:00

An index on an expression: SQLite cannot reflect it, so a later batch migration that recreates the employees
table on SQLite must create it again (SQLAlchemy warns "Skipped unsupported reflection of expression-based index").
"""

import sqlalchemy as sa
from alembic import op

revision = "220823c20208"
down_revision = "9d3f6b2a7c15"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_employees_sort_name", "employees", [sa.text("lower(last_name)"), "first_name", "id"], unique=False
    )


def downgrade():
    op.drop_index("ix_employees_sort_name", table_name="employees")
