"""Tasks of one's own and the to-do list: each status change allowed and refused, promotion into the agenda
against consults, tasks and unavailability, free slots skipping a promoted task, visibility, the log book."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.agenda import add_availability, add_unavailability, free_slots
from casework.agenda_tasks import (
    cancel_task,
    closed_list,
    complete_task,
    create_task,
    promote_task,
    todo_list,
    unschedule_task,
)
from casework.consults import create_consult, plan_consult
from casework.errors import Forbidden, Invalid
from casework.logbook import Actor
from casework.process import start_trajectory
from models import AgendaTask, AgendaTaskStatus, LogEntry, TrajectoryTemplate, Unavailability
from tests.agenda_fixtures import local


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _promote(task, actor, now, day="2026-03-03", start="10:00", end="11:00"):
    return promote_task(task, {"date": day, "start_time": start, "end_time": end}, actor=actor, now=now)


def test_a_task_without_a_client_is_the_users_own_and_in_the_log_book(db, casemanager, now):
    task = create_task(
        {"title": "Rapportage voorbereiden", "due_date": "05-03-2026", "remark": "Voor het teamoverleg"},
        actor=Actor(casemanager),
        now=now,
    )
    assert (task.assignee, task.employee, task.status, task.due_date) == (
        casemanager,
        None,
        AgendaTaskStatus.OPEN,
        dt.date(2026, 3, 5),
    )
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "agenda_task.created"))
    assert (
        entry.message
        == "Taak \u201cRapportage voorbereiden\u201d: aangemaakt voor Sanne de Wit, uiterlijk 05-03-2026"
    )
    assert entry.employee_id is None and entry.actor_id == casemanager.id


def test_a_task_about_a_client_is_in_the_clients_log_book(db, agenda, casemanager, now):
    task = create_task(
        {"title": "Werkgever bellen", "employee_id": agenda.employee.id}, actor=Actor(casemanager), now=now
    )
    assert task.employee == agenda.employee
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "agenda_task.created"))
    assert entry.employee_id == agenda.employee.id


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "  "}, "title", "Dit veld is verplicht."),
        ({"title": "x" * 201}, "title", "Hoogstens 200 tekens."),
        (
            {"title": "Bellen", "due_date": "31-02-2026"},
            "due_date",
            "Geef een datum, bijvoorbeeld 05-03-2026.",
        ),
        ({"title": "Bellen", "employee_id": 999999}, "employee_id", "Kies een werknemer uit de lijst."),
        (
            {"title": "Bellen", "employee_id": "abc"},
            "employee_id",
            "Kies een waarde uit de lijst (een nummer).",
        ),
        ({"title": "Bellen", "remark": "x" * 1501}, "remark", "Hoogstens 1.500 tekens."),
        ({"title": "Bellen", "status": "done"}, "status", "Onbekend veld."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(db, casemanager, now, data, field, message):
    with pytest.raises(Invalid) as refused:
        create_task(data, actor=Actor(casemanager), now=now)
    assert refused.value.errors[field] == message
    assert _count(db, AgendaTask) == 0


def test_a_client_of_another_caseload_is_refused(db, casemanager, create_user, create_employee, now):
    other = create_employee(case_manager=create_user())
    with pytest.raises(Forbidden) as refused:
        create_task({"title": "Bellen", "employee_id": other.id}, actor=Actor(casemanager), now=now)
    assert refused.value.errors == {"employee_id": "Deze werknemer hoort niet bij uw caseload."}
    assert _count(db, AgendaTask) == 0


def test_a_case_manager_assigns_only_to_themselves(db, casemanager, create_user, now):
    colleague = create_user(name="Youssef")
    with pytest.raises(Forbidden) as refused:
        create_task({"title": "Bellen", "assignee_id": colleague.id}, actor=Actor(casemanager), now=now)
    assert refused.value.errors == {"assignee_id": "U kunt een taak alleen aan uzelf toewijzen."}
    assert _count(db, AgendaTask) == 0


def test_an_administrator_assigns_to_a_colleague_who_can_see_the_client(
    db, agenda, admin_user, casemanager, create_user, now
):
    task = create_task(
        {"title": "Bellen", "assignee_id": casemanager.id, "employee_id": agenda.employee.id},
        actor=Actor(admin_user),
        now=now,
    )
    assert task.assignee == casemanager and task.created_by == admin_user
    stranger = create_user(name="Piet Anders")
    with pytest.raises(Invalid) as refused:
        create_task(
            {"title": "Bellen", "assignee_id": stranger.id, "employee_id": agenda.employee.id},
            actor=Actor(admin_user),
            now=now,
        )
    assert refused.value.errors["employee_id"].endswith("hoort niet bij de caseload van Piet Anders.")


def test_done_once_then_every_further_step_is_refused(db, casemanager, now):
    actor = Actor(casemanager)
    task = create_task({"title": "Bellen"}, actor=actor, now=now)
    later = now + dt.timedelta(hours=1)
    complete_task(task, actor=actor, now=later)
    assert (task.status, task.closed_at, task.closed_by, task.closed_by_name) == (
        AgendaTaskStatus.DONE,
        later,
        casemanager,
        "Sanne de Wit",
    )
    for step in (
        lambda: complete_task(task, actor=actor, now=later),
        lambda: cancel_task(task, {"reason": "Dubbel"}, actor=actor, now=later),
        lambda: _promote(task, actor, now),
        lambda: unschedule_task(task, actor=actor, now=later),
    ):
        with pytest.raises(Invalid) as refused:
            step()
        assert refused.value.conflict
        assert refused.value.errors["status"].startswith("Een taak met status Uitgevoerd kan niet")
    assert task.status == AgendaTaskStatus.DONE and task.reason == ""


def test_cancelling_needs_a_reason_and_is_kept_for_accountability(db, casemanager, now):
    actor = Actor(casemanager)
    task = create_task({"title": "Bellen"}, actor=actor, now=now)
    with pytest.raises(Invalid) as refused:
        cancel_task(task, {"reason": " "}, actor=actor, now=now)
    assert refused.value.errors == {"reason": "Dit veld is verplicht."}
    assert task.status == AgendaTaskStatus.OPEN
    cancel_task(task, {"reason": "Werknemer is hersteld"}, actor=actor, now=now)
    with pytest.raises(Invalid) as again:
        complete_task(task, actor=actor, now=now)
    assert again.value.errors == {"status": "Een taak met status Geannuleerd kan niet worden afgerond."}
    assert todo_list(casemanager) == []
    [kept] = closed_list(casemanager)
    assert (kept.status, kept.closed_by, kept.reason) == (
        "Geannuleerd",
        "Sanne de Wit",
        "Werknemer is hersteld",
    )
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "agenda_task.cancelled"))
    assert entry.message.endswith("geannuleerd door Sanne de Wit: Werknemer is hersteld")


def test_someone_elses_task_cannot_be_changed(db, casemanager, create_user, now):
    task = create_task({"title": "Bellen"}, actor=Actor(casemanager), now=now)
    other = create_user()
    with pytest.raises(Forbidden) as refused:
        complete_task(task, actor=Actor(other), now=now)
    assert refused.value.errors == {"assignee_id": "Dit is niet uw taak."}
    assert task.status == AgendaTaskStatus.OPEN


def test_the_to_do_list_holds_own_and_trajectory_tasks_by_due_date(db, agenda, casemanager, now):
    actor = Actor(casemanager)
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(agenda.employee, template, actor=actor, now=now)
    [step] = [t for t in trajectory.tasks if t.status == "open"]
    step.assignee = casemanager
    late = create_task({"title": "Te laat", "due_date": "2026-02-20"}, actor=actor, now=now)
    whenever = create_task({"title": "Ooit"}, actor=actor, now=now)
    done = create_task({"title": "Klaar", "due_date": "2026-02-01"}, actor=actor, now=now)
    complete_task(done, actor=actor, now=now)
    items = todo_list(casemanager)
    assert [(i.kind, i.id) for i in items] == [
        ("own", late.id),
        ("trajectory", step.id),
        ("own", whenever.id),
    ]
    assert items[0].overdue(dt.date(2026, 3, 2)) and not items[2].overdue(dt.date(2026, 3, 2))
    assert items[1].employee == agenda.employee


def test_promoting_occupies_time_and_free_slots_skip_it(db, agenda, casemanager, weekly_availability, now):
    actor = Actor(casemanager)
    add_availability(weekly_availability(), actor=actor, now=now)
    task = create_task({"title": "Dossiers bijwerken"}, actor=actor, now=now)
    _promote(task, actor, now, start="09:00", end="10:00")
    assert (task.starts_at, task.ends_at) == (dt.datetime(2026, 3, 3, 8), dt.datetime(2026, 3, 3, 9))
    slots = free_slots(casemanager, dt.date(2026, 3, 3), dt.date(2026, 3, 3), 45, now=now)
    assert slots[0].start == dt.datetime(2026, 3, 3, 9)  # 10:00 local: the task holds 09:00-10:00
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=actor, now=now
    )
    with pytest.raises(Invalid) as refused:
        plan_consult(consult, {"starts_at": local(3, 9, 15)}, actor=actor, now=now)
    assert "niet vrij" in refused.value.errors["starts_at"]
    complete_task(task, actor=actor, now=now)  # done early: its time is free again
    slots = free_slots(casemanager, dt.date(2026, 3, 3), dt.date(2026, 3, 3), 45, now=now)
    assert slots[0].start == dt.datetime(2026, 3, 3, 8)


def test_a_task_is_not_promoted_over_a_consult_a_task_or_unavailability(
    db, agenda, casemanager, weekly_availability, now
):
    actor = Actor(casemanager)
    add_availability(weekly_availability(), actor=actor, now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=actor, now=now
    )
    plan_consult(consult, {"starts_at": local(3, 9)}, actor=actor, now=now)
    first = create_task({"title": "Eerste"}, actor=actor, now=now)
    _promote(first, actor, now, start="11:00", end="12:00")
    add_unavailability(
        {
            "kind_id": agenda.kind.id,
            "recurrence": "geen",
            "date_from": "2026-03-04",
            "date_until": "2026-03-04",
            "start_time": "13:00",
            "end_time": "17:00",
        },
        actor=actor,
        now=now,
    )
    task = create_task({"title": "Tweede"}, actor=actor, now=now)
    cases = [
        (
            ("2026-03-03", "09:30", "10:00"),
            "Om 09:00 staat een gesprek; een gesprek wordt nooit overschreven.",
        ),
        (("2026-03-03", "10:30", "11:30"), "Om 11:00 staat de taak \u201cEerste\u201d in de agenda."),
        (("2026-03-04", "14:00", "15:00"), "Sanne de Wit is dan onbeschikbaar (Studiedag)."),
        (("2026-03-02", "08:00", "09:00"), "Dit tijdstip ligt in het verleden."),
    ]
    for (day, start, end), message in cases:
        with pytest.raises(Invalid) as refused:
            _promote(task, actor, now, day=day, start=start, end=end)
        assert refused.value.errors == {"start_time": message}
    with pytest.raises(Invalid) as refused:
        _promote(task, actor, now, start="10:00", end="10:00")
    assert refused.value.errors == {"end_time": "De eindtijd moet na de begintijd liggen."}
    assert task.starts_at is None
    _promote(task, actor, now, start="10:00", end="11:00")  # between the consult and the first task
    _promote(task, actor, now, start="13:00", end="14:00")  # moving it ignores its own old time
    assert task.starts_at == dt.datetime(2026, 3, 3, 12)


def test_unavailability_over_a_promoted_task_is_refused_until_it_leaves_the_agenda(
    db, agenda, casemanager, now
):
    actor = Actor(casemanager)
    task = create_task({"title": "Dossiers bijwerken"}, actor=actor, now=now)
    _promote(task, actor, now, start="09:00", end="10:00")
    leave = {
        "kind_id": agenda.kind.id,
        "recurrence": "geen",
        "date_from": "2026-03-03",
        "date_until": "2026-03-03",
        "start_time": "08:00",
        "end_time": "17:00",
    }
    with pytest.raises(Invalid) as refused:
        add_unavailability(leave, actor=actor, now=now)
    assert refused.value.errors["date_from"] == (
        "Op 03-03-2026 om 09:00 staat de taak \u201cDossiers bijwerken\u201d in de agenda; een taak wordt nooit"
        " overschreven: haal haar eerst uit de agenda."
    )
    assert _count(db, Unavailability) == 0
    unschedule_task(task, actor=actor, now=now)
    add_unavailability(leave, actor=actor, now=now)
    assert _count(db, Unavailability) == 1
    with pytest.raises(Invalid) as again:
        unschedule_task(task, actor=actor, now=now)
    assert again.value.errors == {"start_time": "Deze taak staat niet in de agenda."}
