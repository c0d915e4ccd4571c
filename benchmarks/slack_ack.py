"""Acknowledgement times of the Slack endpoint on the generated data set: view submissions, commands and clicks.

Run with `python -m benchmarks.slack_ack [--scale 0.1] [--duration 60] [--rate 20] [--sqlite-only|--postgresql-only]`.
The app runs on the generated data set (benchmarks.generate: 100,000 employees and 1,000,000 open tasks at scale
1; SQLite in a temporary file, then PostgreSQL as in benchmarks.common), served on loopback by werkzeug's threaded
server in a thread, with production settings; its Web API calls go to the fake Slack of tests/fakeslack.py.
Requests are signed as Slack signs them and sent on a fixed schedule from several case managers (up to 10):

- view submissions at `--rate` per second: each skips another open optional task of its sender through the
  skip modal (callback `skip`, a reason; the engine logs it and fires the task's triggers). A submission does its work before it is acknowledged (its answer can be
  field errors), so this is the slowest acknowledgement; one answered with errors counts as failed;
- beside them, at `--rate` per second together, `/traject taken` (answered after the ack) and button clicks
  that open a task modal.

The listeners run in a pool of TRAJECT_SLACK_THREADS threads (the environment variable, default 10), printed
with the machine's load average.

The time measured is the HTTP round trip, i.e. until Slack has its acknowledgement. Slack's budget is 3 s; p50
and p99 per kind are printed with the ratio p99 / 3 s. Nothing asserts on time.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import os
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from benchmarks.common import check, generated_app, on_each_database, percentile, scale_arguments

SECRET = "bench-signing-secret"
BUDGET = 3.0
USERS = 10


def _signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def _send(port: int, body: str) -> float:
    """POST one signed request; seconds until the acknowledgement. A refused or erroneous answer raises."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", "/slack/events", body=body, headers=_signed(body))
    response = conn.getresponse()
    answer = response.read()
    conn.close()
    elapsed = time.perf_counter() - started
    if response.status == 404:  # Bolt's answer when the listener has not acknowledged within 3 s
        raise RuntimeError("no acknowledgement within 3 s (HTTP 404)")
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}")
    if answer.startswith(b"{") and json.loads(answer).get("response_action") == "errors":
        raise RuntimeError(f"field errors: {answer[:200]!r}")
    return elapsed


def _report(name: str, times: list[float], failed: int) -> None:
    if not times:
        print(f"  {name:>17}: no answers, {failed} failed")
        return
    p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
    print(
        f"  {name:>17}: n={len(times):>5}  p50 {p50 * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms"
        f"  p99 / 3 s budget {p99 / BUDGET:.3f}  ({failed} failed)"
    )


