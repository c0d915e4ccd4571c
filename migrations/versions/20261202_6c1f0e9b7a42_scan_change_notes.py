"""scan change notes: triggers note which tables the signal scan reads were written, so an idle rescan is cheap

Revision ID: 6c1f0e9b7a42
Revises: 88182a443410
Create Date: 2026-12-02 03:10:00

Every insert, update or delete on a watched table notes the table's name in data_changes, at most once per table
and transaction, in the writer's own transaction (so the note becomes visible exactly when the change does).
PostgreSQL: statement-level triggers that look at their transition table, so a statement that wrote no row notes
nothing; SQLite (row-level triggers only): a note when none is there yet. jobs/scan.py lists which kinds read
which tables (READS); a kind that reads a table not watched here must add its triggers in a migration
(the same three statements per table, see watch() below) before it lists the table.
"""

import sqlalchemy as sa
from alembic import op

revision = "6c1f0e9b7a42"
down_revision = "88182a443410"
branch_labels = None
depends_on = None

# table -> the writes that can change what the scan computes (notifications: only a new or a removed row)
WATCHED = {
    "consult_types": ("insert", "update", "delete"),
    "consults": ("insert", "update", "delete"),
    "employees": ("insert", "update", "delete"),
    "interventions": ("insert", "update", "delete"),
    "notifications": ("insert", "delete"),
    "poortwachter_open_steps": ("insert", "update", "delete"),
    "service_agreements": ("insert", "update", "delete"),
    "service_variations": ("insert", "update", "delete"),
    "sick_reports": ("insert", "update", "delete"),
    "signals": ("insert", "update", "delete"),
    "tasks": ("insert", "update", "delete"),
    "trajectories": ("insert", "update", "delete"),
    "users": ("insert", "update", "delete"),
}

_PG_FUNCTIONS = (
    """
CREATE FUNCTION data_changes_note() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) AND NOT EXISTS (
        SELECT 1 FROM data_changes WHERE txid = txid_current() AND table_name = TG_TABLE_NAME
    ) THEN
        INSERT INTO data_changes (table_name, txid) VALUES (TG_TABLE_NAME, txid_current());
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE FUNCTION data_changes_note_truncate() RETURNS trigger AS $$
BEGIN
    INSERT INTO data_changes (table_name, txid) VALUES (TG_TABLE_NAME, txid_current());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
""",
)


def watch(dialect: str, table: str, events: tuple[str, ...]) -> list[str]:
    """The statements that create the triggers noting writes to `table`."""
    if dialect == "postgresql":
        statements = []
        for event in events:
            rows = "OLD" if event == "delete" else "NEW"
            statements.append(
                f"CREATE TRIGGER data_changes_{table}_{event} AFTER {event.upper()} ON {table}"
                f" REFERENCING {rows} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_changes_note()"
            )
        statements.append(
            f"CREATE TRIGGER data_changes_{table}_truncate AFTER TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION data_changes_note_truncate()"
        )
        return statements
    return [
        f"CREATE TRIGGER data_changes_{table}_{event} AFTER {event.upper()} ON {table}"  # noqa: S608 (constants)
        f" WHEN NOT EXISTS (SELECT 1 FROM data_changes WHERE table_name = '{table}')"
        f" BEGIN INSERT INTO data_changes (table_name) VALUES ('{table}'); END"
        for event in events
    ]


def unwatch(dialect: str, table: str, events: tuple[str, ...]) -> list[str]:
    """The statements that drop them again."""
    on = f" ON {table}" if dialect == "postgresql" else ""
    names = [*events, "truncate"] if dialect == "postgresql" else list(events)
    return [f"DROP TRIGGER data_changes_{table}_{event}{on}" for event in names]


def upgrade():
    op.create_table(
        "data_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_changes")),
    )
    op.create_index("ix_data_changes_txid_table", "data_changes", ["txid", "table_name"], unique=False)
    op.create_table(
        "scan_states",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("scanned_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_scan_states")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for function in _PG_FUNCTIONS:
            op.execute(function)
    for table, events in WATCHED.items():
        for statement in watch(dialect, table, events):
            op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for table, events in WATCHED.items():
        for statement in unwatch(dialect, table, events):
            op.execute(statement)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION data_changes_note_truncate()")
        op.execute("DROP FUNCTION data_changes_note()")
    op.drop_table("scan_states")
    op.drop_index("ix_data_changes_txid_table", table_name="data_changes")
    op.drop_table("data_changes")
