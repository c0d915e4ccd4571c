"""Sick reports as case work: flags (never a diagnosis), partial recovery with a history, refusals change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.logbook import Actor
from casework.registration import record_percentage, recover, register_sick_report, update_sick_report
from models import LogEntry, SickReportPercentage, ZwVangnet

NOW = dt.datetime(2026, 3, 2, 9, 30)


def history(report) -> list[tuple[dt.date, Decimal]]:
    return [(p.from_date, p.percentage) for p in report.percentages]


def test_a_sick_report_with_flags_and_a_history_of_percentages(db, create_employee, casemanager):
    employee = create_employee(case_manager=casemanager)
    me = Actor(casemanager)
    report = register_sick_report(
        employee,
        {
            "first_sick_day": "05-01-2026",
            "zw_vangnet": "zwangerschap",
            "work_related": "nee",
            "recourse_possible": "ja",
        },
        actor=me,
        now=NOW,
    )
    assert (report.zw_vangnet, report.work_related, report.recourse_possible) == (
        ZwVangnet.PREGNANCY,
        False,
        True,
    )
    assert history(report) == [(dt.date(2026, 1, 5), Decimal("100.00"))]

    record_percentage(report, {"percentage": "50", "from_date": "2026-02-02"}, actor=me, now=NOW)
    record_percentage(report, {"percentage": "20", "from_date": "2026-02-16"}, actor=me, now=NOW)
    assert report.percentage == Decimal("20")
    assert history(report) == [
        (dt.date(2026, 1, 5), Decimal("100.00")),
        (dt.date(2026, 2, 2), Decimal("50")),
        (dt.date(2026, 2, 16), Decimal("20")),
    ]
    messages = db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action == "sick_report.percentage").order_by(LogEntry.id)
    ).all()
    assert messages == [
        "Gedeeltelijk herstel per 02-02-2026: 50% ziek (was 100%)",
        "Gedeeltelijk herstel per 16-02-2026: 20% ziek (was 50%)",
    ]
    update_sick_report(report, {"work_related": True, "zw_vangnet": ""}, actor=me, now=NOW)
    assert (report.work_related, report.zw_vangnet) == (True, None)
    assert (
        db.session.scalar(sa.select(LogEntry.message).where(LogEntry.action == "sick_report.updated"))
        == "Verzuimmelding gewijzigd: ZW-vangnet, arbeidsgerelateerd"
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"percentage": "0", "from_date": "2026-02-02"},
            "percentage",
            "Een percentage groter dan 0 en hoogstens 100.",
        ),
        ({"percentage": "100,5", "from_date": "2026-02-02"}, "percentage", "Een percentage groter dan 0"),
        ({"percentage": "veel", "from_date": "2026-02-02"}, "percentage", "Geef een getal"),
        ({"percentage": "50", "from_date": "morgen"}, "from_date", "Geef een datum"),
        ({"percentage": "50", "from_date": "2026-03-03"}, "from_date", "Deze datum ligt in de toekomst."),
        ({"percentage": "50", "from_date": "2026-01-05"}, "from_date", "Kies een datum na 05-01-2026"),
        ({"percentage": "100", "from_date": "2026-02-02"}, "percentage", "Het percentage is al 100%."),
    ],
)
def test_partial_recovery_refusals_name_the_field_and_change_nothing(
    db, create_employee, casemanager, data, field, message
):
    employee = create_employee(case_manager=casemanager)
    report = register_sick_report(
        employee, {"first_sick_day": "05-01-2026"}, actor=Actor(casemanager), now=NOW
    )
    with pytest.raises(Invalid) as refused:
        record_percentage(report, data, actor=Actor(casemanager), now=NOW)
    assert refused.value.errors[field].startswith(message)
    assert history(report) == [(dt.date(2026, 1, 5), Decimal("100.00"))] and report.percentage == Decimal(
        "100"
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SickReportPercentage)) == 1


def test_the_percentage_is_never_overwritten_by_an_update(db, create_employee, casemanager):
    employee = create_employee(case_manager=casemanager)
    me = Actor(casemanager)
    report = register_sick_report(employee, {"first_sick_day": "05-01-2026"}, actor=me, now=NOW)
    with pytest.raises(Invalid) as refused:
        update_sick_report(report, {"percentage": "50"}, actor=me, now=NOW)
    assert "gedeeltelijk herstel" in refused.value.errors["percentage"]
    with pytest.raises(Invalid) as bad_kind:
        update_sick_report(report, {"zw_vangnet": "griep"}, actor=me, now=NOW)
    assert bad_kind.value.errors == {
        "zw_vangnet": "Kies zwangerschap, orgaandonatie of no_riskpolis (of laat leeg)."
    }
    recover(report, recovery_date="2026-02-20", end_reason="Hersteld eigen werk", actor=me, now=NOW)
    with pytest.raises(Invalid, match="niet meer open"):
        record_percentage(report, {"percentage": "50", "from_date": "2026-02-21"}, actor=me, now=NOW)
