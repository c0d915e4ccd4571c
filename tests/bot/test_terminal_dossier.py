"""`traject chat` drives the dossier modals (ziekmelding, herstel, contact) like any other: field by field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa

from models import Contact, SickReport
from tests.bot.test_terminal import _run


def test_chat_registers_a_sick_report_a_partial_recovery_and_a_contact(
    slack_app, db, casemanager, create_employee
):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    lines = [
        "ziekmelding jansen",
        "23-02-2026",  # Eerste ziektedag
        "",  # Percentage: 100
        "",  # Verwachte hersteldatum
        "",  # ZW-vangnet
        "ja",  # Arbeidsgerelateerd
        "",  # Verhaal mogelijk: nee
        "herstel jansen",
        "",  # Soort melding: gedeeltelijk herstel
        "150",  # Nieuw percentage: refused, asked again
        "",  # Per datum: today
        "",  # Beëindigingsreden: only for a hersteldmelding
        "150",
        "50",
        "contact jansen",
        "2",  # Telefoon
        "",  # Werknemer
        "",  # Datum: today
        "Belde terug",
    ]
    screen = _run(slack_app, casemanager, lines)
    assert "== Ziekmelding ==" in screen and "Eerste ziektedag [02-03-2026]: " in screen
    report = db.session.scalar(sa.select(SickReport).where(SickReport.employee_id == employee.id))
    assert report.first_sick_day == dt.date(2026, 2, 23) and report.work_related is True
    assert "! Een percentage groter dan 0 en hoogstens 100." in screen
    assert report.percentage == Decimal("50")
    assert [p.percentage for p in report.percentages] == [Decimal("100"), Decimal("50")]
    assert report.percentages[-1].from_date == dt.date(2026, 3, 2)
    contact = db.session.scalar(sa.select(Contact))
    assert (contact.kind.value, contact.day, contact.text) == ("telefoon", dt.date(2026, 3, 2), "Belde terug")
    assert "Contact vastgelegd voor Anna Jansen." in screen
