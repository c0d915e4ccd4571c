"""api list indexes: the API's task and signal lists read a page in their order from an index

Revision ID: 8c5b98c77288
Revises: f3a9c1e7b264
Create Date: 2026-12-01 21:20:00

Tasks by due date (everyone's) and by assignee and due date (whatever the status); open signals by due date.
Overdue and open tasks already have their partial indexes (ix_tasks_open_due_date, ix_tasks_open_assignee).
"""

import sqlalchemy as sa
from alembic import op

revision = "8c5b98c77288"
down_revision = "f3a9c1e7b264"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_tasks_due_date_id", "tasks", ["due_date", "id"], unique=False)
    op.create_index("ix_tasks_assignee_due_date", "tasks", ["assignee_id", "due_date", "id"], unique=False)
    op.create_index(
        "ix_signals_open_due_date",
        "signals",
        ["due_date", "id"],
        unique=False,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )


def downgrade():
    op.drop_index("ix_signals_open_due_date", table_name="signals")
    op.drop_index("ix_tasks_assignee_due_date", table_name="tasks")
    op.drop_index("ix_tasks_due_date_id", table_name="tasks")
