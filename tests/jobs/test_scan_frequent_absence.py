"""Frequent verzuim: 3 or more sick reports with a first sick day in the 12 months up to today are signalled to
the case manager, once, with a reminder naming the employee; resolved when a report drops out of the 12 months."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from jobs.scan import scan_signals
from models import Notification, SickReportEndReason, SickReportOutcome, Signal, SignalStatus

from .conftest import MONDAY  # 02-03-2026, 10:30 in Amsterdam

D = dt.date


def open_signals(db, employee) -> list[tuple[dt.date, str]]:
    return db.session.execute(
        sa.select(Signal.due_date, Signal.detail).where(
            Signal.kind == "frequent_absence",
            Signal.subject_id == employee.id,
            Signal.status == SignalStatus.OPEN,
        )
    ).all()


def _reports(create_sick_report, employee, *firsts, last_open=True, **fields):
    """Short reports (2 days each) on the given first sick days; the last one still open unless told."""
    for i, first in enumerate(firsts):
        ended = i < len(firsts) - 1 or not last_open
        create_sick_report(
            employee,
            first_sick_day=first,
            recovery_date=first + dt.timedelta(days=2) if ended else None,
            **fields,
        )


@pytest.mark.parametrize(
    ("firsts", "expected"),
    [
        ((D(2025, 3, 3), D(2025, 9, 1), D(2026, 2, 20)), [(D(2026, 2, 20), "3")]),  # exactly 3 in 12 months
        ((D(2025, 3, 2), D(2025, 9, 1), D(2026, 2, 20)), []),  # the first is 12 months ago today: out
        ((D(2025, 9, 1), D(2026, 2, 20)), []),
        ((D(2025, 5, 1), D(2025, 9, 1), D(2025, 12, 1), D(2026, 3, 2)), [(D(2026, 3, 2), "4")]),
    ],
)
def test_three_reports_within_12_months_are_signalled(
    db, create_employee, create_sick_report, casemanager, firsts, expected
):
    employee = create_employee(case_manager=casemanager)
    _reports(create_sick_report, employee, *firsts)
    scan_signals(MONDAY)
    assert open_signals(db, employee) == expected


def test_a_report_entered_in_error_does_not_count(db, create_employee, create_sick_report, casemanager):
    wrong = SickReportEndReason(name="Scan foutief", outcome=SickReportOutcome.ERRONEOUS)
    db.session.add(wrong)
    employee = create_employee(case_manager=casemanager)
    _reports(create_sick_report, employee, D(2025, 9, 1), D(2026, 2, 20))
    create_sick_report(employee, first_sick_day=D(2025, 6, 1), closed_on=D(2025, 6, 2), end_reason=wrong)
    scan_signals(MONDAY)
    assert open_signals(db, employee) == []


def test_an_employee_out_of_employment_is_not_signalled(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager, employment_end=D(2026, 3, 1))
    _reports(create_sick_report, employee, D(2025, 6, 1), D(2025, 9, 1), D(2026, 2, 20), last_open=False)
    scan_signals(MONDAY)
    assert open_signals(db, employee) == []


def test_raised_once_reminded_once_and_resolved_when_a_report_drops_out(
    db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager, first_name="Kim", last_name="Visser")
    _reports(create_sick_report, employee, D(2025, 3, 3), D(2025, 9, 1), D(2026, 2, 20))
    first = scan_signals(MONDAY)
    again = scan_signals(MONDAY + dt.timedelta(minutes=5))
    assert first.raised["frequent_absence"] == 1 and again.raised["frequent_absence"] == 0
    [signal] = db.session.scalars(sa.select(Signal).where(Signal.kind == "frequent_absence")).all()
    texts = db.session.scalars(sa.select(Notification.text).where(Notification.signal_id == signal.id)).all()
    assert texts == [
        "Frequent verzuim: Kim Visser meldde zich 3 keer ziek in 12 maanden, het laatst op 20-02-2026."
        " Tijd voor een verzuimgesprek."
    ]
    later = scan_signals(MONDAY + dt.timedelta(days=1))  # 03-03-2026: the report of 03-03-2025 is out
    assert later.resolved["frequent_absence"] == 1
    assert open_signals(db, employee) == []


def test_the_signal_reads_in_dutch_with_its_count(db, create_employee, create_sick_report, casemanager):
    from casework.signals import describe_signal

    employee = create_employee(case_manager=casemanager, first_name="Kim", last_name="Visser")
    _reports(create_sick_report, employee, D(2025, 3, 3), D(2025, 9, 1), D(2026, 2, 20))
    scan_signals(MONDAY)
    signal = db.session.scalar(sa.select(Signal).where(Signal.kind == "frequent_absence"))
    assert describe_signal(signal) == (
        "Frequent verzuim: 3 ziekmeldingen in 12 maanden — Kim Visser (uiterlijk 20-02-2026)"
    )
