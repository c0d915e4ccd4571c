"""API doors for employers, employees and sick reports: parse, check the caseload, call ONE engine function."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import sqlalchemy as sa

from casework import registration
from casework.calendar import local_day
from casework.contacts import ContactInput, add_contact
from casework.logbook import log
from casework.riv import RivCheck, riv_check
from casework.schemas import (
    AgreementInput,
    EmployeeInput,
    EmployerInput,
    PartialRecoveryInput,
    SickReportInput,
)
from casework.sick_report_ends import active_end_reasons
from casework.workforce import WorkforceInput, add_workforce, remove_workforce, update_workforce
from models import (
    Contact,
    Employee,
    Employer,
    EmployerWorkforce,
    ServiceAgreement,
    SickReport,
    SickReportEndReason,
    db,
)

from ..transactions import writes
from .common import (
    ApiError,
    Blueprint,
    actor,
    body,
    caseload_filter,
    check_case_manager,
    check_employee,
    document_errors,
    get_or_404,
    now,
    paginated,
    require_unrestricted,
    viewer,
)
from .outputs import (
    AgreementOut,
    ContactOut,
    EmployeeOut,
    EmployerOut,
    RivCheckOut,
    SickReportEndReasonOut,
    SickReportOut,
    WorkforceOut,
)

employers = Blueprint("api_employers", __name__, url_prefix="/api/v1/employers", description="Werkgevers")
employees = Blueprint("api_employees", __name__, url_prefix="/api/v1/employees", description="Werknemers")
sick_reports = Blueprint(
    "api_sick_reports", __name__, url_prefix="/api/v1/sick-reports", description="Verzuim"
)
BLUEPRINTS = (employers, employees, sick_reports)


def json_body(schema: type[ma.Schema]) -> dict[str, Any]:
    """OpenAPI: a JSON request body described by one of the engine's input schemas."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


class SearchQuery(ma.Schema):
    """A search term: part of a name, or a personnel number."""

    q = ma.fields.String(load_default="", validate=ma.validate.Length(max=100))


END_REASON_ID = ma.validate.Range(min=1, max=2**31 - 1)


class SickReportCloseIn(ma.Schema):
    """The day a sick report ends and its end reason (GET /sick-reports/end-reasons; a recovered report keeps
    the reason of its hersteldmelding when none is given)."""

    closed_on = ma.fields.Date(required=True)
    end_reason_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=END_REASON_ID)


class RecoverIn(ma.Schema):
    """The day the employee recovered and the end reason (required; GET /sick-reports/end-reasons)."""

    recovery_date = ma.fields.Date(required=True)
    end_reason_id = ma.fields.Integer(load_default=None, allow_none=True, strict=True, validate=END_REASON_ID)


@employers.get("/")
@employers.arguments(SearchQuery, location="query")
@employers.response(200, EmployerOut(many=True))
@employers.paginate()
@document_errors(employers, 422)
def list_employers(args: dict[str, Any], pagination_parameters: Any) -> list[Employer]:
    """Employers, by name; `q` filters on part of the name."""
    query = sa.select(Employer).order_by(Employer.name, Employer.id)
    if args["q"]:
        query = query.where(Employer.name.ilike(f"%{args['q']}%"))
    return paginated(query, pagination_parameters)


@employers.post("/")
@employers.doc(**json_body(EmployerInput))
@employers.response(201, EmployerOut)
@document_errors(employers, 422)
def create_employer() -> Employer:
    """Register an employer (step 1 of the registration); not with a case manager's token (403)."""
    require_unrestricted("werkgevers aanmaken")
    return registration.register_employer(body(), actor=actor(), now=now())


@employers.get("/<int:employer_id>")
@employers.response(200, EmployerOut)
@document_errors(employers, 404)
def read_employer(employer_id: int) -> Employer:
    """One employer."""
    return get_or_404(Employer, employer_id, "Werkgever")


@employers.get("/<int:employer_id>/agreements")
@employers.response(200, AgreementOut(many=True))
@document_errors(employers, 404)
def list_agreements(employer_id: int) -> list[ServiceAgreement]:
    """The employer's service agreements, by start date."""
    return get_or_404(Employer, employer_id, "Werkgever").agreements


@employers.post("/<int:employer_id>/agreements")
@employers.doc(**json_body(AgreementInput))
@employers.response(201, AgreementOut)
@document_errors(employers, 404, 422)
def create_agreement(employer_id: int) -> ServiceAgreement:
    """Add a service agreement (step 4 of the registration): a variation the label allows, for a period;
    agreements stack across service types, never two variations of one service type on the same day (422).
    Not with a case manager's token (403)."""
    employer = get_or_404(Employer, employer_id, "Werkgever")
    require_unrestricted("dienstverleningsovereenkomsten vastleggen")
    return registration.add_service_agreement(employer, body(), actor=actor(), now=now())


