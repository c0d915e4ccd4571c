"""Views for the configurable lists of SPEC §3: deactivate instead of delete, translatable labels and enum names."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import request
from flask_admin import Admin
from flask_admin.contrib.sqla import ModelView
from flask_admin.model.fields import InlineFieldList
from flask_admin.model.widgets import RenderTemplateWidget
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, validators

from casework.agreements import service_type_move_conflict
from models import (
    AbsenceCause,
    Category,
    Characteristic,
    EndGoal,
    EndReason,
    Outcome,
    PoortwachterCarrier,
    Region,
    ServiceType,
    ServiceVariation,
    SickReportEndReason,
    SickReportOutcome,
    db,
)

from .base import ConfigListView
from .validators import InputRequired
from .words import choices, dutch, enum_filter, enum_form, enum_formatter

LISTS = "Configuratie"
PROVIDERS = "Aanbieders"
PROCESS = "Processen"

LABELS = {
    **ConfigListView.column_labels,
    "category": _l("Categorie"),
    "work_resumption": _l("Werkhervatting"),
    "end_goal.name": _l("Einddoel"),
    "templates": _l("Toegestane trajecttypen"),
    "primary_template": _l("Primair trajecttype"),
    "service_type.name": _l("Dienstverleningssoort"),
    "label": _l("Label"),
    "label.name": _l("Label"),
    "insurer.name": _l("Verzekeraar"),
}


def positive(label: Any, minimum: float = 0, strict: bool = False) -> Any:
    """A validator refusing numbers below `minimum` (or equal to it when strict), naming the field."""

    def check(form: Any, field: Any) -> None:
        value = field.data
        if value is None:
            return
        if strict and value <= minimum:
            raise validators.ValidationError(
                _("%(field)s: moet groter dan %(minimum)s zijn.", field=label, minimum=f"{minimum:g}")
            )
        if value < minimum:
            raise validators.ValidationError(
                _("%(field)s: moet minstens %(minimum)s zijn.", field=label, minimum=f"{minimum:g}")
            )

    return check


def required(label: Any) -> Any:
    """An InputRequired validator whose message names the field, in the user's language."""
    return InputRequired(message=_l("%(field)s: vul dit veld in.", field=label))


class ListView(ConfigListView):
    """A configuration list whose pages run under the console's CSP: no inline event handlers."""

    def scaffold_inline_form_models(self, form_class: Any) -> Any:
        form_class = super().scaffold_inline_form_models(form_class)
        for unbound in list(vars(form_class).values()):
            if isinstance(getattr(unbound, "field_class", None), type) and issubclass(
                unbound.field_class, InlineFieldList
            ):
                unbound.kwargs["widget"] = RenderTemplateWidget("console/inline_field_list.html")
        return form_class


class ScopedNameView(ListView):
    """A list whose names are unique within a parent (e.g. a variation's name within its service type)."""

    name_scope = ""  # the relationship attribute the name is unique within
    scope_label: Any = ""

    def validate_form(self, form: Any) -> bool:
        ok = ModelView.validate_form(self, form)  # the parent's global name check does not apply here
        if not ok or not hasattr(form, "name"):
            return ok
        name = (form.name.data or "").strip()
        if not name:
            form.name.errors = [*form.name.errors, _("Naam: vul een naam in.")]
            return False
        parent = getattr(form, self.name_scope).data
        column = getattr(self.model, f"{self.name_scope}_id")
        query = sa.select(self.model.id).where(
            self.model.name == name, column == (parent.id if parent is not None else None)
        )
        current = request.args.get("id")
        if current and current.isdigit():
            query = query.where(self.model.id != int(current))
        if db.session.scalar(query) is not None:
            form.name.errors = [
                *form.name.errors,
                _(
                    "Naam: er is al een item met de naam %(name)s bij deze %(scope)s.",
                    name=name,
                    scope=self.scope_label,
                ),
            ]
            return False
        return ok


class CategoryView(ListView):
    """Categories with the service type they belong to."""

    column_list = ("name", "service_type", "active", "position")
    column_filters = ("active", "service_type.name")
    form_columns = ("name", "description", "service_type", "active", "position")
    column_labels = LABELS


class EndReasonView(ListView):
    """End reasons: outcome class, end goal and work resumption (for the reports)."""

    column_list = ("name", "outcome", "end_goal", "work_resumption", "active", "position")
    column_sortable_list = ("name", "outcome", "work_resumption", "active", "position")
    column_formatters = {"outcome": enum_formatter}
    column_filters = (
        "active",
        enum_filter(EndReason.outcome, _l("Uitkomst"), Outcome),
        "end_goal.name",
        "work_resumption",
    )
    form_columns = ("name", "description", "outcome", "end_goal", "work_resumption", "active", "position")
    form_overrides = {"outcome": enum_form(Outcome, _l("Uitkomst"))[0]}
    form_args = {"outcome": enum_form(Outcome, _l("Uitkomst"))[1]}
    column_labels = LABELS


class SickReportEndReasonView(ListView):
    """End reasons of sick reports: the outcome class the reports count by (arbeidsuitstroom, overige
    uitstroom, einde wachttijd, pensioen, foutief opgevoerd) and the end goal a trajectory then reached."""

    column_list = ("name", "outcome", "end_goal", "active", "position")
    column_sortable_list = ("name", "outcome", "active", "position")
    column_formatters = {"outcome": enum_formatter}
    column_filters = (
        "active",
        enum_filter(SickReportEndReason.outcome, _l("Uitkomstklasse"), SickReportOutcome),
        "end_goal.name",
    )
    form_columns = ("name", "description", "outcome", "end_goal", "active", "position")
    form_overrides = {"outcome": enum_form(SickReportOutcome, _l("Uitkomstklasse"))[0]}
    form_args = {"outcome": enum_form(SickReportOutcome, _l("Uitkomstklasse"))[1]}
    column_labels = {**LABELS, "outcome": _l("Uitkomstklasse")}
    column_descriptions = {
        "outcome": _l(
            "Werkhervatting telt als arbeidsuitstroom, overige uitstroom apart; foutief opgevoerd telt nergens mee."
        ),
        "end_goal": _l("Het einddoel dat een traject bereikte als de verzuimmelding zo eindigde."),
    }


