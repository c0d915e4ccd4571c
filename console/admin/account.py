"""My account: every signed-in user changes their own password here (giving the old one) and sets up the
second factor (TOTP)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user, login_user

from casework import totp as second_factor
from casework.accounts import change_password
from casework.errors import Invalid
from casework.logbook import Actor, log
from casework.sessions import start_session
from models import db, utcnow

from ..auth import MAX_FAILURES, TOO_MANY, LoginUser, actor, idle_timeout, recent_failures
from ..second_factor import enrol
from .base import Secured


def renew_session() -> None:
    """After a change of credentials: a new server-side session (and CSRF token) for this browser."""
    user = current_user.user
    session.clear()
    key = start_session(user, utcnow(), idle=idle_timeout())
    db.session.commit()
    login_user(LoginUser(user, key))


class AccountView(Secured, BaseView):
    """The signed-in user's own account."""

    roles = ("admin", "casemanager")

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        errors: dict[str, str] = {}
        if request.method == "POST":
            try:
                change_password(
                    current_user.user,
                    old_password=request.form.get("old_password", ""),
                    new_password=request.form.get("new_password", ""),
                    repeat=request.form.get("repeat", ""),
                    actor=actor(),
                    now=utcnow(),
                )
            except Invalid as refused:  # nothing changed
                errors = refused.errors
            else:
                renew_session()
                flash(_("Wachtwoord gewijzigd. Uw andere sessies zijn beëindigd."), "success")
                return redirect(url_for("account.index"))
        user = current_user.user
        return self.render(
            "console/account.html",
            errors=errors,
            user=user,
            totp_on=bool(user.totp_secret),
            recovery_left=second_factor.unused_recovery_codes(user) if user.totp_secret else 0,
        ), (422 if errors else 200)

    @expose("/recovery-codes/", methods=["POST"])
    def recovery_codes(self) -> Any:
        """New recovery codes (the old ones stop working), against a current code from the app; wrong codes count
        towards the same lock as at sign-in."""
        user = current_user.user
        now = utcnow()
        address = request.remote_addr or ""
        by_account, by_address = recent_failures(user.email, address, now)
        if by_account >= MAX_FAILURES or by_address >= MAX_FAILURES:
            flash(_(TOO_MANY), "error")
            return redirect(url_for("account.index"))
        try:
            codes = second_factor.renew_recovery_codes(
                user, request.form.get("code", ""), actor=actor(), now=now
            )
        except Invalid as refused:  # nothing changed but the failure count
            db.session.rollback()
            log(
                Actor(name=user.email),
                now,
                "login.failed",
                "Nieuwe herstelcodes geweigerd: onjuiste code",
                details={"email": user.email, "address": address, "step": "recovery_codes"},
            )
            db.session.commit()
            flash(_("Code uit de app: %(message)s", message=_(refused.errors["code"])), "error")
            return redirect(url_for("account.index"))
        db.session.commit()
        return render_template("console/recovery_codes.html", codes=codes, target=url_for("account.index"))

    @expose("/totp/", methods=["GET", "POST"])
    def totp(self) -> Any:
        """Set up the second factor (QR code, then the recovery codes shown once)."""
        user = current_user.user
        if user.totp_secret:
            return redirect(url_for("account.index"))
        answer = enrol(user, action=url_for("account.totp"))
        if not isinstance(answer, list):
            return answer
        db.session.commit()
        return render_template("console/recovery_codes.html", codes=answer, target=url_for("account.index"))


def add_views(admin: Admin) -> None:
    """My account."""
    admin.add_view(AccountView(name="Mijn account", endpoint="account", url="/admin/account"))
