"""Concurrent writers against the live server (werkzeug's threaded server on loopback), on SQLite and PostgreSQL.

Eight clients at once register employees through the API, report them sick, read them back (a logged read) and
sign in through the login form: every call succeeds and every write is in the database. A lock held longer than
the database waits answers 503 with Retry-After, JSON under the API, a Dutch page in the console; reads go on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import Flask

from benchmarks.concurrency import Setup, call, drive, prepare, served, sign_in, stored
from models import Employee, LogEntry, db
from models.engine import ReadPathWriteWarning, reading
from tests.conftest import BACKEND

CLIENTS, WRITES, SIGNINS = 8, 5, 2


@pytest.fixture(scope="module")
def live_app(app_factory) -> Iterator[Flask]:
    """An app on its own migrated database, with an employer, an API token and one user per client."""
    application = app_factory(TRAJECT_SECURE_COOKIES=False)
    application.config["concurrency"] = prepare(application, CLIENTS)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def live_setup(live_app: Flask) -> Iterator[Setup]:
    """The app served on a free loopback port, and what the clients need to call it."""
    token, employer_id, emails = live_app.config["concurrency"]
    with served(live_app) as port:
        yield Setup(port, token, employer_id, emails)


def test_eight_parallel_clients_write_and_sign_in_without_one_error(live_app, live_setup):
    outcome = drive(live_setup, CLIENTS, WRITES, SIGNINS)

    assert outcome.failures == []
    assert outcome.statuses["employee"] == {201: CLIENTS * WRITES}
    assert outcome.statuses["sick report"] == {201: CLIENTS * WRITES}
    assert outcome.statuses["logged read"] == {200: CLIENTS * WRITES}
    assert outcome.statuses["sign-in"] == {302: CLIENTS * SIGNINS}
    assert stored(live_app, outcome) == {
        "employees": CLIENTS * WRITES,
        "sick reports": CLIENTS * WRITES,
        "logged reads": CLIENTS * WRITES,
        "sign-ins": CLIENTS * SIGNINS,
    }


@contextmanager
def held_write_lock(app: Flask) -> Iterator[None]:
    """Another connection holds what a write needs; meanwhile the app gives up waiting after 0.3 s."""
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        engine = db.engine
    patch = pytest.MonkeyPatch()
    if BACKEND == "sqlite":
        patch.setattr("models.engine.SQLITE_BUSY_TIMEOUT_MS", 300)
        holder = sqlite3.connect(url.database, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        sa.event.listen(engine, "connect", _short_lock_timeout)
        holder = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
        holder.execute("LOCK TABLE employees, log_entries IN EXCLUSIVE MODE")  # reads still pass
    engine.dispose()  # new connections wait only briefly
    try:
        yield
    finally:
        holder.rollback()
        holder.close()
        if BACKEND != "sqlite":
            sa.event.remove(engine, "connect", _short_lock_timeout)
        patch.undo()
        engine.dispose()


def _short_lock_timeout(dbapi_connection, _record) -> None:
    dbapi_connection.execute("SET lock_timeout = '300ms'")
    dbapi_connection.commit()


def _api_call(setup: Setup, method: str, path: str, data: dict | None = None):
    headers = {"Authorization": f"Bearer {setup.token}", "Content-Type": "application/json"}
    body = json.dumps(data) if data is not None else None
    return call(setup.port, method, f"/api/v1{path}", body, headers)


def _count(app: Flask, query: sa.Select) -> int:
    with app.app_context():
        found = db.session.scalar(query)
        db.session.remove()
    return found


BUSY = "Traject is even druk bezig. Probeer het over enkele seconden opnieuw."
NEW_EMPLOYEE = {"personnel_number": "BEZET-1", "last_name": "Wacht"}


def test_an_api_write_that_cannot_get_the_lock_answers_503_and_changes_nothing(live_app, live_setup):
    new = {"employer_id": live_setup.employer_id, **NEW_EMPLOYEE}
    stored_new = sa.select(sa.func.count()).where(Employee.personnel_number == "BEZET-1")
    with held_write_lock(live_app):
        status, headers, text = _api_call(live_setup, "POST", "/employees/", new)
        read_status, _headers, read_text = _api_call(live_setup, "GET", "/employers/")

    assert status == 503
    assert headers["retry-after"] == "2"
    assert headers["content-type"].startswith("application/json")
    assert json.loads(text) == {"code": "busy", "message": BUSY, "errors": {}}
    assert read_status == 200 and "Gelijktijdig B.V." in read_text  # reading never waits for a writer
    assert _count(live_app, stored_new) == 0

    status, _headers, _text = _api_call(live_setup, "POST", "/employees/", new)  # the lock is gone
    assert status == 201
    assert _count(live_app, stored_new) == 1


def test_a_sign_in_that_cannot_get_the_lock_shows_a_dutch_page_with_retry_after(live_app, live_setup):
    succeeded = sa.select(sa.func.count()).where(LogEntry.action == "login.succeeded")
    before = _count(live_app, succeeded)
    with held_write_lock(live_app):
        status, headers, text = sign_in(live_setup, live_setup.emails[0])

    assert status == 503
    assert headers["retry-after"] == "2"
    assert BUSY in text
    assert _count(live_app, succeeded) == before


def test_a_write_where_only_reads_were_declared_is_reported(db, create_user):
    user = create_user()
    with reading(), pytest.warns(ReadPathWriteWarning):
        user.name = "Iemand Anders"
        db.session.flush()
