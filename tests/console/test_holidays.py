"""Feestdagen: the holiday list per year; switching Goede Vrijdag on moves a ziekmelding bij UWV with it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.calendar import is_working_day
from models import Holiday, LogEntry, PoortwachterOpenStep

from .conftest import csrf_token


def test_the_year_lists_the_algemene_termijnenwet_days_with_goede_vrijdag_off(admin_client):
    page = admin_client.get("/admin/holidays/?year=2027").get_data(as_text=True)
    for line in (
        "01-01-2027",
        "Tweede Paasdag",
        "27-04-2027",
        "Koningsdag",
        "Bevrijdingsdag",
        "Hemelvaartsdag",
    ):
        assert line in page
    row = page[page.index("<td>Goede Vrijdag</td>") :]
    assert row.index("<td>nee</td>") < row.index("Aanzetten") < row.index("</tr>")


def test_goede_vrijdag_switched_on_moves_the_ziekmelding_bij_uwv(
    admin_client, db, create_employee, create_sick_report
):
    # First sick day Friday 05-06-2026: week 42 ends on Thursday 25-03-2027, so UWV is due Friday 26-03-2027.
    employee = create_employee()
    report = create_sick_report(employee, first_sick_day=dt.date(2026, 6, 5))

    def uwv_due():
        return db.session.scalar(
            sa.select(PoortwachterOpenStep.due_date).where(
                PoortwachterOpenStep.sick_report_id == report.id,
                PoortwachterOpenStep.step_key == "melding_uwv",
            )
        )

    assert uwv_due() == dt.date(2027, 3, 26)
    good_friday = db.session.scalar(sa.select(Holiday).where(Holiday.day == dt.date(2027, 3, 26)))
    token = csrf_token(admin_client, "/admin/holidays/?year=2027")
    response = admin_client.post(
        f"/admin/holidays/{good_friday.id}/active", data={"csrf_token": token, "active": "1"}
    )
    assert response.status_code == 302
    assert good_friday.active and not is_working_day(dt.date(2027, 3, 26))
    # Goede Vrijdag, the weekend and Tweede Paasdag 29-3: the first working day after is Tuesday 30-03-2027.
    assert uwv_due() == dt.date(2027, 3, 30)
    assert db.session.scalar(sa.select(LogEntry.message).where(LogEntry.action == "holiday.changed")) == (
        "Feestdag Goede Vrijdag op 26-03-2027 aangezet"
    )


def test_adding_a_day_and_the_refusals_name_the_field(admin_client, db):
    token = csrf_token(admin_client, "/admin/holidays/?year=2026")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Holiday))
    bad = admin_client.post(
        "/admin/holidays/add",
        data={"csrf_token": token, "name": "Sluitingsdag", "day": "31-02-2026"},
        follow_redirects=True,
    )
    assert "Datum: Geef een datum, bijvoorbeeld 05-03-2026." in bad.get_data(as_text=True)
    twice = admin_client.post(
        "/admin/holidays/add",
        data={"csrf_token": token, "name": "Dubbel", "day": "2026-12-25"},
        follow_redirects=True,
    )
    assert "Datum: Op 25-12-2026 staat al een feestdag." in twice.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Holiday)) == before
    added = admin_client.post(
        "/admin/holidays/add",
        data={"csrf_token": token, "name": "Sluitingsdag", "day": "2026-12-31"},
        follow_redirects=True,
    )
    assert "Sluitingsdag" in added.get_data(as_text=True)
    assert not is_working_day(dt.date(2026, 12, 31))


def test_a_case_manager_may_not_change_the_calendar(cm_client):
    assert cm_client.get("/admin/holidays/").status_code == 403
