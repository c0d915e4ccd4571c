"""The "Inzet interventie" process end to end at the engine level, on the seed configuration alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.logbook import Actor
from casework.process import (
    add_task,
    close_trajectory,
    complete_task,
    reassign_task,
    reschedule_task,
    skip_task,
    snooze_task,
    start_trajectory,
)
from models import (
    Category,
    Document,
    EndGoal,
    EndReason,
    LogEntry,
    Task,
    TaskStatus,
    TrajectoryStatus,
    TrajectoryTemplate,
)

T0 = dt.datetime(2026, 3, 2, 9, 0)


def at(days: int) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


@pytest.fixture
def template(db):
    """The seed's "Inzet interventie" template."""
    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


@pytest.fixture
def case(db, create_employee, create_sick_report, casemanager):
    """An employee in the case manager's caseload with an open sick report."""
    employee = create_employee(case_manager=casemanager)
    return employee, create_sick_report(employee), Actor(casemanager)


def open_task(trajectory, key: str) -> Task:
    tasks = [t for t in trajectory.tasks if t.key == key and t.status is TaskStatus.OPEN]
    assert len(tasks) == 1, [(t.key, t.status) for t in trajectory.tasks]
    return tasks[0]


def first(db, model, **where):
    return db.session.scalars(sa.select(model).filter_by(**where)).first()


def run_until_approval(db, template, case, create_programme):
    employee, report, actor = case
    programme = create_programme(regions=("Utrecht",), price="2450.00", duration_weeks=8)
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    assert [(t.key, t.due_date) for t in trajectory.tasks] == [("T1", dt.date(2026, 3, 2))]
    complete_task(
        open_task(trajectory, "T1"),
        {
            "sick_report_id": report.id,
            "policy_id": employee.employer.policies[0].id,
            "category_id": first(db, Category).id,
            "end_goal_id": first(db, EndGoal).id,
        },
        actor=actor,
        now=at(1),
    )
    t2 = open_task(trajectory, "T2")
    assert t2.due_date == dt.date(2026, 3, 5)  # T1 done + 2 days
    complete_task(t2, {"programme_id": programme.id}, actor=actor, now=at(2))
    assert trajectory.programme == programme
    t3 = open_task(trajectory, "T3")
    assert t3.due_date == dt.date(2026, 3, 7)
    complete_task(
        t3,
        {
            "reduction_days": "20",
            "dossier_cost": "300.00",
            "daily_wage": "215.50",
            "programme_price": "2450.00",
        },
        actor=actor,
        now=at(3),
    )
    cb = trajectory.cost_benefit
    assert (cb.gross_benefit, cb.cost, cb.net_benefit, cb.ratio) == (
        Decimal("4310.00"),
        Decimal("2750.00"),
        Decimal("1560.00"),
        Decimal("1.57"),
    )
    t4 = open_task(trajectory, "T4")
    assert t4.due_date == dt.date(2026, 3, 10)
    return trajectory, t4, actor


def test_accept_path_runs_to_a_successful_close(db, template, case, create_programme):
    trajectory, t4, actor = run_until_approval(db, template, case, create_programme)
    quote = first(db, Document, task_id=t4.id)  # made when T4 came up: the employer approves the quote
    assert quote.document_template.name == "Offerte interventie" and quote.trajectory == trajectory
    complete_task(t4, {"approval": "accepted", "remark": "Akkoord per mail"}, actor=actor, now=at(5))
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Document).where(Document.task_id == t4.id))
        == 1
    )
    t5 = open_task(trajectory, "T5")
    complete_task(t5, {}, actor=actor, now=at(6))
    confirmation = first(db, Document, task_id=t5.id)
    assert "Bevestiging" in confirmation.document_template.name
    [intervention] = trajectory.interventions
    assert (intervention.started_on, intervention.prognosis_end) == (dt.date(2026, 3, 8), dt.date(2026, 5, 3))
    t6 = open_task(trajectory, "T6")
    assert t6.due_date == dt.date(2026, 4, 5)  # every 4 weeks
    t7 = open_task(trajectory, "T7")
    assert t7.due_date == intervention.prognosis_end
    complete_task(t6, {"received_on": "2026-04-03"}, actor=actor, now=at(32))
    second_t6 = open_task(trajectory, "T6")
    assert second_t6.due_date == dt.date(2026, 5, 1)
    complete_task(t7, {"received_on": "2026-05-02", "conclusion": "success"}, actor=actor, now=at(61))
    assert trajectory.status is TrajectoryStatus.CLOSED
    assert trajectory.end_reason.name == "Interventie succesvol afgerond"
    assert trajectory.end_reason.outcome.value == "success"
    assert second_t6.status is TaskStatus.CANCELLED
    assert second_t6.reason == "Traject gesloten: Interventie succesvol afgerond"
    assert intervention.actual_end == dt.date(2026, 5, 2)
    actions = list(
        db.session.scalars(sa.select(LogEntry.action).where(LogEntry.trajectory_id == trajectory.id))
    )
    assert actions.count("trigger.fired") >= 7
    assert "trajectory.closed" in actions and "task.cancelled" in actions


