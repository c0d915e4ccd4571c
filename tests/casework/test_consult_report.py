"""Productrapportage gesprekken: planned, held, cancelled and no-show per month, consult type and user."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casework import consults as c
from casework.agenda import add_availability
from casework.consult_report import ConsultFigures, consult_report, parse_month
from casework.errors import Invalid
from casework.logbook import Actor

MARCH = dt.date(2026, 3, 1)


@pytest.fixture
def month_of_consults(db, agenda, casemanager, weekly_availability, now):
    """In March: four consults planned by the case manager; one held, one cancelled, one no-show, one open."""
    me = Actor(casemanager)
    add_availability(weekly_availability(), actor=me, now=now)
    made = []
    for day in (3, 4, 5, 6):
        consult = c.create_consult(
            agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=now
        )
        made.append(c.plan_consult(consult, {"starts_at": f"2026-03-0{day}T09:00"}, actor=me, now=now))
    later = dt.datetime(2026, 3, 10, 9)
    c.report_consult(made[0], {"outcome": "afgehandeld"}, actor=me, now=later)
    c.replan_consult(made[1], {"replan": "nee"}, actor=me, now=later)
    c.report_consult(made[2], {"outcome": "niet_verschenen"}, actor=me, now=later)
    return made


def test_the_month_counts_each_event_once(db, month_of_consults, casemanager):
    # one held at the list price of Spreekuur (no contract model prices it)
    assert consult_report(MARCH) == [
        ConsultFigures("Spreekuur", "Sanne de Wit", 4, 1, 1, 1, Decimal("95.00"))
    ]
    assert consult_report(dt.date(2026, 4, 1)) == []


def test_a_case_manager_sees_only_their_own_figures(db, month_of_consults, create_user):
    assert consult_report(MARCH, create_user()) == []


def test_an_event_counts_in_the_dutch_month_it_happened(db, agenda, casemanager, weekly_availability):
    me = Actor(casemanager)
    add_availability(weekly_availability(date_until="2026-04-30"), actor=me, now=dt.datetime(2026, 3, 1))
    consult = c.create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=dt.datetime(2026, 3, 1)
    )
    # 31 March 22:30 UTC is already 1 April 00:30 in Amsterdam.
    c.plan_consult(consult, {"starts_at": "2026-04-02T09:00"}, actor=me, now=dt.datetime(2026, 3, 31, 22, 30))
    assert consult_report(MARCH) == []
    assert consult_report(dt.date(2026, 4, 1))[0].planned == 1


def test_month_words():
    assert parse_month("2026-03", dt.date(2026, 7, 9)) == MARCH
    assert parse_month(None, dt.date(2026, 7, 9)) == dt.date(2026, 7, 1)
    with pytest.raises(Invalid) as refused:
        parse_month("maart", dt.date(2026, 7, 9))
    assert refused.value.errors == {"month": "Geef een maand, bijvoorbeeld 2026-03."}
