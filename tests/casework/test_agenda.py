"""Availability and unavailability: validation, the hierarchy of slide 16, and free slots."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.agenda import add_availability, add_unavailability, agenda_period, free_slots, remove_pattern
from casework.consults import create_consult, plan_consult
from casework.errors import Forbidden, Invalid
from casework.logbook import Actor
from models import Availability, Recurrence, Unavailability
from tests.agenda_fixtures import local

MON = dt.date(2026, 3, 2)


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_weekly_availability_is_stored_as_given(db, casemanager, weekly_availability, now):
    item = add_availability(weekly_availability(remark="Spreekuur"), actor=Actor(casemanager), now=now)
    assert (item.user, item.recurrence, item.weekdays, item.start_time) == (
        casemanager,
        Recurrence.WEEKLY,
        0b0011111,
        dt.time(9),
    )
    assert item.remark == "Spreekuur"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date_until": "2026-03-01"}, "date_until", "De einddatum ligt vóór de begindatum."),
        ({"date_until": "2028-12-31"}, "date_until", "Hoogstens twee jaar na de begindatum."),
        ({"end_time": "08:00"}, "end_time", "De eindtijd moet na de begintijd liggen."),
        ({"weekdays": []}, "weekdays", "Kies minstens één dag."),
        ({"weekdays": ["maandag", "xx"]}, "weekdays", "Kies dagen: ma, di, wo, do, vr, za of zo."),
        ({"frequency": 4}, "frequency", "Kies 1, 2 of 3."),
        ({"recurrence": "dagelijks"}, "recurrence", "Kies geen of wekelijks."),
        ({"start_time": "25:00"}, "start_time", "Geef een tijd, bijvoorbeeld 09:00."),
        ({"location_id": 999999}, "location_id", "Kies een actieve locatie."),
        ({"date_from": "31-02-2026"}, "date_from", "Geef een datum, bijvoorbeeld 05-03-2026."),
        ({"location_id": None}, "location_id", "Dit veld is verplicht."),
        ({"remark": "x" * 1501}, "remark", "Hoogstens 1.500 tekens."),
    ],
)
def test_bad_availability_is_refused_and_nothing_is_stored(
    db, casemanager, weekly_availability, now, fields, field, message
):
    with pytest.raises(Invalid) as refused:
        add_availability(weekly_availability(**fields), actor=Actor(casemanager), now=now)
    assert refused.value.errors[field] == message
    assert _count(db, Availability) == 0


def test_a_case_manager_cannot_change_another_agenda(db, casemanager, create_user, weekly_availability, now):
    other = create_user()
    with pytest.raises(Forbidden) as refused:
        add_availability(weekly_availability(user_id=other.id), actor=Actor(casemanager), now=now)
    assert refused.value.errors == {"user_id": "U kunt alleen uw eigen agenda wijzigen."}
    assert _count(db, Availability) == 0


def test_free_slots_lie_inside_availability_and_avoid_consults(
    db, agenda, casemanager, weekly_availability, now
):
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    plan_consult(consult, {"starts_at": local(3, 9)}, actor=Actor(casemanager), now=now)
    slots = free_slots(casemanager, dt.date(2026, 3, 3), dt.date(2026, 3, 3), 45, now=now)
    # Tuesday 09:00-12:00 local = 08:00-11:00 UTC; 08:00-08:45 is taken.
    assert [(s.start.time(), s.end.time()) for s in slots] == [
        (dt.time(8, 45), dt.time(9, 30)),
        (dt.time(9, 30), dt.time(10, 15)),
        (dt.time(10, 15), dt.time(11, 0)),
    ]
    assert all(s.source.location == agenda.location for s in slots)


def test_no_slot_is_proposed_before_now(db, agenda, casemanager, weekly_availability, now):
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    # now is Monday 10:30 local: the first free slot today starts at 10:30 local (09:30 UTC).
    slots = free_slots(casemanager, MON, MON, 45, now=now)
    assert slots[0].start == dt.datetime(2026, 3, 2, 9, 30)


def test_unavailability_beats_availability(db, agenda, casemanager, weekly_availability, now):
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    add_unavailability(
        {
            "kind_id": agenda.kind.id,
            "recurrence": "geen",
            "date_from": "2026-03-04",
            "date_until": "2026-03-05",
            "start_time": "00:00",
            "end_time": "23:59",
        },
        actor=Actor(casemanager),
        now=now,
    )
    period = agenda_period(casemanager, dt.date(2026, 3, 3), dt.date(2026, 3, 6))
    days = sorted({i.start.date() for i in period.available})
    assert days == [dt.date(2026, 3, 3), dt.date(2026, 3, 6)]
    assert free_slots(casemanager, dt.date(2026, 3, 4), dt.date(2026, 3, 5), 45, now=now) == []


def test_a_newer_availability_replaces_an_overlapping_one(db, agenda, casemanager, weekly_availability, now):
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    add_availability(
        weekly_availability(start_time="11:00", end_time="16:00", weekdays=["di"]),
        actor=Actor(casemanager),
        now=now + dt.timedelta(minutes=1),
    )
    period = agenda_period(casemanager, dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    shown = [(i.start, i.end) for i in period.available]
    assert shown == [
        (dt.datetime(2026, 3, 2, 8), dt.datetime(2026, 3, 2, 11)),  # Monday: the first one
        (dt.datetime(2026, 3, 3, 10), dt.datetime(2026, 3, 3, 15)),  # Tuesday: only the newer one
    ]


def test_unavailability_over_a_planned_consult_is_refused(db, agenda, casemanager, weekly_availability, now):
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    plan_consult(consult, {"starts_at": local(5, 10)}, actor=Actor(casemanager), now=now)
    with pytest.raises(Invalid) as refused:
        add_unavailability(
            {
                "kind_id": agenda.kind.id,
                "recurrence": "wekelijks",
                "date_from": "2026-03-02",
                "date_until": "2026-03-08",
                "start_time": "09:30",
                "end_time": "17:00",
                "weekdays": "do",
            },
            actor=Actor(casemanager),
            now=now,
        )
    assert "Op 05-03-2026 om 10:00 staat een gesprek" in refused.value.errors["date_from"]
    assert _count(db, Unavailability) == 0


def test_removing_availability_is_ones_own(db, agenda, casemanager, create_user, weekly_availability, now):
    item = add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    with pytest.raises(Forbidden):
        remove_pattern(item, actor=Actor(create_user()), now=now)
    remove_pattern(item, actor=Actor(casemanager), now=now)
    assert _count(db, Availability) == 0


def test_the_seed_offers_unavailability_kinds_and_consult_types(db):
    from models import ConsultType, UnavailabilityKind

    kinds = list(db.session.scalars(sa.select(UnavailabilityKind.name).order_by(UnavailabilityKind.position)))
    assert kinds[:4] == ["Verlof", "Cursus", "Ziekte", "Overleg"]
    types = dict(db.session.execute(sa.select(ConsultType.name, ConsultType.duration_minutes)).all())
    assert {"Intakegesprek": 60, "Voortgangsgesprek": 45, "Evaluatiegesprek": 45}.items() <= types.items()
