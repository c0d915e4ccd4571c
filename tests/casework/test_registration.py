"""Registering employers (four steps), employees and sick reports; notes; every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.errors import Forbidden, Invalid
from casework.logbook import Actor
from casework.notes import add_note, list_notes
from casework.registration import (
    add_policy,
    add_service_agreement,
    allowed_templates,
    assign_case_manager,
    close_sick_report,
    recover,
    register_employee,
    register_employer,
    register_sick_report,
    update_employee,
    update_employer,
)
from models import (
    Employee,
    Employer,
    InsuranceProduct,
    Label,
    LogEntry,
    Note,
    ServiceVariation,
    TrajectoryTemplate,
)

NOW = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def actor(admin_user):
    """The administrator acting."""
    return Actor(admin_user)


@pytest.fixture
def label(db):
    """The seed's example label."""
    return db.session.scalars(sa.select(Label)).first()


def snapshot(db) -> tuple[int, ...]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(m))
        for m in (Employer, Employee, LogEntry, Note)
    )


def refused(db, call, **expected):
    before = snapshot(db)
    with pytest.raises(Invalid) as error:
        call()
    assert snapshot(db) == before
    for field, text in expected.items():
        assert text in error.value.errors[field], error.value.errors
    return error.value.errors


def test_four_step_registration(db, actor, label):
    employer = register_employer(
        {
            "name": " Bouwbedrijf Stevig B.V. ",
            "kvk_number": "12312312",
            "label_id": str(label.id),
            "referrer_id": label.referrers[0].id,
            "postcode": "3511ax",
            "contact_email": "hr@stevig.example.nl",
        },
        actor=actor,
        now=NOW,
    )
    assert (employer.name, employer.postcode, employer.referrer) == (
        "Bouwbedrijf Stevig B.V.",
        "3511 AX",
        label.referrers[0],
    )
    assert allowed_templates(employer, NOW.date()).reason == (
        "Werkgever Bouwbedrijf Stevig B.V. heeft geen dienstverleningsovereenkomst."
    )
    product = label.products[0]
    policy = add_policy(
        employer,
        {"insurance_product_id": product.id, "policy_number": "VZ-1", "start_date": "2026-01-01"},
        actor=actor,
        now=NOW,
    )
    variation = label.variations[0]
    agreement = add_service_agreement(
        employer,
        {
            "service_variation_id": variation.id,
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "policy_id": policy.id,
        },
        actor=actor,
        now=NOW,
    )
    expected_mandate = product.mandate if product.claims_management else None
    assert agreement.mandate == expected_mandate
    allowed = allowed_templates(employer, NOW.date())
    assert [t.name for t in allowed.templates] == [t.name for t in variation.templates]
    assert allowed.reason == ""
    later = allowed_templates(employer, dt.date(2027, 1, 1))
    assert later.templates == [] and "de laatste liep tot 31-12-2026" in later.reason


def test_employer_refusals_change_nothing(db, actor, label, create_employer):
    create_employer(name="Bestaand B.V.", kvk_number="55555555")
    refused(
        db,
        lambda: register_employer({"name": "Bestaand B.V.", "label_id": label.id}, actor=actor, now=NOW),
        name="al een werkgever met deze naam",
    )
    refused(
        db,
        lambda: register_employer(
            {"name": "Nieuw", "label_id": label.id, "kvk_number": "55555555"}, actor=actor, now=NOW
        ),
        kvk_number="KvK-nummer",
    )
    refused(
        db,
        lambda: register_employer(
            {"name": "X", "label_id": label.id, "kvk_number": "123"}, actor=actor, now=NOW
        ),
        kvk_number="8 cijfers",
    )
    refused(
        db,
        lambda: register_employer({"name": "", "label_id": label.id}, actor=actor, now=NOW),
        name="verplicht",
    )
    refused(
        db,
        lambda: register_employer({"name": "Y", "label_id": 99999}, actor=actor, now=NOW),
        label_id="label",
    )
    refused(
        db,
        lambda: register_employer(
            {"name": "Z", "label_id": label.id, "postcode": "12AB"}, actor=actor, now=NOW
        ),
        postcode="1234 AB",
    )
    refused(
        db,
        lambda: register_employer({"name": "Z", "label_id": label.id, "diagnose": "x"}, actor=actor, now=NOW),
        diagnose="Onbekend veld",
    )


def test_agreement_refusals(db, actor, create_employer):
    employer = create_employer(agreement=False)
    other = db.session.scalars(
        sa.select(ServiceVariation).where(
            ServiceVariation.id.not_in([v.id for v in employer.label.variations])
        )
    ).first()
    variation = employer.label.variations[0]
    refused(
        db,
        lambda: add_service_agreement(
            employer,
            {"service_variation_id": variation.id, "start_date": "2026-05-01", "end_date": "2026-04-01"},
            actor=actor,
            now=NOW,
        ),
        end_date="vóór de begindatum",
    )
    refused(
        db,
        lambda: add_service_agreement(
            employer,
            {"service_variation_id": variation.id, "start_date": "2026-05-01", "mandate": "100"},
            actor=actor,
            now=NOW,
        ),
        mandate="verzekerd belang",
    )
    if other is not None:
        refused(
            db,
            lambda: add_service_agreement(
                employer, {"service_variation_id": other.id, "start_date": "2026-05-01"}, actor=actor, now=NOW
            ),
            service_variation_id="staat deze variatie niet toe",
        )


