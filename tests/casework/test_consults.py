"""Consults: every status transition allowed and refused, planning, re-planning and afmelden (the no-show rule)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework import consults as c
from casework.agenda import add_availability, add_unavailability
from casework.errors import Forbidden, Invalid
from casework.logbook import Actor
from models import Consult, ConsultStatus, Contact, Notification, Signal, SignalKind
from tests.agenda_fixtures import local

S = ConsultStatus
# The rules of seed 004 slides 39–45, written out independently of the engine's table.
ALLOWED_FROM = {
    "accept": {S.ASSESS},
    "reject": {S.ASSESS},
    "plan": {S.TO_PLAN, S.PARKED},
    "replan": {S.PLANNED, S.TO_REPORT},
    "park": {S.TO_PLAN, S.PARKED},
    "report": {S.PLANNED, S.TO_REPORT},
    "end": {S.ASSESS, S.TO_PLAN, S.PARKED},
}
RESULT = {
    "accept": S.TO_PLAN,
    "reject": S.REJECTED,
    "plan": S.PLANNED,
    "replan": S.TO_PLAN,
    "park": S.PARKED,
    "report": S.DONE,
    "end": S.ENDED,
}


@pytest.fixture
def ready(agenda, casemanager, weekly_availability, now):
    """March availability for the case manager."""
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    return agenda


@pytest.fixture
def new_consult(db, ready, casemanager, now):
    """Factory: a consult for the agenda's employee."""

    def make(**data):
        return c.create_consult(
            ready.employee,
            {"consult_type_id": ready.consult_type.id, **data},
            actor=Actor(casemanager),
            now=now,
        )

    return make


def _put_in(consult: Consult, status: ConsultStatus, user) -> None:
    """Give a consult `status` with what the status needs (a started slot, a parking date in the past)."""
    consult.status = status
    if status in (S.PLANNED, S.TO_REPORT, S.DONE):
        consult.user = user
        consult.starts_at, consult.ends_at = dt.datetime(2026, 3, 2, 8), dt.datetime(2026, 3, 2, 8, 45)
    if status == S.PARKED:
        consult.parked_until = dt.date(2026, 3, 1)


def _act(action: str, consult: Consult, actor: Actor, now: dt.datetime) -> Consult:
    if action in ("accept", "reject"):
        return c.assess(consult, action == "accept", {}, actor=actor, now=now)
    if action == "plan":
        return c.plan_consult(consult, {"starts_at": local(3, 9)}, actor=actor, now=now)
    if action == "replan":
        return c.replan_consult(consult, {"replan": "ja"}, actor=actor, now=now)
    if action == "park":
        return c.park_consult(consult, {"parked_until": "2026-04-01"}, actor=actor, now=now)
    if action == "report":
        return c.report_consult(consult, {"outcome": "afgehandeld"}, actor=actor, now=now)
    return c.end_consult(consult, {}, actor=actor, now=now)


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(ALLOWED_FROM))
def test_each_transition_is_allowed_or_refused(db, new_consult, casemanager, now, action, status):
    consult = new_consult()
    _put_in(consult, status, casemanager)
    db.session.flush()
    if status in ALLOWED_FROM[action]:
        _act(action, consult, Actor(casemanager), now)
        assert consult.status == RESULT[action]
    else:
        with pytest.raises(Invalid) as refused:
            _act(action, consult, Actor(casemanager), now)
        assert refused.value.errors["status"].startswith(
            f"Een gesprek met status {c.STATUS_LABELS[status]} kan niet"
        )
        db.session.refresh(consult)
        assert consult.status == status


def test_a_new_consult_starts_in_the_planning_tray(db, new_consult, casemanager, now):
    consult = new_consult(period_from="2026-03-02", period_until="2026-03-20")
    assert consult.status == S.TO_PLAN
    assert c.planning_tray(casemanager, now.date()) == [consult]


