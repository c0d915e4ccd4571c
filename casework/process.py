"""Trajectories and their tasks: start, add, complete, skip, reassign, reschedule, snooze, close (SPEC §4).

Every function validates first (raising Invalid before anything changed), then changes, flushes, writes the log
book, and fires the trigger events of SPEC §5 in the same transaction. Each runs in a savepoint, so a failure in
a trigger's action undoes the whole operation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from models import (
    AbsenceCause,
    Category,
    Employee,
    EndGoal,
    EndReason,
    Financier,
    Policy,
    Programme,
    Role,
    SickReport,
    Task,
    TaskKind,
    TaskStatus,
    TaskTemplate,
    Trajectory,
    TrajectoryStatus,
    TrajectoryTemplate,
    TriggerEvent,
    User,
    db,
)

from .atomic import atomic
from .calendar import add_working_days, dutch_date, local_day
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log
from .taskresults import load_result, to_json
from .triggers import Event, fire


def _active(model: type, object_id: int | None, field: str, what: str) -> Any:
    if object_id is None:
        return None
    row = db.session.get(model, object_id)
    if row is None or not getattr(row, "active", True):
        raise Invalid({field: M_("Kies een bestaande, actieve %(what)s.", what=what)})
    return row


def start_trajectory(
    employee: Employee,
    template: TrajectoryTemplate,
    *,
    actor: Actor,
    now: dt.datetime,
    case_manager: User | None = None,
    category: Category | None = None,
    end_goal: EndGoal | None = None,
    sick_report: SickReport | None = None,
    policy: Policy | None = None,
) -> Trajectory:
    """Start a trajectory of a template the employer may start today, with its initial tasks."""
    from .agreements import allowed_templates, category_error

    today = local_day(now)
    allowed = allowed_templates(employee.employer, today)
    if template.id not in {t.id for t in allowed.templates}:
        reason = allowed.reason or M_(
            "Trajecttype \u201c%(template)s\u201d zit niet in de dienstverlening van %(employer)s die op %(day)s geldt.",
            template=template.name,
            employer=employee.employer.name,
            day=dutch_date(today),
        )
        raise Invalid({"template": reason})
    errors: dict[str, str] = {}
    if sick_report is not None and sick_report.employee_id != employee.id:
        errors["sick_report"] = M_("Deze verzuimmelding hoort niet bij deze werknemer.")
    if policy is not None and policy.employer_id != employee.employer_id:
        errors["policy"] = M_("Deze polis hoort niet bij de werkgever van deze werknemer.")
    if message := category_error(category, employee.employer, today):
        errors["category"] = message
    if end_goal is not None and not end_goal.active:
        errors["end_goal"] = M_("Dit einddoel is gedeactiveerd.")
    manager = case_manager or employee.case_manager
    if manager is not None and (not manager.active or manager.role != Role.CASEMANAGER):
        errors["case_manager"] = M_("Kies een actieve casemanager.")
    if errors:
        raise Invalid(errors)
    with atomic():
        trajectory = Trajectory(
            template=template,
            employee=employee,
            case_manager=manager,
            category=category,
            end_goal=end_goal,
            sick_report=sick_report,
            policy=policy,
            service_variation=allowed.variation_for(template),
            status=TrajectoryStatus.OPEN,
            started_on=today,
            created_at=now,
        )
        db.session.add(trajectory)
        db.session.flush()
        log(
            actor,
            now,
            "trajectory.started",
            f"Traject \u201c{template.name}\u201d gestart",
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            subject=trajectory,
        )
        for task_template in template.task_templates:
            if task_template.active and task_template.starts_with_trajectory:
                add_task(trajectory, task_template, actor=actor, now=now)
        fire(Event(TriggerEvent.TRAJECTORY_STARTED, trajectory, today), actor=actor, now=now)
    return trajectory


def task_due(task_template: TaskTemplate, start: dt.date) -> dt.date:
    """The default due date of a task from `task_template` added on `start`: its offset in days or working days."""
    if task_template.due_in_working_days:
        return add_working_days(start, task_template.due_offset_days)
    return start + dt.timedelta(days=task_template.due_offset_days)


def add_task(
    trajectory: Trajectory,
    task_template: TaskTemplate,
    *,
    actor: Actor,
    now: dt.datetime,
    due_date: dt.date | None = None,
    assignee: User | None = None,
    chain_depth: int = 0,
) -> Task:
    """Add a task from a template of the trajectory's own template (due by default after its offset)."""
    if task_template.trajectory_template_id != trajectory.template_id:
        raise Invalid({"task_template": M_("Deze taak hoort niet bij het trajecttype van dit traject.")})
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise Invalid({"trajectory": M_("Dit traject is gesloten.")})
    due = due_date or task_due(task_template, local_day(now))
    task = Task(
        trajectory=trajectory,
        task_template=task_template,
        key=task_template.key,
        name=task_template.name,
        kind=task_template.kind,
        status=TaskStatus.OPEN,
        due_date=due,
        assignee=assignee or trajectory.case_manager,
        created_at=now,
        chain_depth=chain_depth,
    )
    db.session.add(task)
    db.session.flush()
    log(
        actor,
        now,
        "task.added",
        f"Taak {task.key} {task.name} toegevoegd, deadline {dutch_date(due)}",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=task,
    )
    if task.kind == TaskKind.APPROVAL and task_template.document_template is not None:
        # What is to be approved must exist before the answer (seed 000, step 4: "Opstellen Interventie offerte
        # en laten accorderen"): the quote is made when the approval task comes up, i.e. once T3 is done or
        # skipped, never afterwards on a "Nee".
        _document_for(task, actor=actor, now=now)
    return task


