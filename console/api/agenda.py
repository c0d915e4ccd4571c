"""API doors for the agenda: availability, unavailability, free slots, consults and their status steps.

The same engine calls as the console and Slack (casework.agenda, casework.consults), so the same refusals: a
field error is 422, a step the consult's status does not allow is 409, another caseload or agenda is 403.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from marshmallow import fields

from casework import consults as engine
from casework.agenda import (
    AvailabilityInput,
    UnavailabilityInput,
    add_availability,
    add_unavailability,
    free_slots,
    remove_pattern,
)
from casework.agenda_patterns import to_local, weekday_words
from casework.calendar import local_day
from casework.consult_letters import make_invitation
from casework.consult_prices import shown_price
from casework.consult_report import consult_report, parse_month
from casework.errors import Forbidden
from models import Availability, Consult, ConsultStatus, ConsultType, Employee, Role, Unavailability, User, db

from .common import (
    ApiError,
    Blueprint,
    actor,
    body,
    check_employee,
    document_errors,
    get_or_404,
    now,
    paginated,
    token,
    viewer,
)
from .outputs import DocumentOut
from .resources import json_body

agenda = Blueprint("api_agenda", __name__, url_prefix="/api/v1/agenda", description="Agenda")
consults = Blueprint("api_consults", __name__, url_prefix="/api/v1/consults", description="Gesprekken")
employee_consults = Blueprint(
    "api_employee_consults", __name__, url_prefix="/api/v1/employees", description="Gesprekken"
)
BLUEPRINTS = (agenda, consults, employee_consults)


class LocalTime(fields.Field):
    """A naive UTC datetime shown in Dutch local time, ISO without offset."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else to_local(value).isoformat(timespec="minutes")


class PatternOut(ma.Schema):
    """An availability or unavailability."""

    id = fields.Integer()
    user_id = fields.Integer()
    recurrence = fields.Function(lambda p: p.recurrence.value)
    frequency = fields.Integer()
    date_from = fields.Date()
    date_until = fields.Date()
    start_time = fields.Function(lambda p: f"{p.start_time:%H:%M}")
    end_time = fields.Function(lambda p: f"{p.end_time:%H:%M}")
    weekdays = fields.Function(lambda p: weekday_words(p.weekdays).split(", ") if p.weekdays else [])
    remark = fields.String()


class AvailabilityOut(PatternOut):
    """An availability at a location."""

    location_id = fields.Integer()


class UnavailabilityOut(PatternOut):
    """An unavailability of a kind."""

    kind_id = fields.Integer()


class ConsultOut(ma.Schema):
    """A consult; times in Dutch local time."""

    id = fields.Integer()
    employee_id = fields.Integer()
    consult_type_id = fields.Integer()
    status = fields.Function(lambda c: c.status.value)
    status_label = fields.Function(lambda c: engine.status_label(c.status))
    user_id = fields.Integer(allow_none=True)
    location_id = fields.Integer(allow_none=True)
    starts_at = LocalTime(allow_none=True)
    ends_at = LocalTime(allow_none=True)
    period_from = fields.Date(allow_none=True)
    period_until = fields.Date(allow_none=True)
    parked_until = fields.Date(allow_none=True)
    no_show_count = fields.Integer()
    remark = fields.String()
    contact_id = fields.Integer(allow_none=True)
    price = fields.Function(
        lambda c: str(shown_price(c, local_day(now()))),
        metadata={"description": "the price that applies (contract model or list price), euro"},
    )


class SlotOut(ma.Schema):
    """A free slot, in Dutch local time, with its location."""

    starts_at = LocalTime()
    ends_at = LocalTime()
    location_id = fields.Integer(allow_none=True)


class PatternQuery(ma.Schema):
    """Whose agenda (default the token's user) and from which day on."""

    user_id = fields.Integer(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))


class SlotQuery(ma.Schema):
    """Free slots of a user for a consult type between two days (at most 62 days)."""

    user_id = fields.Integer(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    consult_type_id = fields.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    date_from = fields.Date(required=True)
    date_until = fields.Date(required=True)


class ConsultQuery(ma.Schema):
    """Consult list filters: status, employee."""

    status = fields.String(load_default=None, validate=ma.validate.OneOf([s.value for s in ConsultStatus]))
    employee_id = fields.Integer(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))


def whose_agenda(user_id: int | None, not_yours: str = "U kunt alleen uw eigen agenda zien.") -> User:
    """The agenda asked for: the token's user by default; a case manager's token sees only its own (refused
    with `not_yours`)."""
    own = token().user
    if user_id is None:
        if own is None:
            raise ApiError(422, "invalid", "Ongeldige invoer.", {"user_id": "Kies een gebruiker."})
        return own
    if own is not None and own.role != Role.ADMIN and own.id != user_id:
        raise Forbidden({"user_id": not_yours})
    user = db.session.get(User, user_id)
    if user is None:
        raise ApiError(404, "not_found", f"Gebruiker {user_id} bestaat niet.")
    return user


