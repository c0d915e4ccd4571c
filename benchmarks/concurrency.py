"""Concurrent writers against the live server: API writes and console sign-ins from parallel clients.

Run with `python -m benchmarks.concurrency [--clients 8] [--writes 10] [--signins 4]`
(`DATABASE_URL=postgresql://… ` to measure PostgreSQL; the default is a temporary SQLite file). The app is served
on loopback by werkzeug's threaded server, as `traject run` does. Each client, in its own thread, registers
`--writes` employees through the API, reports each one sick and reads it back (a read that is logged), then signs
in `--signins` times through the login form. It prints how many calls were answered with which status and whether
every write is in the database; nothing asserts on time. tests/console/test_concurrent_writers.py runs the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import logging
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

PASSWORD = "concurrency-password-2026"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Setup:
    """What the clients need: the port, an API token, an employer and the users who sign in."""

    port: int
    token: str
    employer_id: int
    emails: list[str]


@dataclass
class Outcome:
    """What the clients saw: statuses per kind of call, and what they wrote."""

    statuses: dict[str, Counter] = field(default_factory=dict)
    personnel_numbers: list[str] = field(default_factory=list)
    sick_reports: int = 0
    reads: int = 0
    signins: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, kind: str, status: int, detail: str = "") -> None:
        """Note one answer."""
        with self.lock:
            self.statuses.setdefault(kind, Counter())[status] += 1
            if detail:
                self.failures.append(f"{kind} {status}: {detail[:200]}")

    def errors(self) -> int:
        """Calls answered with anything but what success looks like."""
        return len(self.failures)


def prepare(app, clients: int) -> tuple[str, int, list[str]]:  # noqa: ANN001 - a Flask app
    """Migrate, load the seed, add an employer, an API token and one user per client; commit."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from casework.accounts import create_api_token, create_user
    from casework.logbook import SYSTEM
    from casework.seed import load_seed_configuration
    from models import Employer, Label, ServiceAgreement, ServiceVariation, db

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with app.app_context():
        upgrade()
        load_seed_configuration(now)
        label = db.session.scalars(sa.select(Label).order_by(Label.id)).first()
        variation = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).first()
        employer = Employer(name="Gelijktijdig B.V.", label=label)
        db.session.add(employer)
        db.session.add(
            ServiceAgreement(employer=employer, variation=variation, start_date=dt.date(2025, 1, 1))
        )
        emails = [f"client{n}@gelijktijdig.test" for n in range(clients)]
        for email in emails:
            # case managers: their sign-in is the password alone (administrators add a second factor)
            create_user(email=email, role="casemanager", actor=SYSTEM, now=now, password=PASSWORD)
        _row, token = create_api_token(name="gelijktijdig", actor=SYSTEM, now=now)
        db.session.commit()
        employer_id = employer.id
        db.session.remove()
    return token, employer_id, emails


