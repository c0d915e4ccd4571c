"""The scheduler's lock, its job set-up, the day change, the retention purge and the CLI commands."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
import sqlalchemy as sa
from apscheduler.schedulers.background import BackgroundScheduler

from console.cli import cli
from jobs.daychange import day_change
from jobs.locks import DatabaseLock, SchedulerLockHeld
from jobs.purge import find_purgeable, purge
from jobs.scheduler import build_scheduler
from models import (
    Employee,
    EndReason,
    LogEntry,
    Note,
    Signal,
    SignalKind,
    Task,
    TrajectoryStatus,
)
from models import (
    db as _db,
)

from .conftest import MONDAY

TODAY = MONDAY.date()


def test_second_lock_waits_until_the_first_is_released(make_app):
    first_app = make_app()
    second_app = make_app(SQLALCHEMY_DATABASE_URI=first_app.config["SQLALCHEMY_DATABASE_URI"])
    from flask_migrate import upgrade

    with first_app.app_context():
        upgrade()
        first = DatabaseLock(_db.engine)
    with second_app.app_context():
        second = DatabaseLock(_db.engine)
    assert first.acquire(blocking=False)
    assert not second.acquire(blocking=False)
    waiter = threading.Thread(target=second.acquire, kwargs={"blocking": True, "poll_seconds": 0.05})
    waiter.start()
    time.sleep(0.3)
    assert waiter.is_alive() and not second.held
    first.release()
    waiter.join(timeout=10)
    assert second.held and not waiter.is_alive()
    second.heartbeat()
    second.release()


def test_sqlite_lock_row_is_taken_over_when_the_heartbeat_is_stale(make_app):
    app = make_app()
    from flask_migrate import upgrade

    with app.app_context():
        upgrade()
        if _db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL holds an advisory lock on a connection: no heartbeat row to go stale")
        dead, alive = DatabaseLock(_db.engine, stale_seconds=60), DatabaseLock(_db.engine, stale_seconds=60)
        assert dead.acquire(blocking=False, now=MONDAY)
        assert not alive.acquire(blocking=False, now=MONDAY + dt.timedelta(seconds=30))
        assert alive.acquire(blocking=False, now=MONDAY + dt.timedelta(seconds=61))
        with pytest.raises(SchedulerLockHeld):
            dead.heartbeat(now=MONDAY + dt.timedelta(seconds=62))
        alive.release()


def test_scheduler_has_the_four_jobs_coalescing_one_at_a_time(app):
    lock = DatabaseLock.__new__(DatabaseLock)
    scheduler = build_scheduler(app, lock, BackgroundScheduler)
    scheduler.start(paused=True)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    scheduler.shutdown(wait=False)
    assert set(jobs) == {"day_change", "scan", "deliver", "purge", "heartbeat"}
    for job in jobs.values():
        assert job.coalesce is True and job.max_instances == 1


def test_day_change_fires_task_overdue_once_per_task(db, create_task, template):
    t4 = next(t for t in template.task_templates if t.key == "T4")
    [late, other] = [create_task(TODAY - dt.timedelta(days=2)), create_task(TODAY - dt.timedelta(days=1))]
    late.task_template, late.key = t4, "T4"  # the seed's trigger "T4 te laat → signaal casemanager"
    create_task(TODAY)  # due today: not overdue
    _db.session.flush()
    assert day_change(MONDAY) == (2, 0)
    assert day_change(MONDAY + dt.timedelta(hours=1)) == (0, 0)
    assert (late.overdue_fired_on, other.overdue_fired_on) == (TODAY, TODAY)
    notices = list(_db.session.scalars(sa.select(Signal).where(Signal.kind == SignalKind.TRIGGER_NOTICE)))
    assert [n.trajectory_id for n in notices] == [late.trajectory_id]


def test_day_change_at_five_past_midnight_in_amsterdam_counts_the_dutch_day(db, create_task):
    """00:05 on Tuesday in Amsterdam is 23:05 on Monday in UTC: a task due Monday is overdue by then."""
    due_monday = create_task(TODAY)
    _db.session.flush()
    five_past_midnight = dt.datetime.combine(TODAY, dt.time(23, 5))  # UTC, winter time: 00:05 on 3 March
    assert day_change(five_past_midnight) == (1, 0)
    assert due_monday.overdue_fired_on == TODAY + dt.timedelta(days=1)


def _closed(db, create_trajectory, create_employee, casemanager, closed_on, **employee_fields):
    employee = create_employee(case_manager=casemanager, **employee_fields)
    trajectory = create_trajectory(employee, started_on=dt.date(2020, 1, 1))
    reason = db.session.scalar(sa.select(EndReason))
    trajectory.status, trajectory.closed_on, trajectory.end_reason = (
        TrajectoryStatus.CLOSED,
        closed_on,
        reason,
    )
    db.session.add(Note(employee=employee, text="Gesprek gevoerd."))
    db.session.flush()
    return employee


def test_purge_dry_run_lists_and_purge_removes_only_closed_dossiers_past_retention(
    db, create_trajectory, create_employee, create_sick_report, create_task, casemanager
):
    old = _closed(db, create_trajectory, create_employee, casemanager, dt.date(2023, 12, 1))
    create_task(dt.date(2023, 11, 1), trajectory=old.trajectories[0])
    recent = _closed(db, create_trajectory, create_employee, casemanager, dt.date(2025, 1, 1))
    held = _closed(db, create_trajectory, create_employee, casemanager, dt.date(2023, 1, 1), legal_hold=True)
    sick = _closed(db, create_trajectory, create_employee, casemanager, dt.date(2023, 1, 1))
    create_sick_report(sick, first_sick_day=dt.date(2026, 1, 5))  # open again: the dossier lives
    still_open = _closed(db, create_trajectory, create_employee, casemanager, dt.date(2023, 1, 1))
    create_trajectory(still_open)

    listed = find_purgeable(TODAY, 730)
    assert (
        [p.employee_id for p in purge(MONDAY, 730, dry_run=True)]
        == [old.id]
        == [p.employee_id for p in listed]
    )
    assert db.session.get(Employee, old.id) is not None  # the dry run removed nothing

    removed = purge(MONDAY, 730)
    assert [p.employee_id for p in removed] == [old.id]
    remaining = set(db.session.scalars(sa.select(Employee.id)))
    assert old.id not in remaining and {recent.id, held.id, sick.id, still_open.id} <= remaining
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Note).where(Note.employee_id == old.id)) == 0
    )
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Task)
            .join(Task.trajectory)
            .where(Task.trajectory.has(employee_id=old.id))
        )
        == 0
    )
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "retention.purged"))
    assert entry.details["employee_ids"] == [old.id] and old.last_name not in entry.message


def test_cli_purge_dry_run_and_signals_scan(
    app, db, create_trajectory, create_employee, casemanager, create_task
):
    old = _closed(db, create_trajectory, create_employee, casemanager, dt.date(2020, 1, 1))
    create_task(dt.date(2020, 1, 1))  # an open task long overdue in another dossier
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert (
        "1 gesloten dossier(s) zou(den) worden verwijderd" in result.output and old.full_name in result.output
    )
    assert db.session.get(Employee, old.id) is not None
    result = runner.invoke(cli, ["signals", "scan"])
    assert result.exit_code == 0, result.output
    assert "Taak over de deadline: 1 nieuw, 0 opgelost" in result.output
    result = runner.invoke(cli, ["signals", "deliver"])
    assert result.exit_code == 0 and "SLACK_BOT_TOKEN" in result.output