def test_not_successful_final_report_closes_not_successful(db, template, case, create_programme):
    trajectory, t4, actor = run_until_approval(db, template, case, create_programme)
    complete_task(t4, {"approval": "accepted"}, actor=actor, now=at(5))
    complete_task(open_task(trajectory, "T5"), {}, actor=actor, now=at(6))
    complete_task(
        open_task(trajectory, "T7"),
        {"received_on": "2026-04-20", "conclusion": "not_successful"},
        actor=actor,
        now=at(50),
    )
    assert trajectory.end_reason.name == "Interventie niet succesvol afgerond"


def test_reject_path_generates_the_letter_and_closes(db, template, case, create_programme):
    trajectory, t4, actor = run_until_approval(db, template, case, create_programme)
    complete_task(t4, {"approval": "rejected", "remark": "Te duur"}, actor=actor, now=at(5))
    assert trajectory.status is TrajectoryStatus.CLOSED
    assert trajectory.end_reason.name == "Traject gestopt i.v.m. geen akkoord op offerte"
    assert trajectory.closed_on == dt.date(2026, 3, 7)
    names = {
        d.document_template.name
        for d in db.session.scalars(sa.select(Document).where(Document.trajectory_id == trajectory.id))
    }
    assert names == {"Offerte interventie", "Geen inzet interventie i.v.m. geen akkoord klant"}
    documents = db.session.scalars(sa.select(Document).where(Document.trajectory_id == trajectory.id)).all()
    quotes = [d for d in documents if d.document_template.name == "Offerte interventie"]
    assert len(quotes) == 1 and quotes[0].created_at == at(3)  # made at T3, not again on "Nee"
    assert [t.key for t in trajectory.tasks if t.status is TaskStatus.OPEN] == []
    assert trajectory.interventions == []


def test_skipping_t3_brings_up_t4_with_the_quote(db, template, case, create_programme):
    employee, _report, actor = case
    programme = create_programme()
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    skip_task(open_task(trajectory, "T1"), "Alles al vastgelegd bij de start", actor=actor, now=at(0))
    complete_task(open_task(trajectory, "T2"), {"programme_id": programme.id}, actor=actor, now=at(1))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0
    skip_task(open_task(trajectory, "T3"), "Werkgever betaalt zelf", actor=actor, now=at(2))
    t4 = open_task(trajectory, "T4")
    [quote] = db.session.scalars(sa.select(Document).where(Document.trajectory_id == trajectory.id))
    assert quote.document_template.name == "Offerte interventie" and quote.task_id == t4.id
    assert programme.name in quote.html


def test_final_report_ends_as_succesvol_niet_succesvol_or_afgebroken(db, template, case, create_programme):
    trajectory, t4, actor = run_until_approval(db, template, case, create_programme)
    complete_task(t4, {"approval": "accepted"}, actor=actor, now=at(5))
    complete_task(open_task(trajectory, "T5"), {}, actor=actor, now=at(6))
    t6, t7 = open_task(trajectory, "T6"), open_task(trajectory, "T7")
    with pytest.raises(Invalid) as refused:
        complete_task(t6, {"received_on": "2026-04-03", "conclusion": "success"}, actor=actor, now=at(32))
    assert refused.value.errors == {
        "conclusion": "Een voortgangsrapportage heeft geen conclusie; die hoort bij de eindrapportage."
    }
    with pytest.raises(Invalid) as refused:
        complete_task(t7, {"received_on": "2026-04-03"}, actor=actor, now=at(32))
    assert refused.value.errors == {
        "conclusion": "Kies hoe de interventie is afgesloten: succesvol, niet succesvol of afgebroken."
    }
    assert (t6.status, t7.status, trajectory.status) == (
        TaskStatus.OPEN,
        TaskStatus.OPEN,
        TrajectoryStatus.OPEN,
    )
    complete_task(t7, {"received_on": "2026-04-03", "conclusion": "aborted"}, actor=actor, now=at(32))
    assert trajectory.end_reason.name == "Interventie afgebroken"
    assert trajectory.end_reason.outcome.value == "not_successful"
    assert trajectory.interventions[0].actual_end == dt.date(2026, 4, 3)