def _patterns(model: type, args: dict[str, Any], pagination: Any) -> list[Any]:
    user = whose_agenda(args["user_id"])
    query = sa.select(model).where(model.user_id == user.id).order_by(model.date_from, model.id)
    return paginated(query, pagination)


@agenda.get("/availabilities")
@agenda.arguments(PatternQuery, location="query")
@agenda.response(200, AvailabilityOut(many=True))
@agenda.paginate()
@document_errors(agenda, 403, 404, 422)
def list_availabilities(args: dict[str, Any], pagination_parameters: Any) -> list[Availability]:
    """A user's availability (default the token's user)."""
    return _patterns(Availability, args, pagination_parameters)


@agenda.post("/availabilities")
@agenda.doc(**json_body(AvailabilityInput))
@agenda.response(201, AvailabilityOut)
@document_errors(agenda, 403, 422)
def create_availability() -> Availability:
    """Add availability at a location: recurrence geen/wekelijks, frequency 1-3, period, times, weekdays."""
    return add_availability(body(), actor=actor(), now=now())


@agenda.delete("/availabilities/<int:item_id>")
@agenda.response(204)
@document_errors(agenda, 403, 404)
def delete_availability(item_id: int) -> None:
    """Remove an availability."""
    remove_pattern(get_or_404(Availability, item_id, "Beschikbaarheid"), actor=actor(), now=now())


@agenda.get("/unavailabilities")
@agenda.arguments(PatternQuery, location="query")
@agenda.response(200, UnavailabilityOut(many=True))
@agenda.paginate()
@document_errors(agenda, 403, 404, 422)
def list_unavailabilities(args: dict[str, Any], pagination_parameters: Any) -> list[Unavailability]:
    """A user's unavailability (default the token's user)."""
    return _patterns(Unavailability, args, pagination_parameters)


@agenda.post("/unavailabilities")
@agenda.doc(**json_body(UnavailabilityInput))
@agenda.response(201, UnavailabilityOut)
@document_errors(agenda, 403, 422)
def create_unavailability() -> Unavailability:
    """Add unavailability of a kind (verlof, cursus, ...); refused over a planned consult."""
    return add_unavailability(body(), actor=actor(), now=now())


@agenda.delete("/unavailabilities/<int:item_id>")
@agenda.response(204)
@document_errors(agenda, 403, 404)
def delete_unavailability(item_id: int) -> None:
    """Remove an unavailability."""
    remove_pattern(get_or_404(Unavailability, item_id, "Onbeschikbaarheid"), actor=actor(), now=now())


@agenda.get("/free-slots")
@agenda.arguments(SlotQuery, location="query")
@agenda.response(200, SlotOut(many=True))
@document_errors(agenda, 403, 404, 422)
def list_free_slots(args: dict[str, Any]) -> list[dict[str, Any]]:
    """Free slots for a consult type in a user's agenda: inside availability, outside unavailability and
    consults, not before now (at most 50)."""
    user = whose_agenda(args["user_id"])
    if args["date_until"] < args["date_from"]:
        raise ApiError(
            422, "invalid", "Ongeldige invoer.", {"date_until": "De einddatum ligt vóór de begindatum."}
        )
    if (args["date_until"] - args["date_from"]).days > 62:
        raise ApiError(
            422, "invalid", "Ongeldige invoer.", {"date_until": "Hoogstens 62 dagen na de begindatum."}
        )
    consult_type = get_or_404(ConsultType, args["consult_type_id"], "Spreekuursoort")
    slots = free_slots(
        user, args["date_from"], args["date_until"], consult_type.duration_minutes, now=now(), limit=50
    )
    return [
        {"starts_at": s.start, "ends_at": s.end, "location_id": getattr(s.source, "location_id", None)}
        for s in slots
    ]


