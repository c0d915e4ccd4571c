"""Registering employers (the four steps of seed 001), employees and sick reports; the caseload rule.

Every function validates its input with a schema from casework/schemas.py, refuses (Invalid, field → message)
before anything changed, then changes, flushes and writes the log book. The BSN never appears in a message or a
log entry: a changed BSN is logged as "BSN" without its value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
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
    SickReportPercentage,
    TrajectoryStatus,
    User,
    db,
)

from .agreements import AllowedTemplates, allowed_templates
from .calendar import dutch_date, local_day
from .errors import Forbidden, Invalid
from .i18n import M_, N_
from .logbook import Actor, log
from .schemas import (
    LABELS,
    AgreementInput,
    EmployeeInput,
    EmployerInput,
    PartialRecoveryInput,
    PolicyInput,
    SickReportInput,
    load,
    parse_day,
)
from .sick_report_ends import end_reason_details, find_end_reason
from .timeline import refresh_open_steps

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
    "record_percentage",
    "register_sick_report",
    "update_employee",
    "update_employer",
    "update_sick_report",
]

ACTIVE_CASE_MANAGER = N_("Kies een actieve casemanager.")


def ensure_can_see(employee: Employee, viewer: User) -> None:
    """A case manager sees only their own caseload; administrators see everyone; inactive users no one."""
    if not viewer.active:
        raise Forbidden({"employee": M_("Uw account is gedeactiveerd.")})
    if viewer.role != Role.ADMIN and employee.case_manager_id != viewer.id:
        raise Forbidden({"employee": M_("Deze werknemer hoort niet bij uw caseload.")})


def _refuse(errors: dict[str, str]) -> None:
    if errors:
        raise Invalid(errors)


def _apply(target: Any, values: dict[str, Any]) -> list[str]:
    """Set the attributes that differ; the Dutch names of the fields that changed."""
    changed = []
    for key, value in values.items():
        if getattr(target, key) != value:
            setattr(target, key, value)
            changed.append(key)
    return changed


def _names(changed: list[str], aliases: dict[str, str]) -> str:
    return ", ".join(LABELS[aliases.get(key, key)] for key in changed)


def _period(start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    if start and end and end < start:
        return {"end_date": "De einddatum ligt vóór de begindatum."}
    return {}


# ---- employers: step 1 -------------------------------------------------------------------------------------


def _employer_errors(values: dict[str, Any], employer: Employer | None, today: dt.date) -> dict[str, Any]:
    """Label, referrer and uniqueness checked; the changes as model attributes, or Invalid."""
    errors: dict[str, str] = {}
    changes = {k: v for k, v in values.items() if k not in {"label_id", "referrer_id"}}
    for key, column, message in (
        ("name", sa.func.lower(Employer.name), "Er is al een werkgever met deze naam."),
        ("kvk_number", Employer.kvk_number, "Er is al een werkgever met dit KvK-nummer."),
    ):
        if values.get(key):
            wanted = values[key].lower() if key == "name" else values[key]
            stmt = sa.select(Employer.id).where(column == wanted)
            if employer is not None:
                stmt = stmt.where(Employer.id != employer.id)
            if db.session.scalar(stmt.limit(1)):
                errors[key] = message
    label = employer.label if employer else None
    if "label_id" in values:
        label = db.session.get(Label, values["label_id"])
        if label is None or not label.active:
            errors["label_id"] = M_("Kies een bestaand, actief label.")
        changes["label"] = label
    referrer = employer.referrer if employer else None
    if "referrer_id" in values:
        referrer = db.session.get(Referrer, values["referrer_id"]) if values["referrer_id"] else None
        if values["referrer_id"] and (referrer is None or not referrer.active):
            errors["referrer_id"] = M_("Kies een bestaande, actieve aanmelder.")
        changes["referrer"] = referrer
    if "label_id" not in errors and "referrer_id" not in errors and label is not None:
        if referrer is not None and referrer.label_id != label.id:  # seed 001: referrers are listed per label
            errors["referrer_id"] = M_(
                "Aanmelder %(name)s hoort niet bij label %(name2)s.", name=referrer.name, name2=label.name
            )
        if employer is not None and label.id != employer.label_id:
            errors.update(_label_fits(employer, label, today))
    _refuse(errors)
    return changes


def _running(item: ServiceAgreement | Policy, today: dt.date) -> bool:
    return item.end_date is None or item.end_date >= today


def _label_fits(employer: Employer, label: Label, today: dt.date) -> dict[str, str]:
    """A new label must allow the employer's running agreements and policies (seed 001: no wrong combinations)."""
    refused = sorted(
        {
            a.variation.name
            for a in employer.agreements
            if _running(a, today) and a.variation not in label.variations
        }
        | {
            p.product.name
            for p in employer.policies
            if _running(p, today) and p.product not in label.products
        }
    )
    if refused:
        return {
            "label_id": f"Label {label.name} staat niet toe wat deze werkgever afneemt: {', '.join(refused)}."
        }
    return {}


