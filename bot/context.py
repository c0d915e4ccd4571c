"""One Slack interaction = one transaction in the Flask app context, done as the linked user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask

from casework.errors import Invalid
from casework.i18n import N_, set_language
from casework.i18n import gettext as _
from casework.logbook import Actor
from models import User, db

REFUSAL = N_(
    "Sorry, je Slack-account is niet gekoppeld aan een actieve gebruiker van Traject. "
    "Vraag de functioneel beheerder om je Slack-id aan je account te koppelen."
)


def refusal() -> str:
    """What an unknown Slack user is told (in the installation's default language: we do not know theirs)."""
    return _(REFUSAL)


class NotLinked(Exception):
    """The Slack user is not a linked, active user."""


def utcnow() -> dt.datetime:
    """Now as naive UTC; the app may pin it with TRAJECT_NOW (tests, demo)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def now_for(flask_app: Flask) -> dt.datetime:
    """The clock of the app: config TRAJECT_CLOCK (a callable) when set, else the wall clock."""
    clock = flask_app.config.get("TRAJECT_CLOCK")
    return clock() if clock else utcnow()


def linked_user(slack_user_id: str | None) -> User:
    """The active user linked to a Slack id, or NotLinked."""
    if not slack_user_id:
        raise NotLinked
    user = db.session.scalar(sa.select(User).where(User.slack_user_id == slack_user_id))
    if user is None or not user.active:
        raise NotLinked
    return user


@contextmanager
def interaction(flask_app: Flask, slack_user_id: str | None) -> Iterator[tuple[User, Actor, dt.datetime]]:
    """Run as the linked user: commit on success, roll back on Invalid (re-raised for the caller to show).

    From here on the listener speaks the user's language (casework.i18n; the default one for an unknown user):
    the rest of the listener, also its answer after the block, is in it. Each listener runs in a context of its
    own (bot.FreshContext), so the choice ends with it.
    """
    set_language(flask_app.config.get("TRAJECT_LANGUAGE"))
    with flask_app.app_context():
        try:
            user = linked_user(slack_user_id)
            set_language(user.language)
            yield user, Actor(user), now_for(flask_app)
            db.session.commit()
        except Invalid:
            db.session.rollback()
            raise
        except BaseException:
            db.session.rollback()
            raise


def message(error: Invalid) -> str:
    """An engine refusal as one sentence for a chat (the field names stay in the code)."""
    return " ".join(error.errors.values())
