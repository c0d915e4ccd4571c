"""Registering employers (the four steps of seed 001), employees and sick reports; the caseload rule.

Every function validates its input with a schema from casework/schemas.py, refuses (Invalid, field → message)
before anything changed, then changes, flushes and writes the log book. The BSN never appears in a message or a
log entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from models import (
    ContractModel,
    Employee,
    Employer,
    InsuranceProduct,
    Label,
    Policy,
    Referrer,
    Role,
    ServiceAgreement,
    ServiceVariation,
    SickReport,
    TrajectoryStatus,
    User,
    db,
)

from .agreements import AllowedTemplates, allowed_templates
from .calendar import dutch_date
from .errors import Forbidden, Invalid
from .logbook import Actor, log
from .schemas import AgreementInput, EmployeeInput, EmployerInput, PolicyInput, SickReportInput, load

__all__ = [
    "AllowedTemplates",
    "add_policy",
    "add_service_agreement",
    "allowed_templates",
    "assign_case_manager",
    "close_sick_report",
    "ensure_can_see",
    "recover",
    "record_contact",
    "register_employee",
    "register_employer",
    "register_sick_report",
    "update_employee",
    "update_employer",
    "update_sick_report",
]


def ensure_can_see(employee: Employee, viewer: User) -> None:
    """A case manager sees only their own caseload; administrators see everyone."""
    if viewer.role != Role.ADMIN and employee.case_manager_id != viewer.id:
        raise Forbidden({"employee": "Deze werknemer hoort niet bij uw caseload."})


def _period(data: dict[str, Any]) -> None:
    if data.get("end_date") and data.get("start_date") and data["end_date"] < data["start_date"]:
        raise Invalid({"end_date": "De einddatum ligt vóór de begindatum."})


def _employer_refs(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    label = db.session.get(Label, data["label_id"]) if "label_id" in data else None
    if "label_id" in data and (label is None or not label.active):
        errors["label_id"] = "Kies een bestaand, actief label."
    referrer = None
    if data.get("referrer_id") is not None:
        referrer = db.session.get(Referrer, data["referrer_id"])
        if referrer is None or not referrer.active or (label is not None and referrer.label_id != label.id):
            errors["referrer_id"] = "Kies een aanmelder van het gekozen label."
    if errors:
        raise Invalid(errors)
    refs = {k: v for k, v in data.items() if k not in {"label_id", "referrer_id"}}
    if label is not None:
        refs["label"] = label
    if "referrer_id" in data:
        refs["referrer"] = referrer
    return refs


def _unique_employer(data: dict[str, Any], exclude: int | None = None) -> None:
    checks = {
        "name": (Employer.name, "Er is al een werkgever met deze naam."),
        "kvk_number": (Employer.kvk_number, "Er is al een werkgever met dit KvK-nummer."),
    }
    for key, (column, message) in checks.items():
        if data.get(key):
            stmt = sa.select(Employer.id).where(column == data[key])
            if exclude is not None:
                stmt = stmt.where(Employer.id != exclude)
            if db.session.scalar(stmt):
                raise Invalid({key: message})


def register_employer(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employer:
    """Step 1: an employer under a label, optionally referred by one of the label's referrers."""
    values = load(EmployerInput(), data)
    _unique_employer(values)
    employer = Employer(**_employer_refs(values), created_at=now)
    db.session.add(employer)
    db.session.flush()
    log(actor, now, "employer.registered", f"Werkgever {employer.name} geregistreerd", subject=employer)
    return employer


