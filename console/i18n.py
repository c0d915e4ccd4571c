"""Languages: Dutch by default, English by the user's choice (Flask-Babel, also Flask-Admin's own strings)."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import Babel
from flask_login import current_user

LANGUAGES = ("nl", "en")


def select_locale() -> str:
    """The signed-in user's language, else the configured default (nl)."""
    language = getattr(current_user, "language", None) if current_user else None
    if language is not None and str(language) in LANGUAGES:
        return str(language)
    return current_app.config.get("TRAJECT_LANGUAGE") or "nl"


def init_i18n(app: Flask) -> None:
    """Initialise Flask-Babel before any admin page renders."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "nl")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Amsterdam")
    Babel(app, locale_selector=select_locale)