def _ensure_open(task: Task) -> None:
    if task.status != TaskStatus.OPEN:
        when = f" op {dutch_date(local_day(task.completed_at))}" if task.completed_at else ""
        word = {"done": "afgerond", "skipped": "overgeslagen", "cancelled": "vervallen"}[task.status.value]
        raise Invalid(
            {"task": M_("Taak %(key)s is al %(word)s%(when)s.", key=task.key, word=word, when=when)}
        )
    if task.trajectory.status == TrajectoryStatus.CLOSED:
        raise Invalid({"task": M_("Het traject van deze taak is gesloten.")})


def complete_task(task: Task, data: dict[str, Any] | None, *, actor: Actor, now: dt.datetime) -> Task:
    """Complete an open task with a result valid for its kind; applies it and fires task_completed."""
    _ensure_open(task)
    result = load_result(task.kind, data, today=local_day(now))
    with atomic():
        stored = _apply(task, result, actor=actor, now=now)
        task.status = TaskStatus.DONE
        task.completed_at = now
        task.completed_by = actor.user
        task.result = to_json(stored)
        db.session.flush()
        log(
            actor,
            now,
            "task.completed",
            f"Taak {task.key} {task.name} afgerond",
            employee_id=task.trajectory.employee_id,
            trajectory_id=task.trajectory_id,
            subject=task,
            details={k: v for k, v in task.result.items() if k != "remark"},
        )
        fire(Event(TriggerEvent.TASK_COMPLETED, task.trajectory, local_day(now), task), actor=actor, now=now)
    return task


def skip_task(task: Task, reason: str, *, actor: Actor, now: dt.datetime) -> Task:
    """Skip an optional task with a reason; the process goes on as if it were completed."""
    _ensure_open(task)
    reason = (reason or "").strip()
    if not task.task_template.optional:
        raise Invalid(
            {"task": M_("Taak %(key)s is verplicht en kan niet worden overgeslagen.", key=task.key)}
        )
    if not reason:
        raise Invalid({"reason": M_("Geef een reden waarom de taak wordt overgeslagen.")})
    if len(reason) > 1500:
        raise Invalid({"reason": M_("Hoogstens 1.500 tekens.")})
    with atomic():
        task.status = TaskStatus.SKIPPED
        task.completed_at = now
        task.completed_by = actor.user
        task.reason = reason
        task.result = {"skipped": True, "reason": reason}
        db.session.flush()
        log(
            actor,
            now,
            "task.skipped",
            f"Taak {task.key} {task.name} overgeslagen: {reason}",
            employee_id=task.trajectory.employee_id,
            trajectory_id=task.trajectory_id,
            subject=task,
        )
        fire(Event(TriggerEvent.TASK_COMPLETED, task.trajectory, local_day(now), task), actor=actor, now=now)
    return task


def reassign_task(task: Task, assignee: User, *, actor: Actor, now: dt.datetime) -> Task:
    """Give an open task to another active user."""
    _ensure_open(task)
    if not assignee.active:
        raise Invalid({"assignee": M_("Deze gebruiker is niet actief.")})
    previous = task.assignee.name if task.assignee else "niemand"
    task.assignee = assignee
    db.session.flush()
    log(
        actor,
        now,
        "task.reassigned",
        f"Taak {task.key} van {previous} naar {assignee.name}",
        employee_id=task.trajectory.employee_id,
        trajectory_id=task.trajectory_id,
        subject=task,
    )
    return task


def reschedule_task(task: Task, due_date: dt.date, reason: str, *, actor: Actor, now: dt.datetime) -> Task:
    """Move an open task's due date (not before the trajectory's start), with a reason."""
    _ensure_open(task)
    if due_date < task.trajectory.started_on:
        raise Invalid({"due_date": M_("De deadline ligt vóór de start van het traject.")})
    if not (reason or "").strip():
        raise Invalid({"reason": M_("Geef een reden voor de nieuwe deadline.")})
    previous, task.due_date = task.due_date, due_date
    task.overdue_fired_on = None
    db.session.flush()
    log(
        actor,
        now,
        "task.rescheduled",
        f"Deadline taak {task.key} van {dutch_date(previous)} naar {dutch_date(due_date)}: {reason.strip()}",
        employee_id=task.trajectory.employee_id,
        trajectory_id=task.trajectory_id,
        subject=task,
    )
    return task


