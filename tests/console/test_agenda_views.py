"""The agenda in the console: configuration lists, the week view, the planning tray and the af te melden tray."""

from __future__ import annotations

import datetime as dt
import html

import pytest
import sqlalchemy as sa
import time_machine

from models import Availability, Consult, ConsultType, Contact
from tests.conftest import NOW

from .conftest import csrf_token


@pytest.fixture
def pinned():
    """The console's clock at NOW: Monday 2 March 2026, 10:30 in Amsterdam."""
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _availability(client, agenda, **fields):
    data = {
        "location_id": agenda.location.id,
        "recurrence": "wekelijks",
        "frequency": "1",
        "date_from": "2026-03-02",
        "date_until": "2026-03-31",
        "start_time": "09:00",
        "end_time": "12:00",
        "weekdays": ["ma", "di", "wo", "do", "vr"],
        "remark": "",
        "user_id": "",
        "csrf_token": csrf_token(client, "/admin/agenda/"),
    }
    data.update(fields)
    return client.post("/admin/agenda/availability", data=data, follow_redirects=True)


@pytest.mark.parametrize("endpoint", ["consult_types", "locations", "unavailability_kinds"])
def test_the_agenda_lists_open_in_dutch(admin_client, endpoint):
    page = _text(admin_client.get(f"/admin/{endpoint}/"))
    assert "Naam" in page and "Deactiveren" in page
    assert admin_client.get(f"/admin/{endpoint}/new/").status_code == 200


def test_a_consult_type_with_too_long_a_duration_is_refused(admin_client, db):
    token = csrf_token(admin_client, "/admin/consult_types/new/")
    answer = admin_client.post(
        "/admin/consult_types/new/",
        data={
            "name": "Marathon",
            "duration_minutes": "600",
            "price": "10",
            "position": "0",
            "csrf_token": token,
        },
    )
    assert "Duur (minuten): hoogstens 480." in _text(answer)
    assert db.session.scalar(sa.select(ConsultType).where(ConsultType.name == "Marathon")) is None
    token = csrf_token(admin_client, "/admin/consult_types/new/")
    admin_client.post(
        "/admin/consult_types/new/",
        data={
            "name": "Intake",
            "duration_minutes": "60",
            "price": "120.00",
            "position": "0",
            "csrf_token": token,
        },
    )
    assert (
        db.session.scalar(sa.select(ConsultType.duration_minutes).where(ConsultType.name == "Intake")) == 60
    )


def test_availability_shows_in_the_week_and_bad_input_names_the_field(pinned, cm_client, db, agenda):
    page = _text(_availability(cm_client, agenda))
    assert "Beschikbaarheid toegevoegd." in page
    assert "Agenda van Sanne de Wit" in page
    assert page.count("09:00–12:00") >= 5 and "beschikbaar: Utrecht" in page
    bad = _text(_availability(cm_client, agenda, end_time="08:00"))
    assert "Eindtijd: De eindtijd moet na de begintijd liggen." in bad
    none = _text(_availability(cm_client, agenda, weekdays=[]))
    assert "Iedere: Kies minstens één dag." in none
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Availability)) == 1


def test_a_case_manager_sees_only_the_own_agenda(cm_client, create_user):
    assert cm_client.get(f"/admin/agenda/?user={create_user().id}").status_code == 403


