"""The Poortwachter signals go to the party that carries the steps: the variation decides (seed 001).

Under WVP "De luxe" the arbodienst carries them and the case manager is reminded; under "Op afroep" the
protocol stays with the employer, so the scan raises no Poortwachter signal and resolves the open ones.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from jobs.scan import scan_signals
from models import Notification, ServiceAgreement, ServiceVariation, Signal

from .conftest import MONDAY


def variation(db, name: str) -> ServiceVariation:
    return db.session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == name))


def open_steps(db) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(Signal.detail)
            .where(Signal.kind == "poortwachter_due", Signal.status == "open")
            .order_by(Signal.due_date)
        )
    )


def test_the_employer_carries_the_steps_under_op_afroep_and_nobody_is_reminded(
    db, create_employer, create_employee, create_sick_report, casemanager
):
    employer = create_employer(agreement=False)
    db.session.add(
        ServiceAgreement(
            employer=employer, variation=variation(db, "WVP Op afroep"), start_date=dt.date(2025, 1, 1)
        )
    )
    employee = create_employee(employer=employer, case_manager=casemanager)
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 13))  # probleemanalyse missed on 23-02-2026
    db.session.flush()
    report = scan_signals(MONDAY)
    assert report.raised["poortwachter_due"] == 0 and open_steps(db) == []
    reminded = sa.select(Signal.kind).join(Notification, Notification.signal_id == Signal.id)
    kinds = set(db.session.scalars(reminded))
    assert (
        "poortwachter_due" not in kinds and "not_contacted" in kinds
    )  # the case manager's own kinds still come


def test_a_switch_to_op_afroep_resolves_the_open_poortwachter_signals(
    db, create_employer, create_employee, create_sick_report, casemanager
):
    employer = create_employer(agreement=False)
    luxe, on_call = variation(db, "WVP De luxe"), variation(db, "WVP Op afroep")
    wga = variation(db, "WGA-begeleiding volledig")
    db.session.add_all(
        [
            ServiceAgreement(
                employer=employer,
                variation=luxe,
                start_date=dt.date(2025, 1, 1),
                end_date=dt.date(2026, 2, 28),
            ),
            ServiceAgreement(employer=employer, variation=on_call, start_date=dt.date(2026, 3, 1)),
            # another service type that says nothing about the steps does not change who carries them
            ServiceAgreement(
                employer=employer,
                variation=wga,
                start_date=dt.date(2025, 1, 1),
            ),
        ]
    )
    employee = create_employee(employer=employer, case_manager=casemanager)
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 13))
    db.session.flush()
    before = scan_signals(MONDAY - dt.timedelta(days=7))  # Monday 23-02-2026, under "De luxe"
    assert before.raised["poortwachter_due"] == 2
    assert open_steps(db) == ["ziekmelding_bedrijfsarts", "probleemanalyse"]
    reminded = (
        sa.select(Notification.recipient_id)
        .join(Signal, Signal.id == Notification.signal_id)
        .where(Signal.kind == "poortwachter_due")
    )
    assert list(db.session.scalars(reminded)) == [casemanager.id, casemanager.id]

    after = scan_signals(MONDAY)  # 02-03-2026, under "Op afroep"
    assert after.resolved["poortwachter_due"] == 2 and after.raised["poortwachter_due"] == 0
    assert open_steps(db) == []
