"""GET /calendar/<token>.ics: a user's private iCalendar feed (casework.calendar_feed), without a sign-in.

Calendar apps cannot sign in, so the random token in the URL is the key; an unknown or revoked token, or one of a
deactivated user, is a plain 404 that says nothing about why.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app

from bot.links import base_url, dossier_url
from casework.calendar_feed import render_feed, user_for_token
from models import utcnow

bp = Blueprint("calendar_feed", __name__)


@bp.get("/calendar/<token>.ics")
def feed(token: str) -> Any:
    """The feed of the user this token belongs to."""
    user = user_for_token(token)
    if user is None:
        abort(404)
    link = dossier_url(base_url(current_app.config), 0).replace("/0/", "/{id}/")
    body = render_feed(user, dossier_url=link, now=utcnow())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "no-store", "Content-Disposition": 'inline; filename="traject.ics"'},
    )