def snooze_task(task: Task, days: int, *, actor: Actor, now: dt.datetime) -> Task:
    """Hide an open task from "my tasks" for 1 to 30 days (its due date stays)."""
    _ensure_open(task)
    if not 1 <= days <= 30:
        raise Invalid({"days": M_("Kies 1 tot en met 30 dagen.")})
    task.snoozed_until = local_day(now) + dt.timedelta(days=days)
    db.session.flush()
    log(
        actor,
        now,
        "task.snoozed",
        f"Taak {task.key} gesluimerd tot {dutch_date(task.snoozed_until)}",
        employee_id=task.trajectory.employee_id,
        trajectory_id=task.trajectory_id,
        subject=task,
    )
    return task


def close_trajectory(
    trajectory: Trajectory,
    end_reason: EndReason,
    *,
    actor: Actor,
    now: dt.datetime,
    closed_on: dt.date | None = None,
    depth: int = 0,
) -> Trajectory:
    """Close with an end reason: open tasks are cancelled and running interventions ended, with the reason."""
    closed_on = closed_on or local_day(now)
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise Invalid(
            {
                "trajectory": M_(
                    "Dit traject is al gesloten op %(closed_on)s.", closed_on=dutch_date(trajectory.closed_on)
                )
            }
        )
    if not end_reason.active:
        raise Invalid({"end_reason": M_("Deze beëindigingsreden is gedeactiveerd.")})
    if closed_on < trajectory.started_on:
        raise Invalid({"closed_on": M_("De einddatum ligt vóór de start van het traject.")})
    if closed_on > local_day(now):
        raise Invalid({"closed_on": M_("De einddatum ligt in de toekomst.")})
    with atomic():
        why = f"Traject gesloten: {end_reason.name}"
        for task in trajectory.tasks:
            if task.status == TaskStatus.OPEN:
                task.status, task.completed_at, task.reason = TaskStatus.CANCELLED, now, why
                log(
                    actor,
                    now,
                    "task.cancelled",
                    f"Taak {task.key} {task.name} vervallen ({why})",
                    employee_id=trajectory.employee_id,
                    trajectory_id=trajectory.id,
                    subject=task,
                )
        for intervention in trajectory.interventions:
            if intervention.actual_end is None:
                intervention.actual_end = max(closed_on, intervention.started_on)
                intervention.end_reason = end_reason
        trajectory.status, trajectory.closed_on, trajectory.end_reason = (
            TrajectoryStatus.CLOSED,
            closed_on,
            end_reason,
        )
        db.session.flush()
        log(
            actor,
            now,
            "trajectory.closed",
            f"Traject gesloten met beëindigingsreden \u201c{end_reason.name}\u201d",
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            subject=trajectory,
        )
        fire(Event(TriggerEvent.TRAJECTORY_CLOSED, trajectory, closed_on, depth=depth), actor=actor, now=now)
    return trajectory


def fire_overdue(task: Task, *, actor: Actor, now: dt.datetime) -> bool:
    """The day change for one task: fire task_overdue once when an open task is past due. Returns whether it fired."""
    today = local_day(now)
    if task.status != TaskStatus.OPEN or task.due_date >= today or task.overdue_fired_on is not None:
        return False
    if task.trajectory.status == TrajectoryStatus.CLOSED:
        return False
    with atomic():
        task.overdue_fired_on = today
        db.session.flush()
        fire(
            Event(TriggerEvent.TASK_OVERDUE, task.trajectory, today, task, depth=task.chain_depth + 1),
            actor=actor,
            now=now,
        )
    return True


