"""The REST API at /api/v1 (SPEC §8): flask-smorest blueprints, bearer tokens, JSON errors, OpenAPI and docs.

Auth: `Authorization: Bearer <token>`, checked with casework.accounts.find_token. A token linked to a case manager
sees and changes only that caseload (employees whose case manager they are, 403 otherwise); a token linked to an
administrator, or to no user, sees everything. Every call runs as `Actor(name="api:<token name>", user=token.user)`.
The API is token-only: it never uses the console's login session or CSRF (exempt it if CSRFProtect is added).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from casework.errors import Forbidden, Invalid, NotFound
from casework.taskresults import flatten
from models import db

from ..errors import html_page, words
from . import absence, agenda, agenda_tasks, docs, dossier, reports, resources, work
from .common import (
    PREFIX,
    ApiError,
    ApiErrorSchema,
    authenticate,
    error_response,
    log_refusal,
    note_use_after_read,
)

__all__ = ["init_api"]


class TrajectApi(Api):
    """flask-smorest's Api whose error handlers answer only under /api/v1 (the console keeps its own)."""

    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self) -> None:
        """Registered by init_api instead, limited to the API's paths."""


def _handle_http(error: HTTPException) -> Any:
    """JSON for HTTP errors under /api/v1 (smorest's 422 included); the console's Dutch page elsewhere."""
    if not request.path.startswith(PREFIX):
        return html_page(error)
    data = getattr(error, "data", None) or {}
    errors = flatten(data["messages"]) if "messages" in data else {}
    if isinstance(data.get("messages"), dict):  # smorest nests by location: {"json": {...}, "query": {...}}
        errors = {}
        for messages in data["messages"].values():
            errors.update(flatten(messages))
    code = {422: "invalid"}.get(error.code or 500, (error.name or "error").lower().replace(" ", "_"))
    message = "Ongeldige invoer." if error.code == 422 else words(error)[1]
    return error_response(error.code or 500, code, message, errors)


def _handle_invalid(error: Invalid) -> Any:
    """The engine's refusals: 404 NotFound, 403 Forbidden, 409 for a state conflict, else 422."""
    if isinstance(error, NotFound):
        return error_response(404, "not_found", error.message, error.errors)
    if isinstance(error, Forbidden):
        return error_response(403, "forbidden", error.message, error.errors)
    status = 409 if getattr(error, "conflict", False) else 422
    return error_response(status, "conflict" if status == 409 else "invalid", error.message, error.errors)


def _handle_api_error(error: ApiError) -> Any:
    """A refusal of the API door itself (401, 403, 404, 409)."""
    return error_response(error.status, error.code, error.message, error.errors)


def _handle_out_of_range(error: Exception) -> Any:
    """A number the database cannot hold (e.g. an id of 30 digits) is bad input, not a server error."""
    db.session.rollback()
    if not request.path.startswith(PREFIX):
        raise error
    return error_response(
        422, "invalid", "Een getal is te groot.", {"_": "Een getal valt buiten het bereik."}
    )


def _finish(response: Response) -> Response:
    """Commit a successful API call (with its log entries and the token's last use), roll back a refused one;
    a refusal to reach someone else's data (403) is then written to the log book in a transaction of its own,
    so it survives the rollback. No API answer is kept by a cache."""
    if request.path.startswith(PREFIX):
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
            if response.status_code == 403:
                log_refusal(response.status_code)
        note_use_after_read()
        response.headers["Cache-Control"] = "no-store"
    return response


def _numeric_bounds(self: Any, field: Any, ret: dict[str, Any], **_kw: Any) -> dict[str, Any]:
    """OpenAPI wants numbers for minimum/maximum; apispec writes a Decimal bound as a string."""
    return {
        key: float(ret[key]) for key in ("minimum", "maximum") if isinstance(ret.get(key), (str, Decimal))
    }


def init_api(app: Flask) -> TrajectApi:
    """Mount the API on the app."""
    app.config.setdefault("API_TITLE", "Traject API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", {"security": [{"bearerAuth": []}]})
    api = TrajectApi(app)
    api.ma_plugin.converter.add_attribute_function(_numeric_bounds)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    for module in (resources, dossier, work, reports, absence, agenda, agenda_tasks):
        for blueprint in module.BLUEPRINTS:
            api.register_blueprint(blueprint)
    app.extensions["traject_api"] = api
    app.register_blueprint(docs.bp)
    app.before_request(authenticate)
    app.after_request(_finish)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(Invalid, _handle_invalid)
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(OverflowError, _handle_out_of_range)
    app.register_error_handler(sa.exc.DataError, _handle_out_of_range)
    return api
