"""The console under load: gunicorn on PostgreSQL, the generated data set, 10 signed-in users, p95 per page.

Run with `python -m benchmarks.console_load [--scale 0.1] [--duration 60] [--think 1] [--gunicorn "ARGS"]...
[--database URL]` (`--database`: a PostgreSQL database already holding the generated data set, kept).
PostgreSQL as in benchmarks.common (BENCH_POSTGRES_URL or a private server); the data set is benchmarks.generate
(100,000 employees, 1,000,000 open tasks at scale 1), generated around today. gunicorn serves
benchmarks.console_load_app (the console, configured from the environment like `gunicorn 'console:create_app()'`,
and a trivial Flask page under /ceiling) on loopback, once per `--gunicorn` setting (default: the sync worker and
the threaded worker, both with 2 processes: the 2 CPUs of the target).

Ten users sign in through the real form (8 case managers with their own caseload, 2 functional administrators;
the run sets TRAJECT_REQUIRE_TOTP=none, the second factor is not what is measured) and then, each on its own
connection, request in turn: the dashboard, the dossier list, a dossier search, one dossier of their caseload
(its read is logged: a write), the report, and for the administrators a configuration list; each user also asks
for the trivial page once per round, so the stack's ceiling is measured under the same load. Between two
requests a user waits `--think` seconds on average (0.5 to 1.5 times it; 0 = back to back). The first round is a
warm-up and not counted. Printed per setting and page: requests, p50 and p95, p95 as a ratio to the trivial
page's with the target of issue 15 beside it (p95 at most 300 ms), and the median CPU milliseconds the serving
thread spent per request (benchmarks.console_load_app's X-Bench-CPU-Ms: Python's own work, without PostgreSQL's
and without waiting; on a shared machine it moves much less than the wall clock). The report page shows a report
kept a moment (casework.report_cache); before the load, what computing it anew costs ("Nu opnieuw berekenen") is
printed for a case manager and an administrator, each alone on the server. The load average of the
machine before and after each setting is printed with it. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import http.client
import os
import random
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.common import check, generated_app, percentile, postgres

USERS = 10
ADMINS = 2
PASSWORD = "Bench-wachtwoord-2026!"  # noqa: S105 - a throwaway user in a throwaway database
TARGET_MS = 300
SETTINGS = ["-w 2", "-w 2 -k gthread --threads 4"]
CEILING = "trivial Flask page"
CPU_HEADER = "X-Bench-CPU-Ms"  # set by benchmarks.console_load_app


class Browser:
    """One signed-in user: a keep-alive connection (reopened when the server closes it) and the cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cpu_ms = float("nan")

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        """Status, Location and body of one request; the CPU time the server spent on it is in `self.cpu_ms`."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode()
                break
            except (http.client.RemoteDisconnected, ConnectionError, BrokenPipeError):
                self.connection.close()  # a kept-alive connection the server had closed: once more, anew
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        self.cpu_ms = float(response.getheader(CPU_HEADER) or "nan")
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response.getheader("Location", ""), text

    def sign_in(self, email: str) -> None:
        status, _, page = self.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        check(status == 200 and token is not None, f"no sign-in form: HTTP {status}")
        form = {"email": email, "password": PASSWORD, "csrf_token": html.unescape(token.group(1))}
        status, location, _ = self.request("POST", "/login", urlencode(form))
        check(status == 302 and "/login" not in location, f"{email} could not sign in: HTTP {status}")


def _prepare(
    url: str, scale: float, generated: bool = False
) -> tuple[list[tuple[str, list[tuple[str, str]]]], str]:
    """Generate the data set (unless `generated`: a database an earlier run or benchmarks.generate filled); give 8
    case managers and 2 administrators a password. Returns per user their email and round of (page name, path),
    and the data set's line for the output."""
    import sqlalchemy as sa
    from flask_admin.contrib.sqla import ModelView

    from casework.accounts import create_user, hash_password
    from casework.logbook import SYSTEM
    from models import Employee, User, db, utcnow

    if generated:
        from flask_migrate import upgrade

        from console import create_app

        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()  # a database generated by an earlier version
    else:
        app = generated_app(url, "PostgreSQL", scale, utcnow())
    users: list[tuple[str, list[tuple[str, str]]]] = []
    with app.app_context():
        with app.test_request_context():
            from flask import url_for

            admin = app.extensions["admin"][0]
            lists = [url_for(f"{v.endpoint}.index_view") for v in admin._views if isinstance(v, ModelView)]
        configuration = next((p for p in lists if "programme" in p), lists[0])
        managers = db.session.scalars(
            sa.select(User)
            .where(User.email.like("cm%@bench.example"))
            .order_by(User.id)
            .limit(USERS - ADMINS)
        ).all()
        password = hash_password(PASSWORD)
        for n in range(USERS - ADMINS):  # a small data set has fewer: some then sign in twice
            user = managers[n % len(managers)]
            user.password_hash = password
            employee = db.session.scalars(
                sa.select(Employee.id)
                .where(Employee.case_manager_id == user.id)
                .order_by(Employee.id)
                .limit(2)
            ).all()[n // len(managers) % 2]
            users.append((user.email, _round(employee, n)))
        anyone = db.session.scalar(sa.select(Employee.id).order_by(Employee.id.desc()))
        for n in range(ADMINS):
            email = f"beheer{n}@bench.example"
            known = db.session.scalar(sa.select(User).where(User.email == email))
            if known is None:
                create_user(email=email, role="admin", actor=SYSTEM, now=utcnow(), password=PASSWORD)
            else:
                known.password_hash = password
            users.append((email, [*_round(anyone, n), ("configuration list", configuration)]))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return users, configuration


def _round(employee: int, n: int) -> list[tuple[str, str]]:
    return [
        ("dashboard", "/admin/"),
        ("dossier list", "/admin/dossiers/"),
        ("dossier search", f"/admin/dossiers/?q=Werknemer{n + 1}1"),
        ("one dossier", f"/admin/dossiers/{employee}/"),
        ("report", "/admin/reports/"),
        (CEILING, "/ceiling/"),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _gunicorn(url: str, setting: str) -> Iterator[int]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-console-load",
        "TRAJECT_REQUIRE_TOTP": "none",
        "TRAJECT_SECURE_COOKIES": "0",
    }
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        *shlex.split(setting),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "benchmarks.console_load_app:app",
    ]
    server = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[1])  # noqa: S603
    try:
        for _ in range(1200):  # until a worker answers (booting the app takes seconds on a busy machine)
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/ceiling/")
                if connection.getresponse().status == 200:
                    connection.close()
                    break
            check(server.poll() is None, f"gunicorn {setting} stopped: exit {server.returncode}")
            time.sleep(0.1)
        else:
            check(False, f"gunicorn {setting} did not answer within two minutes")
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def _user(
    port: int, email: str, pages: list, start: threading.Barrier, clock: dict, think: float, out: dict
) -> None:
    """Sign in, one round unmeasured (warm-up), wait for the others, then rounds until the clock says stop."""
    rng = random.Random(email)
    browser = Browser(port)
    try:
        browser.sign_in(email)
        for _, path in pages:
            browser.request("GET", path)
    except Exception as error:  # noqa: BLE001 - counted and printed
        out["errors"].append(f"{email}: {error}")
        start.wait()
        return
    start.wait()
    while time.perf_counter() < clock["until"]:
        for name, path in pages:
            if think:
                time.sleep(think * rng.uniform(0.5, 1.5))
            if time.perf_counter() >= clock["until"]:
                break
            started = time.perf_counter()
            try:
                status, _, _ = browser.request("GET", path)
            except Exception as error:  # noqa: BLE001 - counted and printed
                out["errors"].append(f"{path}: {error}")
                continue
            elapsed = time.perf_counter() - started
            if status != 200:
                out["errors"].append(f"{path}: HTTP {status}")
            else:
                out["times"].setdefault(name, []).append(elapsed)
                out["cpu"].setdefault(name, []).append(browser.cpu_ms)


