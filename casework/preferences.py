"""A user's own preferences: the language the console speaks to them (Dutch by default, English by choice)."""

from __future__ import annotations

import datetime as dt

from models import Language, User, db

from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def set_language(user: User, language: str, *, actor: Actor, now: dt.datetime) -> User:
    """Store the user's language (nl or en); logged when it changes."""
    if language not in LANGUAGE_NAMES:
        raise Invalid({"language": M_("Kies Nederlands (nl) of English (en).")})
    if user.language != Language(language):
        user.language = Language(language)
        db.session.flush()
        log(actor, now, "user.language", f"Taal van {user.email}: {LANGUAGE_NAMES[language]}", subject=user)
    return user
