"""Acknowledgement times of the Slack endpoint: commands and interactions at 20 per second, p50 and p99.

Run with `python -m benchmarks.slack_ack [--duration 60] [--rate 20]`. The app runs on a temporary SQLite file,
served on loopback by werkzeug's threaded server in a thread, with production settings (ack first, work after);
its Web API calls go to the fake Slack of tests/fakeslack.py. Requests are signed and sent on a fixed schedule,
half `/traject taken` (the answer is posted after the ack) and half button clicks that open a task modal. The
time measured is the HTTP round trip, i.e. until Slack would have its acknowledgement. Slack's budget is 3 s; the
ratio printed is p99 / 3 s. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import hmac
import http.client
import json
import logging
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

SECRET = "bench-signing-secret"
BUDGET = 3.0


def _app(db_path: Path, api_url: str):  # noqa: ANN202 - a Flask app
    from flask_migrate import upgrade

    from casework.logbook import Actor
    from casework.process import start_trajectory
    from casework.seed import load_seed_configuration
    from console import create_app
    from models import (
        Employee,
        Employer,
        Label,
        Role,
        ServiceAgreement,
        ServiceVariation,
        TrajectoryTemplate,
        User,
        db,
    )

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
            "SECRET_KEY": "bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_API_URL": api_url,
            "TRAJECT_SCHEDULER_IN_RUN": False,
        }
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with app.app_context():
        upgrade()
        load_seed_configuration(now)
        from sqlalchemy import select

        user = User(email="bench@example.nl", name="Bench", role=Role.CASEMANAGER, slack_user_id="UBENCH")
        label = db.session.scalars(select(Label).order_by(Label.id)).first()
        variation = db.session.scalars(select(ServiceVariation).order_by(ServiceVariation.id)).first()
        employer = Employer(name="Bench B.V.", label=label)
        db.session.add_all([user, employer])
        db.session.add(
            ServiceAgreement(employer=employer, variation=variation, start_date=dt.date(2025, 1, 1))
        )
        employee = Employee(employer=employer, personnel_number="B1", last_name="Jansen", case_manager=user)
        db.session.add(employee)
        db.session.flush()
        template = db.session.scalar(
            select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
        )
        task_id = start_trajectory(employee, template, actor=Actor(user), now=now).tasks[0].id
        db.session.commit()
    return app, task_id


def _signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def _send(port: int, body: str) -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", "/slack/events", body=body, headers=_signed(body))
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}")
    return time.perf_counter() - started


def _report(name: str, times: list[float]) -> None:
    if not times:
        print(f"{name:>13}: no requests")
        return
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(
        f"{name:>13}: n={len(times)}  p50={p50 * 1000:.1f} ms  p99={p99 * 1000:.1f} ms  "
        f"p99/3 s budget={p99 / BUDGET:.3f}"
    )


def run(duration: float = 60.0, rate: float = 20.0) -> None:
    """Send `rate` requests per second for `duration` seconds and print p50/p99 per kind."""
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per request

    from tests.fakeslack import FakeSlack

    fake = FakeSlack.start()
    with tempfile.TemporaryDirectory() as tmp:
        app, task_id = _app(Path(tmp) / "bench.db", fake.url)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_port
        command = urlencode(
            {
                "command": "/traject",
                "text": "taken",
                "user_id": "UBENCH",
                "trigger_id": "1.t",
                "team_id": "T1",
                "channel_id": "C1",
                "response_url": "",
            }
        )
        click = urlencode(
            {
                "payload": json.dumps(
                    {
                        "type": "block_actions",
                        "user": {"id": "UBENCH"},
                        "team": {"id": "T1"},
                        "trigger_id": "2.t",
                        "actions": [{"action_id": "task.open", "value": str(task_id), "type": "button"}],
                    }
                )
            }
        )
        times: dict[str, list[float]] = {"commands": [], "interactions": []}
        errors = 0
        total = int(duration * rate)
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=64) as pool:
            futures = []
            for i in range(total):
                delay = start + i / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                kind, body = ("commands", command) if i % 2 == 0 else ("interactions", click)
                futures.append((kind, pool.submit(_send, port, body)))
            for kind, future in futures:
                try:
                    times[kind].append(future.result())
                except Exception:  # noqa: BLE001 - counted and printed
                    errors += 1
        time.sleep(1.0)  # let the work after the acks finish before the server stops
        server.shutdown()
        print(
            f"{total} requests in {time.perf_counter() - start:.1f} s at {rate:g}/s, {errors} failed; "
            f"after the acks the bot posted {len(fake.calls('chat.postEphemeral'))} answers and opened "
            f"{len(fake.calls('views.open'))} modals"
        )
        for kind, values in times.items():
            _report(kind, values)
        with app.app_context():
            from models import db

            db.engine.dispose()
    fake.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second (default 20)")
    args = parser.parse_args()
    run(args.duration, args.rate)
