"""The trigger engine (SPEC §5): WHEN an event happens, IF all conditions hold, THEN run the actions in order.

Triggers fire inside the transaction of the event that caused them. A chain of firings without a person in
between (a task added by a trigger going overdue, whose trigger adds another, ...) is counted on the tasks it
creates (`Task.chain_depth`) and on the events it causes; beyond MAX_CHAIN_DEPTH it is stopped and logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from models import (
    ActionKind,
    ConditionKind,
    DueBasis,
    NotifyTarget,
    Task,
    Trajectory,
    TrajectoryStatus,
    Trigger,
    TriggerAction,
    TriggerCondition,
    TriggerEvent,
    db,
)

from .calendar import dutch_date
from .logbook import Actor, log

MAX_CHAIN_DEPTH = 10


@dataclass
class Event:
    """Something that happened to a trajectory; `depth` counts firings since a person last acted."""

    kind: TriggerEvent
    trajectory: Trajectory
    on: dt.date
    task: Task | None = None
    depth: int = 0
    result: dict[str, Any] | None = None  # stands in for task.result in a dry run

    @property
    def task_result(self) -> dict[str, Any] | None:
        """The result the conditions look at."""
        if self.result is not None:
            return self.result
        return self.task.result if self.task is not None else None


@dataclass
class PlannedAction:
    """What one action would do, in words, with what it needs to do it."""

    action: TriggerAction
    description: str
    due_date: dt.date | None = None


@dataclass
class PlannedFiring:
    """A trigger that would fire for an event, with its actions."""

    trigger: Trigger
    actions: list[PlannedAction] = field(default_factory=list)


def _condition_holds(condition: TriggerCondition, event: Event) -> bool:
    trajectory, task = event.trajectory, event.task
    match condition.kind:
        case ConditionKind.TASK_TEMPLATE:
            return task is not None and task.task_template_id == condition.task_template_id
        case ConditionKind.RESULT_FIELD_EQUALS:
            result = event.task_result
            if not result:
                return False
            value = result.get(condition.field or "")
            return value is not None and str(value).strip().lower() == (condition.value or "").strip().lower()
        case ConditionKind.CATEGORY:
            return trajectory.category_id == condition.category_id
        case ConditionKind.END_GOAL:
            return trajectory.end_goal_id == condition.end_goal_id
        case ConditionKind.SERVICE_TYPE:
            variation = trajectory.service_variation
            service_type_id = variation.service_type_id if variation else trajectory.template.service_type_id
            return service_type_id == condition.service_type_id
    return False


def _running_prognosis_end(trajectory: Trajectory) -> dt.date | None:
    running = [i for i in trajectory.interventions if i.actual_end is None]
    return max((i.prognosis_end for i in running), default=None)


def _due_date(action: TriggerAction, event: Event, started_prognosis: dt.date | None = None) -> dt.date:
    """The due date of an added task; `started_prognosis` is the prognosis end of an intervention an earlier
    action of the same trigger will start (the task counts from it, as it will when the action runs)."""
    base = event.on
    if action.due_basis == DueBasis.PROGNOSIS_END:
        ends = [d for d in (_running_prognosis_end(event.trajectory), started_prognosis) if d is not None]
        base = max(ends, default=event.on)
    return base + dt.timedelta(days=action.due_in_days or 0)


def _describe_all(trigger: Trigger, event: Event) -> list[PlannedAction]:
    """Every action of a trigger described with the dates it will really use when it runs in order."""
    described: list[PlannedAction] = []
    started: dt.date | None = None
    for action in trigger.actions:
        described.append(describe_action(action, event, started))
        programme = event.trajectory.programme
        if action.kind == ActionKind.START_INTERVENTION and programme is not None:
            started = event.on + dt.timedelta(weeks=programme.duration_weeks)
    return described


def describe_action(
    action: TriggerAction, event: Event | None = None, started_prognosis: dt.date | None = None
) -> PlannedAction:
    """The action in the administrator's words, with its due date when an event is known."""
    match action.kind:
        case ActionKind.ADD_TASK:
            tt = action.task_template
            due = _due_date(action, event, started_prognosis) if event else None
            basis = (
                "na de prognose-einddatum"
                if action.due_basis == DueBasis.PROGNOSIS_END
                else "na de gebeurtenis"
            )
            days = f"{action.due_in_days} {'dag' if action.due_in_days == 1 else 'dagen'}"
            when = f"deadline {dutch_date(due)}" if due else f"deadline {days} {basis}"
            return PlannedAction(action, f"Taak {tt.key} {tt.name} toevoegen, {when}", due)
        case ActionKind.CLOSE_TRAJECTORY:
            return PlannedAction(
                action, f"Traject sluiten met beëindigingsreden \u201c{action.end_reason.name}\u201d"
            )
        case ActionKind.GENERATE_DOCUMENT:
            return PlannedAction(action, f"Document \u201c{action.document_template.name}\u201d maken")
        case ActionKind.START_INTERVENTION:
            return PlannedAction(action, "Interventie starten met het gekozen programma")
        case ActionKind.NOTIFY:
            who = (
                "de casemanager"
                if action.notify_target == NotifyTarget.CASE_MANAGER
                else "de functioneel beheerders"
            )
            return PlannedAction(action, f"Bericht aan {who}: {action.text}")
    raise ValueError(action.kind)


