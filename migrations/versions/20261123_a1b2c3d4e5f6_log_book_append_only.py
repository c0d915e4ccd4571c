"""log book append-only: the database refuses changing a log entry

Revision ID: a1b2c3d4e5f6
Revises: 0825629010e5
Create Date: 2026-11-23 08:20:00

Deleting stays possible: the retention purge removes a whole dossier, log included (SPEC §10).
"""

from alembic import op

revision = "a1b2c3d4e5f6"
down_revision = "0825629010e5"
branch_labels = None
depends_on = None

MESSAGE = "log book entries cannot be changed (logboek is alleen aan te vullen)"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION log_entries_refuse_update() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER log_entries_append_only BEFORE UPDATE ON log_entries "
            "FOR EACH ROW EXECUTE FUNCTION log_entries_refuse_update()"
        )
    else:
        op.execute(
            "CREATE TRIGGER log_entries_append_only BEFORE UPDATE ON log_entries "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade():
    op.execute(
        "DROP TRIGGER log_entries_append_only"
        + (" ON log_entries" if op.get_bind().dialect.name == "postgresql" else "")
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION log_entries_refuse_update()")
