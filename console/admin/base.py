"""Base views: role checks, deactivate instead of delete, duplicates refused naming the field."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, request, url_for
from flask_admin import AdminIndexView, expose
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_admin.contrib.sqla.filters import FilterConverter
from flask_admin.contrib.sqla.form import AdminModelConverter
from flask_admin.model import typefmt
from flask_admin.model.filters import BaseBooleanFilter
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from casework.errors import Invalid
from casework.logbook import Actor, log
from casework.schemas import LINE_CONTROL_RE
from models import db, utcnow

from ..i18n import datum, dutch_number, local_time
from .listargs import StrictListArgs
from .words import dutch

# The empty choice of an optional select: Flask-Admin leaves its text empty, and WTForms then shows the
# option's value, "__None".
BLANK_CHOICE = _l("— geen —")


def flash_refusal(error: Invalid, fields: dict[str, Any]) -> None:
    """An engine refusal as one flash per field, named by its label."""
    for name, message in error.errors.items():
        flash(_("%(field)s: %(message)s", field=fields.get(name, name), message=message), "error")


def _yes_no(view: Any, value: bool, name: str) -> Markup:
    """Flask-Admin's check/minus icon, with a Dutch tooltip instead of "active: true"."""
    icon = "fa-check-circle" if value else "fa-minus-circle"
    word = _("Ja") if value else _("Nee")
    return Markup('<span class="fa {}" title="{}"><span class="sr-only">{}</span></span>').format(
        icon, word, word
    )


# Flask-Admin's list formatters: stored (UTC) moments in the console's time zone, days as dd-mm-jjjj, yes/no,
# enum values by their Dutch names and numbers with a decimal comma (never "ADMIN" or "2500.00").
LIST_FORMATTERS = {
    **typefmt.BASE_FORMATTERS,
    bool: _yes_no,
    enum.Enum: lambda view, value, name: dutch(value),
    dt.datetime: lambda view, value, name: local_time(value),
    dt.date: lambda view, value, name: datum(value),
    Decimal: lambda view, value, name: dutch_number(value),
}


class ConsoleFilterConverter(FilterConverter):
    """Flask-Admin's filters, with "Ja"/"Nee" as the choices of a yes/no filter (its Dutch lacks "No")."""

    def convert(self, type_name: str, column: Any, name: str, **kwargs: Any) -> Any:
        made = super().convert(type_name, column, name, **kwargs)
        for made_filter in made or []:
            if isinstance(made_filter, BaseBooleanFilter):
                made_filter.options = (("1", _l("Ja")), ("0", _l("Nee")))
        return made


class ConsoleConverter(AdminModelConverter):
    """Flask-Admin's form converter with a Dutch text for the empty choice of a select."""

    def _model_select_field(self, prop: Any, multiple: Any, remote_model: Any, **kwargs: Any) -> Any:
        if not multiple:
            kwargs.setdefault("blank_text", BLANK_CHOICE)
        return super()._model_select_field(prop, multiple, remote_model, **kwargs)


class ConsoleForm(FlaskForm):
    """Every console form carries Flask-WTF's CSRF token."""


class Secured(StrictListArgs):
    """Only signed-in users with one of `roles` may see the view (and bad list arguments answer 400)."""

    roles: tuple[str, ...] = ("admin",)

    def is_accessible(self) -> bool:
        return bool(current_user.is_authenticated and current_user.role in self.roles)

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        from flask import abort

        abort(403)


