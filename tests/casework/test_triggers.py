"""The trigger engine: each condition and action, the depth limit, loop detection, validation and dry run."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.logbook import Actor
from casework.process import complete_task, fire_overdue, start_trajectory
from casework.trigger_rules import check_trigger, find_loops, validate_trigger
from casework.triggers import MAX_CHAIN_DEPTH, dry_run
from models import (
    ActionKind,
    Category,
    ConditionKind,
    DocumentTemplate,
    EndGoal,
    EndReason,
    LogEntry,
    Notification,
    ServiceVariation,
    Signal,
    SignalKind,
    TaskKind,
    TaskStatus,
    TaskTemplate,
    TrajectoryStatus,
    TrajectoryTemplate,
    Trigger,
    TriggerAction,
    TriggerCondition,
    TriggerEvent,
)

T0 = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def custom(db):
    """A template "Testproces" with tasks A (plain, starts) and B (approval), allowed by the first variation."""
    template = TrajectoryTemplate(name="Testproces")
    a = TaskTemplate(key="A", name="Taak A", kind=TaskKind.PLAIN, starts_with_trajectory=True, position=0)
    b = TaskTemplate(key="B", name="Taak B", kind=TaskKind.APPROVAL, due_offset_days=3, position=1)
    template.task_templates.extend([a, b])
    db.session.add(template)
    variation = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).first()
    variation.templates.append(template)
    db.session.flush()
    return template, a, b


def trigger(template, event, conditions=(), actions=(), name="Test"):
    t = Trigger(template=template, name=name, event=event)
    t.conditions.extend(conditions)
    t.actions.extend(actions)
    return t


@pytest.fixture
def started(db, custom, create_employee, casemanager):
    """Factory: start the custom template for a new employee."""

    def start(**kw):
        employee = create_employee(case_manager=casemanager)
        return start_trajectory(employee, custom[0], actor=Actor(casemanager), now=T0, **kw)

    return start


def test_task_condition_and_add_task_action(db, custom, started, casemanager):
    template, a, b = custom
    db.session.add(
        trigger(
            template,
            TriggerEvent.TASK_COMPLETED,
            [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=a)],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=b, due_in_days=4)],
        )
    )
    trajectory = started()
    [task_a] = trajectory.tasks
    complete_task(task_a, {}, actor=Actor(casemanager), now=T0 + dt.timedelta(days=1))
    added = [t for t in trajectory.tasks if t.key == "B"]
    assert [(t.due_date, t.status) for t in added] == [(dt.date(2026, 3, 7), TaskStatus.OPEN)]
    fired = db.session.scalar(
        sa.select(LogEntry).where(LogEntry.action == "trigger.fired", LogEntry.trajectory_id == trajectory.id)
    )
    assert fired.message == "Trigger \u201cTest\u201d: Taak B Taak B toevoegen, deadline 07-03-2026"


def test_result_field_condition_and_close_action(db, custom, started, casemanager):
    template, a, b = custom
    reason = db.session.scalars(sa.select(EndReason)).first()
    db.session.add(
        trigger(
            template,
            TriggerEvent.TASK_COMPLETED,
            [
                TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=b),
                TriggerCondition(kind=ConditionKind.RESULT_FIELD_EQUALS, field="approval", value="rejected"),
            ],
            [TriggerAction(kind=ActionKind.CLOSE_TRAJECTORY, end_reason=reason)],
        )
    )
    db.session.add(
        trigger(
            template,
            TriggerEvent.TRAJECTORY_STARTED,
            [],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=b, due_in_days=0)],
            name="Start",
        )
    )
    accepted, rejected = started(), started()
    actor = Actor(casemanager)
    complete_task(
        next(t for t in accepted.tasks if t.key == "B"), {"approval": "accepted"}, actor=actor, now=T0
    )
    complete_task(
        next(t for t in rejected.tasks if t.key == "B"), {"approval": "rejected"}, actor=actor, now=T0
    )
    assert accepted.status is TrajectoryStatus.OPEN
    assert (rejected.status, rejected.end_reason) == (TrajectoryStatus.CLOSED, reason)
    assert [t.status for t in rejected.tasks if t.key == "A"] == [TaskStatus.CANCELLED]


@pytest.mark.parametrize("kind", ["category", "end_goal", "service_type"])
def test_trajectory_conditions(db, custom, started, casemanager, kind):
    template, a, b = custom
    category = db.session.scalars(sa.select(Category)).first()
    end_goal = db.session.scalars(sa.select(EndGoal)).first()
    variation = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).first()
    condition = {
        "category": TriggerCondition(kind=ConditionKind.CATEGORY, category=category),
        "end_goal": TriggerCondition(kind=ConditionKind.END_GOAL, end_goal=end_goal),
        "service_type": TriggerCondition(
            kind=ConditionKind.SERVICE_TYPE, service_type=variation.service_type
        ),
    }[kind]
    db.session.add(
        trigger(
            template,
            TriggerEvent.TRAJECTORY_STARTED,
            [condition],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=b, due_in_days=1)],
        )
    )
    matching = started(category=category, end_goal=end_goal)
    assert sorted(t.key for t in matching.tasks) == ["A", "B"]
    if kind != "service_type":
        other = started()
        assert sorted(t.key for t in other.tasks) == ["A"]


def test_generate_document_and_notify_actions(db, custom, started, casemanager):
    template, a, b = custom
    document = db.session.scalars(sa.select(DocumentTemplate)).first()
    db.session.add(
        trigger(
            template,
            TriggerEvent.TRAJECTORY_STARTED,
            [],
            [
                TriggerAction(kind=ActionKind.GENERATE_DOCUMENT, document_template=document, position=0),
                TriggerAction(
                    kind=ActionKind.NOTIFY,
                    notify_target="case_manager",
                    text="Nieuw traject gestart",
                    position=1,
                ),
            ],
        )
    )
    trajectory = started()
    assert trajectory.id is not None
    signal = db.session.scalar(sa.select(Signal).where(Signal.trajectory_id == trajectory.id))
    assert (signal.kind, signal.detail) == (SignalKind.TRIGGER_NOTICE, "Nieuw traject gestart")
    [note] = db.session.scalars(sa.select(Notification).where(Notification.signal_id == signal.id))
    assert note.recipient == casemanager
    # The reminder names the employee it is about (issue 16): a bare "Bericht" says nothing.
    assert note.text == f"Nieuw traject gestart ({trajectory.employee.full_name}, {trajectory.template.name})"
    from models import Document

    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Document).where(Document.trajectory_id == trajectory.id)
        )
        == 1
    )


def test_a_failing_action_undoes_the_whole_event(db, custom, started, casemanager):
    template, a, b = custom
    broken = DocumentTemplate(name="Kapot", body="{{ onbekend_veld }}")
    db.session.add(broken)
    db.session.add(
        trigger(
            template,
            TriggerEvent.TASK_COMPLETED,
            [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=a)],
            [
                TriggerAction(kind=ActionKind.ADD_TASK, task_template=b, due_in_days=1, position=0),
                TriggerAction(kind=ActionKind.GENERATE_DOCUMENT, document_template=broken, position=1),
            ],
        )
    )
    trajectory = started()
    [task_a] = trajectory.tasks
    logs = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    with pytest.raises(Invalid):
        complete_task(task_a, {}, actor=Actor(casemanager), now=T0)
    db.session.expire_all()
    assert [(t.key, t.status) for t in trajectory.tasks] == [("A", TaskStatus.OPEN)]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logs


def test_chain_without_a_person_stops_after_ten_and_is_logged(db, custom, started, casemanager):
    template, a, b = custom
    db.session.add(
        trigger(
            template,
            TriggerEvent.TASK_OVERDUE,
            [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=a)],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=a, due_in_days=0)],
        )
    )
    trajectory = started()
    system = Actor(name="scheduler")
    for day in range(1, 15):  # fourteen day changes
        now = T0 + dt.timedelta(days=day)
        for task in [t for t in trajectory.tasks if t.status is TaskStatus.OPEN]:
            fire_overdue(task, actor=system, now=now)
    assert len(trajectory.tasks) == 1 + MAX_CHAIN_DEPTH
    stopped = list(db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "trigger.chain_stopped")))
    assert len(stopped) == 1
    assert "na 10 stappen zonder tussenkomst van een persoon" in stopped[0].message


def test_overdue_fires_once_per_task(db, custom, started):
    trajectory = started()
    [task] = trajectory.tasks
    system = Actor(name="scheduler")
    assert fire_overdue(task, actor=system, now=T0) is False  # due today is not overdue
    assert fire_overdue(task, actor=system, now=T0 + dt.timedelta(days=1)) is True
    assert fire_overdue(task, actor=system, now=T0 + dt.timedelta(days=2)) is False


def test_validation_refuses_another_templates_task(db, custom):
    template, a, b = custom
    seed = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    foreign = seed.task_templates[0]
    bad = trigger(
        template,
        TriggerEvent.TASK_COMPLETED,
        [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=foreign)],
        [TriggerAction(kind=ActionKind.ADD_TASK, task_template=foreign, due_in_days=1)],
    )
    with pytest.raises(Invalid) as refused:
        validate_trigger(bad, template)
    assert set(refused.value.errors) == {"conditions.0.task_template", "actions.0.task_template"}
    assert (
        "hoort niet bij trajecttype \u201cTestproces\u201d"
        in refused.value.errors["conditions.0.task_template"]
    )


def test_validation_refuses_unknown_result_field_and_task_condition_on_start(db, custom):
    template, a, b = custom
    check = check_trigger(
        trigger(
            template,
            TriggerEvent.TASK_COMPLETED,
            [
                TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=b),
                TriggerCondition(kind=ConditionKind.RESULT_FIELD_EQUALS, field="aproval", value="rejected"),
            ],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=a, due_in_days=1)],
            name="Veld",
        ),
        template,
    )
    assert "conditions.1.field" in check.errors
    check = check_trigger(
        trigger(
            template,
            TriggerEvent.TRAJECTORY_STARTED,
            [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=a)],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=b, due_in_days=1)],
            name="Start met taak",
        ),
        template,
    )
    assert "conditions" in check.errors


def test_loops_without_a_person_are_reported(db, custom):
    template, a, b = custom
    db.session.add(
        trigger(
            template,
            TriggerEvent.TASK_OVERDUE,
            [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=a)],
            [TriggerAction(kind=ActionKind.ADD_TASK, task_template=b, due_in_days=0)],
            name="A te laat",
        )
    )
    db.session.flush()
    assert find_loops(template) == []
    closing = trigger(
        template,
        TriggerEvent.TASK_OVERDUE,
        [TriggerCondition(kind=ConditionKind.TASK_TEMPLATE, task_template=b)],
        [TriggerAction(kind=ActionKind.ADD_TASK, task_template=a, due_in_days=0)],
        name="B te laat",
    )
    warnings = validate_trigger(closing, template)
    assert len(warnings) == 1
    assert "\u201cA te laat\u201d" in warnings[0] and "\u201cB te laat\u201d" in warnings[0]
    template.triggers.remove(closing)  # a draft the administrator did not save
    # The seed process has no such loop: every step waits for a person.
    seed = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    assert find_loops(seed) == []


def test_dry_run_tells_what_would_fire_and_changes_nothing(db, create_employee, casemanager):
    seed = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    employee = create_employee(case_manager=casemanager)
    trajectory = start_trajectory(employee, seed, actor=Actor(casemanager), now=T0)
    t4_template = next(t for t in seed.task_templates if t.key == "T4")
    from casework.process import add_task

    t4 = add_task(trajectory, t4_template, actor=Actor(casemanager), now=T0)
    logs = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    firings = dry_run(
        trajectory, "task_completed", on=dt.date(2026, 3, 4), task=t4, result={"approval": "rejected"}
    )
    assert len(firings) == 1
    assert [a.description for a in firings[0].actions] == [
        "Document \u201cGeen inzet interventie i.v.m. geen akkoord klant\u201d maken",
        "Traject sluiten met beëindigingsreden \u201cTraject gestopt i.v.m. geen akkoord op offerte\u201d",
    ]
    accepted = dry_run(
        trajectory, "task_completed", on=dt.date(2026, 3, 4), task=t4, result={"approval": "accepted"}
    )
    assert [a.description for f in accepted for a in f.actions] == [
        "Taak T5 Bevestiging naar provider toevoegen, deadline 05-03-2026"
    ]
    db.session.flush()
    assert trajectory.status is TrajectoryStatus.OPEN and t4.result is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logs


@pytest.mark.parametrize(
    "days,words", [(1, "deadline 1 dag na de gebeurtenis"), (5, "deadline 5 dagen na de gebeurtenis")]
)
def test_an_add_task_action_counts_its_days_in_dutch(db, days, words):
    """Issue 16: "deadline 1 dagen" read wrong."""
    from casework.triggers import describe_action
    from models import TaskKind, TaskTemplate, TriggerAction

    task = TaskTemplate(key="X", name="Bellen", kind=TaskKind.PLAIN, due_offset_days=0)
    action = TriggerAction(kind=ActionKind.ADD_TASK, task_template=task, due_in_days=days, position=0)
    assert describe_action(action).description == f"Taak X Bellen toevoegen, {words}"
