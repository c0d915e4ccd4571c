"""Request limits: the body size (413), the nesting depth of JSON, list arguments, and the client's address
behind a reverse proxy (TRAJECT_PROXY_HOPS → Werkzeug's ProxyFix)."""

from __future__ import annotations

from urllib.parse import parse_qs

from flask import Flask, Response, request
from markupsafe import escape
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from casework.jsondepth import TOO_DEEP, loads_bounded

MB = 1024 * 1024
MAX_BODY = 2 * MB  # every request
MAX_CONFIG_FILE = 10 * MB  # the configuration upload (Beheer → Configuratie export/import)
MAX_CONFIG_BODY = MAX_CONFIG_FILE + 64 * 1024  # the file plus the multipart form around it
API_PREFIX = "/api/v1"
SLACK_PATH = "/slack/events"
UPLOAD_ENDPOINT = "provider_upload.upload"


class RefusedInput(BadRequest):
    """A bad value in the query string of a console page: 400 with a Dutch explanation."""


def json_nesting_error(text: str | bytes) -> str | None:
    """Why this JSON text nests too deeply, or None (text that is no JSON is left to the view)."""
    try:
        loads_bounded(text)
    except ValueError as error:
        return TOO_DEEP if str(error) == TOO_DEEP else None
    return None


def _html(status: int, title: str, message: str) -> Response:
    """A small Dutch error page (no script, no outside resources)."""
    body = (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{escape(title)} - Traject</title>'
        f"</head><body><h1>{escape(title)}</h1><p>{escape(message)}</p>"
        '<p><a href="/admin/">Terug naar Traject</a></p></body></html>'
    )
    return Response(body, status=status, mimetype="text/html")


def _json_error(status: int, code: str, message: str) -> Response:
    from .api.common import error_response

    return error_response(status, code, message, {"_": message})


def _too_large(error: RequestEntityTooLarge) -> Response:
    """413 in Dutch: JSON under the API, a page elsewhere."""
    limit = MAX_CONFIG_FILE if request.endpoint == "configio.index" else MAX_BODY
    message = f"Het verzoek is te groot: hoogstens {limit // MB} MB."
    if request.endpoint == UPLOAD_ENDPOINT:
        from casework.uploads import link_settings

        message = f"Het bestand is te groot: hoogstens {link_settings().max_mb} MB. Er is niets opgeslagen."
    if request.path.startswith(API_PREFIX):
        return _json_error(413, "too_large", message)
    if request.path.startswith(SLACK_PATH):
        return Response(message, status=413, mimetype="text/plain")
    return _html(413, "Te groot", message)


def _refused_input(error: RefusedInput) -> Response:
    return _html(400, "Ongeldig verzoek", error.description or "")


def _guard() -> Response | None:
    """Before every request: the upload's own size limit; JSON bodies of the API and Slack not too deep."""
    if request.endpoint == "configio.index":
        request.max_content_length = MAX_CONFIG_BODY
        return None
    if request.endpoint == UPLOAD_ENDPOINT:  # a provider's report (TRAJECT_UPLOAD_MAX_MB)
        from .uploads import body_limit

        request.max_content_length = body_limit()
        return None
    path = request.path
    if not (path.startswith(API_PREFIX + "/") or path == SLACK_PATH) or request.method in ("GET", "HEAD"):
        return None
    raw = request.get_data(cache=True)  # kept for the view, which reads it again (Bolt's handler too)
    if not raw:
        return None
    if path == SLACK_PATH and request.mimetype == "application/x-www-form-urlencoded":
        texts = parse_qs(raw.decode("utf-8", "replace")).get("payload", [])
    else:
        texts = [raw]
    for text in texts:
        problem = json_nesting_error(text)
        if problem:
            if path == SLACK_PATH:
                return Response(problem, status=400, mimetype="text/plain")
            return _json_error(422, "invalid", problem)
    return None


def init_limits(app: Flask) -> None:
    """Body limits, the JSON guard and, with TRAJECT_PROXY_HOPS, the proxy's forwarded headers."""
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default is None: no limit
        app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.before_request(_guard)
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.register_error_handler(RefusedInput, _refused_input)
    hops = int(app.config.get("TRAJECT_PROXY_HOPS") or 0)
    if hops:
        # Trust exactly `hops` proxies: their X-Forwarded-For/-Proto/-Host give the client's address (the
        # sign-in lock counts it), the scheme (secure cookies, redirects) and the host name.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