def test_plan_from_the_tray_then_report_held(pinned, cm_client, db, agenda, casemanager):
    _availability(cm_client, agenda)
    token = csrf_token(cm_client, "/admin/agenda_trays/")
    made = _text(
        cm_client.post(
            "/admin/agenda_trays/new",
            data={
                "employee_id": agenda.employee.id,
                "consult_type_id": agenda.consult_type.id,
                "status": "in_te_plannen",
                "period_from": "",
                "period_until": "",
                "csrf_token": token,
            },
            follow_redirects=True,
        )
    )
    assert "Gesprek aangemaakt." in made and "Planbak" in made
    consult = db.session.scalars(sa.select(Consult)).one()
    tray = made[made.index('id="planning-tray"') :]
    assert agenda.employee.full_name in tray and "02-03 10:30" in tray  # the first free slot, today
    planned = _text(
        cm_client.post(
            f"/admin/agenda_trays/{consult.id}/plan",
            data={"starts_at": "2026-03-02T10:30", "csrf_token": token},
            follow_redirects=True,
        )
    )
    assert "Gesprek bijgewerkt." in planned and "De planbak is leeg." in planned
    week = _text(cm_client.get("/admin/agenda/"))
    assert "10:30–11:15" in week and "Ingepland" in week
    pinned.move_to(dt.datetime(2026, 3, 2, 9, 50, tzinfo=dt.UTC))  # 10:50 local, within the session
    trays = _text(cm_client.get("/admin/agenda_trays/"))
    assert "02-03-2026 10:30" in trays[trays.index('id="to-report"') : trays.index('id="planning-tray"')]
    token = csrf_token(cm_client, "/admin/agenda_trays/")
    done = _text(
        cm_client.post(
            f"/admin/agenda_trays/{consult.id}/report",
            data={"outcome": "afgehandeld", "text": "Werkhervatting besproken", "csrf_token": token},
            follow_redirects=True,
        )
    )
    assert "Niets af te melden." in done
    contact = db.session.scalars(sa.select(Contact)).one()
    assert (contact.text, contact.day) == ("Werkhervatting besproken", dt.date(2026, 3, 2))


def test_a_refused_step_shows_the_status_and_changes_nothing(pinned, cm_client, db, agenda, casemanager):
    from casework.consults import create_consult
    from casework.logbook import Actor

    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=NOW
    )
    db.session.commit()
    token = csrf_token(cm_client, "/admin/agenda_trays/")
    answer = _text(
        cm_client.post(
            f"/admin/agenda_trays/{consult.id}/report",
            data={"outcome": "afgehandeld", "csrf_token": token},
            follow_redirects=True,
        )
    )
    assert "Status: Een gesprek met status In te plannen kan niet worden afgemeld." in answer
    db.session.refresh(consult)
    assert consult.status.value == "in_te_plannen"


def test_the_product_report_page_shows_the_month(pinned, cm_client, db, agenda, casemanager):
    from casework.agenda import add_availability
    from casework.consults import create_consult, plan_consult
    from casework.consults import report_consult as c_report
    from casework.logbook import Actor

    me = Actor(casemanager)
    add_availability(
        {
            "location_id": agenda.location.id,
            "recurrence": "wekelijks",
            "date_from": "2026-03-02",
            "date_until": "2026-03-31",
            "start_time": "09:00",
            "end_time": "12:00",
            "weekdays": "di",
        },
        actor=me,
        now=NOW,
    )
    consult = create_consult(agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=NOW)
    plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=me, now=NOW)
    agenda.consult_type.price = 2500
    held = create_consult(agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=NOW)
    plan_consult(held, {"starts_at": "2026-03-03T10:00"}, actor=me, now=NOW)
    held.starts_at -= dt.timedelta(days=2)  # it took place already, so it can be reported held
    held.ends_at -= dt.timedelta(days=2)
    c_report(held, {"outcome": "afgehandeld"}, actor=me, now=NOW)
    db.session.commit()
    week = _text(cm_client.get("/admin/agenda/?week=2026-03-02"))
    assert "09:00–09:45" in week and "€ 95,00" in week  # the price kept when it was planned
    page = _text(cm_client.get("/admin/consult_report/?month=2026-03"))
    row = page[page.index("<td>Spreekuur</td>") :]
    assert row.startswith(
        '<td>Spreekuur</td><td>Sanne de Wit</td><td class="text-right">2</td><td class="text-right">1</td>'
    )
    assert "Bedrag gevoerd" in page
    assert row.index("€ 2.500,00") < row.index("</tr>")  # the held one at the price that applied then
    assert "Geen gesprekken in deze maand." in _text(cm_client.get("/admin/consult_report/?month=2026-04"))
    assert "Maand: Geef een maand, bijvoorbeeld 2026-03." in _text(
        cm_client.get("/admin/consult_report/?month=xx")
    )


