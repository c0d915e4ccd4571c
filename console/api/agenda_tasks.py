"""API doors for tasks of one's own and the to-do list (casework.agenda_tasks), the same refusals as elsewhere.

A field error is 422 naming the field, a step the task's status does not allow is 409, someone else's task or a
client of another caseload is 403. A token linked to a user acts as that user; a token without a user names
the assignee of a new task.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from marshmallow import fields

from casework import agenda_tasks as engine
from casework.calendar import local_day
from casework.errors import Forbidden
from models import AgendaTask, AgendaTaskStatus, Role, User

from .agenda import LocalTime, whose_agenda
from .common import ApiError, Blueprint, actor, body, document_errors, get_or_404, now, paginated, token
from .resources import json_body

tasks = Blueprint(
    "api_agenda_tasks", __name__, url_prefix="/api/v1/agenda", description="Taken en takenlijst"
)
BLUEPRINTS = (tasks,)
ID_RANGE = ma.validate.Range(min=1, max=2**31 - 1)


class AgendaTaskOut(ma.Schema):
    """A task of one's own; times in Dutch local time."""

    id = fields.Integer()
    title = fields.String()
    employee_id = fields.Integer(allow_none=True)
    assignee_id = fields.Integer()
    due_date = fields.Date(allow_none=True)
    remark = fields.String()
    status = fields.Function(lambda t: t.status.value)
    status_label = fields.Function(lambda t: engine.status_label(t.status))
    starts_at = LocalTime(allow_none=True)
    ends_at = LocalTime(allow_none=True)
    created_at = LocalTime()
    closed_at = LocalTime(allow_none=True)
    closed_by = fields.String(attribute="closed_by_name")
    reason = fields.String()


class TodoOut(ma.Schema):
    """A line of the to-do list: a task of one's own (`own`) or a trajectory task (`trajectory`)."""

    kind = fields.String()
    id = fields.Integer()
    title = fields.String()
    employee_id = fields.Integer(allow_none=True)
    due_date = fields.Date(allow_none=True)
    status = fields.String()
    overdue = fields.Boolean()
    starts_at = LocalTime(allow_none=True)
    ends_at = LocalTime(allow_none=True)
    closed_at = LocalTime(allow_none=True)
    closed_by = fields.String()
    reason = fields.String()


class TaskQuery(ma.Schema):
    """Whose tasks (default the token's user) and which status (default open)."""

    user_id = fields.Integer(load_default=None, validate=ID_RANGE)
    status = fields.String(
        load_default="open", validate=ma.validate.OneOf([*(s.value for s in AgendaTaskStatus), "all"])
    )


class TodoQuery(ma.Schema):
    """Whose to-do list (default the token's user): open, or done and cancelled (`closed`)."""

    user_id = fields.Integer(load_default=None, validate=ID_RANGE)
    show = fields.String(load_default="open", validate=ma.validate.OneOf(["open", "closed"]))


class EmptyInput(ma.Schema):
    """No fields."""


def _whose(user_id: int | None) -> User:
    """The token's user by default; a case manager's token sees only its own tasks."""
    return whose_agenda(user_id, "U kunt alleen uw eigen taken zien.")


def _task(task_id: int) -> AgendaTask:
    task = get_or_404(AgendaTask, task_id, "Taak")
    own = token().user
    if own is not None and own.role != Role.ADMIN and task.assignee_id != own.id:
        raise Forbidden({"assignee_id": "Dit is niet uw taak."})
    return task


@tasks.get("/tasks")
@tasks.arguments(TaskQuery, location="query")
@tasks.response(200, AgendaTaskOut(many=True))
@tasks.paginate()
@document_errors(tasks, 403, 404, 422)
def list_tasks(args: dict[str, Any], pagination_parameters: Any) -> list[AgendaTask]:
    """A user's own tasks (default the token's user), by due date; `status` open (default), done, cancelled
    or all: done and cancelled tasks stay queryable for accountability."""
    user = _whose(args["user_id"])
    query = sa.select(AgendaTask).where(AgendaTask.assignee_id == user.id)
    if args["status"] != "all":
        query = query.where(AgendaTask.status == args["status"])
    order = (AgendaTask.due_date.is_(None), AgendaTask.due_date, AgendaTask.id)
    return paginated(query.order_by(*order), pagination_parameters)


