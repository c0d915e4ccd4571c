"""Users and API tokens: created through casework.accounts; deactivating a user ends their sessions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import flash, make_response, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import InputRequired

from casework.accounts import create_api_token, create_user, revoke_token, revoke_user_tokens
from casework.errors import Invalid
from casework.logbook import log
from casework.schemas import LINE_CONTROL_RE
from models import ApiToken, Language, Role, User, db, utcnow
from models.users import new_session_token

from ..auth import actor
from .base import LIST_FORMATTERS, ConsoleConverter, ConsoleFilterConverter, ConsoleForm, Secured

ROLES = [("admin", _l("Functioneel beheerder")), ("casemanager", _l("Casemanager"))]
LANGUAGES = [("nl", _l("Nederlands")), ("en", _l("Engels"))]
# The engine's field names in the words of the forms, for its refusals.
FIELD_NAMES = {
    "email": _l("E-mailadres"),
    "role": _l("Rol"),
    "name": _l("Naam"),
    "slack_user_id": _l("Slack-id"),
    "password": _l("Wachtwoord"),
    "language": _l("Taal"),
    "user": _l("Gebruiker"),
    "expires_days": _l("Geldigheid (dagen)"),
}


def _role(value: Any) -> Role:
    """The form's role as the enum, so the stored role is the selected option (not the first one)."""
    return value if isinstance(value, Role) else Role(str(value))


def _language(value: Any) -> Language:
    """The form's language as the enum, so the stored language is the selected option."""
    return value if isinstance(value, Language) else Language(str(value))


class UserView(Secured, ModelView):
    """Users: list, edit role/Slack id/language; deactivate (ends sessions) instead of delete."""

    form_base_class = ConsoleForm
    can_delete = False
    can_create = False
    column_list = ("email", "name", "role", "slack_user_id", "language", "active", "last_login_at")
    column_type_formatters = LIST_FORMATTERS
    model_form_converter = ConsoleConverter
    filter_converter = ConsoleFilterConverter()
    column_searchable_list = ("email", "name", "slack_user_id")
    column_filters = ("role", "active", "language")
    column_sortable_list = ("email", "name", "role", "active", "last_login_at")
    form_columns = ("name", "role", "slack_user_id", "language")
    # Flask-Admin's Enum field coerces a stored member to its NAME ("ADMIN"), which matches no option, so the
    # edit form showed (and saved) the first one: our own selects coerce to the enum instead.
    form_overrides = {"role": SelectField, "language": SelectField}
    form_args = {
        "role": {"choices": ROLES, "coerce": _role, "validators": [InputRequired()]},
        "language": {"choices": LANGUAGES, "coerce": _language, "validators": [InputRequired()]},
    }
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

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        if ok and hasattr(form, "name"):
            name = (form.name.data or "").strip()
            if not name or LINE_CONTROL_RE.search(name):
                form.name.errors = [*form.name.errors, _("Naam: vul een naam in zonder stuurtekens.")]
                return False
        return ok

    def on_model_change(self, form: Any, model: User, is_created: bool) -> None:
        now = utcnow()
        model.slack_user_id = (model.slack_user_id or "").strip() or None
        model.session_token = new_session_token()  # a role change ends the user's sessions
        log(actor(), now, "user.changed", f"Gebruiker {model.email} gewijzigd", subject=model)
        if sa.inspect(model).attrs.role.history.has_changes():  # ... and their API tokens
            revoke_user_tokens(model, actor=actor(), now=now, reason=f"rol van {model.email} gewijzigd")

    def _set_active(self, ids: list[str], active: bool) -> None:
        rows = db.session.scalars(sa.select(User).where(User.id.in_([int(i) for i in ids]))).all()
        now = utcnow()
        for user in rows:
            user.active = active
            user.session_token = new_session_token()
            log(actor(), now, "user.activated" if active else "user.deactivated", user.email, subject=user)
            if not active:  # tokens die with their user: reactivating does not bring them back
                revoke_user_tokens(user, actor=actor(), now=now, reason=f"{user.email} gedeactiveerd")
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
        return self.render(
            "console/user_new.html", errors=errors, form=form, roles=ROLES, field_names=FIELD_NAMES
        )


class TokenView(Secured, ModelView):
    """API tokens: created here (shown once), revoked by deactivation; the hash is never shown."""

    form_base_class = ConsoleForm
    can_delete = False
    can_create = False
    can_edit = False
    column_type_formatters = LIST_FORMATTERS
    model_form_converter = ConsoleConverter
    filter_converter = ConsoleFilterConverter()
    column_searchable_list = ("name", "prefix")
    column_filters = ("active",)
    column_labels = {
        "name": _l("Naam"),
        "prefix": _l("Begin"),
        "user": _l("Gebruiker"),
        "active": _l("Actief"),
        "created_at": _l("Aangemaakt"),
        "last_used_at": _l("Laatst gebruikt"),
        "expires_at": _l("Verloopt"),
    }
    list_template = "console/token_list.html"

    column_list = ("name", "prefix", "user", "active", "created_at", "expires_at", "last_used_at")

    def render(self, template: str, **kwargs: Any) -> Any:
        kwargs.setdefault("token_users", _active_users())
        return super().render(template, **kwargs)

    @expose("/create-token", methods=["POST"])
    def create_token(self) -> Any:
        form = request.form
        errors: dict[str, str] = {}
        user = None
        if form.get("user_id"):
            wanted = form["user_id"]
            user = db.session.get(User, int(wanted)) if wanted.isdigit() and len(wanted) < 10 else None
            if user is None or not user.active:
                errors["user"] = _("Kies een actieve gebruiker.")
        days = None
        if form.get("expires_days", "").strip():
            text = form["expires_days"].strip()
            days = int(text) if text.isdigit() and len(text) < 6 else None
            if days is None:
                errors["expires_days"] = _("Geef de geldigheid als een aantal dagen.")
        try:
            if errors:
                raise Invalid(errors)
            _row, token = create_api_token(
                name=form.get("name", ""), user=user, expires_days=days, actor=actor(), now=utcnow()
            )
        except Invalid as error:  # refused before anything changed
            for field, message in error.errors.items():
                flash(f"{FIELD_NAMES.get(field, field)}: {message}", "error")
            return redirect(url_for("tokens.index_view"))
        db.session.commit()
        response = make_response(self.render("console/token_created.html", token=token))
        response.headers["Cache-Control"] = "no-store"  # the secret is on this page
        return response

    @action("deactivate", _l("Intrekken"), _l("Deze tokens intrekken?"))
    def action_deactivate(self, ids: list[str]) -> None:
        rows = db.session.scalars(sa.select(ApiToken).where(ApiToken.id.in_([int(i) for i in ids]))).all()
        now = utcnow()
        for row in rows:
            revoke_token(row, actor=actor(), now=now)
        db.session.commit()
        flash(_("%(count)s token(s) ingetrokken.", count=len(rows)), "success")


def _active_users() -> list[User]:
    """Who a new token can act for."""
    return list(db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.email)))


def add_views(admin: Admin, session: Any) -> None:
    """Users, new user, tokens."""
    admin.add_view(UserView(User, session, name="Gebruikers", endpoint="users", category="Beheer"))
    admin.add_view(NewUserView(name="Nieuwe gebruiker", endpoint="new_user", category="Beheer"))
    admin.add_view(TokenView(ApiToken, session, name="API-tokens", endpoint="tokens", category="Beheer"))
