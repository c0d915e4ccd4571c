"""Tasks of one's own and the to-do list (seed 004 slides 30 and 46–49).

A task ("taak") records an activity without reserving time: it may be about a client or not (then it is only
the user's), it has an optional due date, and it can be promoted into the agenda ("in agenda zetten"), where,
while open, it occupies its time like a consult: planning skips it and unavailability over it is refused
(casework.agenda). A task is done ("uitgevoerd") or cancelled with a reason; it is never deleted, so done and
cancelled tasks stay queryable for accountability. The to-do list holds what is still open: one's own tasks
and the open trajectory tasks assigned to one (those stay driven by the process engine, casework.process).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from models import (
    AgendaTask,
    AgendaTaskStatus,
    Employee,
    Role,
    Task,
    TaskStatus,
    Trajectory,
    User,
    db,
)

from .agenda import Clock, agenda_period
from .agenda_patterns import Interval, to_local, to_utc
from .calendar import dutch_date
from .errors import Forbidden, Invalid
from .logbook import Actor, log
from .registration import ensure_can_see
from .schemas import Day, Ident, Input, Text, load

S = AgendaTaskStatus
STATUS_LABELS = {S.OPEN: "Open", S.DONE: "Uitgevoerd", S.CANCELLED: "Geannuleerd"}
TRAJECTORY_STATUS_LABELS = {
    TaskStatus.OPEN: "Open",
    TaskStatus.DONE: "Uitgevoerd",
    TaskStatus.SKIPPED: "Overgeslagen",
    TaskStatus.CANCELLED: "Geannuleerd",
}
CLOSED_SHOWN = 200  # done and cancelled tasks on the list for accountability, newest first


class TaskInput(Input):
    """A new task: a title, optionally about an employee, a due date, a remark and (administrators) an assignee."""

    title = Text(200, required=True)
    employee_id = Ident()
    due_date = Day()
    remark = Text(1500)
    assignee_id = Ident()


class CancelInput(Input):
    """Annuleren: why."""

    reason = Text(1500, required=True)


class PromoteInput(Input):
    """In agenda zetten: the day and the start and end time (Dutch local time)."""

    date = Day(required=True)
    start_time = Clock(required=True)
    end_time = Clock(required=True)


def status_label(status: AgendaTaskStatus) -> str:
    """The Dutch name of a task's status."""
    return STATUS_LABELS[AgendaTaskStatus(status)]


def may_see(employee: Employee | None, user: User | None) -> bool:
    """Whether `user` may see the employee a task is about (a task may outlive a transfer of the client)."""
    if employee is None or user is None:
        return True
    return user.role == Role.ADMIN or employee.case_manager_id == user.id


def _assignee(assignee_id: int | None, actor: Actor) -> User:
    """Whose task: one's own; an administrator (or a token without a user) may give it to any active user."""
    if assignee_id is None or (actor.user is not None and assignee_id == actor.user.id):
        if actor.user is None:
            raise Invalid({"assignee_id": "Kies aan wie de taak is toegewezen."})
        return actor.user
    if actor.user is not None and actor.user.role != Role.ADMIN:
        raise Forbidden({"assignee_id": "U kunt een taak alleen aan uzelf toewijzen."})
    user = db.session.get(User, assignee_id)
    if user is None or not user.active:
        raise Invalid({"assignee_id": "Kies een actieve gebruiker."})
    return user


def _ensure_may(task: AgendaTask, actor: Actor) -> None:
    """Only the assignee (or an administrator, or a token without a user) changes a task."""
    user = actor.user
    if user is None:
        return
    if not user.active:
        raise Forbidden({"assignee_id": "Uw account is gedeactiveerd."})
    if user.role != Role.ADMIN and task.assignee_id != user.id:
        raise Forbidden({"assignee_id": "Dit is niet uw taak."})


def _check_open(task: AgendaTask, words: str) -> None:
    if task.status != S.OPEN:
        refusal = Invalid({"status": f"Een taak met status {status_label(task.status)} kan niet {words}."})
        refusal.conflict = True  # a state conflict: the API answers 409
        raise refusal


def _log(task: AgendaTask, actor: Actor, now: dt.datetime, action: str, message: str) -> None:
    log(
        actor,
        now,
        f"agenda_task.{action}",
        f"Taak \u201c{task.title}\u201d: {message}",
        employee_id=task.employee_id,
        subject=task,
        details={"status": task.status.value, "assignee_id": task.assignee_id},
    )


