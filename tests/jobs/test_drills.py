"""Real commits across processes: the crash drill (kill -9 during delivery) and two schedulers on one database."""

from __future__ import annotations

import collections
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from models import (
    Notification,
    Role,
    Signal,
    Task,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    TrajectoryTemplate,
    User,
    db,
)

ROOT = Path(__file__).resolve().parents[2]
DRILL_SECONDS = 20
MIN_ROUNDS = 5


def _worker(mode: str, url: str, slack_url: str, stdin: int | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.jobs.worker", mode, url, slack_url],
        cwd=ROOT,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def _migrated(make_app):
    from flask_migrate import upgrade

    from casework.seed import load_seed_configuration

    app = make_app()
    with app.app_context():
        upgrade()
        load_seed_configuration(dt.datetime(2026, 1, 1))
        db.session.commit()
    return app


def _users(n: int) -> list[User]:
    users = [
        User(
            email=f"drill{i}@example.nl",
            name=f"Drill {i}",
            role=Role.CASEMANAGER,
            slack_user_id=f"UDRILL{i:03d}",
        )
        for i in range(n)
    ]
    db.session.add_all(users)
    db.session.flush()
    return users


def _delivered_ids(fake) -> collections.Counter:
    return collections.Counter(
        i
        for m in fake.messages()
        for i in (m.get("metadata") or {}).get("event_payload", {}).get("notification_ids", [])
    )


@pytest.mark.slow
def test_crash_drill_kill_9_loses_and_repeats_nothing(make_app, fake_slack):
    app = _migrated(make_app)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        users = _users(40)
        db.session.add_all(
            Notification(recipient=users[i % len(users)], text=f"Herinnering {i}") for i in range(160)
        )
        db.session.commit()
        expected = set(db.session.scalars(sa.select(Notification.id)))
        db.session.remove()
    fake_slack.delay_after_post = 0.02  # widen the window between "posted" and "recorded"
    rng = random.Random(7)
    rounds, started = 0, time.monotonic()
    # At least MIN_ROUNDS kills however slow the machine is; more while time allows.
    while rounds < MIN_ROUNDS or time.monotonic() - started < DRILL_SECONDS:
        worker = _worker("deliver", url, fake_slack.url)
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        time.sleep(rng.uniform(0.0, 0.3))
        finished = worker.poll() is not None
        worker.kill()  # SIGKILL: no cleanup, no rollback but the database's own
        worker.communicate()
        rounds += 1
        if finished:
            break
    final = _worker("deliver", url, fake_slack.url)
    _out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err

    delivered = _delivered_ids(fake_slack)
    assert rounds >= MIN_ROUNDS
    assert set(delivered) == expected  # nothing lost
    assert max(delivered.values()) == 1  # nothing twice
    with app.app_context():
        states = db.session.execute(
            sa.select(Notification.status, sa.func.count()).group_by(Notification.status)
        ).all()
        assert [(s.value, n) for s, n in states] == [("sent", len(expected))]
        ts = dict(db.session.execute(sa.select(Notification.id, Notification.slack_ts)).all())
        by_ts = {
            i: m["ts"]
            for m in fake_slack.messages()
            for i in m["metadata"]["event_payload"]["notification_ids"]
        }
        assert ts == by_ts


@pytest.mark.slow
def test_two_scheduler_processes_do_the_work_once(make_app, fake_slack):
    app = _migrated(make_app)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    today = dt.date.today()
    with app.app_context():
        [manager] = _users(1)
        template = db.session.scalar(
            sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
        )
        from models import Employee, Employer, Label

        employer = Employer(name="Drill B.V.", label=db.session.scalar(sa.select(Label)))
        for i in range(12):
            employee = Employee(
                employer=employer,
                personnel_number=f"D{i}",
                last_name=f"Drill{i}",
                case_manager=manager,
                last_contact_on=today,
                client_weight_assessed_on=today,
            )
            trajectory = Trajectory(
                template=template,
                employee=employee,
                case_manager=manager,
                status=TrajectoryStatus.OPEN,
                started_on=today - dt.timedelta(days=5),
            )
            task_template = template.task_templates[0]
            db.session.add(
                Task(
                    trajectory=trajectory,
                    task_template=task_template,
                    key=task_template.key,
                    name=task_template.name,
                    kind=task_template.kind,
                    status=TaskStatus.OPEN,
                    due_date=today - dt.timedelta(days=1),
                    assignee=manager,
                )
            )
        db.session.commit()
        db.session.remove()

    workers = [_worker("once", url, fake_slack.url, stdin=subprocess.PIPE) for _ in range(2)]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    tried = sorted(worker.stdout.readline().strip() for worker in workers)
    assert tried == ["holding", "waiting"], tried  # exactly one holds the lock while the other waits
    for worker in workers:  # tell both before waiting for either: the waiter can only end after the holder
        worker.stdin.write("release\n")
        worker.stdin.flush()
    outputs = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [o[1] for o in outputs]
    lines = sorted(o[0].strip() for o in outputs)
    assert lines[0].startswith("first") and lines[1].startswith("waited"), lines
    assert "Taak over de deadline: 12 nieuw, 0 opgelost" in lines[0]
    assert "Taak over de deadline: 0 nieuw, 0 opgelost" in lines[1]

    with app.app_context():
        assert (
            db.session.scalar(
                sa.select(sa.func.count()).select_from(Signal).where(Signal.kind == "task_overdue")
            )
            == 12
        )
        assert (
            db.session.scalar(
                sa.select(sa.func.count()).select_from(Task).where(Task.overdue_fired_on.is_not(None))
            )
            == 12
        )
    delivered = _delivered_ids(fake_slack)  # digests of the worker's batches of 5, each reminder once
    assert len(delivered) == 12 and max(delivered.values()) == 1
