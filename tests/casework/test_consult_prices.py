"""Contract models price consult types (seed 001): the price that applies beats the list price, a consult keeps
it, and the Productrapportage sums the held consults at it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework import consults as c
from casework.agenda import add_availability
from casework.consult_prices import price_for, shown_price
from casework.consult_report import consult_report
from casework.logbook import Actor
from models import ContractConsultPrice, ContractModel, ServiceAgreement, ServiceVariation

MARCH = dt.date(2026, 3, 1)


@pytest.fixture
def contract(db, agenda) -> ContractModel:
    """Contract model "Spreekuren 2026" pricing Spreekuur at 120.00, used by the employee's agreement."""
    model = ContractModel(name="Spreekuren 2026")
    model.consult_prices.append(
        ContractConsultPrice(consult_type=agenda.consult_type, price=Decimal("120.00"))
    )
    db.session.add(model)
    agreement = agenda.employee.employer.agreements[0]
    agreement.contract_model = model
    db.session.flush()
    return model


def test_without_a_contract_price_the_list_price_applies(db, agenda):
    employer = agenda.employee.employer
    assert price_for(agenda.consult_type, employer, dt.date(2026, 3, 3)) == (Decimal("95.00"), None)


def test_the_contract_model_of_the_valid_agreement_sets_the_price(db, agenda, contract):
    employer = agenda.employee.employer
    assert price_for(agenda.consult_type, employer, dt.date(2026, 3, 3)) == (Decimal("120.00"), contract)
    employer.agreements[0].end_date = dt.date(2026, 2, 28)  # ended before the consult's day
    assert price_for(agenda.consult_type, employer, dt.date(2026, 3, 3)) == (Decimal("95.00"), None)


def test_the_agreement_for_an_allowed_variation_wins(db, agenda, contract):
    employer = agenda.employee.employer
    other_variation = db.session.scalars(
        sa.select(ServiceVariation).order_by(ServiceVariation.id.desc())
    ).first()
    cheap = ContractModel(name="Goedkoop")
    cheap.consult_prices.append(
        ContractConsultPrice(consult_type=agenda.consult_type, price=Decimal("60.00"))
    )
    db.session.add(
        ServiceAgreement(
            employer=employer, variation=other_variation, contract_model=cheap, start_date=dt.date(2026, 1, 1)
        )
    )
    db.session.flush()
    db.session.refresh(employer)
    day = dt.date(2026, 3, 3)
    assert price_for(agenda.consult_type, employer, day)[0] == Decimal("60.00")  # the later agreement
    agenda.consult_type.variations = [employer.agreements[0].variation]  # only the first allows the type
    assert price_for(agenda.consult_type, employer, day)[0] == Decimal("120.00")


def test_a_consult_keeps_the_price_and_the_report_sums_it(
    db, agenda, contract, casemanager, weekly_availability, now
):
    me = Actor(casemanager)
    add_availability(weekly_availability(), actor=me, now=now)
    consult = c.create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=now
    )
    assert shown_price(consult, now.date()) == Decimal("120.00")
    c.plan_consult(consult, {"starts_at": "2026-03-03T09:00"}, actor=me, now=now)
    assert consult.price == Decimal("120.00")
    other = c.create_consult(agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=me, now=now)
    c.plan_consult(other, {"starts_at": "2026-03-04T09:00"}, actor=me, now=now)
    later = dt.datetime(2026, 3, 10, 9)
    c.report_consult(consult, {"outcome": "afgehandeld"}, actor=me, now=later)
    c.report_consult(other, {"outcome": "afgehandeld"}, actor=me, now=later)
    (row,) = consult_report(MARCH)
    assert (row.held, row.amount) == (2, Decimal("240.00"))
    contract.consult_prices[0].price = Decimal("999.00")  # a later price change does not rewrite history
    db.session.flush()
    assert consult_report(MARCH)[0].amount == Decimal("240.00")