def update_employer(employer: Employer, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employer:
    """Change an employer's fields (only those given)."""
    values = load(EmployerInput(), data, partial=True)
    _unique_employer(values, exclude=employer.id)
    refs = _employer_refs({"label_id": employer.label_id, **values} if "referrer_id" in values else values)
    for key, value in refs.items():
        setattr(employer, key, value)
    db.session.flush()
    log(
        actor,
        now,
        "employer.updated",
        f"Werkgever {employer.name} gewijzigd: {', '.join(sorted(values))}",
        subject=employer,
    )
    return employer


def add_policy(employer: Employer, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Policy:
    """Step 2: a policy for an insurance product the employer's label allows."""
    values = load(PolicyInput(), data)
    _period(values)
    product = db.session.get(InsuranceProduct, values["insurance_product_id"])
    if product is None or not product.active:
        raise Invalid({"insurance_product_id": "Kies een bestaand, actief verzekeringsproduct."})
    if employer.label.products and product not in employer.label.products:
        raise Invalid(
            {"insurance_product_id": f"Label {employer.label.name} staat dit verzekeringsproduct niet toe."}
        )
    if db.session.scalar(
        sa.select(Policy.id).where(
            Policy.insurance_product_id == product.id, Policy.policy_number == values["policy_number"]
        )
    ):
        raise Invalid({"policy_number": "Dit polisnummer bestaat al voor dit product."})
    policy = Policy(
        employer=employer,
        product=product,
        policy_number=values["policy_number"],
        start_date=values["start_date"],
        end_date=values.get("end_date"),
    )
    db.session.add(policy)
    db.session.flush()
    log(
        actor,
        now,
        "policy.added",
        f"Polis {policy.policy_number} ({product.name}) vastgelegd bij {employer.name}",
        subject=policy,
    )
    return policy


def add_service_agreement(
    employer: Employer, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> ServiceAgreement:
    """Step 3: a variation the label allows, for a period, under a contract model; agreements stack."""
    values = load(AgreementInput(), data)
    _period(values)
    variation = db.session.get(ServiceVariation, values["service_variation_id"])
    if variation is None or not variation.active:
        raise Invalid({"service_variation_id": "Kies een bestaande, actieve dienstverleningsvariatie."})
    if variation not in employer.label.variations:
        raise Invalid({"service_variation_id": f"Label {employer.label.name} staat deze variatie niet toe."})
    contract = None
    if values.get("contract_model_id") is not None:
        contract = db.session.get(ContractModel, values["contract_model_id"])
        if contract is None or not contract.active:
            raise Invalid({"contract_model_id": "Kies een bestaand, actief contractmodel."})
        if contract.service_type_id not in (None, variation.service_type_id):
            raise Invalid(
                {"contract_model_id": "Dit contractmodel hoort bij een andere dienstverleningssoort."}
            )
    policy, mandate = None, values.get("mandate")
    if values.get("policy_id") is not None:
        policy = db.session.get(Policy, values["policy_id"])
        if policy is None or policy.employer_id != employer.id:
            raise Invalid({"policy_id": "Kies een polis van deze werkgever."})
        if mandate is None and policy.product.claims_management:
            mandate = policy.product.mandate
    elif mandate is not None:
        raise Invalid({"mandate": "Een mandaat hoort bij een verzekerd belang: kies eerst de polis."})
    agreement = ServiceAgreement(
        employer=employer,
        variation=variation,
        contract_model=contract,
        policy=policy,
        mandate=mandate,
        start_date=values["start_date"],
        end_date=values.get("end_date"),
    )
    db.session.add(agreement)
    db.session.flush()
    log(
        actor,
        now,
        "agreement.added",
        f"Dienstverlening {variation.name} vanaf {dutch_date(agreement.start_date)} vastgelegd bij {employer.name}",
        subject=agreement,
    )
    return agreement


def _employee_refs(values: dict[str, Any], employee: Employee | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    refs = dict(values)
    if "employer_id" in values:
        employer = db.session.get(Employer, values["employer_id"])
        if employer is None or not employer.active:
            errors["employer_id"] = "Kies een bestaande, actieve werkgever."
        refs["employer"] = employer
        del refs["employer_id"]
    if "case_manager_id" in values:
        manager = db.session.get(User, values["case_manager_id"]) if values["case_manager_id"] else None
        if values["case_manager_id"] and (
            manager is None or not manager.active or manager.role != Role.CASEMANAGER
        ):
            errors["case_manager_id"] = "Kies een actieve casemanager."
        refs["case_manager"] = manager
        del refs["case_manager_id"]
    employer_id = values.get("employer_id", employee.employer_id if employee else None)
    if values.get("personnel_number") and employer_id is not None:
        stmt = sa.select(Employee.id).where(
            Employee.employer_id == employer_id, Employee.personnel_number == values["personnel_number"]
        )
        if employee is not None:
            stmt = stmt.where(Employee.id != employee.id)
        if db.session.scalar(stmt):
            errors["personnel_number"] = "Dit personeelsnummer bestaat al bij deze werkgever."
    if values.get("bsn"):
        stmt = sa.select(Employee.id).where(Employee.bsn == values["bsn"])
        if employee is not None:
            stmt = stmt.where(Employee.id != employee.id)
        if db.session.scalar(stmt):
            errors["bsn"] = "Dit BSN hoort al bij een andere werknemer."
    if errors:
        raise Invalid(errors)
    return refs


def register_employee(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employee:
    """A new employee dossier (werknemersdossier)."""
    values = load(EmployeeInput(), data)
    employee = Employee(**_employee_refs(values), created_at=now)
    db.session.add(employee)
    db.session.flush()
    log(
        actor,
        now,
        "employee.registered",
        f"Werknemer {employee.full_name} geregistreerd",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


def update_employee(employee: Employee, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employee:
    """Change an employee's fields (only those given); a changed BSN is logged without its value."""
    values = load(EmployeeInput(), data, partial=True)
    refs = _employee_refs(values, employee)
    for key, value in refs.items():
        setattr(employee, key, value)
    db.session.flush()
    changed = sorted("BSN" if k == "bsn" else k for k in values)
    log(
        actor,
        now,
        "employee.updated",
        f"Werknemer {employee.full_name} gewijzigd: {', '.join(changed)}",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


def record_contact(employee: Employee, *, day: dt.date, actor: Actor, now: dt.datetime) -> Employee:
    """Note that the employee was contacted on `day` (resolves "not contacted" signals)."""
    if day > now.date():
        raise Invalid({"day": "Deze datum ligt in de toekomst."})
    if employee.last_contact_on is None or day > employee.last_contact_on:
        employee.last_contact_on = day
    db.session.flush()
    log(
        actor,
        now,
        "employee.contacted",
        f"Contact met werknemer op {dutch_date(day)}",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


def assign_case_manager(employee: Employee, user: User, *, actor: Actor, now: dt.datetime) -> Employee:
    """Give the employee (and their open trajectories) to another case manager."""
    if not user.active or user.role != Role.CASEMANAGER:
        raise Invalid({"case_manager_id": "Kies een actieve casemanager."})
    previous = employee.case_manager.name if employee.case_manager else "niemand"
    employee.case_manager = user
    for trajectory in employee.trajectories:
        if trajectory.status == TrajectoryStatus.OPEN:
            trajectory.case_manager = user
    db.session.flush()
    log(
        actor,
        now,
        "employee.reassigned",
        f"Casemanager van {previous} naar {user.name}",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


def _report_dates(values: dict[str, Any], report: SickReport | None, now: dt.datetime) -> None:
    first = values.get("first_sick_day", report.first_sick_day if report else None)
    if "first_sick_day" in values and values["first_sick_day"] > now.date() + dt.timedelta(days=7):
        raise Invalid({"first_sick_day": "De eerste ziektedag ligt meer dan 7 dagen in de toekomst."})
    if values.get("target_rtw_date") and first and values["target_rtw_date"] < first:
        raise Invalid({"target_rtw_date": "De verwachte hersteldatum ligt vóór de eerste ziektedag."})


def register_sick_report(
    employee: Employee, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> SickReport:
    """A sick report (verzuimmelding); one open report per employee."""
    values = load(SickReportInput(), data)
    _report_dates(values, None, now)
    for report in employee.sick_reports:
        if report.is_open:
            raise Invalid(
                {
                    "first_sick_day": f"Er loopt al een verzuimmelding sinds {dutch_date(report.first_sick_day)}."
                }
            )
    report = SickReport(employee=employee, reported_at=now, **values)
    db.session.add(report)
    db.session.flush()
    log(
        actor,
        now,
        "sick_report.registered",
        f"Verzuimmelding vanaf {dutch_date(report.first_sick_day)}",
        employee_id=employee.id,
        subject=report,
    )
    return report


def update_sick_report(
    report: SickReport, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> SickReport:
    """Change a sick report's first day, percentage or target date."""
    values = load(SickReportInput(), data, partial=True)
    _report_dates(values, report, now)
    first = values.get("first_sick_day", report.first_sick_day)
    if report.recovery_date and report.recovery_date < first:
        raise Invalid({"first_sick_day": "De eerste ziektedag ligt na de hersteldatum."})
    for key, value in values.items():
        setattr(report, key, value)
    db.session.flush()
    log(
        actor,
        now,
        "sick_report.updated",
        f"Verzuimmelding gewijzigd: {', '.join(sorted(values))}",
        employee_id=report.employee_id,
        subject=report,
    )
    return report


def recover(report: SickReport, *, recovery_date: dt.date, actor: Actor, now: dt.datetime) -> SickReport:
    """Report the employee recovered (hersteld) on a date."""
    if report.recovery_date is not None:
        raise Invalid({"recovery_date": f"Al hersteld gemeld op {dutch_date(report.recovery_date)}."})
    if recovery_date < report.first_sick_day:
        raise Invalid({"recovery_date": "De hersteldatum ligt vóór de eerste ziektedag."})
    if recovery_date > now.date():
        raise Invalid({"recovery_date": "De hersteldatum ligt in de toekomst."})
    report.recovery_date = recovery_date
    db.session.flush()
    log(
        actor,
        now,
        "sick_report.recovered",
        f"Hersteld gemeld per {dutch_date(recovery_date)}",
        employee_id=report.employee_id,
        subject=report,
    )
    return report


def close_sick_report(
    report: SickReport, *, closed_on: dt.date, actor: Actor, now: dt.datetime
) -> SickReport:
    """Close a sick report (e.g. out of employment) without recovery."""
    if report.closed_on is not None:
        raise Invalid({"closed_on": f"Al gesloten op {dutch_date(report.closed_on)}."})
    if closed_on < report.first_sick_day:
        raise Invalid({"closed_on": "De einddatum ligt vóór de eerste ziektedag."})
    if closed_on > now.date():
        raise Invalid({"closed_on": "De einddatum ligt in de toekomst."})
    report.closed_on = closed_on
    db.session.flush()
    log(
        actor,
        now,
        "sick_report.closed",
        f"Verzuimmelding gesloten per {dutch_date(closed_on)}",
        employee_id=report.employee_id,
        subject=report,
    )
    return report
