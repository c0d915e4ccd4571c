"""CSRF on every form, secure session cookies and security headers (CSP with a per-request nonce)."""

from __future__ import annotations

import secrets

import flask_babel
from flask import Flask, Response, g, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

EXEMPT_PREFIXES = ("/api/v1", "/slack/events")


def csp_nonce() -> str:
    """This request's CSP nonce (Flask-Admin puts it on its inline scripts)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy() -> str:
    """Only our own origin; inline scripts only with this request's nonce; no framing."""
    return (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{csp_nonce()}'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def _headers(response: Response) -> Response:
    """Add the security headers to every response."""
    response.headers.setdefault("Content-Security-Policy", content_security_policy())
    response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if not (request.endpoint or "").endswith("static"):
        # Dossiers, exports, the page showing a new token, API answers: personal data or secrets, which no
        # browser or proxy cache may keep (static files stay cacheable).
        response.headers["Cache-Control"] = "no-store"
    return response


def _fresh_request_state() -> None:
    """Forget per-request values left in `g` when an app context outlives a request (tests, CLI)."""
    for key in ("_login_user", "csrf_token", "csp_nonce"):
        g.pop(key, None)
    flask_babel.refresh()  # the locale is chosen per request, from the user signed in now


def init_security(app: Flask) -> None:
    """CSRF everywhere except the token- and signature-authenticated doors; cookies; headers."""
    secure = app.config.get("TRAJECT_SECURE_COOKIES", not app.debug and not app.testing)
    if secure:
        # __Host-: the browser only accepts it Secure, for "/", from this very host (no Domain), so a
        # neighbouring subdomain or a plain-HTTP page cannot plant or overwrite the session cookie.
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["SESSION_COOKIE_PATH"] = "/"
    app.config.update(
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
    )
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    csrf.init_app(app)
    for name, blueprint in app.blueprints.items():
        prefix = blueprint.url_prefix or ""
        if name.startswith("api") or prefix.startswith(EXEMPT_PREFIXES):
            csrf.exempt(blueprint)
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(EXEMPT_PREFIXES):
            view = app.view_functions[rule.endpoint]
            csrf.exempt(view)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(_headers)