def register_employer(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employer:
    """Step 1: an employer under a label, optionally referred by one of the label's referrers."""
    values = load(EmployerInput(), data)
    employer = Employer(**_employer_errors(values, None, local_day(now)), created_at=now)
    db.session.add(employer)
    db.session.flush()
    log(actor, now, "employer.registered", f"Werkgever {employer.name} geregistreerd", subject=employer)
    return employer


# The employer's own details: the first page of the four-step registration (seed 001), asked before the label.
EMPLOYER_DETAIL_FIELDS = (
    "name",
    "kvk_number",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def check_employer_details(data: dict[str, Any], *, now: dt.datetime) -> dict[str, Any]:
    """The details as register_employer would accept them (cleaned), or Invalid naming the field; saves nothing."""
    values = load(
        EmployerInput(), {key: data.get(key, "") for key in EMPLOYER_DETAIL_FIELDS}, partial=("label_id",)
    )
    _employer_errors(values, None, local_day(now))  # name and KvK number not yet taken
    return {key: values[key] for key in EMPLOYER_DETAIL_FIELDS if values.get(key) is not None}


def update_employer(employer: Employer, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employer:
    """Change the fields given; a new label must allow the employer's running agreements and policies."""
    values = load(EmployerInput(), data, partial=True)
    changed = _apply(employer, _employer_errors(values, employer, local_day(now)))
    if changed:
        db.session.flush()
        aliases = {"label": "label_id", "referrer": "referrer_id"}
        log(
            actor,
            now,
            "employer.updated",
            f"Werkgever {employer.name} gewijzigd: {_names(changed, aliases)}",
            subject=employer,
        )
    return employer


# ---- employers: steps 2 and 3 ------------------------------------------------------------------------------


def add_policy(employer: Employer, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Policy:
    """Step 2: a policy for an insurance product the employer's label allows."""
    values = load(PolicyInput(), data)
    errors = _period(values["start_date"], values["end_date"])
    product = db.session.get(InsuranceProduct, values["insurance_product_id"])
    if product is None or not product.active:
        errors["insurance_product_id"] = M_("Kies een bestaand, actief verzekeringsproduct.")
    elif product not in employer.label.products:
        errors["insurance_product_id"] = M_(
            "Label %(name)s staat verzekeringsproduct %(name2)s niet toe.",
            name=employer.label.name,
            name2=product.name,
        )
    elif db.session.scalar(
        sa.select(Policy.id).where(
            Policy.insurance_product_id == product.id, Policy.policy_number == values["policy_number"]
        )
    ):
        errors["policy_number"] = M_(
            "Polisnummer %(policy_number)s bestaat al voor %(name)s.",
            policy_number=values["policy_number"],
            name=product.name,
        )
    _refuse(errors)
    policy = Policy(
        employer=employer,
        product=product,
        policy_number=values["policy_number"],
        start_date=values["start_date"],
        end_date=values["end_date"],
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
    errors = _period(values["start_date"], values["end_date"])
    variation = db.session.get(ServiceVariation, values["service_variation_id"])
    if variation is None or not variation.active:
        errors["service_variation_id"] = M_("Kies een bestaande, actieve dienstverleningsvariatie.")
    elif variation not in employer.label.variations:
        errors["service_variation_id"] = M_(
            "Label %(name)s staat variatie %(name2)s niet toe.",
            name=employer.label.name,
            name2=variation.name,
        )
    contract = None
    if values["contract_model_id"] is not None:
        contract = db.session.get(ContractModel, values["contract_model_id"])
        if contract is None or not contract.active:
            errors["contract_model_id"] = M_("Kies een bestaand, actief contractmodel.")
        elif variation is not None and contract.service_type_id not in (None, variation.service_type_id):
            errors["contract_model_id"] = M_(
                "Contractmodel %(name)s hoort bij een andere dienstverleningssoort dan %(name2)s.",
                name=contract.name,
                name2=variation.name,
            )
    policy, mandate = None, values["mandate"]
    if values["policy_id"] is not None:  # an insured interest (verzekerd belang)
        policy = db.session.get(Policy, values["policy_id"])
        if policy is None or policy.employer_id != employer.id:
            errors["policy_id"] = M_("Kies een polis van deze werkgever.")
        elif mandate is None and policy.product.claims_management:
            mandate = policy.product.mandate
    elif mandate is not None:
        errors["mandate"] = M_("Een mandaat hoort bij een verzekerd belang: kies ook de polis.")
    if (
        variation is not None
        and values["start_date"] is not None
        and not {"service_variation_id", "end_date"} & set(errors)
    ):
        # Variations of one service type exclude each other (seed 001: WVP "De luxe" against "Op afroep"):
        # agreements stack across service types, never two variations of one type on the same day.
        start, end = values["start_date"], values["end_date"]
        for other in employer.agreements:
            overlaps = (other.end_date is None or other.end_date >= start) and (
                end is None or other.start_date <= end
            )
            if overlaps and other.variation.service_type_id == variation.service_type_id:
                until = dutch_date(other.end_date) if other.end_date else "doorlopend"
                errors["service_variation_id"] = M_(
                    "Deze periode overlapt met de overeenkomst %(name)s (%(start_date)s – %(until)s); variaties van %(name2)s sluiten elkaar uit.",
                    name=other.variation.name,
                    start_date=dutch_date(other.start_date),
                    until=until,
                    name2=variation.service_type.name,
                )
                break
    _refuse(errors)
    agreement = ServiceAgreement(
        employer=employer,
        variation=variation,
        contract_model=contract,
        policy=policy,
        mandate=mandate,
        start_date=values["start_date"],
        end_date=values["end_date"],
    )
    db.session.add(agreement)
    db.session.flush()
    until = f" tot en met {dutch_date(agreement.end_date)}" if agreement.end_date else ""
    log(
        actor,
        now,
        "agreement.added",
        f"Dienstverlening {variation.name} vanaf {dutch_date(agreement.start_date)}{until} vastgelegd bij "
        f"{employer.name}",
        subject=agreement,
    )
    return agreement


# ---- employees ---------------------------------------------------------------------------------------------


BSN_TAKEN = N_("Dit BSN hoort al bij een andere werknemer.")
# A case manager must not learn from an error whether a BSN exists outside their caseload.
BSN_REFUSED = N_("Dit BSN kan niet worden vastgelegd; vraag een functioneel beheerder om het na te kijken.")


def _employee_changes(
    values: dict[str, Any], employee: Employee | None, today: dt.date, viewer: User | None = None
) -> dict[str, Any]:
    """References looked up and every rule checked; the changes as model attributes, or Invalid.

    `viewer` is the acting person: a case manager gets no answer that tells whether a BSN is used elsewhere."""
    errors: dict[str, str] = {}
    changes = {k: v for k, v in values.items() if k not in {"employer_id", "case_manager_id"}}
    employer = employee.employer if employee else None
    if "employer_id" in values and (employee is None or values["employer_id"] != employee.employer_id):
        employer = db.session.get(Employer, values["employer_id"])
        if employer is None or not employer.active:
            errors["employer_id"] = M_("Kies een bestaande, actieve werkgever.")
        changes["employer"] = employer
    if "case_manager_id" in values:
        manager = db.session.get(User, values["case_manager_id"]) if values["case_manager_id"] else None
        if values["case_manager_id"] and (
            manager is None or not manager.active or manager.role != Role.CASEMANAGER
        ):
            errors["case_manager_id"] = ACTIVE_CASE_MANAGER
        changes["case_manager"] = manager
    number = values.get("personnel_number", employee.personnel_number if employee else None)
    if employer is not None and ("personnel_number" in values or "employer" in changes):
        stmt = sa.select(Employee.id).where(
            Employee.employer_id == employer.id, Employee.personnel_number == number
        )
        if employee is not None:
            stmt = stmt.where(Employee.id != employee.id)
        if db.session.scalar(stmt.limit(1)):
            errors["personnel_number"] = M_(
                "Personeelsnummer %(number)s bestaat al bij %(name)s.", number=number, name=employer.name
            )
    if values.get("bsn"):
        stmt = sa.select(Employee.id).where(Employee.bsn == values["bsn"])
        if employee is not None:
            stmt = stmt.where(Employee.id != employee.id)
        other = db.session.scalar(stmt.limit(1))
        if other:
            restricted = viewer is not None and viewer.role != Role.ADMIN
            errors["bsn"] = BSN_REFUSED if restricted else BSN_TAKEN
    born = values.get("birth_date")
    if born and born > today:
        errors["birth_date"] = M_("De geboortedatum ligt in de toekomst.")
    elif born and born < dt.date(1900, 1, 1):
        errors["birth_date"] = M_("De geboortedatum ligt vóór 1900.")
    if values.get("last_contact_on") and values["last_contact_on"] > today:
        errors["last_contact_on"] = M_("Deze datum ligt in de toekomst.")
    assessed = values.get("client_weight_assessed_on")
    if assessed and assessed > today:
        errors["client_weight_assessed_on"] = M_("Deze datum ligt in de toekomst.")
    elif assessed and assessed < dt.date(2000, 1, 1):
        errors["client_weight_assessed_on"] = M_("Deze datum ligt vóór 2000.")
    start = values.get("employment_start", employee.employment_start if employee else None)
    end = values.get("employment_end", employee.employment_end if employee else None)
    if start and end and end < start:
        field = "employment_end" if "employment_end" in values else "employment_start"
        errors[field] = (
            f"De datum uit dienst ({dutch_date(end)}) ligt vóór de datum in dienst ({dutch_date(start)})."
        )
    elif start and start < dt.date(1900, 1, 1):
        errors["employment_start"] = "De datum in dienst ligt vóór 1900."
    _refuse(errors)
    return changes


def _move_open_trajectories(employee: Employee, user: User | None) -> None:
    """The employee's open trajectories follow the employee to their (new) case manager."""
    for trajectory in employee.trajectories:
        if trajectory.status == TrajectoryStatus.OPEN:
            trajectory.case_manager = user


def register_employee(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employee:
    """A new employee dossier (werknemersdossier)."""
    values = load(EmployeeInput(), data)
    employee = Employee(**_employee_changes(values, None, local_day(now), actor.user), created_at=now)
    db.session.add(employee)
    db.session.flush()
    log(
        actor,
        now,
        "employee.registered",
        f"Werknemer {employee.full_name} geregistreerd bij {employee.employer.name}",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


def update_employee(employee: Employee, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Employee:
    """Change the fields given; a new case manager takes over the open trajectories too. A new client weight
    without the date it was assessed counts as assessed today (SPEC §6: its age is signalled after 3 months)."""
    values = load(EmployeeInput(), data, partial=True)
    if values.get("client_weight") not in (None, employee.client_weight):
        values.setdefault("client_weight_assessed_on", local_day(now))
    changed = _apply(employee, _employee_changes(values, employee, local_day(now), actor.user))
    if "case_manager" in changed:
        _move_open_trajectories(employee, employee.case_manager)
    if changed:
        db.session.flush()
        aliases = {"employer": "employer_id", "case_manager": "case_manager_id"}
        log(
            actor,
            now,
            "employee.updated",
            f"Werknemer {employee.full_name} gewijzigd: {_names(changed, aliases)}",  # names, never values
            employee_id=employee.id,
            subject=employee,
        )
    return employee


def record_contact(employee: Employee, *, day: dt.date | str, actor: Actor, now: dt.datetime) -> Employee:
    """Note that the employee was contacted on `day` (resolves "not contacted" signals)."""
    day = parse_day(day, "day")
    if day > local_day(now):
        raise Invalid({"day": M_("Deze datum ligt in de toekomst.")})
    if employee.last_contact_on is None or day > employee.last_contact_on:
        employee.last_contact_on = day
    db.session.flush()
    log(
        actor,
        now,
        "employee.contacted",
        f"Contact met {employee.full_name} op {dutch_date(day)}",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


def assign_case_manager(employee: Employee, user: User, *, actor: Actor, now: dt.datetime) -> Employee:
    """Give the employee, and their open trajectories, to another case manager."""
    if user is None or not user.active or user.role != Role.CASEMANAGER:
        raise Invalid({"case_manager_id": ACTIVE_CASE_MANAGER})
    if employee.case_manager_id == user.id:
        return employee
    previous = employee.case_manager.name if employee.case_manager else "niemand"
    employee.case_manager = user
    _move_open_trajectories(employee, user)
    db.session.flush()
    log(
        actor,
        now,
        "employee.reassigned",
        f"Casemanager van {employee.full_name} van {previous} naar {user.name}",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


# ---- sick reports ------------------------------------------------------------------------------------------


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",") + "%"


def _end(report: SickReport) -> dt.date | None:
    return report.recovery_date or report.closed_on


def _report_errors(
    values: dict[str, Any], employee: Employee, report: SickReport | None, now: dt.datetime
) -> None:
    """Dates in order, at most 7 days ahead, and no overlap with the employee's other sick reports."""
    errors: dict[str, str] = {}
    first = values.get("first_sick_day", report.first_sick_day if report else None)
    target = values.get("target_rtw_date", report.target_rtw_date if report else None)
    if "first_sick_day" in values and first > local_day(now) + dt.timedelta(days=7):
        errors["first_sick_day"] = M_("De eerste ziektedag ligt meer dan 7 dagen in de toekomst.")
    elif report is not None and _end(report) and _end(report) < first:
        errors["first_sick_day"] = M_(
            "De eerste ziektedag ligt na het einde (%(report)s).", report=dutch_date(_end(report))
        )
    if target and target < first:
        field = "target_rtw_date" if "target_rtw_date" in values else "first_sick_day"
        errors.setdefault(field, "De verwachte hersteldatum ligt vóór de eerste ziektedag.")
    if "first_sick_day" not in errors:
        end = _end(report) if report else None
        for other in employee.sick_reports:
            other_end = _end(other)
            if other is report or (other_end and other_end <= first) or (end and other.first_sick_day >= end):
                continue
            errors["first_sick_day"] = (
                M_(
                    "Er loopt al een verzuimmelding sinds %(first_sick_day)s.",
                    first_sick_day=dutch_date(other.first_sick_day),
                )
                if other_end is None
                else M_(
                    "Deze periode overlapt met de verzuimmelding van %(first_sick_day)s tot %(other_end)s.",
                    first_sick_day=dutch_date(other.first_sick_day),
                    other_end=dutch_date(other_end),
                )
            )
            break
    _refuse(errors)


def register_sick_report(
    employee: Employee, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> SickReport:
    """A sick report (verzuimmelding); one open report per employee, periods do not overlap."""
    values = load(SickReportInput(), data)
    _report_errors(values, employee, None, now)
    report = SickReport(employee=employee, reported_at=now, **values)
    db.session.add(report)
    report.percentages.append(
        SickReportPercentage(
            percentage=report.percentage,
            from_date=report.first_sick_day,
            recorded_by=actor.user,
            recorded_at=now,
        )
    )
    refresh_open_steps(employee)
    log(
        actor,
        now,
        "sick_report.registered",
        f"Verzuimmelding vanaf {dutch_date(report.first_sick_day)} ({_percent(report.percentage)})",
        employee_id=employee.id,
        subject=report,
    )
    return report


def update_sick_report(
    report: SickReport, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> SickReport:
    """Change a sick report's first day, target date or flags (those given); a new percentage is a partial
    recovery (`record_percentage`), so the history is never overwritten."""
    values = load(SickReportInput(), data, partial=True)
    if "percentage" in values and values["percentage"] != report.percentage:
        raise Invalid(
            {
                "percentage": M_(
                    "Leg een ander percentage vast als gedeeltelijk herstel, met de datum waarop het ingaat."
                )
            }
        )
    values.pop("percentage", None)
    _report_errors(values, report.employee, report, now)
    first_day_before = report.first_sick_day
    changed = _apply(report, values)
    if changed:
        if report.first_sick_day != first_day_before and report.percentages:
            report.percentages[0].from_date = report.first_sick_day  # the first line starts on the first day
        refresh_open_steps(report.employee)
        log(
            actor,
            now,
            "sick_report.updated",
            f"Verzuimmelding gewijzigd: {_names(changed, {})}",
            employee_id=report.employee_id,
            subject=report,
        )
    return report


def record_percentage(
    report: SickReport, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> SickReportPercentage:
    """Gedeeltelijk herstel: the percentage still ill from a date, added to the report's history (never
    overwritten); the report's current percentage follows the latest line."""
    values = load(PartialRecoveryInput(), data)
    day, percentage = values["from_date"], values["percentage"]
    errors: dict[str, str] = {}
    if not report.is_open:
        errors["from_date"] = M_("Deze verzuimmelding is niet meer open.")
    elif day > local_day(now):
        errors["from_date"] = M_("Deze datum ligt in de toekomst.")
    elif report.percentages and day <= report.percentages[-1].from_date:
        last = report.percentages[-1]
        errors["from_date"] = M_(
            "Kies een datum na %(from_date)s: vanaf die dag is al %(percentage)s vastgelegd.",
            from_date=dutch_date(last.from_date),
            percentage=_percent(last.percentage),
        )
    elif day < report.first_sick_day:
        errors["from_date"] = M_(
            "Deze datum ligt vóór de eerste ziektedag (%(first_sick_day)s).",
            first_sick_day=dutch_date(report.first_sick_day),
        )
    if not errors and percentage == report.percentage:
        errors["percentage"] = M_("Het percentage is al %(percentage)s.", percentage=_percent(percentage))
    _refuse(errors)
    before = report.percentage
    line = SickReportPercentage(percentage=percentage, from_date=day, recorded_by=actor.user, recorded_at=now)
    report.percentages.append(line)
    report.percentage = percentage
    db.session.flush()
    log(
        actor,
        now,
        "sick_report.percentage",
        f"Gedeeltelijk herstel per {dutch_date(day)}: {_percent(percentage)} ziek (was {_percent(before)})",
        employee_id=report.employee_id,
        subject=report,
        details={"percentage": str(percentage), "from_date": day.isoformat()},
    )
    return line


def _end_errors(report: SickReport, day: dt.date, field: str, now: dt.datetime) -> None:
    if report.closed_on is not None:
        raise Invalid(
            {
                field: M_(
                    "Deze verzuimmelding is al gesloten per %(closed_on)s.",
                    closed_on=dutch_date(report.closed_on),
                )
            }
        )
    if day < report.first_sick_day:
        raise Invalid(
            {
                field: M_(
                    "Deze datum ligt vóór de eerste ziektedag (%(first_sick_day)s).",
                    first_sick_day=dutch_date(report.first_sick_day),
                )
            }
        )
    if day > local_day(now):
        raise Invalid({field: M_("Deze datum ligt in de toekomst.")})


def recover(
    report: SickReport,
    *,
    recovery_date: dt.date | str,
    end_reason: Any = None,
    actor: Actor,
    now: dt.datetime,
) -> SickReport:
    """Hersteldmelding: the employee recovered on a date, with the end reason (a SickReportEndReason, its id or
    its name; required, refused under `end_reason_id`), e.g. "Hersteld eigen werk"."""
    recovery_date = parse_day(recovery_date, "recovery_date")
    if report.recovery_date is not None:
        raise Invalid(
            {
                "recovery_date": M_(
                    "Al hersteld gemeld per %(recovery_date)s.",
                    recovery_date=dutch_date(report.recovery_date),
                )
            }
        )
    _end_errors(report, recovery_date, "recovery_date", now)
    reason = find_end_reason(end_reason)
    report.recovery_date = recovery_date
    report.end_reason = reason
    refresh_open_steps(report.employee)
    log(
        actor,
        now,
        "sick_report.recovered",
        f"Hersteld gemeld per {dutch_date(recovery_date)} ({reason.name})",
        employee_id=report.employee_id,
        subject=report,
        details={"recovery_date": recovery_date.isoformat(), **end_reason_details(reason)},
    )
    return report


def close_sick_report(
    report: SickReport,
    *,
    closed_on: dt.date | str,
    end_reason: Any = None,
    actor: Actor,
    now: dt.datetime,
) -> SickReport:
    """Close a sick report, recovered or not (e.g. "Uit dienst"), with its end reason (a SickReportEndReason,
    its id or its name; refused under `end_reason_id`). A recovered report keeps the reason of its
    hersteldmelding when none is given."""
    closed_on = parse_day(closed_on, "closed_on")
    _end_errors(report, closed_on, "closed_on", now)
    if report.recovery_date is not None and closed_on < report.recovery_date:
        raise Invalid(
            {
                "closed_on": M_(
                    "Deze datum ligt vóór de hersteldatum (%(recovery_date)s).",
                    recovery_date=dutch_date(report.recovery_date),
                )
            }
        )
    reason = find_end_reason(end_reason, required=report.end_reason is None) or report.end_reason
    report.closed_on = closed_on
    report.end_reason = reason
    refresh_open_steps(report.employee)
    log(
        actor,
        now,
        "sick_report.closed",
        f"Verzuimmelding gesloten per {dutch_date(closed_on)} ({reason.name})",
        employee_id=report.employee_id,
        subject=report,
        details={"closed_on": closed_on.isoformat(), **end_reason_details(reason)},
    )
    return report