def _bodies(users: list[tuple[int, str]], tasks: dict[int, list[int]], count: int) -> list[tuple[str, str]]:
    """The schedule: every other request a view submission, the rest alternately a command and a click."""
    out, others, submitted = [], 0, 0
    for i in range(count):
        user_id, slack = users[i % len(users)]
        if i % 2 == 0:
            task = tasks[user_id][submitted // len(users)]
            submitted += 1
            view = {
                "id": f"V{i}",
                "type": "modal",
                "callback_id": "skip",
                "private_metadata": str(task),
                "blocks": [{"type": "input", "block_id": "reason"}],
                "state": {
                    "values": {"reason": {"reason": {"type": "plain_text_input", "value": "Niet nodig."}}}
                },
            }
            payload = {"type": "view_submission", "user": {"id": slack}, "team": {"id": "T1"}, "view": view}
            out.append(("view submissions", urlencode({"payload": json.dumps(payload)})))
        elif others % 2 == 0:
            others += 1
            command = {"command": "/traject", "text": "taken", "user_id": slack, "trigger_id": f"{i}.t"}
            command.update({"team_id": "T1", "channel_id": "C1", "response_url": ""})
            out.append(("commands", urlencode(command)))
        else:
            others += 1
            action = {"action_id": "task.open", "value": str(tasks[user_id][-1]), "type": "button"}
            payload = {
                "type": "block_actions",
                "user": {"id": slack},
                "team": {"id": "T1"},
                "trigger_id": f"{i}.t",
                "actions": [action],
            }
            out.append(("button clicks", urlencode({"payload": json.dumps(payload)})))
    return out


def _bench(url: str, label: str, scale: float, duration: float, rate: float) -> None:
    import sqlalchemy as sa
    from werkzeug.serving import make_server

    from models import Employee, Task, TaskTemplate, Trajectory, User, db, utcnow
    from models.engine import reading
    from tests.fakeslack import FakeSlack

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per request
    fake = FakeSlack.start()
    config = {
        "TESTING": False,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_API_URL": fake.url,
        "TRAJECT_SCHEDULER_IN_RUN": False,
    }
    app = generated_app(url, label, scale, utcnow(), **config)
    count = int(duration * rate * 2)
    submissions = (count + 1) // 2
    with app.app_context():
        candidates = db.session.execute(
            sa.select(User.id, User.slack_user_id)
            .where(User.email.like("cm%@bench.example"))
            .order_by(User.id)
        ).all()
        users: list[tuple[int, str]] = []
        tasks: dict[int, list[int]] = {}
        for user_id, slack in candidates:  # open optional tasks in the user's own caseload, assigned to them
            mine = list(
                db.session.scalars(
                    sa.select(Task.id)
                    .join(Trajectory, Trajectory.id == Task.trajectory_id)
                    .join(Employee, Employee.id == Trajectory.employee_id)
                    .join(TaskTemplate, TaskTemplate.id == Task.task_template_id)
                    .where(
                        Task.status == "open",
                        TaskTemplate.optional.is_(True),
                        Task.assignee_id == user_id,
                        Employee.case_manager_id == user_id,
                    )
                    .order_by(Task.id)
                    .limit(submissions + 1)
                )
            )
            if mine:
                users.append((user_id, slack))
                tasks[user_id] = mine
            if len(users) == USERS:
                break
        per_user = -(-submissions // max(len(users), 1)) + 1  # the last one is only clicked
        check(
            bool(users) and all(len(t) >= per_user for t in tasks.values()),
            f"too few open optional tasks for {per_user} submissions per user",
        )
        for user_id in tasks:
            tasks[user_id] = tasks[user_id][:per_user]
        db.session.remove()
    schedule = _bodies(users, tasks, count)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    times: dict[str, list[float]] = {"view submissions": [], "commands": [], "button clicks": []}
    failed = dict.fromkeys(times, 0)
    errors: list[str] = []
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = []
        for i, (kind, body) in enumerate(schedule):
            delay = start + i / (2 * rate) - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append((kind, pool.submit(_send, port, body)))
        for kind, future in futures:
            try:
                times[kind].append(future.result())
            except Exception as error:  # noqa: BLE001 - counted and printed
                failed[kind] += 1
                errors.append(str(error))
    elapsed = time.perf_counter() - start
    ids = [t for v in tasks.values() for t in v]
    with app.app_context(), reading():
        skipped, waited = -1, 0
        while waited < 120:  # the work after the acks goes on: wait until the count stops moving
            time.sleep(2.0)
            waited += 2
            now_skipped = db.session.scalar(
                sa.select(sa.func.count()).select_from(Task).where(Task.id.in_(ids), Task.status == "skipped")
            )
            db.session.rollback()
            if now_skipped == skipped:
                break
            skipped = now_skipped
        db.session.remove()
    server.shutdown()
    with app.app_context():
        db.engine.dispose()
    print(
        f"  TRAJECT_SLACK_THREADS={app.config['TRAJECT_SLACK_THREADS']}, load average {os.getloadavg()[0]:.1f}:"
        f" {len(schedule)} requests in {elapsed:.1f} s from {len(users)} users: view submissions at {rate:g}/s,"
        f" commands and clicks at {rate:g}/s together; {skipped} tasks skipped by the submissions; after the acks"
        f" the bot posted {len(fake.calls('chat.postEphemeral'))} answers and opened"
        f" {len(fake.calls('views.open'))} modals"
    )
    for kind, values in times.items():
        _report(kind, values, failed[kind])
    for error, count in Counter(errors).most_common(3):
        print(f"  failed {count}x: {error[:160]}")
    fake.stop()


def run(argv: list[str] | None = None) -> None:
    """Send the schedule to each database's app and print p50/p99 per kind."""
    args = scale_arguments(
        "python -m benchmarks.slack_ack",
        argv,
        duration=(float, 60.0, "seconds of load (default 60)"),
        rate=(float, 20.0, "view submissions per second, and commands and clicks together (default 20)"),
    )
    print(f"Slack acknowledgements at scale {args.scale:g} for {args.duration:g} s (Slack's budget: 3 s)")
    on_each_database(args, lambda url, label: _bench(url, label, args.scale, args.duration, args.rate))


if __name__ == "__main__":
    run(sys.argv[1:])
