"""Takenlijst in the console: add, complete, cancel and promote a task by Dutch labels; the agenda views show it."""

from __future__ import annotations

import datetime as dt
import html

import pytest
import sqlalchemy as sa
import time_machine

from casework.agenda_tasks import create_task
from casework.logbook import Actor
from casework.process import start_trajectory
from models import AgendaTask, AgendaTaskStatus, TrajectoryTemplate
from tests.conftest import NOW

from .conftest import csrf_token


@pytest.fixture
def pinned():
    """The console's clock at NOW: Monday 2 March 2026, 10:30 in Amsterdam."""
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _post(client, path: str, **data) -> str:
    data["csrf_token"] = csrf_token(client, "/admin/todo/")
    return _text(client.post(path, data=data, follow_redirects=True))


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AgendaTask))


def test_add_a_task_about_a_client_and_see_it_on_the_list(pinned, cm_client, db, agenda):
    empty = _text(cm_client.get("/admin/todo/"))
    assert "Takenlijst van Sanne de Wit" in empty and "Geen open taken." in empty
    page = _post(
        cm_client,
        "/admin/todo/new",
        title="Werkgever terugbellen",
        employee_id=str(agenda.employee.id),
        due_date="2026-02-27",
        remark="Over aangepast werk",
        assignee_id="",
    )
    assert "Taak toegevoegd." in page
    row = page[page.index('id="todo-own-') :]
    row = row[: row.index("</tr>")]
    assert "Werkgever terugbellen" in row and agenda.employee.full_name in row
    assert "27-02-2026" in row and "te laat" in row and "table-danger" in page
    task = db.session.scalars(sa.select(AgendaTask)).one()
    assert (task.employee_id, task.remark) == (agenda.employee.id, "Over aangepast werk")


def test_bad_input_names_the_field_and_stores_nothing(pinned, cm_client, db, create_user, create_employee):
    page = _post(cm_client, "/admin/todo/new", title=" ", employee_id="", due_date="", remark="")
    assert "Titel: Dit veld is verplicht." in page
    other = create_employee(case_manager=create_user())
    page = _post(cm_client, "/admin/todo/new", title="Bellen", employee_id=str(other.id))
    assert "Werknemer: Deze werknemer hoort niet bij uw caseload." in page
    assert other.full_name not in page
    assert _count(db) == 0


def test_complete_cancel_and_the_accountability_filter(pinned, cm_client, db, casemanager):
    me = Actor(casemanager)
    done = create_task({"title": "Verslag schrijven"}, actor=me, now=NOW)
    dropped = create_task({"title": "Cursus plannen"}, actor=me, now=NOW)
    db.session.commit()
    page = _post(cm_client, f"/admin/todo/{done.id}/done")
    assert "Taak afgerond." in page
    page = _post(cm_client, f"/admin/todo/{dropped.id}/cancel", reason="")
    assert "Reden: Dit veld is verplicht." in page
    page = _post(cm_client, f"/admin/todo/{dropped.id}/cancel", reason="Cursus gaat niet door")
    assert "Taak geannuleerd." in page and "Geen open taken." in page
    again = _post(cm_client, f"/admin/todo/{done.id}/done")
    assert "Status: Een taak met status Uitgevoerd kan niet worden afgerond." in again
    closed = _text(cm_client.get("/admin/todo/?toon=afgerond"))
    table = closed[closed.index('id="todo-closed"') :]
    assert "Verslag schrijven" in table and "Uitgevoerd" in table and "02-03-2026 10:30" in table
    assert "Cursus plannen" in table and "Geannuleerd" in table and "Cursus gaat niet door" in table
    assert table.count("Sanne de Wit") == 2
    db.session.refresh(done)
    assert done.status == AgendaTaskStatus.DONE


def test_promote_into_the_agenda_shows_in_the_week_day_and_month(pinned, cm_client, db, casemanager):
    task = create_task({"title": "Dossiers bijwerken"}, actor=Actor(casemanager), now=NOW)
    db.session.commit()
    page = _post(
        cm_client, f"/admin/todo/{task.id}/promote", date="2026-03-03", start_time="14:00", end_time="13:00"
    )
    assert "Eindtijd: De eindtijd moet na de begintijd liggen." in page
    page = _post(
        cm_client, f"/admin/todo/{task.id}/promote", date="2026-03-03", start_time="14:00", end_time="15:00"
    )
    assert "Taak in de agenda gezet." in page and "03-03-2026 14:00–15:00" in page
    week = _text(cm_client.get("/admin/agenda/?week=2026-03-02"))
    assert "14:00–15:00" in week and "Taak: Dossiers bijwerken" in week
    day = _text(cm_client.get("/admin/agenda/?day=2026-03-03"))
    assert "Taak: Dossiers bijwerken" in day
    month = _text(cm_client.get("/admin/agenda/month?month=2026-03"))
    assert "1 taak" in month
    page = _post(cm_client, f"/admin/todo/{task.id}/unschedule")
    assert "Taak uit de agenda gehaald." in page
    assert "Taak: Dossiers bijwerken" not in _text(cm_client.get("/admin/agenda/?week=2026-03-02"))


def test_open_trajectory_tasks_are_on_the_list_with_a_link_to_the_dossier(
    pinned, cm_client, db, agenda, casemanager
):
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(agenda.employee, template, actor=Actor(casemanager), now=NOW)
    [step] = [t for t in trajectory.tasks if t.status == "open"]
    step.assignee = casemanager
    db.session.commit()
    page = _text(cm_client.get("/admin/todo/"))
    row = page[page.index(f'id="todo-trajectory-{step.id}"') :]
    row = row[: row.index("</tr>")]
    assert f"{step.key} {step.name}" in row and "trajecttaak" in row and "Naar het dossier" in row


def test_a_case_manager_sees_only_the_own_list_and_cannot_touch_another_task(
    pinned, cm_client, db, create_user
):
    other = create_user()
    theirs = create_task({"title": "Van een ander"}, actor=Actor(other), now=NOW)
    db.session.commit()
    assert cm_client.get(f"/admin/todo/?user={other.id}").status_code == 403
    page = _post(cm_client, f"/admin/todo/{theirs.id}/done")
    assert "Toegewezen aan: Dit is niet uw taak." in page
    db.session.refresh(theirs)
    assert theirs.status == AgendaTaskStatus.OPEN


def test_an_administrator_gives_a_task_to_a_colleague(pinned, admin_client, db, casemanager):
    page = _post(
        admin_client, "/admin/todo/new", title="Overdracht voorbereiden", assignee_id=str(casemanager.id)
    )
    assert "Taak toegevoegd." in page
    task = db.session.scalars(sa.select(AgendaTask)).one()
    assert task.assignee_id == casemanager.id
    theirs = _text(admin_client.get(f"/admin/todo/?user={casemanager.id}"))
    assert "Takenlijst van Sanne de Wit" in theirs and "Overdracht voorbereiden" in theirs
