"""The scan and the Poortwachter timeline, with the clock pinned: a missed step stays signalled until recorded.

Per step: raised when due within 7 days or missed, still open after later deadlines have come, resolved at the
first scan after it is recorded as done or waived (the reason in the log book). A property test checks that for
any history of recorded steps every past-due step that was neither done nor waived has an open signal.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.deadlines import DeadlineStatus, poortwachter_deadlines
from casework.errors import Invalid
from casework.logbook import Actor
from casework.poortwachter import record_step_done, set_waiting_time_extension, waive_step
from casework.riv import riv_open_steps
from jobs.scan import scan_signals
from models import LogEntry, Signal, SignalStatus

FIRST = dt.date(2026, 1, 5)


def at(day: dt.date) -> dt.datetime:
    """10:30 in Amsterdam on `day` (stored UTC)."""
    return dt.datetime.combine(day, dt.time(9, 30))


def open_signals(db) -> list[tuple[str, dt.date]]:
    rows = db.session.execute(
        sa.select(Signal.detail, Signal.due_date)
        .where(Signal.kind == "poortwachter_due", Signal.status == SignalStatus.OPEN)
        .order_by(Signal.due_date, Signal.detail)
    )
    return [tuple(r) for r in rows]


def test_each_step_is_raised_kept_and_resolved(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=FIRST)
    me = Actor(casemanager)

    scan_signals(at(dt.date(2026, 1, 5)))  # the week-1 ziekmelding is due within 7 days
    assert open_signals(db) == [("ziekmelding_bedrijfsarts", dt.date(2026, 1, 11))]

    scan_signals(at(dt.date(2026, 3, 2)))  # 2 March: week 1, 6 and 8 have all passed; none dropped
    assert open_signals(db) == [
        ("ziekmelding_bedrijfsarts", dt.date(2026, 1, 11)),
        ("probleemanalyse", dt.date(2026, 2, 15)),
        ("plan_van_aanpak", dt.date(2026, 3, 1)),
    ]

    record_step_done(
        report, "ziekmelding_bedrijfsarts", dt.date(2026, 1, 6), actor=me, now=at(dt.date(2026, 3, 2))
    )
    waive_step(report, "probleemanalyse", "hersteld vóór week 6", actor=me, now=at(dt.date(2026, 3, 2)))
    report_scan = scan_signals(at(dt.date(2026, 3, 2)) + dt.timedelta(minutes=5))
    assert report_scan.resolved["poortwachter_due"] == 2
    assert open_signals(db) == [("plan_van_aanpak", dt.date(2026, 3, 1))]
    assert db.session.scalar(
        sa.select(LogEntry.message).where(LogEntry.action == "poortwachter.step_waived")
    ) == ("Poortwachter: Probleemanalyse niet nodig (02-03-2026): hersteld vóór week 6")

    record_step_done(report, "plan_van_aanpak", dt.date(2026, 3, 2), actor=me, now=at(dt.date(2026, 3, 2)))
    scan_signals(at(dt.date(2026, 4, 7)))  # evaluation 1 is due 13-04-2026: 6 weeks after the plan
    assert open_signals(db) == [("evaluatie_1", dt.date(2026, 4, 13))]
    record_step_done(report, "evaluatie", dt.date(2026, 4, 10), actor=me, now=at(dt.date(2026, 4, 10)))
    scan_signals(at(dt.date(2026, 5, 18)))
    assert open_signals(db) == [("evaluatie_2", dt.date(2026, 5, 22))]  # 6 weeks after 10-4

    scan_signals(at(dt.date(2026, 10, 20)))  # evaluation 2 missed; the UWV notification due Monday 26-10
    assert open_signals(db) == [("evaluatie_2", dt.date(2026, 5, 22)), ("melding_uwv", dt.date(2026, 10, 26))]
    [text] = db.session.scalars(
        sa.text(
            "SELECT n.text FROM notifications n JOIN signals s ON s.id = n.signal_id WHERE s.detail = 'melding_uwv'"
        )
    )
    assert text.startswith("Poortwachter: Ziekmelding bij UWV voor ") and text.endswith(
        ", uiterlijk 26-10-2026."
    )


def test_a_loonsanctie_moves_the_signalled_steps(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=FIRST)
    me = Actor(casemanager)
    today = dt.date(2027, 10, 12)  # re-integratieverslag due 03-10-2027 (missed), WIA-aanvraag 17-10-2027
    for key, day in (
        ("ziekmelding_bedrijfsarts", dt.date(2026, 1, 6)),
        ("probleemanalyse", dt.date(2026, 2, 10)),
        ("plan_van_aanpak", dt.date(2026, 2, 20)),
        ("melding_uwv", dt.date(2026, 10, 20)),
        ("eerstejaarsevaluatie", dt.date(2026, 12, 20)),
        ("evaluatie", dt.date(2027, 10, 1)),
    ):
        record_step_done(report, key, day, actor=me, now=at(today))
    scan_signals(at(today))
    assert open_signals(db) == [
        # Week 85 starts on 16-08-2027: what only the re-integratieverslag asks is missing (casework.riv).
        ("riv_actueel_oordeel", dt.date(2027, 8, 16)),
        ("riv_eindevaluatie", dt.date(2027, 8, 16)),
        ("riv_spoor_2_besluit", dt.date(2027, 8, 16)),
        ("re_integratieverslag", dt.date(2027, 10, 3)),
        ("wia_aanvraag", dt.date(2027, 10, 17)),
    ]
    set_waiting_time_extension(report, "vrijwillig", "2028-07-02", actor=me, now=at(today))
    scan_signals(at(today) + dt.timedelta(minutes=5))
    assert (
        open_signals(db) == []
    )  # all moved 26 weeks on: week 85 to 14-02-2028, RIV 02-04-2028, WIA 16-04-2028


RECORDABLE = (
    "ziekmelding_bedrijfsarts",
    "probleemanalyse",
    "plan_van_aanpak",
    "evaluatie",
    "bijstelling",
    "melding_uwv",
    "eerstejaarsevaluatie",
    "re_integratieverslag",
    "wia_aanvraag",
    "spoor_2_besluit",
    "arbeidsdeskundig_onderzoek",
    "eindevaluatie",
    "actueel_oordeel",
)
history = st.lists(
    st.tuples(st.sampled_from(RECORDABLE), st.integers(min_value=0, max_value=800), st.booleans()), max_size=8
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(days_ill=st.integers(min_value=0, max_value=800), steps=history)
def test_every_past_due_step_not_done_or_waived_has_an_open_signal(
    db, create_employee, create_sick_report, casemanager, days_ill, steps
):
    savepoint = db.session.begin_nested()
    try:
        today = dt.date(2026, 6, 1)
        employee = create_employee(case_manager=casemanager)
        report = create_sick_report(employee, first_sick_day=today - dt.timedelta(days=days_ill))
        me = Actor(casemanager)
        for key, offset, waived in steps:
            try:
                if waived:
                    waive_step(report, key, "niet nodig volgens de bedrijfsarts", actor=me, now=at(today))
                else:
                    day = report.first_sick_day + dt.timedelta(days=min(offset, days_ill))
                    record_step_done(report, key, day, actor=me, now=at(today))
            except Invalid:
                pass  # refused (e.g. recorded twice, or a bijstelling waived): nothing changed
        scan_signals(at(today))
        lines = poortwachter_deadlines(report, today=today)
        signalled = {(key, due) for key, due in open_signals(db) if key}
        past_due = {(d.key, d.due) for d in lines if d.status is DeadlineStatus.MISSED}
        assert past_due <= signalled
        # Missing RIV items are signalled from the first day of week 85, not 7 days before (casework.riv).
        riv_missing = {(key, due) for key, due in riv_open_steps(report, []) if due <= today}
        assert (
            signalled
            == {(d.key, d.due) for d in lines if d.status in (DeadlineStatus.MISSED, DeadlineStatus.DUE_SOON)}
            | riv_missing
        )
        recorded = {d.key for d in lines if d.status in (DeadlineStatus.DONE, DeadlineStatus.WAIVED)}
        assert not {key for key, _due in signalled} & recorded
    finally:
        savepoint.rollback()
