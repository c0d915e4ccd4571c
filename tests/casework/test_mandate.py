"""Insured interest and mandate (seed 001): a programme costing more than the mandate needs the insurer's approval."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.logbook import Actor
from casework.mandate import mandate_for
from casework.process import complete_task, skip_task, start_trajectory
from models import Signal, TaskStatus, TrajectoryTemplate

T0 = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def template(db):
    """The seed's "Inzet interventie"."""
    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


@pytest.fixture
def start(db, template, create_employee, casemanager):
    """start(with_policy=True): a trajectory (on the employer's verzuimverzekering, mandate € 2.500) at T2."""

    def make(with_policy: bool = True):
        employee = create_employee(case_manager=casemanager)
        policy = employee.employer.policies[0] if with_policy else None
        trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=T0, policy=policy)
        skip_task(trajectory.tasks[0], "Polis al gekozen bij de start", actor=Actor(casemanager), now=T0)
        return trajectory

    return make


def choose(trajectory, programme, casemanager):
    t2 = next(t for t in trajectory.tasks if t.key == "T2" and t.status is TaskStatus.OPEN)
    complete_task(t2, {"programme_id": programme.id}, actor=Actor(casemanager), now=T0)
    return t2


def keys(trajectory):
    return sorted(t.key for t in trajectory.tasks if t.status is TaskStatus.OPEN)


def test_the_products_mandate_applies_to_the_policy_on_the_trajectory(start):
    trajectory = start()
    assert trajectory.policy.product.claims_management is True
    assert mandate_for(trajectory, T0.date()) == Decimal("2500.00")
    assert mandate_for(start(with_policy=False), T0.date()) is None


def test_within_the_mandate_no_insurer_approval(start, create_programme, casemanager):
    trajectory = start()
    t2 = choose(trajectory, create_programme(price="2500.00"), casemanager)
    assert t2.result["mandate"] == "2500.00" and t2.result["above_mandate"] is False
    assert keys(trajectory) == ["T3"]


def test_above_the_mandate_adds_the_insurers_approval(db, start, create_programme, casemanager):
    trajectory = start()
    t2 = choose(trajectory, create_programme(price="2500.01"), casemanager)
    assert t2.result["above_mandate"] is True
    assert keys(trajectory) == ["T3", "T4V"]
    t4v = next(t for t in trajectory.tasks if t.key == "T4V")
    assert t4v.name == "Akkoord verzekeraar (kosten boven mandaat)" and t4v.due_date == dt.date(2026, 3, 7)
    complete_task(t4v, {"approval": "rejected"}, actor=Actor(casemanager), now=T0)
    notice = db.session.scalar(sa.select(Signal).where(Signal.employee_id == trajectory.employee_id))
    assert "niet akkoord met de kosten boven het mandaat" in notice.detail
    assert trajectory.status.value == "open"  # the case manager decides what next


def test_the_agreed_mandate_of_the_agreement_comes_first(db, start, create_programme, casemanager):
    trajectory = start()
    agreement = trajectory.employee.employer.agreements[0]
    agreement.policy, agreement.mandate = trajectory.policy, Decimal("4000.00")
    db.session.flush()
    t2 = choose(trajectory, create_programme(price="3000.00"), casemanager)
    assert t2.result["mandate"] == "4000.00" and keys(trajectory) == ["T3"]


def test_without_a_policy_there_is_no_mandate_to_exceed(start, create_programme, casemanager):
    trajectory = start(with_policy=False)
    t2 = choose(trajectory, create_programme(price="99000.00"), casemanager)
    assert t2.result["mandate"] is None and t2.result["above_mandate"] is False
    assert keys(trajectory) == ["T3"]


def test_the_financier_defaults_to_the_insurer_of_the_policy_and_reaches_the_quote(
    db, start, create_programme, casemanager
):
    from models import Document

    trajectory = start()
    t2 = choose(trajectory, create_programme(price="1000.00"), casemanager)
    assert trajectory.financier.value == "insurer_absence" and t2.result["financier"] == "insurer_absence"
    other = start(with_policy=False)
    choose(other, create_programme(price="1000.00"), casemanager)
    assert other.financier.value == "employer"
    skip_task(
        next(t for t in trajectory.tasks if t.key == "T3"), "Niet nodig", actor=Actor(casemanager), now=T0
    )
    quote = db.session.scalar(sa.select(Document).where(Document.trajectory_id == trajectory.id))
    assert "<th>Financier</th><td>Verzekeraar (verzuimverzekering)</td>" in quote.html


def test_a_chosen_financier_is_kept_and_an_unknown_one_refused(db, start, create_programme, casemanager):
    from casework.errors import Invalid

    trajectory = start()
    t2 = next(t for t in trajectory.tasks if t.key == "T2")
    programme = create_programme(price="1000.00")
    with pytest.raises(Invalid) as refused:
        complete_task(
            t2, {"programme_id": programme.id, "financier": "bank"}, actor=Actor(casemanager), now=T0
        )
    assert "financier" in refused.value.errors and trajectory.programme is None
    complete_task(t2, {"programme_id": programme.id, "financier": "uwv"}, actor=Actor(casemanager), now=T0)
    assert trajectory.financier.value == "uwv"