def _computed_anew(port: int, users: list) -> None:
    """The report page computing its report anew (Nu opnieuw berekenen), alone on the server, for a case
    manager and an administrator: what the report cache (casework.report_cache) saves the users under load."""
    for email, _pages in (users[0], users[-1]):
        browser = Browser(port)
        browser.sign_in(email)
        walls, cpus = [], []
        for _ in range(3):
            started = time.perf_counter()
            status, _, _ = browser.request("GET", "/admin/reports/?opnieuw=1")
            check(status == 200, f"the report page computed anew answered HTTP {status}")
            walls.append(time.perf_counter() - started)
            cpus.append(browser.cpu_ms)
        who = "an administrator" if email.startswith("beheer") else "a case manager"
        print(
            f"  report computed anew for {who}, alone: {statistics.median(walls) * 1000:.0f} ms"
            f" (CPU {statistics.median(cpus):.0f} ms); under load the page shows a report kept"
            f" at most TRAJECT_REPORT_MAX_AGE seconds",
            flush=True,
        )


def _load() -> str:
    return "/".join(f"{n:.1f}" for n in os.getloadavg())


def _measure(url: str, setting: str, users: list, duration: float, think: float) -> None:
    out: dict = {"times": {}, "cpu": {}, "errors": []}
    clock = {"until": 0.0}
    load: dict[str, str] = {}

    def go() -> None:
        load["before"] = _load()
        clock["until"] = time.perf_counter() + duration

    start = threading.Barrier(len(users), action=go)
    with _gunicorn(url, setting) as port:
        _computed_anew(port, users)
        threads = [
            threading.Thread(target=_user, args=(port, email, pages, start, clock, think, out))
            for email, pages in users
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        load["after"] = _load()
    times, errors = out["times"], out["errors"]
    total = sum(len(v) for v in times.values())
    print(
        f"\n  gunicorn {setting}: {total:,} requests in {duration:g} s ({total / duration:.1f}/s),"
        f" {len(errors)} failed; load average (1/5/15 min) {load.get('before')} before, {load['after']} after",
        flush=True,
    )
    ceiling = percentile(times[CEILING], 0.95) if times.get(CEILING) else float("nan")
    for name in sorted(times, key=lambda n: (n == CEILING, n)):
        values, cpu = times[name], statistics.median(out["cpu"][name])
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        verdict = "" if name == CEILING else ("  met" if p95 <= TARGET_MS else "  NOT met")
        print(
            f"    {name:<20} n={len(values):>5}  CPU {cpu:6.1f} ms/request  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
            f"  {p95 / 1000 / ceiling:6.1f}x the trivial page  (target p95 <= {TARGET_MS} ms){verdict}",
            flush=True,
        )
    for error in errors[:3]:
        print(f"    failure: {error}")


def run(argv: list[str] | None = None) -> None:
    """Generate, then load each gunicorn setting in turn."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.console_load")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load per setting")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a user's requests")
    parser.add_argument("--gunicorn", action="append", help=f"gunicorn options (default: {SETTINGS})")
    parser.add_argument(
        "--database",
        help="a PostgreSQL URL already holding the generated data set at --scale (kept; nothing is generated)",
    )
    args = parser.parse_args(argv if argv is not None else [])
    print(
        f"Console under load at scale {args.scale:g}: {USERS} users, think time {args.think:g} s,"
        f" {args.duration:g} s per gunicorn setting, on PostgreSQL"
    )
    if args.database:
        users, _ = _prepare(args.database, args.scale, generated=True)
        for setting in args.gunicorn or SETTINGS:
            _measure(args.database, setting, users, args.duration, args.think)
        return
    with postgres() as url:
        if not url:
            return
        users, _ = _prepare(url, args.scale)
        for setting in args.gunicorn or SETTINGS:
            _measure(url, setting, users, args.duration, args.think)


if __name__ == "__main__":
    run(sys.argv[1:])