def test_optional_tasks_can_be_skipped_with_a_reason(db, template, case):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    t1 = open_task(trajectory, "T1")
    with pytest.raises(Invalid) as refused:
        skip_task(t1, "  ", actor=actor, now=at(0))
    assert refused.value.errors == {"reason": "Geef een reden waarom de taak wordt overgeslagen."}
    assert t1.status is TaskStatus.OPEN
    skip_task(t1, "Polis al bekend", actor=actor, now=at(0))
    t2 = open_task(trajectory, "T2")
    with pytest.raises(Invalid, match="verplicht"):
        skip_task(t2, "Geen zin", actor=actor, now=at(0))


def test_second_completion_is_refused_and_changes_nothing(db, template, case):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    t1 = open_task(trajectory, "T1")
    data = {"category_id": first(db, Category).id, "end_goal_id": first(db, EndGoal).id}
    complete_task(t1, data, actor=actor, now=at(0))
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Task))
    logs = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    with pytest.raises(Invalid) as refused:
        complete_task(t1, data, actor=actor, now=at(1))
    assert refused.value.errors == {"task": "Taak T1 is al afgerond op 02-03-2026."}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Task)) == count
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logs


def test_invalid_result_names_the_field_and_changes_nothing(db, template, case):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    t1 = open_task(trajectory, "T1")
    with pytest.raises(Invalid) as refused:
        complete_task(t1, {"category_id": first(db, Category).id}, actor=actor, now=at(0))
    assert refused.value.errors == {"end_goal_id": "Dit veld is verplicht."}
    with pytest.raises(Invalid) as unknown:
        complete_task(t1, {"category_id": 1, "end_goal_id": 1, "diagnosis": "x"}, actor=actor, now=at(0))
    assert unknown.value.errors == {"diagnosis": "Onbekend veld."}
    with pytest.raises(Invalid) as bad_id:
        complete_task(
            t1, {"category_id": 999999, "end_goal_id": first(db, EndGoal).id}, actor=actor, now=at(0)
        )
    assert "category_id" in bad_id.value.errors
    assert t1.status is TaskStatus.OPEN and trajectory.category is None
    assert [t.key for t in trajectory.tasks] == ["T1"]


def test_start_refused_for_employer_without_agreement(
    db, template, create_employer, create_employee, casemanager
):
    employee = create_employee(employer=create_employer(agreement=False), case_manager=casemanager)
    with pytest.raises(Invalid) as refused:
        start_trajectory(employee, template, actor=Actor(casemanager), now=at(0))
    assert "template" in refused.value.errors
    assert "dienstverleningsovereenkomst" in refused.value.errors["template"]
    assert employee.trajectories == []


def test_reassign_reschedule_snooze(db, template, case, create_user):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    t1 = open_task(trajectory, "T1")
    colleague = create_user(name="Youssef El Amrani")
    reassign_task(t1, colleague, actor=actor, now=at(0))
    assert t1.assignee == colleague
    with pytest.raises(Invalid) as early:
        reschedule_task(t1, dt.date(2026, 3, 1), "eerder", actor=actor, now=at(0))
    assert early.value.errors == {"due_date": "De deadline ligt vóór de start van het traject."}
    reschedule_task(t1, dt.date(2026, 3, 9), "Werknemer op vakantie", actor=actor, now=at(0))
    assert t1.due_date == dt.date(2026, 3, 9)
    with pytest.raises(Invalid):
        snooze_task(t1, 0, actor=actor, now=at(0))
    snooze_task(t1, 3, actor=actor, now=at(0))
    assert t1.snoozed_until == dt.date(2026, 3, 5)


def test_close_by_hand_cancels_open_tasks_with_the_reason(db, template, case):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    reason = first(db, EndReason, name="Traject gestopt i.v.m. geen akkoord op offerte")
    close_trajectory(trajectory, reason, actor=actor, now=at(3))
    [t1] = trajectory.tasks
    assert (t1.status, t1.reason) == (TaskStatus.CANCELLED, f"Traject gesloten: {reason.name}")
    with pytest.raises(Invalid, match="al gesloten"):
        close_trajectory(trajectory, reason, actor=actor, now=at(4))
    with pytest.raises(Invalid, match="gesloten"):
        add_task(trajectory, template.task_templates[1], actor=actor, now=at(4))


def test_a_task_template_counts_its_offset_in_days_or_working_days(db, template, case):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=at(0))
    t2 = next(t for t in template.task_templates if t.key == "T2")  # due 2 days after it is added
    thursday = dt.datetime(2026, 4, 23, 9, 0)  # Monday 27-04-2026 is Koningsdag
    assert add_task(trajectory, t2, actor=actor, now=thursday).due_date == dt.date(2026, 4, 25)
    t2.due_in_working_days = True
    # Friday 24-4 is the first working day, then Saturday, Sunday and Koningsdag: Tuesday 28-4 the second.
    assert add_task(trajectory, t2, actor=actor, now=thursday).due_date == dt.date(2026, 4, 28)