@employers.get("/<int:employer_id>/workforce")
@employers.response(200, WorkforceOut(many=True))
@document_errors(employers, 404)
def list_workforce(employer_id: int) -> list[EmployerWorkforce]:
    """The employer's personeelsbestand (number of employees and fte per period), by start date: the basis of
    its absence figures (GET /reports/absence)."""
    return get_or_404(Employer, employer_id, "Werkgever").workforces


@employers.post("/<int:employer_id>/workforce")
@employers.doc(**json_body(WorkforceInput))
@employers.response(201, WorkforceOut)
@document_errors(employers, 403, 404, 422)
def create_workforce(employer_id: int) -> EmployerWorkforce:
    """Record the personeelsbestand for a period: valid_from, valid_until (empty: still valid), headcount (at
    least 1) and fte (more than 0, at most headcount × 60/38); periods of one employer may not overlap (422).
    Not with a case manager's token (403)."""
    employer = get_or_404(Employer, employer_id, "Werkgever")
    require_unrestricted("het personeelsbestand vastleggen")
    return add_workforce(employer, body(), actor=actor(), now=now())


def _workforce(employer_id: int, workforce_id: int) -> EmployerWorkforce:
    workforce = db.session.get(EmployerWorkforce, workforce_id)
    if workforce is None or workforce.employer_id != employer_id:
        get_or_404(Employer, employer_id, "Werkgever")
        raise ApiError(404, "not_found", f"Personeelsbestand {workforce_id} bestaat niet bij deze werkgever.")
    return workforce


@employers.patch("/<int:employer_id>/workforce/<int:workforce_id>")
@employers.doc(**json_body(WorkforceInput))
@employers.response(200, WorkforceOut)
@document_errors(employers, 403, 404, 422)
def change_workforce(employer_id: int, workforce_id: int) -> EmployerWorkforce:
    """Change the given fields of a personeelsbestand, with the same checks; not with a case manager's token."""
    workforce = _workforce(employer_id, workforce_id)
    require_unrestricted("het personeelsbestand wijzigen")
    return update_workforce(workforce, body(), actor=actor(), now=now())


@employers.delete("/<int:employer_id>/workforce/<int:workforce_id>")
@employers.response(204)
@document_errors(employers, 403, 404)
def delete_workforce(employer_id: int, workforce_id: int) -> None:
    """Remove a personeelsbestand (entered in error); not with a case manager's token (403)."""
    workforce = _workforce(employer_id, workforce_id)
    require_unrestricted("het personeelsbestand verwijderen")
    remove_workforce(workforce, actor=actor(), now=now())


@employers.patch("/<int:employer_id>")
@employers.doc(**json_body(EmployerInput))
@employers.response(200, EmployerOut)
@document_errors(employers, 404, 422)
def update_employer(employer_id: int) -> Employer:
    """Change the given fields of an employer (or deactivate it); not with a case manager's token (403)."""
    employer = get_or_404(Employer, employer_id, "Werkgever")
    require_unrestricted("werkgevers wijzigen of deactiveren")
    return registration.update_employer(employer, body(), actor=actor(), now=now())


@employees.get("/")
@employees.arguments(SearchQuery, location="query")
@employees.response(200, EmployeeOut(many=True))
@employees.paginate()
@document_errors(employees, 422)
def list_employees(args: dict[str, Any], pagination_parameters: Any) -> list[Employee]:
    """Employees in the token's caseload; `q` matches part of the last name or the personnel number."""
    query = caseload_filter(sa.select(Employee)).order_by(Employee.last_name, Employee.id)
    if args["q"]:
        term = args["q"].strip()
        query = query.where(sa.or_(Employee.last_name.ilike(f"%{term}%"), Employee.personnel_number == term))
    return paginated(query, pagination_parameters)


@employees.post("/")
@employees.doc(**json_body(EmployeeInput))
@employees.response(201, EmployeeOut)
@document_errors(employees, 422)
def create_employee() -> Employee:
    """Register an employee at an employer; a case manager's token registers them in its own caseload."""
    data = body()
    if viewer() is not None:
        data.setdefault("case_manager_id", viewer().id)
    check_case_manager(data)
    return registration.register_employee(data, actor=actor(), now=now())


@employees.get("/<int:employee_id>")
@employees.response(200, EmployeeOut)
@document_errors(employees, 403, 404)
@writes  # the read is in the log book
def read_employee(employee_id: int) -> Employee:
    """One employee's dossier data; the read is logged as "dossier.read"."""
    employee = check_employee(get_or_404(Employee, employee_id, "Werknemer"))
    log(
        actor(),
        now(),
        "dossier.read",
        f"Dossier van {employee.full_name} ingezien via de API",
        employee_id=employee.id,
        subject=employee,
    )
    return employee


@employees.patch("/<int:employee_id>")
@employees.doc(**json_body(EmployeeInput))
@employees.response(200, EmployeeOut)
@document_errors(employees, 403, 404, 422)
def update_employee(employee_id: int) -> Employee:
    """Change the given fields of an employee."""
    employee = check_employee(get_or_404(Employee, employee_id, "Werknemer"))
    data = body()
    check_case_manager(data)
    return registration.update_employee(employee, data, actor=actor(), now=now())


