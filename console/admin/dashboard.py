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
from models import Employee, Signal, SignalStatus, Task, TaskStatus, Trajectory, TrajectoryStatus, db, utcnow

from .dossier_words import SIGNAL_KINDS


def figures(today: dt.date | None = None) -> dict[str, Any]:
    """Counts for the home page, each with the link to the matching dossiers list."""
    today = today or local_day(utcnow())
    trajectories = (
        sa.select(sa.func.count())
        .select_from(Trajectory)
        .join(Employee, Trajectory.employee_id == Employee.id)
        .where(Trajectory.status == TrajectoryStatus.OPEN)
    )
    overdue = (
        sa.select(sa.func.count())
        .select_from(Task)
        .join(Trajectory, Task.trajectory_id == Trajectory.id)
        .join(Employee, Trajectory.employee_id == Employee.id)
        .where(Task.status == TaskStatus.OPEN, Task.due_date < today)
    )
    signals = (
        sa.select(Signal.kind, sa.func.count())
        .outerjoin(Employee, Signal.employee_id == Employee.id)
        .where(Signal.status == SignalStatus.OPEN)
        .group_by(Signal.kind)
        .order_by(Signal.kind)
    )
    if current_user.role != "admin":  # a case manager: their own caseload only
        uid = current_user.user.id
        trajectories = trajectories.where(Employee.case_manager_id == uid)
        overdue = overdue.where(Employee.case_manager_id == uid)
        signals = signals.where(Employee.case_manager_id == uid)
    return {
        "open_trajectories": db.session.scalar(trajectories),
        "open_trajectories_url": url_for("dossiers.index", filter="open"),
        "overdue_tasks": db.session.scalar(overdue),
        "overdue_tasks_url": url_for("dossiers.index", filter="overdue"),
        "signals": [
            (SIGNAL_KINDS.get(str(kind), str(kind)), count, url_for("dossiers.index", signal=str(kind)))
            for kind, count in db.session.execute(signals)
        ],
    }
