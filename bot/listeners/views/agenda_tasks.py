"""Submissions of the task modals: Nieuwe taak and In agenda zetten, through casework.agenda_tasks."""

from __future__ import annotations

from typing import Any

from casework.agenda_patterns import to_local
from casework.agenda_tasks import create_task, promote_task
from casework.calendar import dutch_date
from casework.i18n import gettext as _

from ...blocks import escape
from ..agenda_tasks import task_of


def new_task(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
    """A new task for oneself, about an employee of one's caseload or not."""
    data = {
        "title": values.get("title") or "",
        "employee_id": values.get("employee") or "",
        "due_date": values.get("due_date") or "",
        "remark": values.get("remark") or "",
    }
    task = create_task(data, actor=actor, now=now)
    if task.due_date:
        return _(
            "Taak \u201c%(title)s\u201d toegevoegd, uiterlijk %(day)s.",
            title=escape(task.title),
            day=dutch_date(task.due_date),
        )
    return _("Taak \u201c%(title)s\u201d toegevoegd.", title=escape(task.title))


def promote(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
    """A day and times in one's agenda."""
    task = task_of(meta)
    data = {key: values.get(key) or "" for key in ("date", "start_time", "end_time")}
    promote_task(task, data, actor=actor, now=now)
    start, end = to_local(task.starts_at), to_local(task.ends_at)
    return _(
        "Taak \u201c%(title)s\u201d staat in je agenda op %(day)s %(start)s–%(end)s.",
        title=escape(task.title),
        day=dutch_date(start.date()),
        start=f"{start:%H:%M}",
        end=f"{end:%H:%M}",
    )


# callback_id → (work, the block that shows refusals without a field of their own)
SUBMISSIONS = {"agenda_task": (new_task, "title"), "agenda_task_promote": (promote, "start_time")}