@tasks.post("/tasks")
@tasks.doc(**json_body(engine.TaskInput))
@tasks.response(201, AgendaTaskOut)
@document_errors(tasks, 403, 422)
def create_task() -> AgendaTask:
    """A new task: `title`, optional `employee_id` (one's caseload), `due_date`, `remark`, `assignee_id`
    (an administrator's token, or a token without a user: required then)."""
    return engine.create_task(body(), actor=actor(), now=now())


@tasks.get("/tasks/<int:task_id>")
@tasks.response(200, AgendaTaskOut)
@document_errors(tasks, 403, 404)
def read_task(task_id: int) -> AgendaTask:
    """One task."""
    return _task(task_id)


def _step(name: str, schema: type[ma.Schema], doc: str, run: Any) -> None:
    """Register POST /agenda/tasks/{id}/<name>: one step of a task."""

    def view(task_id: int) -> AgendaTask:
        return run(_task(task_id), body())

    view.__name__ = f"agenda_task_{name}"
    view.__doc__ = doc
    decorated = document_errors(tasks, 403, 404, 409, 422)(view)
    decorated = tasks.response(200, AgendaTaskOut)(decorated)
    decorated = tasks.doc(**json_body(schema))(decorated)
    tasks.post(f"/tasks/<int:task_id>/{name}")(decorated)


def _no_fields(data: dict[str, Any]) -> None:
    if data:
        raise ApiError(422, "invalid", "Ongeldige invoer.", {k: "Onbekend veld." for k in data})


def _complete(task: AgendaTask, data: dict[str, Any]) -> AgendaTask:
    _no_fields(data)
    return engine.complete_task(task, actor=actor(), now=now())


def _unschedule(task: AgendaTask, data: dict[str, Any]) -> AgendaTask:
    _no_fields(data)
    return engine.unschedule_task(task, actor=actor(), now=now())


_step("complete", EmptyInput, "Uitgevoerd: the task leaves the to-do list.", _complete)
_step(
    "cancel",
    engine.CancelInput,
    "Geannuleerd with a `reason`: the task leaves the to-do list and stays on record.",
    lambda t, d: engine.cancel_task(t, d, actor=actor(), now=now()),
)
_step(
    "promote",
    engine.PromoteInput,
    "In agenda zetten: `date`, `start_time`, `end_time` (local, 09:00); not over a consult, another task in the"
    " agenda or unavailability.",
    lambda t, d: engine.promote_task(t, d, actor=actor(), now=now()),
)
_step("unschedule", EmptyInput, "Uit de agenda halen: the task stays on the to-do list.", _unschedule)


@tasks.get("/todo")
@tasks.arguments(TodoQuery, location="query")
@tasks.response(200, TodoOut(many=True))
@document_errors(tasks, 403, 404, 422)
def todo(args: dict[str, Any]) -> list[dict[str, Any]]:
    """The to-do list (Takenlijst): one's own open tasks and the open trajectory tasks assigned to one, by due
    date; with `show=closed` the done, skipped and cancelled ones (who, when, why), newest first (at most 200)."""
    user = _whose(args["user_id"])
    items = engine.closed_list(user) if args["show"] == "closed" else engine.todo_list(user)
    today = local_day(now())
    keys = (
        "kind",
        "id",
        "title",
        "due_date",
        "status",
        "starts_at",
        "ends_at",
        "closed_at",
        "closed_by",
        "reason",
    )
    return [
        {
            **{key: getattr(item, key) for key in keys},
            "employee_id": item.employee.id if item.employee else None,
            "overdue": item.overdue(today),
        }
        for item in items
    ]