def test_a_consult_can_start_in_assessment(db, new_consult, casemanager, now):
    consult = new_consult(status="beoordelen")
    assert c.assessment_tray(casemanager) == [consult]
    assert c.planning_tray(casemanager, now.date()) == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"consult_type_id": 999999}, "consult_type_id", "Kies een actieve spreekuursoort."),
        (
            {"period_from": "2026-03-10", "period_until": "2026-03-01"},
            "period_until",
            "De einddatum ligt vóór de begindatum.",
        ),
        ({"status": "ingepland"}, "status", "Kies Beoordelen of In te plannen."),
        ({"diagnose": "griep"}, "diagnose", "Unknown field."),
    ],
)
def test_bad_consult_input_is_refused(db, ready, casemanager, now, data, field, message):
    with pytest.raises(Invalid) as refused:
        c.create_consult(
            ready.employee,
            {"consult_type_id": ready.consult_type.id, **data},
            actor=Actor(casemanager),
            now=now,
        )
    assert field in refused.value.errors
    if field != "diagnose":
        assert refused.value.errors[field] == message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Consult)) == 0


def test_a_consult_type_needs_an_agreement_that_allows_it(db, ready, casemanager, now):
    from models import ServiceType, ServiceVariation

    other = ServiceVariation(
        name="Alleen preventie", service_type=db.session.scalars(sa.select(ServiceType)).first()
    )
    db.session.add(other)
    ready.consult_type.variations = [other]
    db.session.flush()
    with pytest.raises(Invalid) as refused:
        c.create_consult(
            ready.employee, {"consult_type_id": ready.consult_type.id}, actor=Actor(casemanager), now=now
        )
    assert "Spreekuursoort Spreekuur mag niet gepland worden" in refused.value.errors["consult_type_id"]


def test_a_case_manager_cannot_make_consults_outside_the_caseload(db, ready, create_user, now):
    with pytest.raises(Forbidden):
        c.create_consult(
            ready.employee, {"consult_type_id": ready.consult_type.id}, actor=Actor(create_user()), now=now
        )


def test_planning_takes_the_location_of_the_availability(db, new_consult, casemanager, ready, now):
    consult = c.plan_consult(
        new_consult(), {"starts_at": "03-03-2026 09:15"}, actor=Actor(casemanager), now=now
    )
    assert (consult.status, consult.user, consult.location) == (S.PLANNED, casemanager, ready.location)
    assert (consult.starts_at, consult.ends_at) == (
        dt.datetime(2026, 3, 3, 8, 15),
        dt.datetime(2026, 3, 3, 9, 0),
    )


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        (local(3, 11, 30), "Gebruiker"),  # ends 12:15, after the availability
        (local(7, 9), "niet vrij"),  # a Saturday
        (local(2, 9), "Dit tijdstip ligt in het verleden."),
        ("2026-03-03T25:00", "Geef een datum en tijd, bijvoorbeeld 05-03-2026 09:00."),
    ],
)
def test_planning_outside_free_time_is_refused(db, new_consult, casemanager, now, starts_at, message):
    consult = new_consult()
    with pytest.raises(Invalid) as refused:
        c.plan_consult(consult, {"starts_at": starts_at}, actor=Actor(casemanager), now=now)
    assert message.replace("Gebruiker", casemanager.name) in refused.value.errors["starts_at"]
    assert (consult.status, consult.starts_at) == (S.TO_PLAN, None)


def test_planning_refuses_a_taken_slot_and_unavailability(db, new_consult, casemanager, ready, now):
    c.plan_consult(new_consult(), {"starts_at": local(3, 9)}, actor=Actor(casemanager), now=now)
    with pytest.raises(Invalid, match="niet vrij"):
        c.plan_consult(new_consult(), {"starts_at": local(3, 9, 30)}, actor=Actor(casemanager), now=now)
    add_unavailability(
        {
            "kind_id": ready.kind.id,
            "recurrence": "geen",
            "date_from": "2026-03-04",
            "date_until": "2026-03-04",
            "start_time": "08:00",
            "end_time": "13:00",
        },
        actor=Actor(casemanager),
        now=now,
    )
    with pytest.raises(Invalid, match="niet vrij"):
        c.plan_consult(new_consult(), {"starts_at": local(4, 10)}, actor=Actor(casemanager), now=now)


def test_planning_outside_the_period_of_the_consult_is_refused(db, new_consult, casemanager, now):
    consult = new_consult(period_from="2026-03-10", period_until="2026-03-20")
    with pytest.raises(Invalid) as refused:
        c.plan_consult(consult, {"starts_at": local(3, 9)}, actor=Actor(casemanager), now=now)
    assert refused.value.errors == {"starts_at": "Dit tijdstip valt buiten de periode van het gesprek."}