class ServiceTypeView(ListView):
    """Service types, with their variations listed."""

    column_list = ("name", "variations", "active", "position")
    column_labels = {**LABELS, "variations": _l("Variaties")}
    form_columns = ("name", "description", "active", "position")


class ServiceVariationView(ScopedNameView):
    """Variations: the trajectory templates they allow and the primary one."""

    name_scope = "service_type"
    scope_label = _l("dienstverleningssoort")
    column_list = (
        "service_type",
        "name",
        "templates",
        "primary_template",
        "poortwachter_carrier",
        "active",
        "position",
    )
    column_searchable_list = ("name", "description")
    column_filters = ("active", "service_type.name", "templates.name")
    column_sortable_list = ("name", ("service_type", "service_type.name"), "active", "position")
    column_formatters = {"poortwachter_carrier": lambda v, c, m, n: dutch(m.poortwachter_carrier) or "—"}
    form_columns = (
        "service_type",
        "name",
        "description",
        "templates",
        "primary_template",
        "poortwachter_carrier",
        "active",
        "position",
    )
    form_overrides = {"poortwachter_carrier": SelectField}
    form_args = {
        "service_type": {"validators": [required(_l("Dienstverleningssoort"))]},
        # seed 001: "De luxe" hands every WVP task to the arbodienst, "Op afroep" leaves them with the employer
        "poortwachter_carrier": {
            "label": _l("Poortwachterstappen uitgevoerd door"),
            "description": _l(
                "Wie de stappen van de Wet verbetering poortwachter draagt bij werkgevers met deze variatie. "
                "Bij 'Werkgever' krijgt de casemanager geen poortwachtersignaleringen."
            ),
            "choices": [("", _l("Niet van toepassing")), *choices(PoortwachterCarrier)],
            "coerce": lambda value: PoortwachterCarrier(value) if value else None,
        },
    }
    column_labels = {
        **LABELS,
        "templates.name": _l("Trajecttype"),
        "poortwachter_carrier": _l("Poortwachterstappen"),
    }

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        current = request.args.get("id")
        if ok and hasattr(form, "service_type") and current and current.isdigit():
            row = db.session.get(ServiceVariation, int(current))
            target = form.service_type.data
            conflict = row and service_type_move_conflict(row, target.id if target is not None else None)
            if conflict:
                form.service_type.errors = [
                    *form.service_type.errors,
                    _("Dienstverleningssoort: ") + conflict,
                ]
                return False
        if ok and hasattr(form, "primary_template"):
            primary, allowed = form.primary_template.data, form.templates.data or []
            if primary is not None and primary not in allowed:
                form.primary_template.errors = [
                    *form.primary_template.errors,
                    _(
                        "Primair trajecttype: kies een trajecttype dat ook bij de toegestane trajecttypen staat."
                    ),
                ]
                return False
        return ok


class AbsenceCauseView(ListView):
    """Non-medical causes of absence (seed 002) with the characteristics that fit them; never a diagnosis."""

    column_list = ("name", "characteristics", "active", "position")
    column_filters = ("active", "characteristics.name")
    form_columns = ("name", "description", "characteristics", "active", "position")
    form_args = {
        "characteristics": {
            "label": _l("Passende kenmerken"),
            "description": _l(
                "Taak T2 (programmaselectie) begint gefilterd op deze kenmerken; de casemanager kan dat "
                "verruimen. Alleen de achterliggende, niet-medische reden: nooit een diagnose."
            ),
        }
    }
    column_labels = {
        **LABELS,
        "characteristics": _l("Passende kenmerken"),
        "characteristics.name": _l("Kenmerk"),
    }


VIEWS: list[tuple[type[ConfigListView], Any, str, str, str]] = [
    (CategoryView, Category, "Categorieën", "categories", LISTS),
    (ListView, EndGoal, "Einddoelen", "end_goals", LISTS),
    (ListView, Region, "Regio's", "regions", LISTS),
    (ListView, Characteristic, "Kenmerken", "characteristics", LISTS),
    (AbsenceCauseView, AbsenceCause, "Verzuimoorzaken", "absence_causes", LISTS),
    (EndReasonView, EndReason, "Beëindigingsredenen", "end_reasons", LISTS),
    (
        SickReportEndReasonView,
        SickReportEndReason,
        "Beëindigingsredenen verzuim",
        "sick_report_end_reasons",
        LISTS,
    ),
    (ServiceTypeView, ServiceType, "Dienstverleningssoorten", "service_types", LISTS),
    (ServiceVariationView, ServiceVariation, "Variaties", "service_variations", LISTS),
]


def add_views(admin: Admin, session: Any) -> None:
    """Add one view per configurable list, the provider views and the process views."""
    from . import documents, labels, process, providers, triggers

    for view, model, name, endpoint, category in VIEWS:
        admin.add_view(view(model, session, name=name, endpoint=endpoint, category=category))
    labels.add_views(admin, session, LISTS)
    providers.add_views(admin, session, LISTS, PROVIDERS)
    process.add_views(admin, session, PROCESS)
    triggers.add_views(admin, session, PROCESS)
    documents.add_views(admin, session, PROCESS)