@employees.post("/<int:employee_id>/sick-reports")
@employees.doc(**json_body(SickReportInput))
@employees.response(201, SickReportOut)
@document_errors(employees, 403, 404, 422)
def create_sick_report(employee_id: int) -> SickReport:
    """Report an employee sick."""
    employee = check_employee(get_or_404(Employee, employee_id, "Werknemer"))
    return registration.register_sick_report(employee, body(), actor=actor(), now=now())


@employees.post("/<int:employee_id>/contacts")
@employees.doc(**json_body(ContactInput))
@employees.response(201, ContactOut)
@document_errors(employees, 403, 404, 422)
def create_contact(employee_id: int) -> Contact:
    """Record a contact (gesprek, telefoon, video, email) with whom, on a day; one with the werknemer sets
    laatste contact."""
    employee = check_employee(get_or_404(Employee, employee_id, "Werknemer"))
    return add_contact(employee, body(), actor=actor(), now=now())


def _report(report_id: int) -> SickReport:
    """A sick report within the token's caseload."""
    report = get_or_404(SickReport, report_id, "Verzuimmelding")
    check_employee(report.employee)
    return report


@sick_reports.get("/<int:report_id>")
@sick_reports.response(200, SickReportOut)
@document_errors(sick_reports, 403, 404)
@writes  # the read is in the log book
def read_sick_report(report_id: int) -> SickReport:
    """One sick report; the read is logged as "sick_report.read"."""
    report = _report(report_id)
    log(
        actor(),
        now(),
        "sick_report.read",
        f"Verzuimmelding van {report.employee.full_name} ingezien via de API",
        employee_id=report.employee_id,
        subject=report,
    )
    return report


@sick_reports.get("/<int:report_id>/riv-check")
@sick_reports.response(200, RivCheckOut)
@document_errors(sick_reports, 403, 404)
@writes  # the read is in the log book
def read_riv_check(report_id: int) -> RivCheck:
    """The re-integratieverslag check: what UWV expects in the RIV, each item present with its days or missing
    (`shown` from week 80 of illness; a missing item is signalled from `signalled_from`, week 85)."""
    report = _report(report_id)
    log(
        actor(),
        now(),
        "sick_report.read",
        f"Re-integratieverslag-check van {report.employee.full_name} ingezien via de API",
        employee_id=report.employee_id,
        subject=report,
    )
    others = [r for r in report.employee.sick_reports if r is not report]
    return riv_check(report, today=local_day(now()), earlier_reports=others)


@sick_reports.patch("/<int:report_id>")
@sick_reports.doc(**json_body(SickReportInput))
@sick_reports.response(200, SickReportOut)
@document_errors(sick_reports, 403, 404, 422)
def update_sick_report(report_id: int) -> SickReport:
    """Change the given fields of a sick report."""
    return registration.update_sick_report(_report(report_id), body(), actor=actor(), now=now())


@sick_reports.post("/<int:report_id>/close")
@sick_reports.arguments(SickReportCloseIn)
@sick_reports.response(200, SickReportOut)
@document_errors(sick_reports, 403, 404, 422)
def close_sick_report(args: dict[str, Any], report_id: int) -> SickReport:
    """Close a sick report on a day with its end reason (`end_reason_id`, refused when unknown or inactive)."""
    return registration.close_sick_report(
        _report(report_id),
        closed_on=args["closed_on"],
        end_reason=args["end_reason_id"],
        actor=actor(),
        now=now(),
    )


@sick_reports.post("/<int:report_id>/partial-recovery")
@sick_reports.doc(**json_body(PartialRecoveryInput))
@sick_reports.response(200, SickReportOut)
@document_errors(sick_reports, 403, 404, 422)
def partial_recovery(report_id: int) -> SickReport:
    """Gedeeltelijk herstel: the percentage still ill from a date (added to the history, never overwritten)."""
    report = _report(report_id)
    registration.record_percentage(report, body(), actor=actor(), now=now())
    return report


@sick_reports.post("/<int:report_id>/recover")
@sick_reports.arguments(RecoverIn)
@sick_reports.response(200, SickReportOut)
@document_errors(sick_reports, 403, 404, 422)
def recover(args: dict[str, Any], report_id: int) -> SickReport:
    """Hersteldmelding: the employee recovered on a day, with the end reason (`end_reason_id`, required)."""
    return registration.recover(
        _report(report_id),
        recovery_date=args["recovery_date"],
        end_reason=args["end_reason_id"],
        actor=actor(),
        now=now(),
    )


@sick_reports.get("/end-reasons")
@sick_reports.response(200, SickReportEndReasonOut(many=True))
def list_end_reasons() -> list[SickReportEndReason]:
    """The end reasons a sick report can be closed or recovered with (active ones, in the configured order),
    each with its outcome class."""
    return active_end_reasons()