class ConsultReportQuery(ma.Schema):
    """The month of the Productrapportage, as 2026-03 (default this month)."""

    month = fields.String(load_default=None, validate=ma.validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$"))


class ConsultReportRowOut(ma.Schema):
    """One consult type and user with their counts in the month."""

    consult_type = fields.String()
    user = fields.String()
    planned = fields.Integer()
    held = fields.Integer()
    cancelled = fields.Integer()
    no_show = fields.Integer()
    amount = fields.Decimal(
        as_string=True, metadata={"description": "the held consults at the price that applied to each, euro"}
    )


@agenda.get("/report")
@agenda.arguments(ConsultReportQuery, location="query")
@agenda.response(200, ConsultReportRowOut(many=True))
@document_errors(agenda, 422)
def consults_report(args: dict[str, Any]) -> list[Any]:
    """Productrapportage gesprekken: per consult type and user, consults planned, held, cancelled and not shown
    up for in the month; a case manager's token sees its own figures."""
    month = parse_month(args["month"], local_day(now()))
    return consult_report(month, token().user)


def _consult(consult_id: int) -> Consult:
    consult = get_or_404(Consult, consult_id, "Gesprek")
    check_employee(consult.employee)
    return consult


@consults.get("/")
@consults.arguments(ConsultQuery, location="query")
@consults.response(200, ConsultOut(many=True))
@consults.paginate()
@document_errors(consults, 422)
def list_consults(args: dict[str, Any], pagination_parameters: Any) -> list[Consult]:
    """Consults in the token's caseload, newest first; filters: status, employee."""
    query = sa.select(Consult)
    user = viewer()
    if user is not None:
        query = query.join(Employee, Employee.id == Consult.employee_id).where(
            Employee.case_manager_id == user.id
        )
    if args["status"]:
        query = query.where(Consult.status == args["status"])
    if args["employee_id"]:
        query = query.where(Consult.employee_id == args["employee_id"])
    return paginated(query.order_by(Consult.id.desc()), pagination_parameters)


@consults.get("/<int:consult_id>")
@consults.response(200, ConsultOut)
@document_errors(consults, 403, 404)
def read_consult(consult_id: int) -> Consult:
    """One consult."""
    return _consult(consult_id)


@employee_consults.post("/<int:employee_id>/consults")
@employee_consults.doc(**json_body(engine.ConsultInput))
@employee_consults.response(201, ConsultOut)
@document_errors(employee_consults, 403, 404, 422)
def create_consult(employee_id: int) -> Consult:
    """A new consult (afspraakopdracht) for the employee: consult type, period, status beoordelen or in_te_plannen."""
    employee = check_employee(get_or_404(Employee, employee_id, "Werknemer"))
    return engine.create_consult(employee, body(), actor=actor(), now=now())


@consults.post("/<int:consult_id>/invitation")
@consults.response(201, DocumentOut)
@document_errors(consults, 403, 404, 409, 422)
def consult_invitation(consult_id: int) -> Any:
    """Uitnodiging gesprek: the invitation letter of a planned (ingepland) consult from its document template,
    stored with the dossier's documents (its PDF at /documents/{id}/pdf)."""
    return make_invitation(_consult(consult_id), actor=actor(), now=now())


def _step(name: str, schema: type[ma.Schema], doc: str, run: Any) -> None:
    """Register POST /consults/{id}/<name>: one status step."""

    def view(consult_id: int) -> Consult:
        return run(_consult(consult_id), body())

    view.__name__ = f"consult_{name}"
    view.__doc__ = doc
    decorated = document_errors(consults, 403, 404, 409, 422)(view)
    decorated = consults.response(200, ConsultOut)(decorated)
    decorated = consults.doc(**json_body(schema))(decorated)
    consults.post(f"/<int:consult_id>/{name}")(decorated)


_step(
    "accept",
    engine.RemarkInput,
    "Beoordelen: accept (In te plannen).",
    lambda c, d: engine.assess(c, True, d, actor=actor(), now=now()),
)
_step(
    "reject",
    engine.RemarkInput,
    "Beoordelen: reject (Afgekeurd).",
    lambda c, d: engine.assess(c, False, d, actor=actor(), now=now()),
)
_step(
    "plan",
    engine.PlanInput,
    "Plan in a free slot: starts_at (local, 2026-03-05T09:00), user_id.",
    lambda c, d: engine.plan_consult(c, d, actor=actor(), now=now()),
)
_step(
    "replan",
    engine.ReplanInput,
    "Wijzigen in agenda: replan ja (tray), nee (Geannuleerd), parkeren.",
    lambda c, d: engine.replan_consult(c, d, actor=actor(), now=now()),
)
_step(
    "park",
    engine.ParkInput,
    "Park from the tray until parked_until.",
    lambda c, d: engine.park_consult(c, d, actor=actor(), now=now()),
)
_step(
    "report",
    engine.ReportInput,
    "Afmelden: outcome afgehandeld (a contact) or niet_verschenen; with document true (afgehandeld) the report"
    " text is also stored as the document 'Verslag gesprek'.",
    lambda c, d: engine.report_consult(c, d, actor=actor(), now=now()),
)
_step(
    "end",
    engine.RemarkInput,
    "Beëindigen: not held, not planned again.",
    lambda c, d: engine.end_consult(c, d, actor=actor(), now=now()),
)