def test_the_month_and_the_team_views(pinned, admin_client, db, agenda, casemanager):
    from casework.agenda import add_availability
    from casework.consults import create_consult, plan_consult
    from casework.logbook import Actor

    me = Actor(casemanager)
    add_availability(
        {
            "location_id": agenda.location.id,
            "recurrence": "wekelijks",
            "date_from": "2026-03-02",
            "date_until": "2026-03-31",
            "start_time": "09:00",
            "end_time": "12:00",
            "weekdays": "di",
        },
        actor=me,
        now=NOW,
    )
    for hour in (9, 10):
        consult = create_consult(
            agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=NOW
        )
        plan_consult(consult, {"starts_at": f"2026-03-03T{hour:02d}:00"}, actor=me, now=NOW)
    db.session.commit()
    month = _text(admin_client.get(f"/admin/agenda/month?user={casemanager.id}&month=2026-03"))
    assert "Agenda van Sanne de Wit: 03-2026" in month
    cell = month[month.index("day=2026-03-03") :]
    assert cell.index('class="font-weight-bold"') < cell.index("2 gesprekken") < cell.index("</td>")
    team = _text(admin_client.get("/admin/agenda/team?week=2026-03-02"))
    row = team[team.index(">Sanne de Wit</a>") :]
    assert "3,0 uur beschikbaar" in row and "09:00 Spreekuur" in row and "10:00 Spreekuur" in row


def test_the_team_view_is_for_administrators(cm_client):
    assert cm_client.get("/admin/agenda/team").status_code == 403


def test_the_invitation_button_and_the_report_document(pinned, cm_client, db, agenda, casemanager):
    from casework.consults import create_consult, plan_consult
    from casework.logbook import Actor
    from models import Document

    _availability(cm_client, agenda)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=NOW
    )
    plan_consult(consult, {"starts_at": "2026-03-02T10:45"}, actor=Actor(casemanager), now=NOW)
    db.session.flush()
    week = _text(cm_client.get("/admin/agenda/"))
    assert "Uitnodiging maken" in week
    token = csrf_token(cm_client, "/admin/agenda/")
    dossier = _text(
        cm_client.post(
            f"/admin/agenda_trays/{consult.id}/invitation", data={"csrf_token": token}, follow_redirects=True
        )
    )
    assert "Uitnodiging gemaakt; ze staat bij de documenten van het dossier." in dossier
    documents = dossier[dossier.index('id="documents"') :]
    assert f"Uitnodiging spreekuur op 02-03-2026 – {agenda.employee.full_name}" in documents

    pinned.move_to(dt.datetime(2026, 3, 2, 9, 55, tzinfo=dt.UTC))  # 10:55 local: it has started
    trays = _text(cm_client.get("/admin/agenda_trays/"))
    assert "Verslag als document" in trays
    token = csrf_token(cm_client, "/admin/agenda_trays/")
    cm_client.post(
        f"/admin/agenda_trays/{consult.id}/report",
        data={"outcome": "afgehandeld", "text": "Plan besproken", "document": "ja", "csrf_token": token},
        follow_redirects=True,
    )
    titles = db.session.scalars(sa.select(Document.title).where(Document.consult_id == consult.id)).all()
    assert sorted(titles) == sorted(
        [
            f"Uitnodiging spreekuur op 02-03-2026 – {agenda.employee.full_name}",
            f"Verslag spreekuur van 02-03-2026 – {agenda.employee.full_name}",
        ]
    )
    again = _text(
        cm_client.post(
            f"/admin/agenda_trays/{consult.id}/invitation",
            data={"csrf_token": csrf_token(cm_client, "/admin/agenda/")},
            follow_redirects=True,
        )
    )
    assert (
        "Status: Een uitnodiging kan alleen voor een ingepland gesprek; dit gesprek heeft status Afgehandeld."
        in again
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 2
