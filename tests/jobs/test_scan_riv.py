"""Items missing from the re-integratieverslag are signalled from week 85 by the scan (issue 14 item 6), with
the clock pinned: not a day earlier, resolved at the first scan after the item is recorded."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.logbook import Actor
from casework.poortwachter import record_step_done, waive_step
from jobs.scan import scan_signals
from models import Signal, SignalStatus

FIRST = dt.date(2026, 1, 5)
WEEK_85 = dt.date(2027, 8, 16)  # 05-01-2026 + 7 × 84 days: the first day of week 85


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 30))


def riv_signals(db) -> list[tuple[str, dt.date]]:
    rows = db.session.execute(
        sa.select(Signal.detail, Signal.due_date)
        .where(
            Signal.kind == "poortwachter_due",
            Signal.status == SignalStatus.OPEN,
            Signal.detail.like("riv!_%", escape="!"),
        )
        .order_by(Signal.detail)
    )
    return [tuple(r) for r in rows]


def test_missing_items_are_raised_from_week_85_and_resolved_when_recorded(
    db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=FIRST)
    me = Actor(casemanager)
    scan_signals(at(WEEK_85 - dt.timedelta(days=1)))
    assert riv_signals(db) == []  # the last day of week 84: not yet, though 7 days ahead other steps are
    scan_signals(at(WEEK_85))
    assert riv_signals(db) == [
        ("riv_actueel_oordeel", WEEK_85),
        ("riv_eindevaluatie", WEEK_85),
        ("riv_spoor_2_besluit", WEEK_85),
    ]
    texts = db.session.scalars(
        sa.text(
            "SELECT n.text FROM notifications n JOIN signals s ON s.id = n.signal_id"
            " WHERE s.detail = 'riv_eindevaluatie'"
        )
    ).all()
    assert texts == [
        f"Poortwachter: Re-integratieverslag: eindevaluatie ontbreekt voor {employee.full_name}, uiterlijk 16-08-2027."
    ]

    record_step_done(report, "eindevaluatie", dt.date(2027, 8, 16), actor=me, now=at(WEEK_85))
    waive_step(report, "spoor_2_besluit", "terugkeer in eigen werk in zicht", actor=me, now=at(WEEK_85))
    scan_signals(at(WEEK_85) + dt.timedelta(minutes=5))
    assert riv_signals(db) == [("riv_actueel_oordeel", WEEK_85)]
    record_step_done(report, "actueel_oordeel", dt.date(2027, 8, 16), actor=me, now=at(WEEK_85))
    scan_signals(at(WEEK_85) + dt.timedelta(minutes=10))
    assert riv_signals(db) == []


def test_a_recovered_report_is_not_signalled(db, create_employee, create_sick_report, casemanager):
    create_sick_report(
        create_employee(case_manager=casemanager), first_sick_day=FIRST, recovery_date=dt.date(2027, 8, 1)
    )
    scan_signals(at(WEEK_85 + dt.timedelta(days=30)))
    assert riv_signals(db) == []