def call(
    port: int, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    """One HTTP request on a fresh connection: status, headers (lower-case names), body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    finally:
        connection.close()


def api(setup: Setup, method: str, path: str, data: dict | None = None) -> tuple[int, dict]:
    """One API call with the token: status and the JSON answer."""
    headers = {"Authorization": f"Bearer {setup.token}", "Content-Type": "application/json"}
    status, _headers, text = call(
        setup.port, method, f"/api/v1{path}", json.dumps(data) if data is not None else None, headers
    )
    try:
        return status, json.loads(text)
    except ValueError:
        return status, {"body": text}


def sign_in(setup: Setup, email: str) -> tuple[int, dict[str, str], str]:
    """The login form as a browser fills it in: GET for the cookie and CSRF token, then POST."""
    status, headers, text = call(setup.port, "GET", "/login")
    found = CSRF_RE.search(text)
    if status != 200 or not found:
        return status, headers, text
    cookie = headers.get("set-cookie", "").split(";", 1)[0]
    form = urlencode({"csrf_token": found.group(1), "email": email, "password": PASSWORD})
    return call(
        setup.port,
        "POST",
        "/login",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )


def client(setup: Setup, outcome: Outcome, number: int, writes: int, signins: int) -> None:
    """One client: `writes` employees registered, reported sick and read back, then `signins` sign-ins."""
    for n in range(writes):
        personnel_number = f"G{number:02d}-{n:03d}"
        status, data = api(
            setup,
            "POST",
            "/employees/",
            {
                "employer_id": setup.employer_id,
                "personnel_number": personnel_number,
                "last_name": f"Klant{n}",
            },
        )
        outcome.count("employee", status, "" if status == 201 else json.dumps(data))
        if status != 201:
            continue
        with outcome.lock:
            outcome.personnel_numbers.append(personnel_number)
        employee_id = data["id"]
        status, data = api(
            setup, "POST", f"/employees/{employee_id}/sick-reports", {"first_sick_day": "2026-11-02"}
        )
        outcome.count("sick report", status, "" if status == 201 else json.dumps(data))
        if status == 201:
            with outcome.lock:
                outcome.sick_reports += 1
        status, data = api(setup, "GET", f"/employees/{employee_id}")
        outcome.count("logged read", status, "" if status == 200 else json.dumps(data))
        if status == 200:
            with outcome.lock:
                outcome.reads += 1
    for _n in range(signins):
        status, _headers, text = sign_in(setup, setup.emails[number])
        outcome.count("sign-in", status, "" if status == 302 else text)
        if status == 302:
            with outcome.lock:
                outcome.signins += 1


def drive(setup: Setup, clients: int, writes: int, signins: int) -> Outcome:
    """All clients at once, each in its own thread; waits for them all."""
    outcome = Outcome()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(client, setup, outcome, n, writes, signins) for n in range(clients)]
        for future in futures:
            future.result()
    return outcome


def stored(app, outcome: Outcome) -> dict[str, int]:  # noqa: ANN001 - a Flask app
    """What the database holds of what the clients were told was written."""
    import sqlalchemy as sa

    from models import Employee, LogEntry, SickReport, db

    with app.app_context():
        numbers = outcome.personnel_numbers
        found = {
            "employees": db.session.scalar(
                sa.select(sa.func.count()).where(Employee.personnel_number.in_(numbers))
            ),
            "sick reports": db.session.scalar(
                sa.select(sa.func.count())
                .select_from(SickReport)
                .join(Employee)
                .where(Employee.personnel_number.in_(numbers))
            ),
            "logged reads": db.session.scalar(
                sa.select(sa.func.count()).where(LogEntry.action == "dossier.read")
            ),
            "sign-ins": db.session.scalar(
                sa.select(sa.func.count()).where(LogEntry.action == "login.succeeded")
            ),
        }
        db.session.remove()
    return found


@contextmanager
def served(app) -> Iterator[int]:  # noqa: ANN001 - a Flask app
    """The app behind werkzeug's threaded server on a free loopback port; yields the port."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="concurrency-server", daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(timeout=10)


def run(clients: int = 8, writes: int = 10, signins: int = 4, database_url: str | None = None) -> None:
    """Serve a fresh database, run the clients, print what they saw and what the database holds."""
    import os

    from console import create_app
    from models import db

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        uri = database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tmp) / 'concurrency.db'}"
        app = create_app(
            {
                "DATABASE_URL": uri,
                "SECRET_KEY": "concurrency",
                "TRAJECT_SECURE_COOKIES": False,
                "TRAJECT_SCHEDULER_IN_RUN": False,
            }
        )
        token, employer_id, emails = prepare(app, clients)
        with served(app) as port:
            started = time.perf_counter()
            outcome = drive(Setup(port, token, employer_id, emails), clients, writes, signins)
            elapsed = time.perf_counter() - started
        print(
            f"{app.config['SQLALCHEMY_DATABASE_URI'].split(':', 1)[0]}: {clients} clients in {elapsed:.1f} s"
        )
        for kind, counter in outcome.statuses.items():
            answers = ", ".join(f"{count}× {status}" for status, count in sorted(counter.items()))
            print(f"  {kind:>12}: {answers}")
        print(f"  calls that failed: {outcome.errors()}")
        for line in sorted(set(outcome.failures))[:5]:
            print(f"    e.g. {line}")
        print(f"  in the database: {stored(app, outcome)}")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="parallel clients (default 8)")
    parser.add_argument("--writes", type=int, default=10, help="employees each client registers (default 10)")
    parser.add_argument("--signins", type=int, default=4, help="sign-ins each client makes (default 4)")
    args = parser.parse_args()
    run(args.clients, args.writes, args.signins)
