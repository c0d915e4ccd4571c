"""API doors for trajectories, tasks and signals: parse, check the caseload, call ONE engine function."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import sqlalchemy as sa

from casework import process
from casework.calendar import local_day
from casework.cautions import take_cautions
from casework.errors import Invalid
from casework.logbook import log
from casework.signals import snooze_signal
from models import (
    Category,
    Employee,
    EndGoal,
    EndReason,
    Policy,
    SickReport,
    Signal,
    SignalStatus,
    Task,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    TrajectoryTemplate,
    User,
    db,
)

from ..transactions import writes
from .common import (
    ApiError,
    Blueprint,
    actor,
    body,
    check_case_manager,
    check_employee,
    document_errors,
    get_or_404,
    in_caseload,
    now,
    open_status,
    paginated,
)
from .outputs import SignalOut, TaskCompletedOut, TaskOut, TrajectoryOut

trajectories = Blueprint(
    "api_trajectories", __name__, url_prefix="/api/v1/trajectories", description="Trajecten"
)
tasks = Blueprint("api_tasks", __name__, url_prefix="/api/v1/tasks", description="Taken")
signals = Blueprint("api_signals", __name__, url_prefix="/api/v1/signals", description="Signaleringen")
BLUEPRINTS = (trajectories, tasks, signals)
REFS = {
    "template_id": (TrajectoryTemplate, "template"),
    "case_manager_id": (User, "case_manager"),
    "category_id": (Category, "category"),
    "end_goal_id": (EndGoal, "end_goal"),
    "sick_report_id": (SickReport, "sick_report"),
    "policy_id": (Policy, "policy"),
}


ID = ma.validate.Range(min=1, max=2**31 - 1)


class StartIn(ma.Schema):
    """Start a trajectory: the employee and template, optionally who, category, end goal, sick report, policy."""

    employee_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    template_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    case_manager_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=ID)
    category_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=ID)
    end_goal_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=ID)
    sick_report_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=ID)
    policy_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=ID)


class TrajectoryCloseIn(ma.Schema):
    """Close a trajectory with an end reason, on a day (default today)."""

    end_reason_id = ma.fields.Integer(required=True, strict=True, validate=ID)
    closed_on = ma.fields.Date(load_default=None, allow_none=True)


class ListQuery(ma.Schema):
    """Trajectory list filters."""

    status = ma.fields.String(
        load_default=None, validate=ma.validate.OneOf([s.value for s in TrajectoryStatus])
    )
    employee = ma.fields.Integer(load_default=None, validate=ID)


class TaskQuery(ma.Schema):
    """Task list filters: assignee (user id), status, overdue (open and due before today), trajectory."""

    assignee = ma.fields.Integer(load_default=None, validate=ID)
    status = ma.fields.String(load_default=None, validate=ma.validate.OneOf([s.value for s in TaskStatus]))
    overdue = ma.fields.Boolean(load_default=None)
    trajectory = ma.fields.Integer(load_default=None, validate=ID)


class SignalQuery(ma.Schema):
    """Signal list filter: status (default open)."""

    status = ma.fields.String(
        load_default="open", validate=ma.validate.OneOf([s.value for s in SignalStatus])
    )


class SnoozeIn(ma.Schema):
    """For how many days a signal is hidden."""

    days = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(min=-1000, max=1000))


def _trajectory(trajectory_id: int) -> Trajectory:
    """A trajectory within the token's caseload."""
    trajectory = get_or_404(Trajectory, trajectory_id, "Traject")
    check_employee(trajectory.employee)
    return trajectory


@trajectories.get("/")
@trajectories.arguments(ListQuery, location="query")
@trajectories.response(200, TrajectoryOut(many=True))
@trajectories.paginate()
@document_errors(trajectories, 422)
def list_trajectories(args: dict[str, Any], pagination_parameters: Any) -> list[Trajectory]:
    """Trajectories in the token's caseload, newest first."""
    query = in_caseload(sa.select(Trajectory), Employee).order_by(
        Trajectory.started_on.desc(), Trajectory.id.desc()
    )
    if args["status"]:
        query = query.where(Trajectory.status == args["status"])
    if args["employee"] is not None:
        query = query.where(Trajectory.employee_id == args["employee"])
    return paginated(query, pagination_parameters)


@trajectories.post("/")
@trajectories.arguments(StartIn)
@trajectories.response(201, TrajectoryOut)
@document_errors(trajectories, 403, 404, 422)
def start_trajectory(args: dict[str, Any]) -> Trajectory:
    """Start a trajectory for an employee."""
    employee = db.session.get(Employee, args.pop("employee_id"))
    if employee is None:
        raise Invalid({"employee_id": "Deze werknemer bestaat niet."})
    check_employee(employee)
    check_case_manager({k: v for k, v in args.items() if k == "case_manager_id" and v is not None})
    refs = {}
    for key, (model, name) in REFS.items():
        if args[key] is not None:
            refs[name] = db.session.get(model, args[key])
            if refs[name] is None:
                raise Invalid({key: "Bestaat niet."})
    template = refs.pop("template")
    return process.start_trajectory(employee, template, actor=actor(), now=now(), **refs)