def create_task(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> AgendaTask:
    """A new open task for oneself (or, by an administrator, for a colleague), about a client or not."""
    values = load(TaskInput(), data)
    assignee = _assignee(values["assignee_id"], actor)
    employee = None
    if values["employee_id"] is not None:
        employee = db.session.get(Employee, values["employee_id"])
        if employee is None:
            raise Invalid({"employee_id": "Kies een werknemer uit de lijst."})
        if actor.user is not None:
            try:
                ensure_can_see(employee, actor.user)
            except Forbidden:
                raise Forbidden({"employee_id": "Deze werknemer hoort niet bij uw caseload."}) from None
        if not may_see(employee, assignee):
            raise Invalid(
                {"employee_id": f"{employee.full_name} hoort niet bij de caseload van {assignee.name}."}
            )
    task = AgendaTask(
        title=values["title"],
        employee=employee,
        assignee=assignee,
        due_date=values["due_date"],
        remark=values["remark"],
        status=S.OPEN,
        created_at=now,
        created_by=actor.user,
    )
    db.session.add(task)
    db.session.flush()
    due = f", uiterlijk {dutch_date(task.due_date)}" if task.due_date else ""
    _log(task, actor, now, "created", f"aangemaakt voor {assignee.name}{due}")
    return task


def _close(task: AgendaTask, status: AgendaTaskStatus, actor: Actor, now: dt.datetime) -> None:
    task.status = status
    task.closed_at = now
    task.closed_by = actor.user
    task.closed_by_name = actor.user.name if actor.user is not None else actor.name


def complete_task(task: AgendaTask, *, actor: Actor, now: dt.datetime) -> AgendaTask:
    """Uitgevoerd: the task leaves the to-do list (and, once done, frees any future time it held)."""
    _ensure_may(task, actor)
    _check_open(task, "worden afgerond")
    _close(task, S.DONE, actor, now)
    db.session.flush()
    _log(task, actor, now, "done", f"uitgevoerd door {task.closed_by_name}")
    return task


def cancel_task(task: AgendaTask, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> AgendaTask:
    """Geannuleerd, with a reason: the task leaves the to-do list and the agenda, and stays on record."""
    _ensure_may(task, actor)
    values = load(CancelInput(), data)
    _check_open(task, "worden geannuleerd")
    _close(task, S.CANCELLED, actor, now)
    task.reason = values["reason"]
    db.session.flush()
    _log(task, actor, now, "cancelled", f"geannuleerd door {task.closed_by_name}: {task.reason}")
    return task


def task_conflict(user: User, slot: Interval, *, ignore: AgendaTask | None = None) -> str | None:
    """Why `slot` cannot hold a task in `user`'s agenda (a consult, another task, unavailability), or None."""
    first, last = to_local(slot.start).date(), to_local(slot.end - dt.timedelta(microseconds=1)).date()
    period = agenda_period(user, first, last)
    for consult in period.consults:
        if consult.starts_at < slot.end and consult.ends_at > slot.start:
            start = to_local(consult.starts_at)
            return f"Om {start:%H:%M} staat een gesprek; een gesprek wordt nooit overschreven."
    for other in period.tasks:
        if (
            other is not ignore
            and other.status == S.OPEN
            and other.starts_at < slot.end
            and other.ends_at > slot.start
        ):
            start = to_local(other.starts_at)
            return f"Om {start:%H:%M} staat de taak \u201c{other.title}\u201d in de agenda."
    for block in period.unavailable:
        if block.overlaps(slot):
            kind = getattr(getattr(block.source, "kind", None), "name", "onbeschikbaar")
            return f"{user.name} is dan onbeschikbaar ({kind})."
    return None


def promote_task(task: AgendaTask, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> AgendaTask:
    """In agenda zetten (or moving it there): a day and times in the assignee's agenda, not over a consult,
    another task in the agenda or unavailability, and not in the past."""
    _ensure_may(task, actor)
    values = load(PromoteInput(), data)
    _check_open(task, "in de agenda worden gezet")
    if values["end_time"] <= values["start_time"]:
        raise Invalid({"end_time": "De eindtijd moet na de begintijd liggen."})
    slot = Interval(to_utc(values["date"], values["start_time"]), to_utc(values["date"], values["end_time"]))
    if slot.start < now:
        raise Invalid({"start_time": "Dit tijdstip ligt in het verleden."})
    if why := task_conflict(task.assignee, slot, ignore=task):
        raise Invalid({"start_time": why})
    task.starts_at, task.ends_at = slot.start, slot.end
    db.session.flush()
    _log(
        task,
        actor,
        now,
        "promoted",
        f"in de agenda van {task.assignee.name} gezet op {dutch_date(values['date'])}"
        f" {values['start_time']:%H:%M}–{values['end_time']:%H:%M}",
    )
    return task


def unschedule_task(task: AgendaTask, *, actor: Actor, now: dt.datetime) -> AgendaTask:
    """Uit de agenda halen: the task stays on the to-do list, its time is free again."""
    _ensure_may(task, actor)
    _check_open(task, "uit de agenda worden gehaald")
    if task.starts_at is None:
        raise Invalid({"start_time": "Deze taak staat niet in de agenda."})
    task.starts_at = task.ends_at = None
    db.session.flush()
    _log(task, actor, now, "unscheduled", "uit de agenda gehaald")
    return task


# ---- the to-do list ------------------------------------------------------------------------------------------


@dataclass
class TodoItem:
    """One line of the to-do list: a task of one's own or a trajectory task."""

    kind: str  # "own" or "trajectory"
    id: int
    title: str
    employee: Employee | None
    due_date: dt.date | None
    status: str  # the Dutch status
    open: bool
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    closed_by: str = ""
    reason: str = ""
    remark: str = ""
    row: Any = None

    def overdue(self, today: dt.date) -> bool:
        """Open and past its due date."""
        return self.open and self.due_date is not None and self.due_date < today


def _own(task: AgendaTask) -> TodoItem:
    return TodoItem(
        kind="own",
        id=task.id,
        title=task.title,
        employee=task.employee,
        due_date=task.due_date,
        status=status_label(task.status),
        open=task.status == S.OPEN,
        starts_at=task.starts_at,
        ends_at=task.ends_at,
        closed_at=task.closed_at,
        closed_by=task.closed_by_name,
        reason=task.reason,
        remark=task.remark,
        row=task,
    )


def _trajectory(task: Task) -> TodoItem:
    return TodoItem(
        kind="trajectory",
        id=task.id,
        title=f"{task.key} {task.name}",
        employee=task.trajectory.employee,
        due_date=task.due_date,
        status=TRAJECTORY_STATUS_LABELS[task.status],
        open=task.status == TaskStatus.OPEN,
        closed_at=task.completed_at,
        closed_by=task.completed_by.name if task.completed_by else "",
        reason=task.reason,
        row=task,
    )


def _sort_key(item: TodoItem) -> tuple:
    return (item.due_date is None, item.due_date or dt.date.max, item.kind != "own", item.id)


def todo_list(user: User) -> list[TodoItem]:
    """What is open for `user`: their own open tasks and the open tasks of open trajectories assigned to them,
    by due date (none last). Two statements."""
    own = db.session.scalars(
        sa.select(AgendaTask)
        .options(joinedload(AgendaTask.employee).joinedload(Employee.employer))
        .where(AgendaTask.assignee_id == user.id, AgendaTask.status == S.OPEN)
    )
    steps = db.session.scalars(
        sa.select(Task)
        .join(Trajectory, Trajectory.id == Task.trajectory_id)
        .options(joinedload(Task.trajectory).joinedload(Trajectory.employee).joinedload(Employee.employer))
        .where(Task.assignee_id == user.id, Task.status == TaskStatus.OPEN, Trajectory.closed_on.is_(None))
    )
    return sorted([*map(_own, own), *map(_trajectory, steps)], key=_sort_key)


def closed_list(user: User, limit: int = CLOSED_SHOWN) -> list[TodoItem]:
    """For accountability: `user`'s done and cancelled tasks, and the trajectory tasks assigned to them that are
    done, skipped or cancelled, newest first (who, when, why). Two statements."""
    own = db.session.scalars(
        sa.select(AgendaTask)
        .options(joinedload(AgendaTask.employee).joinedload(Employee.employer))
        .where(AgendaTask.assignee_id == user.id, AgendaTask.status != S.OPEN)
        .order_by(AgendaTask.closed_at.desc(), AgendaTask.id.desc())
        .limit(limit)
    )
    steps = db.session.scalars(
        sa.select(Task)
        .options(
            joinedload(Task.trajectory).joinedload(Trajectory.employee).joinedload(Employee.employer),
            joinedload(Task.completed_by),
        )
        .where(Task.assignee_id == user.id, Task.status != TaskStatus.OPEN)
        .order_by(Task.completed_at.desc(), Task.id.desc())
        .limit(limit)
    )
    items = [*map(_own, own), *map(_trajectory, steps)]
    items.sort(key=lambda i: (i.closed_at or dt.datetime.min, i.id), reverse=True)
    return items[:limit]
