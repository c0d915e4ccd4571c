"""The day change ("Dagwissel"): fire the task_overdue trigger event once for every task that went overdue."""

from __future__ import annotations

import datetime as dt
import logging

import sqlalchemy as sa

from casework.calendar import local_day
from casework.errors import Invalid
from casework.logbook import Actor
from casework.process import fire_overdue
from models import Task, TaskStatus, Trajectory, TrajectoryStatus, db

logger = logging.getLogger("traject.jobs.daychange")
SCHEDULER = Actor(name="scheduler")
COMMIT_EVERY = 200


def overdue_unfired(today: dt.date) -> list[int]:
    """The ids of open tasks past due whose task_overdue event has not fired yet (one query)."""
    return list(
        db.session.scalars(
            sa.select(Task.id)
            .join(Trajectory, Trajectory.id == Task.trajectory_id)
            .where(
                Task.status == TaskStatus.OPEN,
                Task.due_date < today,
                Task.overdue_fired_on.is_(None),
                Trajectory.status == TrajectoryStatus.OPEN,
            )
            .order_by(Task.id)
        )
    )


def day_change(now: dt.datetime) -> tuple[int, int]:
    """Fire task_overdue for each overdue task once; returns (fired, failed). Commits in batches.

    Selecting the tasks is one statement; firing is one engine call per task on purpose, because a task's
    triggers (conditions, added tasks, notices, closing) run per task in the engine, inside a savepoint each, so
    one misconfigured trigger does not stop the others. A task whose firing failed stays unfired and is tried
    again at the next day change.
    """
    fired = failed = 0
    due = overdue_unfired(local_day(now))
    db.session.commit()  # end the read before the writes (SQLite cannot upgrade a stale snapshot)
    for n, task_id in enumerate(due, start=1):
        task = db.session.get(Task, task_id)
        try:
            if task is not None and fire_overdue(task, actor=SCHEDULER, now=now):
                fired += 1
        except Invalid as error:
            failed += 1
            logger.error("task_overdue for task %s could not fire: %s", task_id, error)
        if n % COMMIT_EVERY == 0:
            db.session.commit()
    db.session.commit()
    return fired, failed
