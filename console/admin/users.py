"""Users and API tokens: created through casework.accounts; deactivating a user ends their sessions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.accounts import create_api_token, create_user
from casework.errors import Invalid
from casework.logbook import log
from models import ApiToken, User, db, utcnow
from models.users import new_session_token

from ..auth import actor
from .base import LIST_FORMATTERS, ConsoleForm, Secured

ROLES = [("admin", _l("Functioneel beheerder")), ("casemanager", _l("Casemanager"))]


class UserView(Secured, ModelView):
    """Users: list, edit role/Slack id/language; deactivate (ends sessions) instead of delete."""

    form_base_class = ConsoleForm
    can_delete = False
    can_create = False
    column_list = ("email", "name", "role", "slack_user_id", "language", "active", "last_login_at")
    column_type_formatters = LIST_FORMATTERS
    column_searchable_list = ("email", "name", "slack_user_id")
    column_filters = ("role", "active", "language")
    column_sortable_list = ("email", "name", "role", "active", "last_login_at")
    form_columns = ("name", "role", "slack_user_id", "language")
    column_labels = {
        "email": _l("E-mailadres"),
        "name": _l("Naam"),
        "role": _l("Rol"),
        "slack_user_id": _l("Slack-id"),
        "language": _l("Taal"),
        "active": _l("Actief"),
        "last_login_at": _l("Laatst aangemeld"),
    }
    list_template = "console/user_list.html"

    def on_model_change(self, form: Any, model: User, is_created: bool) -> None:
        model.slack_user_id = (model.slack_user_id or "").strip() or None
        model.session_token = new_session_token()  # a role change ends the user's sessions
        log(actor(), utcnow(), "user.changed", f"Gebruiker {model.email} gewijzigd", subject=model)

    def _set_active(self, ids: list[str], active: bool) -> None:
        rows = db.session.scalars(sa.select(User).where(User.id.in_([int(i) for i in ids]))).all()
        for user in rows:
            user.active = active
            user.session_token = new_session_token()
            log(
                actor(),
                utcnow(),
                "user.activated" if active else "user.deactivated",
                user.email,
                subject=user,
            )
        db.session.commit()
        if active:
            flash(_("%(count)s gebruiker(s) geactiveerd.", count=len(rows)), "success")
        else:
            flash(_("%(count)s gebruiker(s) gedeactiveerd.", count=len(rows)), "success")

    @action("deactivate", _l("Deactiveren"), _l("Deze gebruikers deactiveren? Hun sessies eindigen."))
    def action_deactivate(self, ids: list[str]) -> None:
        self._set_active(ids, False)

    @action("activate", _l("Activeren"))
    def action_activate(self, ids: list[str]) -> None:
        self._set_active(ids, True)


class NewUserView(Secured, BaseView):
    """Create a user through the engine; errors are shown per field."""

    @expose("/", methods=["GET", "POST"])
    def index(self) -> Any:
        errors: dict[str, str] = {}
        form = request.form
        if request.method == "POST":
            try:
                user = create_user(
                    email=form.get("email", ""),
                    role=form.get("role", ""),
                    name=form.get("name") or None,
                    slack_user_id=form.get("slack_user_id") or None,
                    password=form.get("password") or None,
                    language=form.get("language", "nl"),
                    actor=actor(),
                    now=utcnow(),
                )
            except Invalid as error:  # refused before anything changed
                errors = error.errors
            else:
                db.session.commit()
                flash(_("Gebruiker %(email)s aangemaakt.", email=user.email), "success")
                return redirect(url_for("users.index_view"))
        return self.render("console/user_new.html", errors=errors, form=form, roles=ROLES)


class TokenView(Secured, ModelView):
    """API tokens: created here (shown once), revoked by deactivation; the hash is never shown."""

    form_base_class = ConsoleForm
    can_delete = False
    can_create = False
    can_edit = False
    column_list = ("name", "prefix", "user", "active", "created_at", "last_used_at")
    column_type_formatters = LIST_FORMATTERS
    column_searchable_list = ("name", "prefix")
    column_filters = ("active",)
    column_labels = {
        "name": _l("Naam"),
        "prefix": _l("Begin"),
        "user": _l("Gebruiker"),
        "active": _l("Actief"),
        "created_at": _l("Aangemaakt"),
        "last_used_at": _l("Laatst gebruikt"),
    }
    list_template = "console/token_list.html"

    @expose("/create-token", methods=["POST"])
    def create_token(self) -> Any:
        try:
            _row, token = create_api_token(name=request.form.get("name", ""), actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            for field, message in error.errors.items():
                flash(f"{field}: {message}", "error")
            return redirect(url_for("tokens.index_view"))
        db.session.commit()
        return self.render("console/token_created.html", token=token)

    @action("deactivate", _l("Deactiveren"), _l("Deze tokens intrekken?"))
    def action_deactivate(self, ids: list[str]) -> None:
        rows = db.session.scalars(sa.select(ApiToken).where(ApiToken.id.in_([int(i) for i in ids]))).all()
        for row in rows:
            row.active = False
            log(actor(), utcnow(), "token.deactivated", row.name, subject=row)
        db.session.commit()
        flash(_("%(count)s token(s) ingetrokken.", count=len(rows)), "success")


def add_views(admin: Admin, session: Any) -> None:
    """Users, new user, tokens."""
    admin.add_view(UserView(User, session, name="Gebruikers", endpoint="users", category="Beheer"))
    admin.add_view(NewUserView(name="Nieuwe gebruiker", endpoint="new_user", category="Beheer"))
    admin.add_view(TokenView(ApiToken, session, name="API-tokens", endpoint="tokens", category="Beheer"))
