"""One request, one transaction, begun the way it will be used: reads deferred, writes with the write lock.

A request fetched with GET, HEAD or OPTIONS only reads, unless its view is marked `@writes` (a page whose read is
logged, e.g. the dossier): its transaction begins deferred and never waits for a writer (SQLite WAL). Every other
request, and everything outside a request (CLI, scheduler, Socket Mode bot), takes the write lock when its
transaction begins (see models/engine.py). A door that must do slow work before it knows what to write (the sign-in
checks a password) reads first and calls `start_writing()` before its first write.

When the lock still cannot be had within the busy timeout, the answer is 503 with Retry-After (JSON under the API),
never a 500: nothing was written, and trying again a moment later works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context, make_response, render_template, request
from flask_babel import gettext as _

from models import db
from models.engine import declare_reading, is_lock_timeout, undeclare_reading

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_AFTER_SECONDS = 2
View = TypeVar("View", bound=Callable[..., Any])


def writes(view: View) -> View:
    """Mark a view fetched with GET that writes (its read is logged): its transaction takes the write lock."""
    view.traject_writes = True  # type: ignore[attr-defined]
    return view


def reads_first(view: View) -> View:
    """Mark a view that reads before it writes, also when posted: it calls start_writing() before writing."""
    view.traject_reads_first = True  # type: ignore[attr-defined]
    return view


def is_reading() -> bool:
    """Whether this request declared (still) that it only reads."""
    return bool(g.get("_traject_reading", False))


def start_writing() -> None:
    """End this request's read transaction (it wrote nothing) so that what follows takes the write lock."""
    if not has_request_context() or not is_reading():
        return
    if db.session.new or db.session.dirty or db.session.deleted:
        raise RuntimeError("start_writing() after a change: the change would be committed as a read")
    db.session.commit()
    g._traject_reading = False
    declare_reading(False)


def finish_writing() -> None:
    """Commit a short write begun with start_writing(); a request that reads then reads on without the lock."""
    db.session.commit()
    if has_request_context() and g.get("_traject_declared_reading") and not is_reading():
        g._traject_reading = True
        declare_reading(True)


def _begin_request() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "traject_reads_first", False):
        reading = True
    else:
        reading = request.method in SAFE_METHODS and not getattr(view, "traject_writes", False)
    g._traject_reading = g._traject_declared_reading = reading
    g._traject_reading_token = declare_reading(reading)


def _end_request(_error: BaseException | None) -> None:
    g.pop("_traject_reading", None)
    g.pop("_traject_declared_reading", None)
    token = g.pop("_traject_reading_token", None)
    if token is not None:
        undeclare_reading(token)


def _busy(error: sa.exc.OperationalError) -> Any:
    """A lock that timed out: 503 with Retry-After, in the door's own format; any other error stays a 500."""
    if not is_lock_timeout(error):
        raise error
    db.session.rollback()
    from .api.common import PREFIX, error_response

    message = _("Traject is even druk bezig. Probeer het over enkele seconden opnieuw.")
    if request.path.startswith(PREFIX):
        response = error_response(503, "busy", message)
    else:
        response = make_response(render_template("console/busy.html", message=message), 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def init_transactions(app: Flask) -> None:
    """Decide each request's kind of transaction before anything touches the database; answer busy with 503."""
    app.before_request(_begin_request)
    app.teardown_request(_end_request)
    app.register_error_handler(sa.exc.OperationalError, _busy)
