"""My account: every signed-in user changes their own password here (giving the old one) and sets up the
second factor (TOTP)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user, login_user

from casework.accounts import change_password
from casework.errors import Invalid
from casework.sessions import start_session
from casework.totp import unused_recovery_codes
from models import db, utcnow

from ..auth import LoginUser, actor, idle_timeout
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
            recovery_left=unused_recovery_codes(user) if user.totp_secret else 0,
        ), (422 if errors else 200)

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