def test_a_case_manager_plans_only_in_the_own_agenda(db, new_consult, casemanager, create_user, now):
    with pytest.raises(Forbidden):
        c.plan_consult(
            new_consult(),
            {"starts_at": local(3, 9), "user_id": create_user().id},
            actor=Actor(casemanager),
            now=now,
        )


def test_replanning_yes_no_and_park(db, new_consult, casemanager, now):
    yes, no, park = (
        c.plan_consult(new_consult(), {"starts_at": local(3, h)}, actor=Actor(casemanager), now=now)
        for h in (9, 10, 11)
    )
    c.replan_consult(yes, {"replan": "ja"}, actor=Actor(casemanager), now=now)
    c.replan_consult(no, {"replan": "nee"}, actor=Actor(casemanager), now=now)
    with pytest.raises(Invalid) as refused:
        c.replan_consult(park, {"replan": "parkeren"}, actor=Actor(casemanager), now=now)
    assert refused.value.errors == {"parked_until": "Geef de datum tot wanneer het gesprek geparkeerd is."}
    c.replan_consult(
        park, {"replan": "parkeren", "parked_until": "2026-03-16"}, actor=Actor(casemanager), now=now
    )
    assert (yes.status, yes.starts_at) == (S.TO_PLAN, None)
    assert no.status == S.CANCELLED
    assert (park.status, park.parked_until, park.starts_at) == (S.PARKED, dt.date(2026, 3, 16), None)
    assert c.planning_tray(casemanager, dt.date(2026, 3, 15)) == [yes]
    assert set(c.planning_tray(casemanager, dt.date(2026, 3, 16))) == {yes, park}
    with pytest.raises(Invalid) as early:
        c.plan_consult(park, {"starts_at": local(4, 9)}, actor=Actor(casemanager), now=now)
    assert early.value.errors == {"status": "Dit gesprek is geparkeerd tot 16-03-2026."}


def test_held_records_a_contact_with_the_employee(db, new_consult, casemanager, ready, now):
    consult = new_consult()
    _put_in(consult, S.PLANNED, casemanager)
    assert c.report_tray(casemanager, now) == [consult]
    c.report_consult(
        consult, {"outcome": "afgehandeld", "text": "Goed gesprek."}, actor=Actor(casemanager), now=now
    )
    contact = db.session.scalars(sa.select(Contact)).one()
    assert (contact.kind.value, contact.with_whom.value, contact.day, contact.text) == (
        "gesprek",
        "werknemer",
        dt.date(2026, 3, 2),
        "Goed gesprek.",
    )
    assert (consult.status, consult.contact, ready.employee.last_contact_on) == (
        S.DONE,
        contact,
        dt.date(2026, 3, 2),
    )
    assert c.report_tray(casemanager, now) == []


def test_a_consult_that_has_not_started_cannot_be_reported(db, new_consult, casemanager, now):
    consult = c.plan_consult(new_consult(), {"starts_at": local(3, 9)}, actor=Actor(casemanager), now=now)
    with pytest.raises(Invalid) as refused:
        c.report_consult(consult, {"outcome": "afgehandeld"}, actor=Actor(casemanager), now=now)
    assert refused.value.errors == {"outcome": "Het gesprek is nog niet begonnen; afmelden kan daarna."}
    assert consult.status == S.PLANNED


def test_no_show_first_time_back_to_the_tray_second_time_ended_with_a_signal(
    db, new_consult, casemanager, now
):
    consult = new_consult()
    _put_in(consult, S.PLANNED, casemanager)
    c.report_consult(consult, {"outcome": "niet_verschenen"}, actor=Actor(casemanager), now=now)
    assert (consult.status, consult.no_show_count, consult.starts_at) == (S.TO_PLAN, 1, None)
    assert db.session.scalars(sa.select(Signal)).all() == []
    _put_in(consult, S.PLANNED, casemanager)
    c.report_consult(consult, {"outcome": "niet verschenen"}, actor=Actor(casemanager), now=now)
    assert (consult.status, consult.no_show_count) == (S.ENDED, 2)
    signal = db.session.scalars(sa.select(Signal)).one()
    assert (signal.kind, signal.subject_id) == (SignalKind.CONSULT_NO_SHOW, consult.id)
    assert "tweede keer niet verschenen" in signal.detail
    note = db.session.scalars(sa.select(Notification)).one()
    assert note.recipient == casemanager
    assert c.planning_tray(casemanager, now.date()) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 0