def plan(event: Event) -> list[PlannedFiring]:
    """Which active triggers of the trajectory's template would fire for `event`, and what they would do."""
    triggers = db.session.scalars(
        sa.select(Trigger)
        .where(
            Trigger.trajectory_template_id == event.trajectory.template_id,
            Trigger.event == event.kind,
            Trigger.active.is_(True),
        )
        .order_by(Trigger.position, Trigger.id)
    )
    return [
        PlannedFiring(trigger, _describe_all(trigger, event))
        for trigger in triggers
        if all(_condition_holds(c, event) for c in trigger.conditions)
    ]


def dry_run(
    trajectory: Trajectory,
    event_kind: TriggerEvent | str,
    *,
    on: dt.date,
    task: Task | None = None,
    result: dict[str, Any] | None = None,
) -> list[PlannedFiring]:
    """Answer "which triggers would fire, and what would they do" without changing anything.

    `result` stands in for the result a task would be completed with (e.g. {"approval": "rejected"}).
    """
    with db.session.no_autoflush:
        return plan(Event(TriggerEvent(event_kind), trajectory, on, task, result=result))


def fire(event: Event, *, actor: Actor, now: dt.datetime) -> list[PlannedFiring]:
    """Run every trigger that matches `event`; each firing is logged. Returns what fired."""
    trajectory = event.trajectory
    if event.depth > MAX_CHAIN_DEPTH:
        log(
            actor,
            now,
            "trigger.chain_stopped",
            f"Keten van triggers gestopt na {MAX_CHAIN_DEPTH} stappen zonder tussenkomst van een persoon "
            f"(gebeurtenis {event.kind.value}{f' op taak {event.task.key}' if event.task else ''}).",
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            subject=event.task,
            details={"event": event.kind.value, "depth": event.depth},
        )
        return []
    fired = plan(event)
    for firing in fired:
        log(
            actor,
            now,
            "trigger.fired",
            f"Trigger \u201c{firing.trigger.name}\u201d: " + "; ".join(a.description for a in firing.actions),
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            subject=firing.trigger,
            details={
                "event": event.kind.value,
                "task_id": event.task.id if event.task else None,
                "depth": event.depth,
            },
        )
        for planned in firing.actions:
            _run(planned, event, actor=actor, now=now)
    return fired


def _run(planned: PlannedAction, event: Event, *, actor: Actor, now: dt.datetime) -> None:
    from . import process  # process fires triggers; triggers call back into process

    action, trajectory = planned.action, event.trajectory
    if trajectory.status == TrajectoryStatus.CLOSED and action.kind != ActionKind.GENERATE_DOCUMENT:
        return  # a closed trajectory only still gets the documents its closing asked for
    match action.kind:
        case ActionKind.ADD_TASK:
            # Computed now, not when planned: an earlier action of the same trigger may have started the
            # intervention whose prognosis end this due date counts from.
            process.add_task(
                trajectory,
                action.task_template,
                due_date=_due_date(action, event),
                actor=actor,
                now=now,
                chain_depth=event.depth,
            )
        case ActionKind.CLOSE_TRAJECTORY:
            process.close_trajectory(
                trajectory, action.end_reason, actor=actor, now=now, closed_on=event.on, depth=event.depth + 1
            )
        case ActionKind.GENERATE_DOCUMENT:
            from .documents import generate_document

            generate_document(trajectory, action.document_template, actor=actor, now=now, task=event.task)
        case ActionKind.START_INTERVENTION:
            from .interventions import start_intervention

            start_intervention(trajectory, started_on=event.on, actor=actor, now=now)
        case ActionKind.NOTIFY:
            from .notices import notify

            notify(trajectory, action, actor=actor, now=now, on=event.on)