def _apply(task: Task, result: dict[str, Any], *, actor: Actor, now: dt.datetime) -> dict[str, Any]:
    """Carry a task's result over to its trajectory; returns what to store on the task."""
    trajectory = task.trajectory
    if task.kind == TaskKind.POLICY_SELECTION:
        if result.get("sick_report_id") is not None:
            report = db.session.get(SickReport, result["sick_report_id"])
            if report is None or report.employee_id != trajectory.employee_id:
                raise Invalid({"sick_report_id": M_("Kies een verzuimmelding van deze werknemer.")})
            trajectory.sick_report = report
        if result.get("policy_id") is not None:
            policy = db.session.get(Policy, result["policy_id"])
            if policy is None or policy.employer_id != trajectory.employee.employer_id:
                raise Invalid({"policy_id": M_("Kies een polis van de werkgever van deze werknemer.")})
            trajectory.policy = policy
        # What the start already set stands unless T1 changes it (seed 000: T1 confirms or changes).
        category = _active(Category, result.get("category_id"), "category_id", "categorie")
        category = category or trajectory.category
        end_goal = (
            _active(EndGoal, result.get("end_goal_id"), "end_goal_id", "einddoel") or trajectory.end_goal
        )
        missing = {
            name: "Dit veld is verplicht."
            for name, value in (("category_id", category), ("end_goal_id", end_goal))
            if value is None
        }
        if missing:
            raise Invalid(missing)
        if result.get("category_id") is not None:
            from .agreements import category_error

            if message := category_error(category, trajectory.employee.employer, local_day(now)):
                raise Invalid({"category_id": message})
        # the non-medical cause of absence (seed 002) stands unless T1 names another one
        cause = _active(AbsenceCause, result.get("absence_cause_id"), "absence_cause_id", "verzuimoorzaak")
        trajectory.category, trajectory.end_goal = category, end_goal
        if cause is not None:
            trajectory.absence_cause = cause
        result = {**result, "category_id": category.id, "end_goal_id": end_goal.id}
    elif task.kind == TaskKind.PROGRAMME_SELECTION:
        programme = db.session.get(Programme, result["programme_id"])
        if programme is None or not programme.active or not programme.provider.active:
            raise Invalid({"programme_id": M_("Kies een actief programma van een actieve provider.")})
        service_type_id = (
            trajectory.service_variation.service_type_id if trajectory.service_variation else None
        )
        if service_type_id is not None and service_type_id not in {s.id for s in programme.service_types}:
            raise Invalid(
                {
                    "programme_id": M_(
                        "Dit programma is niet toegestaan voor de dienstverlening van dit traject."
                    )
                }
            )
        trajectory.programme = programme
        from .cautions import warn_spoor_2

        warn_spoor_2(trajectory, programme, actor=actor, now=now)  # a warning, never a refusal
        # "Kosten boven mandaat": recorded with the choice, so a trigger condition on the result can add the
        # insurer's approval (seed trigger "T2 kosten boven mandaat → akkoord verzekeraar").
        from .mandate import above_mandate, default_financier

        mandate, above = above_mandate(trajectory, programme.price, local_day(now))
        chosen = result.get("financier")
        trajectory.financier = Financier(chosen) if chosen else default_financier(trajectory)
        result = {
            **result,
            "mandate": mandate,
            "above_mandate": above,
            "financier": trajectory.financier.value,
        }
    elif task.kind == TaskKind.COST_BENEFIT:
        from .costbenefit import record_cost_benefit

        figures = record_cost_benefit(
            trajectory,
            reduction_days=result["reduction_days"],
            dossier_cost=result["dossier_cost"],
            daily_wage=result["daily_wage"],
            programme_price=result["programme_price"],
            expected_benefit_override=result.get("expected_benefit"),
            override_reason=result.get("override_reason", ""),
            actor=actor,
            now=now,
        )
        result = {  # the whole calculation, as shown while typing: gross, total cost, net, ratio
            **result,
            "gross_benefit": figures.gross_benefit,
            "cost": figures.cost,
            "net_benefit": figures.net_benefit,
            "ratio": figures.ratio,
            "expected_benefit": figures.expected_benefit,
        }
    elif task.kind == TaskKind.APPROVAL:
        result["decided_on"] = result.get("decided_on") or local_day(now)
    elif task.kind == TaskKind.DOCUMENT:
        result["sent_on"] = result.get("sent_on") or local_day(now)
    elif task.kind == TaskKind.REPORT_RECEIVED:
        from .taskresults import CONCLUSIONS
        from .trigger_rules import final_report_conclusions

        allowed = final_report_conclusions(task.task_template)
        conclusion = result.get("conclusion")
        if allowed and conclusion not in allowed:
            names = [CONCLUSIONS[c].lower() for c in allowed]
            words = " of ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
            raise Invalid(
                {"conclusion": M_("Kies hoe de interventie is afgesloten: %(words)s.", words=words)}
            )
        if not allowed and conclusion:
            raise Invalid(
                {
                    "conclusion": M_(
                        "Een voortgangsrapportage heeft geen conclusie; die hoort bij de eindrapportage."
                    )
                }
            )
    if task.task_template.document_template is not None and task.kind == TaskKind.DOCUMENT:
        _document_for(task, actor=actor, now=now)
    return result


def _document_for(task: Task, *, actor: Actor, now: dt.datetime) -> None:
    """A task that carries a document gets it generated once (e.g. the quote, the confirmation letter)."""
    from models import Document

    from .documents import generate_document

    exists = db.session.scalar(sa.select(Document.id).where(Document.task_id == task.id))
    if not exists:
        generate_document(
            task.trajectory, task.task_template.document_template, actor=actor, now=now, task=task
        )
