"""signal kind consult_due: "Tijd voor een praatje", no consult held or planned for a while

Revision ID: b06d1d6c8cb6
Revises: 9382c3d5484a
Create Date: 2026-12-02 04:00:00

The signal kind lives in the CHECK constraint ck_signals_signal_kind, so that constraint is replaced, as in
5e7a3c9d1b46: SQLite rebuilds the signals table (batch mode), its partial indexes are dropped first and made again
after, and the notifications are kept aside, because dropping the old table deletes them by ON DELETE CASCADE.
"""

import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "b06d1d6c8cb6"
down_revision = "9382c3d5484a"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "task_overdue",
    "rtw_target_passed",
    "prognosis_passed",
    "not_contacted",
    "poortwachter_due",
    "trigger_notice",
    "consult_pending",
    "consult_no_show",
    "weight_outdated",
)
NEW_KINDS = (*OLD_KINDS, "consult_due")
OPEN = sa.text("status = 'open'")
PARTIAL = {
    "uq_signals_open_kind_subject_due": (["kind", "subject_type", "subject_id", "due_date"], True),
    "ix_signals_open_due_date": (["due_date", "id"], False),
}


@contextmanager
def _quiet():
    """SQLite cannot reflect the expression index of employees (ix_employees_sort_name): harmless here."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Skipped unsupported reflection of expression-based index")
        yield


def _kinds(kinds):
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def _signal_kinds(kinds):
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMP TABLE keep_notifications AS SELECT * FROM notifications")
        for name in PARTIAL:
            op.drop_index(name, table_name="signals")
    with _quiet(), op.batch_alter_table("signals", schema=None) as batch_op:
        batch_op.drop_constraint("signal_kind", type_="check")
        batch_op.create_check_constraint("signal_kind", _kinds(kinds))
    if sqlite:
        for name, (columns, unique) in PARTIAL.items():
            op.create_index(name, "signals", columns, unique=unique, sqlite_where=OPEN)
        op.execute(
            "INSERT INTO notifications SELECT * FROM keep_notifications"
            " WHERE id NOT IN (SELECT id FROM notifications)"
            " AND (signal_id IS NULL OR signal_id IN (SELECT id FROM signals))"
        )
        op.execute("DROP TABLE keep_notifications")


def upgrade():
    _signal_kinds(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM signals WHERE kind = 'consult_due'")  # their notifications go by cascade
    _signal_kinds(OLD_KINDS)
