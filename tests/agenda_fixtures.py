"""Fixtures for the agenda: a location, an unavailability kind, a consult type, a case manager's week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace

import pytest


@pytest.fixture
def agenda(db, casemanager, create_employee) -> SimpleNamespace:
    """A location "Utrecht", kind "Studiedag", consult type "Spreekuur" (45 min) and an employee of `casemanager`."""
    from models import ConsultType, Location, UnavailabilityKind

    location = Location(name="Utrecht")
    kind = UnavailabilityKind(name="Studiedag")
    consult_type = ConsultType(name="Spreekuur", duration_minutes=45, price=Decimal("95.00"))
    db.session.add_all([location, kind, consult_type])
    db.session.flush()
    employee = create_employee(case_manager=casemanager)
    return SimpleNamespace(location=location, kind=kind, consult_type=consult_type, employee=employee)


@pytest.fixture
def weekly_availability(agenda) -> Callable[..., dict]:
    """Input for availability: Monday–Friday 09:00–12:00 at Utrecht in March 2026 unless told otherwise."""

    def make(**fields: object) -> dict:
        data = {
            "location_id": agenda.location.id,
            "recurrence": "wekelijks",
            "frequency": 1,
            "date_from": "2026-03-02",
            "date_until": "2026-03-31",
            "start_time": "09:00",
            "end_time": "12:00",
            "weekdays": ["ma", "di", "wo", "do", "vr"],
        }
        data.update(fields)
        return data

    return make


def local(day: int, hour: int, minute: int = 0) -> str:
    """A local moment in March 2026 as the API and forms take it."""
    return dt.datetime(2026, 3, day, hour, minute).strftime("%Y-%m-%dT%H:%M")