class ConfigListView(Secured, ModelView):
    """A configurable list (SPEC §3): searchable, sortable, filterable; deactivated, never deleted."""

    form_base_class = ConsoleForm
    model_form_converter = ConsoleConverter
    filter_converter = ConsoleFilterConverter()
    column_type_formatters = LIST_FORMATTERS
    list_template = (
        "console/list.html"  # Flask-Admin's menu bar without inline handlers (the CSP forbids them)
    )
    can_delete = False
    can_view_details = False
    column_list: Any = ("name", "description", "active", "position")
    column_searchable_list: Any = ("name", "description")
    column_filters: Any = ("active",)
    column_sortable_list: Any = ("name", "active", "position")
    column_default_sort = ("position", False)
    form_excluded_columns: Any = ()
    column_labels = {
        "name": _l("Naam"),
        "description": _l("Omschrijving"),
        "active": _l("Actief"),
        "position": _l("Volgorde"),
        "service_type": _l("Dienstverleningssoort"),
        "end_goal": _l("Einddoel"),
        "outcome": _l("Uitkomst"),
        "insurer": _l("Verzekeraar"),
        "regions": _l("Regio's"),
        "characteristics": _l("Kenmerken"),
        "service_types": _l("Dienstverleningssoorten"),
        "provider": _l("Aanbieder"),
    }
    page_size = 50
    # Loads for what list columns show beyond the row itself (e.g. a price's task); see get_query.
    list_loads: tuple[Any, ...] = ()

    def get_query(self) -> Any:
        """The list's rows with every collection its columns show, one statement per collection (not per row).

        Flask-Admin itself joins the many-to-one and many-to-many columns; one-to-many ones are loaded here.
        """
        mapper = sa.inspect(self.model)
        loads = [
            selectinload(getattr(self.model, name))
            for name in (self.column_list or ())
            if isinstance(name, str)
            and name in mapper.relationships
            and mapper.relationships[name].direction.name == "ONETOMANY"
        ]
        return super().get_query().options(*loads, *self.list_loads)

    def handle_view_exception(self, exc: Exception) -> bool:
        if isinstance(exc, IntegrityError):
            db.session.rollback()
            message = str(exc.orig).lower()
            field = "name" if "name" in message else "?"
            label = self.column_labels.get(field, field)
            flash(_("%(field)s: deze waarde bestaat al; er is niets gewijzigd.", field=label), "error")
            return True
        return super().handle_view_exception(exc)

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        if ok and hasattr(form, "name"):
            model = self.model
            name = (form.name.data or "").strip()
            if not name:
                form.name.errors = [*form.name.errors, _("Naam: vul een naam in.")]
                return False
            if LINE_CONTROL_RE.search(name):
                form.name.errors = [*form.name.errors, _("Naam: deze tekst bevat ongeldige tekens.")]
                return False
            query = sa.select(model.id).where(model.name == name)
            current = request.args.get("id")
            if current and current.isdigit():
                query = query.where(model.id != int(current))
            if db.session.scalar(query) is not None:
                form.name.errors = [
                    *form.name.errors,
                    _("Naam: er is al een item met de naam %(name)s.", name=name),
                ]
                return False
        return ok

    def after_model_change(self, form: Any, model: Any, is_created: bool) -> None:
        verb = "created" if is_created else "changed"
        log(Actor(current_user.user), utcnow(), f"config.{verb}", f"{self.name}: {model}", subject=model)
        db.session.commit()

    def _set_active(self, ids: list[str], active: bool) -> None:
        rows = db.session.scalars(sa.select(self.model).where(self.model.id.in_([int(i) for i in ids]))).all()
        for row in rows:
            row.active = active
            log(
                Actor(current_user.user),
                utcnow(),
                "config.activated" if active else "config.deactivated",
                f"{self.name}: {row}",
                subject=row,
            )
        db.session.commit()
        if active:
            flash(_("%(count)s item(s) geactiveerd.", count=len(rows)), "success")
        else:
            flash(_("%(count)s item(s) gedeactiveerd.", count=len(rows)), "success")

    @action("deactivate", _l("Deactiveren"), _l("Deze items deactiveren?"))
    def action_deactivate(self, ids: list[str]) -> None:
        self._set_active(ids, False)

    @action("activate", _l("Activeren"))
    def action_activate(self, ids: list[str]) -> None:
        self._set_active(ids, True)


class DashboardView(Secured, AdminIndexView):
    """The console's home: open trajectories, overdue tasks, signals by kind."""

    roles = ("admin", "casemanager")

    def __init__(self, name: str | None = None, **kwargs: Any) -> None:
        super().__init__(name=_l("Overzicht"), **kwargs)  # the menu item follows the language

    @expose("/")
    def index(self) -> Any:
        from .dashboard import figures

        return self.render("console/dashboard.html", figures=figures())
