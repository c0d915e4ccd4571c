"""Languages: Dutch by default, English by the user's choice (Flask-Babel, also Flask-Admin's own strings).

The console's strings go through gettext/lazy_gettext with the catalogue in console/translations; Flask-Admin
translates its own strings ("List", "Save", ...) in its "admin" domain, a flask_babel Domain that asks the same
locale selector, so both follow the signed-in user's language. Anonymous pages (login) speak the default.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import flask_babel
from flask import Blueprint, Flask, current_app, flash, g, redirect, request, url_for
from flask_babel import Babel, refresh
from flask_babel import gettext as _
from flask_login import current_user

from casework.errors import Invalid
from casework.preferences import set_language
from models import db, utcnow

from .redirects import local_target

LANGUAGES = ("nl", "en")
bp = Blueprint("language", __name__)


def N_(message: str) -> str:
    """Mark a Dutch string for `pybabel extract` without translating it; gettext translates it when shown."""
    return message


def select_locale() -> str:
    """The signed-in user's language, else the configured default (nl)."""
    language = getattr(current_user, "language", None) if current_user else None
    if language is not None and str(language) in LANGUAGES:
        return str(language)
    return current_app.config.get("TRAJECT_LANGUAGE") or "nl"


@bp.post("/account/language")
def switch() -> Any:
    """Store the signed-in user's language (POST with the CSRF token); logged by the engine."""
    from .auth import actor, login_manager

    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    try:
        set_language(current_user.user, request.form.get("language", ""), actor=actor(), now=utcnow())
    except Invalid as error:
        flash(error.errors["language"], "error")
    else:
        db.session.commit()
        current_user.language = current_user.user.language
        refresh()  # this request's messages in the new language
        flash(_("Taal opgeslagen."), "success")
    # back to the page the switch was used on, never to another site
    return redirect(local_target(request.form.get("next"), url_for("admin.index")))


def _babel_cached(key: str, compute: Any) -> Any:
    """Flask-Babel's per-request `key` (babel_translations, babel_tzinfo), found in one step.

    Flask-Babel looks up its context, domain and locale anew for every string it translates and every time it
    converts (about ten proxy lookups each; a dossier page has hundreds of both). Its own refresh() and
    force_locale() reset these same keys, so a language changed within a request is still followed."""
    try:
        context = g.get("_flask_babel")
    except RuntimeError:  # outside an application context: Flask-Babel's own answer
        return compute()
    value = getattr(context, key, None)
    if value is None:
        value = compute()
        context = g.get("_flask_babel")  # compute() makes it when this request had none yet
        if context is not None:
            setattr(context, key, value)
    return value


def translations() -> Any:
    """This request's catalogue (what flask_babel.get_translations() returns), looked up once per request."""
    return _babel_cached("babel_translations", flask_babel.get_translations)


def local_time(value: dt.datetime | None, pattern: str = "%d-%m-%Y %H:%M") -> str:
    """A stored (UTC) moment as the wall-clock time of the console's time zone (TRAJECT_TIMEZONE)."""
    if value is None:
        return "—"
    zone = _babel_cached("babel_tzinfo", flask_babel.get_timezone)  # as flask_babel.to_user_timezone does
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return zone.normalize(value.astimezone(zone)).strftime(pattern)


def datum(value: dt.date | None) -> str:
    """A day as every screen of Traject writes it (casework.calendar.dutch_date): 05-03-2026; — for none."""
    from casework.calendar import dutch_date

    if isinstance(value, dt.datetime):
        return local_time(value, "%d-%m-%Y")
    return dutch_date(value) if value else "—"


def dutch_number(value: Decimal | int | float | None, places: int = 2) -> str:
    """A number as Dutch writes it: 2.500,00 (a decimal comma, dots between thousands)."""
    from casework.costbenefit import format_number

    return "—" if value is None else format_number(Decimal(value), places)


def euro(value: Decimal | int | None) -> str:
    """An amount as Dutch writes money: € 2.500,00 (a whole number too, as a page may hold one just set)."""
    from casework.costbenefit import format_euro

    return "—" if value is None else format_euro(Decimal(value))


def init_i18n(app: Flask) -> None:
    """Initialise Flask-Babel before any admin page renders; install the language switch."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "nl")
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Amsterdam")
    Babel(app, locale_selector=select_locale)
    # Flask-Babel's template callables, with the catalogue looked up once per request instead of per string.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.filters["euro"] = euro
    app.jinja_env.filters["datum"] = datum
    app.jinja_env.filters["getal"] = dutch_number
    app.register_blueprint(bp)
