"""The private iCalendar feed: made in the console, read without a sign-in, parsed by a real parser, revocable."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine
from icalendar import Calendar

from casework.agenda import add_availability
from casework.consults import create_consult, plan_consult
from casework.logbook import Actor
from tests.conftest import NOW

from .conftest import csrf_token


@pytest.fixture
def pinned():
    """The console's clock at NOW (Monday 2 March 2026, 10:30 in Amsterdam)."""
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def planned(db, agenda, casemanager, weekly_availability, now):
    """A consult with Anna Jansen… on Tuesday 3 March, 09:00 local, at Utrecht."""
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=Actor(casemanager), now=now)
    db.session.commit()
    return consult


def _new_link(client) -> str:
    page = html.unescape(
        client.post("/admin/agenda/feed", data={"csrf_token": csrf_token(client, "/admin/agenda/")}).get_data(
            as_text=True
        )
    )
    assert "Uw nieuwe link (alleen nu zichtbaar):" in page
    return re.search(r"<code>(http[^<]+)</code>", page).group(1)


def test_the_feed_shows_the_consult_with_initials_only(pinned, cm_client, app, planned, agenda):
    link = _new_link(cm_client)
    path = link.split("5000", 1)[1]
    with app.test_client() as anonymous:
        answer = anonymous.get(path)
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    calendar = Calendar.from_ical(answer.get_data())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Spreekuur: A.J."
    assert event.decoded("dtstart") == dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2026, 3, 3, 8, 45, tzinfo=dt.UTC)
    assert str(event["location"]) == "Utrecht"
    assert str(event["url"]).endswith(f"/admin/dossiers/{agenda.employee.id}/")
    assert agenda.employee.last_name.encode() not in answer.get_data()


def test_a_new_link_revokes_the_old_and_revoking_stops_it(pinned, cm_client, app, planned):
    first = _new_link(cm_client).split("5000", 1)[1]
    second = _new_link(cm_client).split("5000", 1)[1]
    with app.test_client() as anonymous:
        assert anonymous.get(first).status_code == 404
        assert anonymous.get(second).status_code == 200
    token = csrf_token(cm_client, "/admin/agenda/")
    page = cm_client.post(
        "/admin/agenda/feed", data={"revoke": "1", "csrf_token": token}, follow_redirects=True
    )
    assert "De agenda-abonnementslink is ingetrokken." in html.unescape(page.get_data(as_text=True))
    with app.test_client() as anonymous:
        assert anonymous.get(second).status_code == 404
        assert anonymous.get("/calendar/nonsense.ics").status_code == 404


def test_the_feed_reads_its_consults_in_a_bounded_number_of_statements(
    pinned, cm_client, app, db, agenda, casemanager, weekly_availability, create_employee, create_user
):
    """Twelve consults of twelve employees at two locations: the feed's statements do not grow with them."""
    from models import Location

    from .test_statement_counts import counted

    other = Location(name="Amersfoort")
    db.session.add(other)
    db.session.flush()
    me = Actor(casemanager)
    add_availability(weekly_availability(), actor=me, now=NOW)
    for n in range(12):
        employee = create_employee(case_manager=casemanager)
        consult = create_consult(employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=NOW)
        plan_consult(consult, {"starts_at": f"2026-03-{3 + n // 3:02d}T{9 + n % 3}:00"}, actor=me, now=NOW)
        consult.location = other if n % 2 else agenda.location
    db.session.commit()
    path = _new_link(cm_client).split("5000", 1)[1]
    db.session.expunge_all()  # an empty identity map, as a fresh request has
    with app.test_client() as anonymous, counted(db) as statements:
        answer = anonymous.get(path)
    events = Calendar.from_ical(answer.get_data()).walk("VEVENT")
    assert len(events) == 12 and {str(e["location"]) for e in events} == {"Utrecht", "Amersfoort"}
    # the feed and its user, its consults (with type, employee, location), its tasks in the agenda (with employee)
    assert len(statements) <= 4, statements


def test_the_feed_shows_a_task_in_the_agenda_without_its_title(
    pinned, cm_client, app, db, agenda, casemanager
):
    from casework.agenda_tasks import complete_task, create_task, promote_task

    me = Actor(casemanager)
    about = create_task(
        {"title": f"{agenda.employee.last_name} bellen", "employee_id": agenda.employee.id}, actor=me, now=NOW
    )
    promote_task(about, {"date": "2026-03-04", "start_time": "14:00", "end_time": "15:00"}, actor=me, now=NOW)
    own = create_task({"title": "Teamoverleg voorbereiden"}, actor=me, now=NOW)
    promote_task(own, {"date": "2026-03-05", "start_time": "09:00", "end_time": "10:00"}, actor=me, now=NOW)
    done = create_task({"title": "Klaar"}, actor=me, now=NOW)
    promote_task(done, {"date": "2026-03-06", "start_time": "09:00", "end_time": "10:00"}, actor=me, now=NOW)
    complete_task(done, actor=me, now=NOW)
    db.session.commit()
    path = _new_link(cm_client).split("5000", 1)[1]
    with app.test_client() as anonymous:
        answer = anonymous.get(path)
    events = Calendar.from_ical(answer.get_data()).walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        ("Taak: A.J.", dt.datetime(2026, 3, 4, 13, 0, tzinfo=dt.UTC)),
        ("Taak", dt.datetime(2026, 3, 5, 8, 0, tzinfo=dt.UTC)),
    ]
    assert str(events[0]["url"]).endswith(f"/admin/dossiers/{agenda.employee.id}/") and "url" not in events[1]
    assert agenda.employee.last_name.encode() not in answer.get_data()
    assert b"Teamoverleg" not in answer.get_data()
