"""The migrations build exactly the models, and go down and up again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from models import db


def _differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_migrations_produce_exactly_the_models(make_app):
    app = make_app()
    with app.app_context():
        upgrade()
        assert _differences() == []
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
