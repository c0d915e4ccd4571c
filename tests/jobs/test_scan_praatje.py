"""The scan's "Tijd voor een praatje": an employee with an open case and no consult held or planned for longer
than the client weight allows (low 6, medium 4, high 2 weeks by default) is signalled to the case manager."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.agenda import add_availability
from casework.consults import create_consult, plan_consult, report_consult
from casework.logbook import Actor
from jobs.scan import praatje_weeks, scan_signals
from models import ClientWeight, Notification, Signal

KIND = "consult_due"
SICK = dt.date(2026, 1, 5)  # first sick day: medium weight → due 4 weeks later, 2 February


def _open(db) -> list[Signal]:
    return list(db.session.scalars(sa.select(Signal).where(Signal.kind == KIND, Signal.status == "open")))


@pytest.fixture
def sick(db, agenda, create_sick_report):
    """The agenda's employee (medium weight), sick since 5 January 2026."""
    create_sick_report(agenda.employee, SICK)
    db.session.flush()
    return agenda.employee


def test_raised_after_the_interval_of_the_weight_with_a_dutch_reminder(db, sick, casemanager):
    assert scan_signals(dt.datetime(2026, 2, 2, 9)).raised[KIND] == 0  # due on 2 February itself: not yet
    report = scan_signals(dt.datetime(2026, 2, 3, 9))
    assert report.raised[KIND] == 1
    [signal] = _open(db)
    assert (signal.subject_type, signal.subject_id, signal.due_date) == (
        "employee",
        sick.id,
        dt.date(2026, 2, 2),
    )
    [note] = db.session.scalars(sa.select(Notification).where(Notification.signal_id == signal.id))
    assert note.recipient == casemanager
    assert note.text == (
        f"Tijd voor een praatje met {sick.full_name}: al te lang geen gesprek gevoerd of gepland; een gesprek"
        " was uiterlijk 02-02-2026 nodig."
    )
    assert scan_signals(dt.datetime(2026, 2, 4, 9)).raised[KIND] == 0  # once
    assert "Tijd voor een praatje: 0 nieuw" in scan_signals(dt.datetime(2026, 2, 4, 10)).summary()


@pytest.mark.parametrize(("weight", "due"), [("low", dt.date(2026, 2, 16)), ("high", dt.date(2026, 1, 19))])
def test_the_client_weight_sets_the_interval(db, sick, weight, due):
    sick.client_weight = ClientWeight(weight)
    db.session.flush()
    scan_signals(dt.datetime(2026, 3, 1, 9))
    assert [s.due_date for s in _open(db)] == [due]


def test_the_intervals_are_configurable(db, sick, monkeypatch):
    scan_signals(dt.datetime(2026, 2, 3, 9), praatje=(6, 5, 2))  # medium: 5 weeks → 9 February
    assert _open(db) == []
    monkeypatch.setenv("TRAJECT_PRAATJE_WEEKS", "6,1,2")
    assert praatje_weeks() == (6, 1, 2)
    scan_signals(dt.datetime(2026, 2, 3, 9))
    assert [s.due_date for s in _open(db)] == [dt.date(2026, 1, 12)]
    monkeypatch.setenv("TRAJECT_PRAATJE_WEEKS", "6,0,2")
    with pytest.raises(ValueError, match="TRAJECT_PRAATJE_WEEKS moet drie aantallen weken"):
        praatje_weeks()


def test_a_planned_consult_resolves_it_and_a_held_one_restarts_the_count(
    db, sick, agenda, casemanager, weekly_availability
):
    scan_signals(dt.datetime(2026, 3, 2, 7))
    [old] = _open(db)
    me = Actor(casemanager)
    now = dt.datetime(2026, 3, 2, 7)
    add_availability(weekly_availability(), actor=me, now=now)
    consult = create_consult(sick, {"consult_type_id": agenda.consult_type.id}, actor=me, now=now)
    scan_signals(now)
    assert _open(db) == [old]  # in the planning tray is not planned
    plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=me, now=now)
    assert scan_signals(now).resolved[KIND] == 1 and _open(db) == []
    held_at = dt.datetime(2026, 3, 3, 10)
    report_consult(consult, {"outcome": "afgehandeld"}, actor=me, now=held_at)
    scan_signals(dt.datetime(2026, 3, 31, 9))  # 4 weeks after 3 March: due that day, not yet over
    assert _open(db) == []
    scan_signals(dt.datetime(2026, 4, 1, 9))
    assert [s.due_date for s in _open(db)] == [dt.date(2026, 3, 31)]


def test_no_open_case_no_signal(db, agenda, create_sick_report):
    create_sick_report(agenda.employee, SICK, recovery_date=dt.date(2026, 1, 20))
    db.session.flush()
    scan_signals(dt.datetime(2026, 3, 1, 9))
    assert _open(db) == []
