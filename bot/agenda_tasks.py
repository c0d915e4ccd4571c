"""Tasks of one's own in Slack: on `/traject taken` beside the trajectory tasks, with the buttons "Afgerond" and
"In agenda", and the modals "Nieuwe taak" (`/traject taak`) and "In agenda zetten" (casework.agenda_tasks).

Block ids are the engine's field names (the employee's block is "employee"), so a refusal lands on its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from casework.agenda_patterns import to_local
from casework.agenda_tasks import may_see
from casework.calendar import dutch_date
from casework.i18n import N_
from casework.i18n import gettext as _
from models import NOTE_MAX_LENGTH, AgendaTask, AgendaTaskStatus, Employee, User, db

from .blocks import actions, button, employee_md, escape, section, text
from .modals import date, field, modal

ACTION_NEW = "agenda_task.new"
ACTION_DONE = "agenda_task.done"
ACTION_PROMOTE = "agenda_task.promote"
ACTION_UNSCHEDULE = "agenda_task.unschedule"
CALLBACK_NEW = "agenda_task"
CALLBACK_PROMOTE = "agenda_task_promote"
OWN_SHOWN = 10  # own tasks per answer: 2 blocks each, beside the trajectory tasks, under Slack's 50
DAYS = (N_("ma"), N_("di"), N_("wo"), N_("do"), N_("vr"), N_("za"), N_("zo"))


def own_open(user: User) -> list[AgendaTask]:
    """`user`'s own open tasks by due date (none last)."""
    return list(
        db.session.scalars(
            sa.select(AgendaTask)
            .options(joinedload(AgendaTask.employee).joinedload(Employee.employer))
            .where(AgendaTask.assignee_id == user.id, AgendaTask.status == AgendaTaskStatus.OPEN)
            .order_by(AgendaTask.due_date.is_(None), AgendaTask.due_date, AgendaTask.id)
        )
    )


def own_line(task: AgendaTask, today: dt.date, user: User) -> str:
    """One mrkdwn line: title, the employee (when the user may see them), due date, time in the agenda."""
    parts = [f"*{escape(task.title)}*"]
    if task.employee is not None:
        parts.append(
            employee_md(task.employee) if may_see(task.employee, user) else _("werknemer buiten je caseload")
        )
    if task.due_date is not None:
        late = " — " + _("*te laat*") if task.due_date < today else ""
        parts.append(_("uiterlijk %(day)s", day=dutch_date(task.due_date)) + late)
    if task.starts_at is not None:
        start, end = to_local(task.starts_at), to_local(task.ends_at)
        when = f"{_(DAYS[start.weekday()])} {start.day}-{start.month} {start:%H:%M}–{end:%H:%M}"
        parts.append(_("in agenda %(when)s", when=when))
    return " · ".join(parts)


def own_blocks(tasks: list[AgendaTask], today: dt.date, user: User) -> list[dict[str, Any]]:
    """A section per task with its buttons Afgerond and In agenda (for a task in the agenda already: Andere tijd
    and Uit agenda)."""
    blocks: list[dict[str, Any]] = []
    for task in tasks[:OWN_SHOWN]:
        blocks.append(section(own_line(task, today, user)))
        if task.starts_at is None:
            agenda = [button(N_("In agenda"), ACTION_PROMOTE, task.id)]
        else:
            agenda = [
                button(N_("Andere tijd"), ACTION_PROMOTE, task.id),
                button(N_("Uit agenda"), ACTION_UNSCHEDULE, task.id),
            ]
        blocks.append(
            actions(
                f"agenda-task-{task.id}", button(N_("Afgerond"), ACTION_DONE, task.id, "primary"), *agenda
            )
        )
    return blocks


def new_task_button() -> dict[str, Any]:
    """The actions block with "Nieuwe taak"."""
    return actions("agenda-task-new", button(N_("Nieuwe taak"), ACTION_NEW, "new"))


def new_task_modal(today: dt.date) -> dict[str, Any]:
    """Nieuwe taak: Titel, Werknemer (optional, one's caseload), Uiterlijk, Opmerking."""
    employee = {
        "type": "input",
        "block_id": "employee",
        "label": text(_("Werknemer")),
        "optional": True,
        "element": {
            "type": "external_select",
            "action_id": "employee",
            "min_query_length": 2,
            "placeholder": text(_("Zoek op naam of personeelsnummer")),
        },
    }
    blocks = [
        field("title", N_("Titel"), max_length=200),
        employee,
        date("due_date", N_("Uiterlijk"), optional=True),
        field("remark", N_("Opmerking"), optional=True, max_length=NOTE_MAX_LENGTH),
    ]
    return modal(CALLBACK_NEW, N_("Nieuwe taak"), blocks, "", submit=N_("Toevoegen"))


def promote_modal(task: AgendaTask, today: dt.date, user: User) -> dict[str, Any]:
    """In agenda zetten: Datum, Begintijd, Eindtijd."""
    blocks = [
        section(own_line(task, today, user)),
        date("date", N_("Datum"), initial=max(task.due_date or today, today)),
        field("start_time", N_("Begintijd"), initial="09:00", max_length=5),
        field("end_time", N_("Eindtijd"), initial="10:00", max_length=5),
    ]
    return modal(CALLBACK_PROMOTE, N_("In agenda zetten"), blocks, str(task.id), submit=N_("In agenda"))
