"""Retention (SPEC §10): closed dossiers past the retention period are removed with everything in them.

A dossier goes when every trajectory of the employee is closed, the last closing lies more than the retention
period (default 730 days) before today, no sick report is open, and the employee is not under a legal hold.
Deleting the employee takes the rest along: sick reports, trajectories with their tasks, interventions,
cost/benefit and documents, notes, signals with their notifications and the log book all cascade from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm

from casework.calendar import local_day
from casework.logbook import Actor, log
from models import Employee, SickReport, Trajectory, TrajectoryStatus, db

SCHEDULER = Actor(name="scheduler")


@dataclass(frozen=True)
class Purgeable:
    """One dossier due for removal."""

    employee_id: int
    name: str
    personnel_number: str
    last_closed_on: dt.date


def purgeable_query(today: dt.date, retention_days: int) -> sa.Select:
    """Employees whose dossier is closed and past retention, with their last closing date."""
    cutoff = today - dt.timedelta(days=retention_days)
    other = sa.orm.aliased(Trajectory)
    open_trajectory = (
        sa.exists()
        .where(other.employee_id == Employee.id, other.status == TrajectoryStatus.OPEN)
        .correlate(Employee)
    )
    open_report = sa.exists().where(
        SickReport.employee_id == Employee.id,
        SickReport.recovery_date.is_(None),
        SickReport.closed_on.is_(None),
    )
    last_closed = sa.func.max(Trajectory.closed_on)
    return (
        sa.select(Employee.id, last_closed.label("last_closed_on"))
        .join(Trajectory, Trajectory.employee_id == Employee.id)
        .where(Employee.legal_hold.is_(False), ~open_trajectory, ~open_report)
        .group_by(Employee.id)
        .having(last_closed < cutoff)
    )


def find_purgeable(today: dt.date, retention_days: int) -> list[Purgeable]:
    """What a purge would remove today (the dry run)."""
    due = purgeable_query(today, retention_days).subquery()
    rows = db.session.execute(
        sa.select(Employee, due.c.last_closed_on).join(due, due.c.id == Employee.id).order_by(Employee.id)
    ).all()
    return [Purgeable(e.id, e.full_name, e.personnel_number, last) for e, last in rows]


def purge(
    now: dt.datetime, retention_days: int, *, dry_run: bool = False, actor: Actor = SCHEDULER
) -> list[Purgeable]:
    """Remove the dossiers past retention (one DELETE; foreign keys cascade); flushes, the caller commits."""
    found = find_purgeable(local_day(now), retention_days)
    if dry_run or not found:
        return found
    ids = (
        purgeable_query(local_day(now), retention_days)
        .with_only_columns(Employee.id)
        .correlate(None)
        .scalar_subquery()
    )
    db.session.execute(
        sa.delete(Employee).where(Employee.id.in_(ids)), execution_options={"synchronize_session": False}
    )
    db.session.expunge_all()
    # No names in the log: the dossier is gone, only the fact of its removal stays.
    log(
        actor,
        now,
        "retention.purged",
        f"{len(found)} gesloten dossier(s) verwijderd na de bewaartermijn van {retention_days} dagen",
        details={"employee_ids": [p.employee_id for p in found], "retention_days": retention_days},
    )
    db.session.flush()
    return found
