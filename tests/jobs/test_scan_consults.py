"""The scan's "Nog niet afgemeld": a consult past its end without an outcome becomes Af te melden and a signal."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.agenda import add_availability
from casework.consults import create_consult, plan_consult, report_consult
from casework.logbook import Actor
from jobs.scan import scan_signals
from models import ConsultStatus, Notification, Signal


@pytest.fixture
def planned(db, agenda, casemanager, weekly_availability, now):
    """A consult on Tuesday 3 March 2026, 09:00–09:45 local (08:00–08:45 UTC)."""
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    return plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=Actor(casemanager), now=now)


def _open(db) -> list[Signal]:
    return list(
        db.session.scalars(sa.select(Signal).where(Signal.kind == "consult_pending", Signal.status == "open"))
    )


def test_not_yet_reported_is_raised_after_the_end_once_and_resolved_when_reported(db, planned, casemanager):
    scan_signals(dt.datetime(2026, 3, 3, 8, 30))  # during the consult
    assert _open(db) == [] and planned.status == ConsultStatus.PLANNED
    report = scan_signals(dt.datetime(2026, 3, 3, 9, 0))
    db.session.refresh(planned)
    assert planned.status == ConsultStatus.TO_REPORT
    [signal] = _open(db)
    assert (signal.subject_type, signal.subject_id, signal.due_date) == (
        "consult",
        planned.id,
        dt.date(2026, 3, 3),
    )
    assert report.raised["consult_pending"] == 1
    [note] = db.session.scalars(sa.select(Notification).where(Notification.signal_id == signal.id))
    assert note.recipient == casemanager
    assert note.text.startswith("Gesprek Spreekuur met Anna Jansen") and note.text.endswith(
        " van 03-03-2026 is nog niet afgemeld."
    )
    assert scan_signals(dt.datetime(2026, 3, 3, 10, 0)).raised["consult_pending"] == 0
    report_consult(
        planned, {"outcome": "afgehandeld"}, actor=Actor(casemanager), now=dt.datetime(2026, 3, 3, 10)
    )
    assert scan_signals(dt.datetime(2026, 3, 3, 10, 5)).resolved["consult_pending"] == 1
    assert _open(db) == []


def test_a_consult_not_planned_raises_nothing(db, agenda, casemanager, now):
    create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    assert scan_signals(now + dt.timedelta(days=30)).raised["consult_pending"] == 0
