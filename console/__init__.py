"""The web door: the application factory for the console, the REST API and the Slack endpoint."""

from __future__ import annotations

import os
import secrets
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from flask import Flask
from flask_migrate import Migrate

from models import configure_engine, db

from .config import ConfigError, from_environment, validate

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")
migrate = Migrate(directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)

__all__ = ["ConfigError", "create_app", "migrate", "traject_version"]


def traject_version() -> str:
    """The installed distribution's version."""
    try:
        return version("traject")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app: settings from the environment, overridden by `config`."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    settings = from_environment(app.instance_path)
    if config:
        settings.update(config)
    if settings.get("DATABASE_URL"):
        from models import normalise_database_url

        settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(settings.pop("DATABASE_URL"))
    validate(settings)
    if not settings.get("SECRET_KEY"):
        # Debug or testing only (validate refused otherwise): a per-process key.
        settings["SECRET_KEY"] = secrets.token_hex(32)
    app.config.update(settings)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    # A database error names the statement but never its parameters (a BSN, a name) in logs and tracebacks.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault("hide_parameters", True)
    from .logprivacy import install as mask_bsns_in_logs

    mask_bsns_in_logs()  # PostgreSQL repeats a refused value in its own message; no BSN in any log line

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db)

    from . import home, limits, transactions, uploads

    transactions.init_transactions(app)  # first: it decides how each request's transaction begins

    limits.init_limits(app)  # before the doors, so its checks run before theirs (CSRF reads the form)
    app.register_blueprint(home.bp)
    app.register_blueprint(
        __import__("console.calendar_feed", fromlist=["bp"]).bp
    )  # GET /calendar/<token>.ics
    app.register_blueprint(uploads.bp)  # the providers' upload links: public, CSRF-protected
    __import__("bot").init_slack(app)  # the Slack door: POST /slack/events
    __import__("console.api", fromlist=["init_api"]).init_api(app)
    __import__("console.errors", fromlist=["init_errors"]).init_errors(app)
    __import__("console.admin", fromlist=["init_console"]).init_console(app)
    return app
