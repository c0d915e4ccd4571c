"""The dashboard's figures: open trajectories, overdue tasks and open signals by kind (one query each)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_login import current_user

from models import Signal, SignalStatus, Task, TaskStatus, Trajectory, TrajectoryStatus, db, utcnow


def figures() -> dict[str, Any]:
    """Counts for the home page; a case manager sees their own caseload only."""
    today = utcnow().date()
    mine = current_user.role == "casemanager"
    trajectories = (
        sa.select(sa.func.count()).select_from(Trajectory).where(Trajectory.status == TrajectoryStatus.OPEN)
    )
    overdue = (
        sa.select(sa.func.count())
        .select_from(Task)
        .join(Trajectory, Task.trajectory_id == Trajectory.id)
        .where(Task.status == TaskStatus.OPEN, Task.due_date < today)
    )
    signals = (
        sa.select(Signal.kind, sa.func.count())
        .outerjoin(Trajectory, Signal.trajectory_id == Trajectory.id)
        .where(Signal.status == SignalStatus.OPEN)
        .group_by(Signal.kind)
        .order_by(Signal.kind)
    )
    if mine:
        uid = current_user.user.id
        trajectories = trajectories.where(Trajectory.case_manager_id == uid)
        overdue = overdue.where(Trajectory.case_manager_id == uid)
        signals = signals.where(Trajectory.case_manager_id == uid)
    return {
        "open_trajectories": db.session.scalar(trajectories),
        "overdue_tasks": db.session.scalar(overdue),
        "signals": [(str(kind), count) for kind, count in db.session.execute(signals)],
    }
