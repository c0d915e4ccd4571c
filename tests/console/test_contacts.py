"""Contacts in the console: laatste contact is set, "Lang niet gesproken" resolves at the next scan."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from jobs.scan import scan_signals
from models import Contact, LogEntry, Signal, SignalStatus

from .conftest import csrf_token

MONDAY = dt.datetime(2026, 3, 2, 9, 30)


def open_not_contacted(db, employee) -> list[dt.date]:
    return db.session.scalars(
        sa.select(Signal.due_date).where(
            Signal.kind == "not_contacted",
            Signal.subject_id == employee.id,
            Signal.status == SignalStatus.OPEN,
        )
    ).all()


def test_a_contact_with_the_employee_clears_lang_niet_gesproken(
    cm_client, db, create_employee, create_sick_report, casemanager
):
    # An open sick report and no trajectory: high client weight allows 7 days without contact.
    employee = create_employee(case_manager=casemanager, client_weight="high")
    create_sick_report(employee, first_sick_day=dt.date(2026, 2, 16))
    scan_signals(MONDAY)
    assert open_not_contacted(db, employee) == [dt.date(2026, 2, 23)]

    token = csrf_token(cm_client, f"/admin/dossiers/{employee.id}/")
    page = cm_client.post(
        f"/admin/dossiers/{employee.id}/contact",
        data={"csrf_token": token, "kind": "telefoon", "with_whom": "werkgever", "day": "2026-03-01"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Contact vastgelegd." in page and employee.last_contact_on is None  # not the employee
    cm_client.post(
        f"/admin/dossiers/{employee.id}/contact",
        data={
            "csrf_token": token,
            "kind": "gesprek",
            "with_whom": "werknemer",
            "day": "2026-03-02",
            "text": "Re-integratie besproken",
        },
    )
    assert employee.last_contact_on == dt.date(2026, 3, 2)
    scan_signals(MONDAY + dt.timedelta(minutes=5))
    assert open_not_contacted(db, employee) == []
    assert db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action == "employee.contact").order_by(LogEntry.id)
    ).all() == [
        "Contact (telefoon) met werkgever op 01-03-2026",
        "Contact (gesprek) met werknemer op 02-03-2026",
    ]


def test_contact_refusals_name_the_field_and_change_nothing(cm_client, db, create_employee, casemanager):
    employee = create_employee(case_manager=casemanager)
    token = csrf_token(cm_client, f"/admin/dossiers/{employee.id}/")
    page = cm_client.post(
        f"/admin/dossiers/{employee.id}/contact",
        data={
            "csrf_token": token,
            "kind": "brief",
            "with_whom": "werknemer",
            "day": "31-02-2026",
            "text": "x" * 1501,
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Soort: Kies gesprek, telefoon, video of e-mail." in page
    assert "Datum: Geef een datum, bijvoorbeeld 05-03-2026." in page
    assert "Tekst: Hoogstens 1.500 tekens." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 0
    assert employee.last_contact_on is None
