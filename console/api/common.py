"""What every API door shares: the token check, the acting token, caseload checks, errors, pagination."""

from __future__ import annotations

import datetime as dt
from typing import Any

import flask_smorest
import marshmallow as ma
import sqlalchemy as sa
from flask import g, jsonify, request

from casework.accounts import find_token, note_token_use, token_use_due
from casework.logbook import Actor
from models import ApiToken, Employee, Role, User, db
from models.base import utcnow
from models.engine import is_lock_timeout

from ..transactions import is_reading, start_writing

PREFIX = "/api/v1"
PUBLIC = (f"{PREFIX}/openapi.json", f"{PREFIX}/docs")
# A list counts its matches up to this many rows past the requested page; beyond that, X-Pagination's `total` is
# a lower bound (`total_capped`), so a page of a list with a million matches costs what a page costs.
COUNT_AHEAD = 1000


class ApiError(Exception):
    """A refusal by the API door: status, code, message, errors by field."""

    def __init__(self, status: int, code: str, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors or {}


class ApiErrorSchema(ma.Schema):
    """Every error: a code, a message and the errors by field."""

    code = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)


def error_response(status: int, code: str, message: str, errors: dict[str, str] | None = None) -> Any:
    """The JSON body of an error with its status."""
    response = jsonify({"code": code, "message": message, "errors": errors or {}})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def authenticate() -> None:
    """Before every request under /api/v1: find the bearer token, note its use, set the actor."""
    if not request.path.startswith(PREFIX + "/") or request.path in PUBLIC:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise ApiError(401, "unauthorized", "Geef een API-token: Authorization: Bearer <token>.")
    g.api_now = utcnow()
    token = find_token(secret.strip(), g.api_now)
    if token is None:
        raise ApiError(401, "unauthorized", "Onbekend, verlopen of ingetrokken API-token.")
    g.api_token = token
    g.api_token_name, g.api_token_user_id = token.name, token.user_id  # still known after a rollback
    if is_reading():  # no write in a read: a due last use is recorded after the answer (note_use_after_read)
        g.api_token_use_due = token_use_due(token, g.api_now)
    else:
        note_token_use(token, g.api_now)


def note_use_after_read() -> None:
    """After a read: record the token's last use when it was due, in a short transaction of its own.

    Best effort: when the database stays busy, this use goes unrecorded (the next one a minute later is).
    """
    if not g.pop("api_token_use_due", False):
        return
    start_writing()
    note_token_use(g.api_token, g.api_now)
    try:
        db.session.commit()
    except sa.exc.OperationalError as error:
        db.session.rollback()
        if not is_lock_timeout(error):
            raise


def token() -> ApiToken:
    """The token of this request."""
    return g.api_token


def now() -> dt.datetime:
    """The time of this request (UTC, naive)."""
    return g.api_now


def actor() -> Actor:
    """The log book's actor for this request: the token's name, acting with the token's user."""
    return Actor(user=token().user, name=f"api:{token().name}")


def viewer() -> User | None:
    """The user whose caseload limits this token, or None when it sees everything."""
    user = token().user
    return user if user is not None and user.role != Role.ADMIN else None


def caseload_filter(query: sa.Select) -> sa.Select:
    """Limit a query that joins Employee to the token's caseload."""
    user = viewer()
    return query if user is None else query.where(Employee.case_manager_id == user.id)


def in_caseload(query: sa.Select, *joins: Any) -> sa.Select:
    """Limit a query to the token's caseload, joining `joins` (ending at Employee) only when a caseload limits
    it: a token that sees everything reads the list's own table and its indexes alone."""
    user = viewer()
    if user is None:
        return query
    for target in joins:
        query = query.join(*target) if isinstance(target, tuple) else query.join(target)
    return query.where(Employee.case_manager_id == user.id)


def check_employee(employee: Employee) -> Employee:
    """Refuse (403) an employee outside the token's caseload."""
    user = viewer()
    if user is not None and employee.case_manager_id != user.id:
        g.api_refused_employee_id = employee.id  # the refusal is logged in this employee's log book
        raise ApiError(
            403, "forbidden", "Deze werknemer hoort niet bij uw caseload.", {"employee": "Andere caseload."}
        )
    return employee


