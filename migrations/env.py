"""Alembic environment for Traject: the models' metadata, batch mode on SQLite, no empty revisions."""

from alembic import context
from flask import current_app

config = context.config
migrate_ext = current_app.extensions["migrate"]
target_metadata = migrate_ext.db.metadata


def _skip_empty(context_, revision, directives):
    """Do not write a revision when autogenerate found no change."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []


def run_migrations_offline() -> None:
    """Emit SQL to standard output instead of running it."""
    context.configure(
        url=str(migrate_ext.db.engine.url),
        target_metadata=target_metadata,
        literal_binds=True,
        **migrate_ext.configure_args,
    )
    with context.begin_transaction():
        context.run_migrations()


def _sqlite_foreign_keys(connection, on: bool) -> None:
    """Switch SQLite's foreign keys on the driver's connection, outside any transaction (inside one SQLite
    ignores the pragma)."""
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the app's database.

    On SQLite, batch mode rebuilds a table by copying it and dropping the old one. With foreign keys on, that drop
    deletes every row referring to the table by ON DELETE CASCADE (rebuilding sick_reports took the percentage
    history with it). So, as SQLite's own procedure for schema changes says, foreign keys are off while migrating,
    and PRAGMA foreign_key_check must find nothing wrong before the transaction commits.
    """
    args = dict(migrate_ext.configure_args)
    args.setdefault("process_revision_directives", _skip_empty)
    with migrate_ext.db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, False)
            # One transaction for the whole upgrade (SQLite's DDL is transactional; models.engine lets SQLAlchemy
            # issue the BEGIN), so the foreign key check below can still refuse all of it.
            args.setdefault("transactional_ddl", True)
        try:
            context.configure(connection=connection, target_metadata=target_metadata, **args)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration leaves rows pointing nowhere: {broken[:10]}")
        finally:
            if sqlite:
                if connection.in_transaction():  # a read after the last migration; nothing of it to keep
                    connection.rollback()
                _sqlite_foreign_keys(connection, True)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
