"""App Home: my open tasks (overdue first), my signals, my open trajectories, each with buttons."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import sqlalchemy as sa

from jobs.render import ACTION_OPEN_DOSSIER, ACTION_SNOOZE
from models import Trajectory, TrajectoryStatus, User, db

from .blocks import actions, button, employee_label, section, task_line
from .replies import my_signals, my_tasks


def base_url(config: Any) -> str:
    """Where the console is reached (TRAJECT_BASE_URL in the config or the environment)."""
    return (
        config.get("TRAJECT_BASE_URL") or os.environ.get("TRAJECT_BASE_URL") or "http://127.0.0.1:5000"
    ).rstrip("/")


def dossier_url(base: str, employee_id: int) -> str:
    """The console page of an employee's dossier."""
    return f"{base.rstrip('/')}/admin/employee/details/?id={employee_id}"


def home_view(user: User, today: dt.date, base_url: str = "") -> dict[str, Any]:
    """The home tab of a linked user."""
    blocks: list[dict[str, Any]] = [{"type": "header", "text": {"type": "plain_text", "text": "Mijn taken"}}]
    tasks = my_tasks(user, today)
    for task in tasks:
        blocks.append(section(task_line(task, today)))
        blocks.append(
            actions(
                f"task-{task.id}",
                button("Afronden", "task.open", task.id, "primary"),
                *[
                    button(
                        f"Sluimer {d} {'dag' if d == 1 else 'dagen'}", f"task.snooze.{d}", f"{task.id}:{d}"
                    )
                    for d in (1, 3, 7)
                ],
                button("Open dossier", ACTION_OPEN_DOSSIER, task.trajectory.employee_id),
            )
        )
    if not tasks:
        blocks.append(section("Geen open taken."))
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": "Mijn signaleringen"}})
    signals = my_signals(user, today)
    for signal in signals:
        blocks.append(section(f"{signal.detail or signal.kind.value} (uiterlijk {signal.due_date:%d-%m-%Y})"))
        blocks.append(
            actions(
                f"signal-{signal.id}",
                *[
                    button(
                        f"Sluimer {d} {'dag' if d == 1 else 'dagen'}",
                        f"{ACTION_SNOOZE}.{d}",
                        f"{signal.id}:{d}",
                    )
                    for d in (1, 3, 7)
                ],
            )
        )
    if not signals:
        blocks.append(section("Geen signaleringen."))
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": "Mijn open trajecten"}})
    open_ = db.session.scalars(
        sa.select(Trajectory)
        .where(Trajectory.case_manager_id == user.id, Trajectory.status != TrajectoryStatus.CLOSED)
        .order_by(Trajectory.started_on, Trajectory.id)
    ).all()
    for t in open_:
        blocks.append(
            section(f"{t.template.name} · {employee_label(t.employee)} · sinds {t.started_on:%d-%m-%Y}")
        )
        blocks.append(
            actions(
                f"trajectory-{t.id}",
                button("Sluiten", "trajectory.close", t.id),
                {
                    **button("Open dossier", ACTION_OPEN_DOSSIER, t.employee_id),
                    "url": dossier_url(base_url, t.employee_id),
                },
            )
        )
    if not open_:
        blocks.append(section("Geen open trajecten."))
    return {"type": "home", "blocks": blocks[:100]}
