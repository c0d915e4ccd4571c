"""employees: employment start and end, contract hours per week; signal kind frequent_absence

Revision ID: 88182a443410
Revises: d7b2e5a90c18
Create Date: 2026-12-02 03:10:00

The absence figures (casework.absence_figures) weigh days by the contract hours within the employment. On SQLite
the columns are added in place with their CHECK constraints attached to the column (ALTER TABLE ADD COLUMN; a
rebuild of employees would lose its expression index and, by cascade, everything that refers to an employee);
PostgreSQL gets them as named table constraints. The signal kind lives in the CHECK constraint
ck_signals_signal_kind, replaced as in revision 5e7a3c9d1b46 (the signals table rebuilt on SQLite, its partial
indexes and the notifications kept).
"""

import warnings
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "88182a443410"
down_revision = "d7b2e5a90c18"
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
    "consult_due",
)
NEW_KINDS = (*OLD_KINDS, "frequent_absence")
OPEN = sa.text("status = 'open'")
PARTIAL = {
    "uq_signals_open_kind_subject_due": (["kind", "subject_type", "subject_id", "due_date"], True),
    "ix_signals_open_due_date": (["due_date", "id"], False),
}
PERIOD = "employment_end IS NULL OR employment_start IS NULL OR employment_end >= employment_start"
HOURS = "contract_hours IS NULL OR (contract_hours > 0 AND contract_hours <= 60)"


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
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE employees ADD COLUMN employment_start DATE")
        op.execute(
            "ALTER TABLE employees ADD COLUMN employment_end DATE"
            f" CONSTRAINT ck_employees_employment_end_after_start CHECK ({PERIOD})"
        )
        op.execute(
            "ALTER TABLE employees ADD COLUMN contract_hours NUMERIC(4, 2)"
            f" CONSTRAINT ck_employees_contract_hours_in_range CHECK ({HOURS})"
        )
    else:
        op.add_column("employees", sa.Column("employment_start", sa.Date(), nullable=True))
        op.add_column("employees", sa.Column("employment_end", sa.Date(), nullable=True))
        op.add_column("employees", sa.Column("contract_hours", sa.Numeric(4, 2), nullable=True))
        op.create_check_constraint("employment_end_after_start", "employees", PERIOD)
        op.create_check_constraint("contract_hours_in_range", "employees", HOURS)
    _signal_kinds(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM signals WHERE kind = 'frequent_absence'")  # their notifications go by cascade
    _signal_kinds(OLD_KINDS)
    # Not in batch mode (see above); each CHECK goes with the column it is attached to on SQLite, so the end
    # (whose check names the start) is dropped before the start.
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_employees_contract_hours_in_range"), "employees", type_="check")
        op.drop_constraint(op.f("ck_employees_employment_end_after_start"), "employees", type_="check")
    for column in ("contract_hours", "employment_end", "employment_start"):
        op.execute(f"ALTER TABLE employees DROP COLUMN {column}")
