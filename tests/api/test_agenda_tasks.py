"""Tasks of one's own and the to-do list through the API: create, complete, cancel, promote, list; bad input is
refused naming the field with nothing changed, someone else's task is 403, a step the status forbids is 409."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from casework.agenda import add_availability
from casework.consults import create_consult, plan_consult
from casework.logbook import Actor
from casework.process import start_trajectory
from models import AgendaTask, AgendaTaskStatus, LogEntry
from tests.conftest import NOW


@pytest.fixture
def pinned():
    """The API's clock at the pinned NOW (Monday 2 March 2026, 10:30 in Amsterdam)."""
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def mine(make_token, casemanager, pinned):
    """A token acting as the case manager."""
    return make_token(user=casemanager)


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AgendaTask))


def test_create_promote_complete_and_query_for_accountability(db, mine, agenda, casemanager):
    made = mine.post(
        "/agenda/tasks",
        json={"title": "Werkgever bellen", "employee_id": agenda.employee.id, "due_date": "2026-03-04"},
    )
    assert made.status_code == 201, made.json
    assert made.json["status"] == "open" and made.json["assignee_id"] == casemanager.id
    task_id = made.json["id"]
    promoted = mine.post(
        f"/agenda/tasks/{task_id}/promote",
        json={"date": "2026-03-03", "start_time": "09:00", "end_time": "09:30"},
    )
    assert promoted.status_code == 200, promoted.json
    assert (promoted.json["starts_at"], promoted.json["ends_at"]) == ("2026-03-03T09:00", "2026-03-03T09:30")
    todo = mine.get("/agenda/todo")
    assert [(i["kind"], i["id"], i["employee_id"], i["overdue"]) for i in todo.json] == [
        ("own", task_id, agenda.employee.id, False)
    ]
    done = mine.post(f"/agenda/tasks/{task_id}/complete", json={})
    assert done.status_code == 200 and done.json["status"] == "done"
    assert done.json["closed_by"] == "Sanne de Wit" and done.json["closed_at"] == "2026-03-02T10:30"
    assert mine.get("/agenda/todo").json == []
    assert [i["id"] for i in mine.get("/agenda/todo", query_string={"show": "closed"}).json] == [task_id]
    assert [t["id"] for t in mine.get("/agenda/tasks", query_string={"status": "done"}).json] == [task_id]
    assert mine.get("/agenda/tasks").json == []
    again = mine.post(f"/agenda/tasks/{task_id}/complete", json={})
    assert again.status_code == 409
    assert again.json["errors"] == {"status": "Een taak met status Uitgevoerd kan niet worden afgerond."}
    actions = db.session.scalars(
        sa.select(LogEntry.action).where(LogEntry.subject_type == "agenda_tasks").order_by(LogEntry.id)
    ).all()
    assert actions == ["agenda_task.created", "agenda_task.promoted", "agenda_task.done"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "title", "Dit veld is verplicht."),
        ({"title": "x" * 201}, "title", "Hoogstens 200 tekens."),
        ({"title": "Bellen", "due_date": "morgen"}, "due_date", "Geef een datum, bijvoorbeeld 05-03-2026."),
        ({"title": "Bellen", "employee_id": 0}, "employee_id", "Kies een waarde uit de lijst (een nummer)."),
        ({"title": "Bellen", "employee_id": 999999}, "employee_id", "Kies een werknemer uit de lijst."),
        ({"title": "Bellen", "status": "done"}, "status", "Onbekend veld."),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_changes(db, mine, data, field, message):
    answer = mine.post("/agenda/tasks", json=data)
    assert answer.status_code == 422, answer.json
    assert answer.json["errors"][field] == message
    assert _count(db) == 0


def test_cancel_needs_a_reason_and_promote_refuses_a_consult(
    db, mine, agenda, casemanager, weekly_availability, now
):
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=Actor(casemanager), now=now)
    task_id = mine.post("/agenda/tasks", json={"title": "Bellen"}).json["id"]
    clash = mine.post(
        f"/agenda/tasks/{task_id}/promote",
        json={"date": "2026-03-03", "start_time": "09:30", "end_time": "10:00"},
    )
    assert clash.status_code == 422
    assert clash.json["errors"] == {
        "start_time": "Om 09:00 staat een gesprek; een gesprek wordt nooit overschreven."
    }
    bad = mine.post(f"/agenda/tasks/{task_id}/promote", json={"date": "2026-03-03", "start_time": "9 uur"})
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"start_time", "end_time"}
    no_reason = mine.post(f"/agenda/tasks/{task_id}/cancel", json={})
    assert no_reason.status_code == 422 and no_reason.json["errors"] == {"reason": "Dit veld is verplicht."}
    extra = mine.post(f"/agenda/tasks/{task_id}/complete", json={"remark": "klaar"})
    assert extra.status_code == 422 and extra.json["errors"] == {"remark": "Onbekend veld."}
    task = db.session.get(AgendaTask, task_id)
    db.session.refresh(task)
    assert (task.status, task.starts_at, task.reason) == (AgendaTaskStatus.OPEN, None, "")
    cancelled = mine.post(f"/agenda/tasks/{task_id}/cancel", json={"reason": "Dubbel"})
    assert cancelled.json["status"] == "cancelled" and cancelled.json["reason"] == "Dubbel"


def test_someone_elses_task_and_list_are_refused(db, mine, make_token, create_user, create_employee, pinned):
    other = create_user()
    theirs = make_token(user=other).post("/agenda/tasks", json={"title": "Van een ander"}).json["id"]
    assert mine.get(f"/agenda/tasks/{theirs}").status_code == 403
    answer = mine.post(f"/agenda/tasks/{theirs}/complete", json={})
    assert answer.status_code == 403 and answer.json["errors"] == {"assignee_id": "Dit is niet uw taak."}
    assert mine.get("/agenda/todo", query_string={"user_id": other.id}).status_code == 403
    stranger = create_employee(case_manager=other)
    refused = mine.post("/agenda/tasks", json={"title": "Bellen", "employee_id": stranger.id})
    assert refused.status_code == 403
    refused = mine.post("/agenda/tasks", json={"title": "Bellen", "assignee_id": other.id})
    assert refused.status_code == 403
    assert _count(db) == 1


def test_a_token_without_a_user_names_the_assignee(db, api, casemanager, pinned):
    answer = api.post("/agenda/tasks", json={"title": "Bellen"})
    assert answer.status_code == 422 and answer.json["errors"] == {
        "assignee_id": "Kies aan wie de taak is toegewezen."
    }
    made = api.post("/agenda/tasks", json={"title": "Bellen", "assignee_id": casemanager.id})
    assert made.status_code == 201 and made.json["assignee_id"] == casemanager.id
    listed = api.get("/agenda/tasks", query_string={"user_id": casemanager.id})
    assert [t["title"] for t in listed.json] == ["Bellen"]


def test_the_todo_list_holds_open_trajectory_tasks_too(db, mine, agenda, casemanager, template, now):
    trajectory = start_trajectory(agenda.employee, template, actor=Actor(casemanager), now=now)
    [step] = [t for t in trajectory.tasks if t.status == "open"]
    step.assignee = casemanager
    step.due_date = dt.date(2026, 2, 27)
    todo = mine.get("/agenda/todo")
    assert [(i["kind"], i["id"], i["overdue"]) for i in todo.json] == [("trajectory", step.id, True)]
