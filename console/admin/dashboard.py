"""The dashboard's figures: open trajectories, overdue tasks and open signals by kind (one query each).

An administrator sees everyone's; a case manager the figures of their own caseload (the employees whose case
manager they are), matching what the dossiers list shows behind each figure's link.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import url_for
from flask_login import current_user

from casework.calendar import local_day
from models import Employee, Signal, SignalStatus, Task, Trajectory, db, utcnow

from .dossier_words import SIGNAL_KINDS

# Literal, not bound: only then can the planners prove the partial indexes' `status = 'open'` (SQLite never can
# for a bound parameter; PostgreSQL not in a generic plan of a prepared statement).
OPEN_TASK = sa.text("tasks.status = 'open'")
OPEN_TRAJECTORY = sa.text("trajectories.status = 'open'")


def overdue_tasks(today: dt.date, case_manager_id: int | None = None) -> sa.Select:
    """Count the open tasks due before `today`: everyone's from the partial index ix_tasks_open_due_date alone
    (every task belongs to a trajectory of an employee), or those of one case manager's caseload."""
    query = sa.select(sa.func.count()).select_from(Task).where(OPEN_TASK, Task.due_date < today)
    if case_manager_id is not None:
        query = (
            query.join(Trajectory, Task.trajectory_id == Trajectory.id)
            .join(Employee, Trajectory.employee_id == Employee.id)
            .where(Employee.case_manager_id == case_manager_id)
        )
    return query


def open_trajectories(case_manager_id: int | None = None) -> sa.Select:
    """Count the open trajectories, everyone's or those of one case manager's caseload."""
    query = sa.select(sa.func.count()).select_from(Trajectory).where(OPEN_TRAJECTORY)
    if case_manager_id is not None:
        query = query.join(Employee, Trajectory.employee_id == Employee.id).where(
            Employee.case_manager_id == case_manager_id
        )
    return query


def figures(today: dt.date | None = None) -> dict[str, Any]:
    """Counts for the home page, each with the link to the matching dossiers list (three statements)."""
    today = today or local_day(utcnow())
    uid = None if current_user.role == "admin" else current_user.user.id  # a case manager: their caseload
    signals = (
        sa.select(Signal.kind, sa.func.count())
        .where(Signal.status == SignalStatus.OPEN)
        .group_by(Signal.kind)
        .order_by(Signal.kind)
    )
    if uid is not None:
        signals = signals.join(Employee, Signal.employee_id == Employee.id).where(
            Employee.case_manager_id == uid
        )
    return {
        "open_trajectories": db.session.scalar(open_trajectories(uid)),
        "open_trajectories_url": url_for("dossiers.index", filter="open"),
        "overdue_tasks": db.session.scalar(overdue_tasks(today, uid)),
        "overdue_tasks_url": url_for("dossiers.index", filter="overdue"),
        "signals": [
            (SIGNAL_KINDS.get(str(kind), str(kind)), count, url_for("dossiers.index", signal=str(kind)))
            for kind, count in db.session.execute(signals)
        ],
    }