def test_employee_registration_with_bsn(db, actor, create_employer, casemanager):
    employer = create_employer()
    employee = register_employee(
        {
            "employer_id": employer.id,
            "personnel_number": "A-17",
            "bsn": "1112.22.333",
            "first_name": "Ilse",
            "name_prefix": "van",
            "last_name": "Dijk",
            "daily_wage": "212,5".replace(",", "."),
            "case_manager_id": casemanager.id,
            "client_weight": "high",
        },
        actor=actor,
        now=NOW,
    )
    assert (employee.bsn, employee.full_name, employee.daily_wage) == (
        "111222333",
        "Ilse van Dijk",
        Decimal("212.50"),
    )
    entries = list(db.session.scalars(sa.select(LogEntry.message).where(LogEntry.employee_id == employee.id)))
    assert entries and all("111222333" not in e for e in entries)
    errors = refused(
        db,
        lambda: register_employee(
            {"employer_id": employer.id, "personnel_number": "A-18", "last_name": "Smit", "bsn": "111222333"},
            actor=actor,
            now=NOW,
        ),
        bsn="al bij een andere werknemer",
    )
    assert "111222333" not in str(errors)
    refused(
        db,
        lambda: register_employee(
            {"employer_id": employer.id, "personnel_number": "A-19", "last_name": "Smit", "bsn": "123456789"},
            actor=actor,
            now=NOW,
        ),
        bsn="11-proef",
    )
    refused(
        db,
        lambda: register_employee(
            {"employer_id": employer.id, "personnel_number": "A-17", "last_name": "Smit"},
            actor=actor,
            now=NOW,
        ),
        personnel_number="bestaat al",
    )
    refused(
        db,
        lambda: register_employee(
            {
                "employer_id": employer.id,
                "personnel_number": "A-20",
                "last_name": "Smit",
                "case_manager_id": actor.user.id,
            },
            actor=actor,
            now=NOW,
        ),
        case_manager_id="casemanager",
    )
    update_employee(employee, {"bsn": "123456782"}, actor=actor, now=NOW)
    assert employee.bsn == "123456782"
    last = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert last.message.endswith("gewijzigd: BSN") and "123456782" not in last.message


def test_sick_report_lifecycle(db, actor, create_employee):
    employee = create_employee()
    report = register_sick_report(
        employee,
        {"first_sick_day": "2026-02-16", "percentage": "50", "target_rtw_date": "2026-04-01"},
        actor=actor,
        now=NOW,
    )
    assert report.percentage == Decimal("50.00")
    refused(
        db,
        lambda: register_sick_report(employee, {"first_sick_day": "2026-02-20"}, actor=actor, now=NOW),
        first_sick_day="Er loopt al een verzuimmelding sinds 16-2-2026",
    )
    with pytest.raises(Invalid) as early:
        recover(report, recovery_date=dt.date(2026, 2, 1), actor=actor, now=NOW)
    assert early.value.errors == {"recovery_date": "De hersteldatum ligt vóór de eerste ziektedag."}
    recover(report, recovery_date=dt.date(2026, 3, 1), actor=actor, now=NOW)
    assert not report.is_open
    second = register_sick_report(employee, {"first_sick_day": "2026-03-02"}, actor=actor, now=NOW)
    close_sick_report(second, closed_on=dt.date(2026, 3, 2), actor=actor, now=NOW)
    other = create_employee()
    for bad, field in [
        ({"first_sick_day": "2026-03-20"}, "first_sick_day"),
        ({"first_sick_day": "2026-03-01", "percentage": "0"}, "percentage"),
        ({"first_sick_day": "2026-03-01", "target_rtw_date": "2026-02-01"}, "target_rtw_date"),
        ({"first_sick_day": "2026-03-01", "diagnosis": "griep"}, "diagnosis"),
    ]:
        refused(db, lambda bad=bad: register_sick_report(other, bad, actor=actor, now=NOW))
        with pytest.raises(Invalid) as error:
            register_sick_report(other, bad, actor=actor, now=NOW)
        assert field in error.value.errors
    assert other.sick_reports == []


def test_reassigning_moves_open_trajectories(db, actor, create_employee, create_user, casemanager):
    from casework.process import start_trajectory

    employee = create_employee(case_manager=casemanager)
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=NOW)
    colleague = create_user(name="Youssef El Amrani")
    assign_case_manager(employee, colleague, actor=actor, now=NOW)
    assert (employee.case_manager, trajectory.case_manager) == (colleague, colleague)


def test_notes_length_and_caseload(db, create_employee, casemanager, create_user):
    employee = create_employee(case_manager=casemanager)
    me = Actor(casemanager)
    note = add_note(employee, "  Belde vandaag terug.  ", actor=me, now=NOW)
    assert note.text == "Belde vandaag terug."
    refused(
        db,
        lambda: add_note(employee, "x" * 1612, actor=me, now=NOW),
        text="Een aantekening heeft hoogstens 1.500 tekens (nu 1.612).",
    )
    refused(db, lambda: add_note(employee, "   ", actor=me, now=NOW), text="niet leeg")
    stranger = create_user(name="Andere casemanager")
    with pytest.raises(Forbidden):
        add_note(employee, "Mag niet", actor=Actor(stranger), now=NOW)
    with pytest.raises(Forbidden):
        list_notes(employee, viewer=stranger)
    add_note(employee, "Tweede", actor=me, now=NOW + dt.timedelta(hours=1))
    assert [n.text for n in list_notes(employee, viewer=casemanager)] == ["Tweede", "Belde vandaag terug."]
    updated = update_employer(employee.employer, {"city": "Utrecht"}, actor=Actor(casemanager), now=NOW)
    assert updated.city == "Utrecht"
    assert db.session.scalar(sa.select(InsuranceProduct.id)) is not None
