"""The signal scan and recorded Poortwachter steps: a step recorded as done is resolved and not raised again."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.logbook import Actor
from casework.poortwachter import record_step_done, undo_step_done
from jobs.scan import scan_signals
from models import Signal, SignalStatus

from .conftest import MONDAY

TODAY = MONDAY.date()  # Monday 02-03-2026


def poortwachter_signals(db) -> list[tuple[str, dt.date, str]]:
    rows = db.session.execute(
        sa.select(Signal.detail, Signal.due_date, Signal.status)
        .where(Signal.kind == "poortwachter_due")
        .order_by(Signal.due_date, Signal.detail)
    )
    return [(detail, due, SignalStatus(status).value) for detail, due, status in rows]


def test_a_missed_step_recorded_as_done_is_resolved_and_not_raised_again(
    db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager)
    # First sick day 13-01-2026: the week-1 ziekmelding was due 19-01-2026 and the probleemanalyse 23-02-2026
    # (both missed, and a missed step stays signalled), the plan van aanpak is due 09-03-2026 (soon).
    report = create_sick_report(employee, first_sick_day=dt.date(2026, 1, 13))
    record_step_done(
        report, "ziekmelding_bedrijfsarts", dt.date(2026, 1, 13), actor=Actor(casemanager), now=MONDAY
    )
    scan_signals(MONDAY)
    assert poortwachter_signals(db) == [
        ("probleemanalyse", dt.date(2026, 2, 23), "open"),
        ("plan_van_aanpak", dt.date(2026, 3, 9), "open"),
    ]

    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 25), actor=Actor(casemanager), now=MONDAY)
    later = scan_signals(MONDAY + dt.timedelta(minutes=5))

    assert later.resolved["poortwachter_due"] == 1 and later.raised["poortwachter_due"] == 0
    assert poortwachter_signals(db) == [
        ("probleemanalyse", dt.date(2026, 2, 23), "resolved"),
        ("plan_van_aanpak", dt.date(2026, 3, 9), "open"),
    ]
    tomorrow = scan_signals(MONDAY + dt.timedelta(days=1))
    assert tomorrow.raised["poortwachter_due"] == 0 and tomorrow.resolved["poortwachter_due"] == 0
    assert [s for s in poortwachter_signals(db) if s[2] == "open"] == [
        ("plan_van_aanpak", dt.date(2026, 3, 9), "open")
    ]


def test_undoing_a_recorded_step_signals_it_again(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=dt.date(2026, 1, 13))
    actor = Actor(casemanager)
    record_step_done(report, "ziekmelding_bedrijfsarts", dt.date(2026, 1, 14), actor=actor, now=MONDAY)
    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 25), actor=actor, now=MONDAY)
    scan_signals(MONDAY)
    assert [s[0] for s in poortwachter_signals(db)] == ["plan_van_aanpak"]

    undo_step_done(report, "probleemanalyse", actor=actor, now=MONDAY)
    again = scan_signals(MONDAY + dt.timedelta(minutes=5))

    assert again.raised["poortwachter_due"] == 1
    assert ("probleemanalyse", dt.date(2026, 2, 23), "open") in poortwachter_signals(db)
