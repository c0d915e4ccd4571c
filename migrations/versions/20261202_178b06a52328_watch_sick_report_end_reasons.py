"""scan change notes on sick_report_end_reasons: the frequent-absence kind reads it (an end reason re-classed as
"foutief opgevoerd" takes a report out of the count), so the scan must see it written

Revision ID: 178b06a52328
Revises: 6c1f0e9b7a42
Create Date: 2026-12-02 05:00:00

The same triggers as migration 6c1f0e9b7a42 gives every watched table (frozen here: a migration never imports
another).
"""

from alembic import op

revision = "178b06a52328"
down_revision = "6c1f0e9b7a42"
branch_labels = None
depends_on = None

TABLE = "sick_report_end_reasons"
EVENTS = ("insert", "update", "delete")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for event in EVENTS:
            rows = "OLD" if event == "delete" else "NEW"
            op.execute(
                f"CREATE TRIGGER data_changes_{TABLE}_{event} AFTER {event.upper()} ON {TABLE}"
                f" REFERENCING {rows} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION data_changes_note()"
            )
        op.execute(
            f"CREATE TRIGGER data_changes_{TABLE}_truncate AFTER TRUNCATE ON {TABLE}"
            " FOR EACH STATEMENT EXECUTE FUNCTION data_changes_note_truncate()"
        )
        return
    for event in EVENTS:
        op.execute(
            f"CREATE TRIGGER data_changes_{TABLE}_{event} AFTER {event.upper()} ON {TABLE}"  # noqa: S608 (constants)
            f" WHEN NOT EXISTS (SELECT 1 FROM data_changes WHERE table_name = '{TABLE}')"
            f" BEGIN INSERT INTO data_changes (table_name) VALUES ('{TABLE}'); END"
        )


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    on = f" ON {TABLE}" if postgresql else ""
    for event in [*EVENTS, "truncate"] if postgresql else EVENTS:
        op.execute(f"DROP TRIGGER data_changes_{TABLE}_{event}{on}")
