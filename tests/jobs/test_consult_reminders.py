"""A reminder before each consult: queued once, TRAJECT_CONSULT_REMINDER_MINUTES before it, in local time."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.agenda import add_availability
from casework.consults import create_consult, plan_consult
from casework.logbook import Actor
from jobs.consult_reminders import remind_consults, reminder_minutes
from models import Notification


@pytest.fixture
def planned(db, agenda, casemanager, weekly_availability, now):
    """A consult on Tuesday 3 March 2026 at 09:00 local (08:00 UTC)."""
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    return plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=Actor(casemanager), now=now)


def _queued(db) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification)))


def test_the_reminder_is_queued_once_within_the_window(db, planned, casemanager):
    assert remind_consults(dt.datetime(2026, 3, 3, 6, 59), 60) == 0  # 61 minutes before
    assert remind_consults(dt.datetime(2026, 3, 3, 7, 0), 60) == 1
    [note] = _queued(db)
    assert note.recipient == casemanager and note.signal_id is None
    assert note.text.startswith("Om 09:00: Spreekuur met Anna Jansen")
    assert note.payload["kind"] == "consult_reminder" and note.payload["consult_id"] == planned.id
    assert remind_consults(dt.datetime(2026, 3, 3, 7, 5), 60) == 0
    db.session.refresh(planned)
    assert planned.reminded_at == dt.datetime(2026, 3, 3, 7, 0)


def test_summer_time_is_written_in_local_time(db, agenda, casemanager, weekly_availability, now):
    add_availability(
        weekly_availability(date_from="2026-06-01", date_until="2026-06-30"),
        actor=Actor(casemanager),
        now=now,
    )
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    plan_consult(consult, {"starts_at": "2026-06-02T10:15"}, actor=Actor(casemanager), now=now)
    assert remind_consults(dt.datetime(2026, 6, 2, 7, 30), 60) == 1
    assert _queued(db)[0].text.startswith("Om 10:15: ")


def test_off_and_bad_settings(db, planned, monkeypatch):
    assert remind_consults(dt.datetime(2026, 3, 3, 7, 30), 0) == 0 and _queued(db) == []
    assert reminder_minutes({"TRAJECT_CONSULT_REMINDER_MINUTES": "15"}) == 15
    monkeypatch.delenv("TRAJECT_CONSULT_REMINDER_MINUTES", raising=False)
    assert reminder_minutes({}) == 60
    with pytest.raises(ValueError, match="between 0 and 1440"):
        reminder_minutes({"TRAJECT_CONSULT_REMINDER_MINUTES": "-5"})
