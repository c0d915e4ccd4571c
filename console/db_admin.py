"""Database administration: migrations to the newest revision, and which database is in use."""

from __future__ import annotations

from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from models import db


def current_revision() -> str | None:
    """The Alembic revision the database is at (None when empty)."""
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database() -> tuple[str | None, str | None]:
    """Run the migrations up to head; returns the revision before and after."""
    before = current_revision()
    upgrade()
    return before, current_revision()


def describe_database() -> str:
    """The database URL without its password."""
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