@trajectories.get("/<int:trajectory_id>")
@trajectories.response(200, TrajectoryOut)
@document_errors(trajectories, 403, 404)
@writes  # the read is in the log book
def read_trajectory(trajectory_id: int) -> Trajectory:
    """One trajectory; the read is logged as "trajectory.read"."""
    trajectory = _trajectory(trajectory_id)
    log(
        actor(),
        now(),
        "trajectory.read",
        f"Traject van {trajectory.employee.full_name} ingezien via de API",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=trajectory,
    )
    return trajectory


@trajectories.post("/<int:trajectory_id>/close")
@trajectories.arguments(TrajectoryCloseIn)
@trajectories.response(200, TrajectoryOut)
@document_errors(trajectories, 403, 404, 409, 422)
def close_trajectory(args: dict[str, Any], trajectory_id: int) -> Trajectory:
    """Close a trajectory with an end reason."""
    trajectory = _trajectory(trajectory_id)
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise ApiError(409, "conflict", "Dit traject is al gesloten.", {"trajectory": "Al gesloten."})
    reason = db.session.get(EndReason, args["end_reason_id"])
    if reason is None:
        raise Invalid({"end_reason_id": "Deze beëindigingsreden bestaat niet."})
    return process.close_trajectory(trajectory, reason, actor=actor(), now=now(), closed_on=args["closed_on"])


@tasks.get("/")
@tasks.arguments(TaskQuery, location="query")
@tasks.response(200, TaskOut(many=True))
@tasks.paginate()
@document_errors(tasks, 422)
def list_tasks(args: dict[str, Any], pagination_parameters: Any) -> list[Task]:
    """Tasks in the token's caseload, by due date; filters: assignee, status, overdue, trajectory."""
    query = in_caseload(sa.select(Task), Trajectory, Employee).order_by(Task.due_date, Task.id)
    if args["assignee"] is not None:
        query = query.where(Task.assignee_id == args["assignee"])
    if args["status"] == TaskStatus.OPEN:
        query = query.where(open_status(Task))  # the partial indexes of open tasks
    elif args["status"]:
        query = query.where(Task.status == args["status"])
    if args["trajectory"] is not None:
        query = query.where(Task.trajectory_id == args["trajectory"])
    overdue = sa.and_(open_status(Task), Task.due_date < local_day(now()))
    if args["overdue"] is not None:
        query = query.where(overdue if args["overdue"] else sa.not_(overdue))
    return paginated(query, pagination_parameters)


@tasks.post("/<int:task_id>/complete")
@tasks.doc(requestBody={"content": {"application/json": {"schema": {"type": "object"}}}})
@tasks.response(200, TaskCompletedOut)
@document_errors(tasks, 403, 404, 409, 422)
def complete_task(task_id: int) -> Task:
    """Complete an open task with the result its kind asks for (the same validation as in Slack); `warnings`
    lists what the engine warns about without refusing (a spoor-2 programme before the plan van aanpak)."""
    task = get_or_404(Task, task_id, "Taak")
    check_employee(task.trajectory.employee)
    if task.status != TaskStatus.OPEN or task.trajectory.status == TrajectoryStatus.CLOSED:
        raise ApiError(409, "conflict", "Deze taak is niet meer open.", {"task": "Niet open."})
    task = process.complete_task(task, body(), actor=actor(), now=now())
    task.warnings = take_cautions()  # read by TaskCompletedOut; not a column
    return task


class SkipIn(ma.Schema):
    """Why an optional task is skipped."""

    reason = ma.fields.String(required=True, validate=ma.validate.Length(max=1500))


@tasks.post("/<int:task_id>/skip")
@tasks.arguments(SkipIn)
@tasks.response(200, TaskOut)
@document_errors(tasks, 403, 404, 409, 422)
def skip_task(args: dict[str, Any], task_id: int) -> Task:
    """Skip an optional task with a reason (the same rule as in Slack and the console); the process goes on."""
    task = get_or_404(Task, task_id, "Taak")
    check_employee(task.trajectory.employee)
    if task.status != TaskStatus.OPEN or task.trajectory.status == TrajectoryStatus.CLOSED:
        raise ApiError(409, "conflict", "Deze taak is niet meer open.", {"task": "Niet open."})
    return process.skip_task(task, args["reason"], actor=actor(), now=now())


@signals.get("/")
@signals.arguments(SignalQuery, location="query")
@signals.response(200, SignalOut(many=True))
@signals.paginate()
@document_errors(signals, 422)
def list_signals(args: dict[str, Any], pagination_parameters: Any) -> list[Signal]:
    """Signals in the token's caseload, by due date."""
    status = open_status(Signal) if args["status"] == SignalStatus.OPEN else Signal.status == args["status"]
    query = in_caseload(sa.select(Signal), (Employee, Employee.id == Signal.employee_id))
    return paginated(query.where(status).order_by(Signal.due_date, Signal.id), pagination_parameters)


@signals.post("/<int:signal_id>/snooze")
@signals.arguments(SnoozeIn)
@signals.response(200, SignalOut)
@document_errors(signals, 403, 404, 409, 422)
def snooze(args: dict[str, Any], signal_id: int) -> Signal:
    """Hide an open signal for 1 to 30 days."""
    signal = get_or_404(Signal, signal_id, "Signalering")
    if signal.employee is not None:
        check_employee(signal.employee)
    if signal.status != SignalStatus.OPEN:
        raise ApiError(409, "conflict", "Deze signalering is al opgelost.", {"signal": "Opgelost."})
    return snooze_signal(signal, args["days"], actor=actor(), now=now())
