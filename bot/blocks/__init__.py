"""Small Block Kit builders; names only, never a BSN or anything medical."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import Employee, Task


def text(value: str) -> dict[str, Any]:
    """A plain_text object."""
    return {"type": "plain_text", "text": value[:150] or " "}


def button(label: str, action_id: str, value: object, style: str | None = None) -> dict[str, Any]:
    """A button carrying an id."""
    out = {"type": "button", "text": text(label), "action_id": action_id, "value": str(value)}
    if style:
        out["style"] = style
    return out


def section(markdown: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    """A mrkdwn section, with an optional accessory."""
    out: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": markdown[:3000]}}
    if accessory:
        out["accessory"] = accessory
    return out


def actions(block_id: str, *elements: dict[str, Any]) -> dict[str, Any]:
    """An actions block."""
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def option(label: str, value: object) -> dict[str, Any]:
    """An option of a select."""
    return {"text": text(label[:75]), "value": str(value)}


def employee_label(employee: Employee) -> str:
    """Name and employer, the way the bot names an employee (no BSN, no birth date)."""
    return f"{employee.full_name} ({employee.employer.name})"


def task_line(task: Task, today: dt.date) -> str:
    """One line for a task, saying when it is overdue."""
    late = " — *te laat*" if task.due_date < today else ""
    who = employee_label(task.trajectory.employee)
    return f"{task.key} {task.name} · {who} · uiterlijk {task.due_date:%d-%m-%Y}{late}"
