"""Cliëntzwaarte verouderd: raised by the scan for an open case whose client weight was never assessed or was
assessed more than 3 months ago, delivered once, resolved at the next scan after a reassessment."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.logbook import Actor
from casework.registration import update_employee
from jobs.scan import scan_signals
from models import Notification, Signal, SignalStatus

from .conftest import MONDAY  # 02-03-2026, 10:30 in Amsterdam


def open_signals(db, employee) -> list[dt.date]:
    return db.session.scalars(
        sa.select(Signal.due_date).where(
            Signal.kind == "weight_outdated",
            Signal.subject_id == employee.id,
            Signal.status == SignalStatus.OPEN,
        )
    ).all()


# assessed on → the day the reassessment was due (3 months on; a month end stays a month end), or None when
# it is not due yet on Monday 02-03-2026
CASES = [
    (dt.date(2025, 11, 15), dt.date(2026, 2, 15)),
    (dt.date(2025, 11, 30), dt.date(2026, 2, 28)),  # no 30 February: the last day of February
    (dt.date(2025, 12, 1), dt.date(2026, 3, 1)),
    (dt.date(2025, 12, 2), None),  # due today: not yet older than 3 months
    (dt.date(2026, 2, 1), None),
]


@pytest.mark.parametrize(("assessed", "due"), CASES)
def test_an_assessment_older_than_3_months_is_signalled(
    db, create_employee, create_sick_report, casemanager, assessed, due
):
    employee = create_employee(case_manager=casemanager, client_weight_assessed_on=assessed)
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 5))
    scan_signals(MONDAY)
    assert open_signals(db, employee) == ([due] if due else [])


def test_never_assessed_is_signalled_from_the_start_of_the_open_case(
    db, create_employee, create_trajectory, casemanager
):
    employee = create_employee(case_manager=casemanager)
    create_trajectory(employee, started_on=dt.date(2026, 2, 1))
    scan_signals(MONDAY)
    assert open_signals(db, employee) == [dt.date(2026, 2, 1)]


def test_no_open_case_no_signal(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager)
    create_sick_report(employee, first_sick_day=dt.date(2025, 6, 2), recovery_date=dt.date(2025, 7, 1))
    scan_signals(MONDAY)
    assert open_signals(db, employee) == []


def test_raised_once_delivered_once_and_resolved_after_a_reassessment(
    db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(
        case_manager=casemanager,
        first_name="Kim",
        last_name="Visser",
        client_weight_assessed_on=dt.date(2025, 10, 1),
    )
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 5))
    first = scan_signals(MONDAY)
    again = scan_signals(MONDAY + dt.timedelta(minutes=5))
    assert first.raised["weight_outdated"] == 1 and again.raised["weight_outdated"] == 0
    [signal] = db.session.scalars(sa.select(Signal).where(Signal.kind == "weight_outdated")).all()
    texts = db.session.scalars(sa.select(Notification.text).where(Notification.signal_id == signal.id)).all()
    assert texts == [
        "De cliëntzwaarte van Kim Visser moet opnieuw beoordeeld worden: dat was uiterlijk 01-01-2026 nodig."
    ]

    update_employee(employee, {"client_weight": "high"}, actor=Actor(casemanager), now=MONDAY)
    assert employee.client_weight_assessed_on == dt.date(2026, 3, 2)  # a new weight without a date: today
    later = scan_signals(MONDAY + dt.timedelta(minutes=10))
    assert later.resolved["weight_outdated"] == 1 and later.raised["weight_outdated"] == 0
    db.session.refresh(signal)
    assert signal.status is SignalStatus.RESOLVED
    assert (
        scan_signals(MONDAY + dt.timedelta(days=93)).raised["weight_outdated"] == 1
    )  # past 02-06-2026: again
