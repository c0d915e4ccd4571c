"""The second step of signing in: a code from the authenticator app (or a recovery code), or, for a user who
must have a second factor and has none, setting one up (QR code, then recovery codes shown once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from casework import totp
from casework.errors import Invalid
from casework.logbook import Actor, log
from models import User, db, utcnow

from .auth import MAX_FAILURES, TOO_MANY, bp, finish_login, recent_failures
from .i18n import N_

PENDING = "pending_login"
ENROL_SECRET = "totp_enrol_secret"  # noqa: S105 - the session key that holds it, not a secret
PENDING_FOR = dt.timedelta(minutes=5)  # the password step counts this long
WRONG_CODE = N_("De code klopt niet.")


def begin_second_step(user: User, target: str) -> Any:
    """Remember that the password was right (for a few minutes) and ask for the code or the set-up."""
    session.clear()
    session[PENDING] = {
        "user": user.id,
        "token": user.session_token,
        "since": utcnow().isoformat(),
        "next": target,
    }
    db.session.commit()
    return redirect(url_for("auth.second_factor" if user.totp_secret else "auth.enrol_totp"))


def _pending_user() -> User | None:
    """The user whose password was checked a moment ago in this browser."""
    pending = session.get(PENDING) or {}
    try:
        since = dt.datetime.fromisoformat(pending["since"])
        user = db.session.get(User, int(pending["user"]))
    except (KeyError, TypeError, ValueError):
        return None
    if user is None or not user.active or user.session_token != pending.get("token"):
        return None
    if utcnow() - since > PENDING_FOR:
        return None
    return user


def _target() -> str:
    return (session.get(PENDING) or {}).get("next") or url_for("admin.index")


@bp.route("/login/code", methods=["GET", "POST"])
def second_factor() -> Any:
    """Step two: the six digits from the app, or a recovery code."""
    user = _pending_user()
    if user is None or not user.totp_secret:
        return redirect(url_for("auth.login"))
    error = ""
    if request.method == "POST":
        now = utcnow()
        address = request.remote_addr or ""
        by_account, by_address = recent_failures(user.email, address, now)
        if by_account >= MAX_FAILURES or by_address >= MAX_FAILURES:
            error = _(TOO_MANY)
        else:
            how = totp.check_second_factor(user, request.form.get("code", ""), now)
            if how is not None:
                return finish_login(user, _target(), how=how)
            log(
                Actor(name=user.email),
                now,
                "login.failed",
                "Aanmelden mislukt: onjuiste code",
                details={"email": user.email, "address": address, "step": "code"},
            )
            db.session.commit()
            error = _(WRONG_CODE)
    return render_template("console/login_code.html", error=error), (401 if error else 200)


def _enrol_page(user: User, error: str, action: str) -> Any:
    secret = session.get(ENROL_SECRET) or totp.new_secret()
    session[ENROL_SECRET] = secret
    return (
        render_template(
            "console/totp_enrol.html",
            qr=Markup(  # noqa: S704 - SVG drawn by segno from our own otpauth URI, no user markup
                totp.qr_svg(totp.provisioning_uri(user, secret))
            ),  # SVG drawn by segno from our own URI
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            error=error,
            action=action,
        ),
        (422 if error else 200),
    )


def enrol(user: User, *, action: str) -> Any:
    """The set-up page and its confirmation, for the sign-in and for the account page: the page to show, or,
    once confirmed, the list of new recovery codes."""
    if request.method == "POST":
        try:
            codes = totp.enrol_totp(
                user,
                session.get(ENROL_SECRET, ""),
                request.form.get("code", ""),
                actor=Actor(user),
                now=utcnow(),
            )
        except Invalid as refused:
            return _enrol_page(user, refused.errors["code"], action)
        session.pop(ENROL_SECRET, None)
        return codes
    return _enrol_page(user, "", action)


@bp.route("/login/setup", methods=["GET", "POST"], endpoint="enrol_totp")
def enrol_at_sign_in() -> Any:
    """A user who must have a second factor sets it up right after the password step."""
    user = _pending_user()
    if user is None or user.totp_secret:
        return redirect(url_for("auth.login"))
    target = _target()
    answer = enrol(user, action=url_for("auth.enrol_totp"))
    if not isinstance(answer, list):
        return answer
    finish_login(user, target, how="totp-enrolment")
    return render_template("console/recovery_codes.html", codes=answer, target=target)