def check_case_manager(data: dict[str, Any], field: str = "case_manager_id") -> None:
    """A case manager's token may give a dossier only to that case manager (403 for anyone else)."""
    user = viewer()
    if user is not None and field in data and data[field] != user.id:
        raise ApiError(
            403,
            "forbidden",
            "Met dit token kunt u geen andere casemanager toewijzen.",
            {field: "Alleen uzelf."},
        )


def require_unrestricted(what: str) -> None:
    """Refuse (403) a change that only an administrator's token (or one linked to nobody) may make."""
    if viewer() is not None:
        raise ApiError(403, "forbidden", f"Met het token van een casemanager kunt u geen {what}.", {})


def log_refusal(status: int) -> None:
    """After the rollback of a refused call: write its trace to the log book and commit it on its own."""
    row = g.get("api_token")
    if row is None:
        return
    start_writing()  # also after a refused read
    name, user_id = g.api_token_name, g.api_token_user_id
    from models import LogEntry

    db.session.add(
        LogEntry(
            at=g.api_now,
            actor_id=user_id,
            actor_name=f"api:{name}",
            action="api.refused",
            message=f"API-aanroep geweigerd ({status}): {request.method} {request.path}",
            employee_id=g.get("api_refused_employee_id"),
            subject_type="api_tokens",
            subject_id=row_id(row),
            details={"method": request.method, "path": request.path, "status": status},
        )
    )
    db.session.commit()


def row_id(row: ApiToken) -> int | None:
    """The token's id without loading it again after a rollback."""
    return sa.inspect(row).identity[0] if sa.inspect(row).identity else None


def get_or_404(model: type, object_id: int, what: str) -> Any:
    """The row with this id, or a JSON 404."""
    row = db.session.get(model, object_id)
    if row is None:
        raise ApiError(404, "not_found", f"{what} {object_id} bestaat niet.")
    return row


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint whose X-Pagination says when the total was capped (see paginated)."""

    @staticmethod
    def _make_pagination_metadata(page: int, page_size: int, item_count: int) -> dict[str, Any]:
        metadata = flask_smorest.Blueprint._make_pagination_metadata(page, page_size, item_count)
        if g.get("api_total_capped"):  # at least item_count: no last page can be named
            metadata.pop("total_pages", None)
            metadata.pop("last_page", None)
            metadata["total_capped"] = True
        return metadata


def paginated(query: sa.Select, pagination: Any) -> list[Any]:
    """One page of a query's rows (ordered by the caller) in two statements: the page, and its matches counted
    up to COUNT_AHEAD rows past the page for the X-Pagination header (exact below that, `total_capped` above)."""
    cap = pagination.first_item + pagination.page_size + COUNT_AHEAD
    matches = (
        query.with_only_columns(sa.literal_column("1"), maintain_column_froms=True)
        .order_by(None)
        .limit(cap + 1)
        .subquery()
    )
    counted = db.session.scalar(sa.select(sa.func.count()).select_from(matches))
    g.api_total_capped = counted > cap
    pagination.item_count = min(counted, cap)
    return list(db.session.scalars(query.limit(pagination.page_size).offset(pagination.first_item)))


def open_status(model: Any) -> sa.ColumnElement[bool]:
    """`status = 'open'` written out, not bound: only then can SQLite (never for a parameter) and PostgreSQL (not
    in the generic plan of a prepared statement) use the partial indexes of open rows."""
    return sa.text(f"{model.__tablename__}.status = 'open'")


def body() -> dict[str, Any]:
    """The JSON object of the request (an empty dict when absent); anything else is refused."""
    data = request.get_json(silent=True)
    if data is None and request.get_data():
        raise ApiError(422, "invalid", "De body is geen JSON.", {"_": "Geen geldige JSON."})
    if data is not None and not isinstance(data, dict):
        raise ApiError(422, "invalid", "De body moet een JSON-object zijn.", {"_": "Geen JSON-object."})
    return data or {}


ERRORS = {
    401: ApiErrorSchema,
    403: ApiErrorSchema,
    404: ApiErrorSchema,
    409: ApiErrorSchema,
    422: ApiErrorSchema,
}


def document_errors(blueprint: Any, *statuses: int) -> Any:
    """Decorator: document the JSON error responses an endpoint may give."""

    def wrap(function: Any) -> Any:
        for status in (401, *statuses):
            function = blueprint.alt_response(status, schema=ApiErrorSchema, description="Fout")(function)
        return function

    return wrap
