"""The migrations build exactly the models, and go down and up again."""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from models import db

# Indexes on an expression: SQLite cannot reflect them (PostgreSQL compares them); _expression_indexes checks
# them on SQLite instead.
EXPRESSION_INDEXES = {"ix_employees_sort_name": ("employees", "lower(last_name), first_name, id")}


def _differences() -> list:
    with warnings.catch_warnings(), db.engine.connect() as connection:
        for name in EXPRESSION_INDEXES:
            warnings.filterwarnings(
                "ignore", f"Skipped unsupported reflection of expression-based index {name}"
            )
            warnings.filterwarnings(
                "ignore", f"autogenerate skipping metadata-specified expression-based index '{name}'"
            )
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _expression_indexes() -> None:
    """On SQLite, the expression indexes exist as the models define them (reflection cannot see them)."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        for name, (table, columns) in EXPRESSION_INDEXES.items():
            sql = connection.scalar(
                sa.text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :n AND tbl_name = :t"),
                {"n": name, "t": table},
            )
            assert sql is not None and sql.replace('"', "").endswith(f"({columns})"), (name, sql)


def _tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_migrations_produce_exactly_the_models(make_app):
    app = make_app()
    with app.app_context():
        upgrade()
        assert _differences() == []
        _expression_indexes()
        assert _tables() == set(db.metadata.tables)


def test_upgrade_downgrade_upgrade(make_app):
    app = make_app()
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert _tables() == set()
        upgrade()
        assert _tables() == set(db.metadata.tables)
        assert _differences() == []
        _expression_indexes()
