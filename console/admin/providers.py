"""Providers and their programmes (regions, characteristics, service types); contract models with prices."""

from __future__ import annotations

from typing import Any

from flask_admin import Admin
from flask_admin.model.form import InlineFormAdmin
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from models import ContractConsultPrice, ContractModel, ContractPrice, Programme, Provider

from ..i18n import euro
from .catalog import LABELS, ListView, ScopedNameView, positive, required
from .validators import Regexp


def _names(view: Any, context: Any, model: Any, name: str) -> str:
    return ", ".join(item.name for item in getattr(model, name))


def _price(view: Any, context: Any, model: Any, name: str) -> str:
    value = getattr(model, name)
    return "" if value is None else euro(value)


class ProviderView(ListView):
    """Providers (interventionists) with contact data and the regions they work in."""

    column_list = ("name", "contact_name", "email", "regions", "programmes", "active", "position")
    column_searchable_list = ("name", "contact_name", "email", "description")
    column_filters = ("active", "regions.name")
    column_formatters = {"regions": _names, "programmes": _names}
    form_columns = (
        "name",
        "description",
        "contact_name",
        "email",
        "phone",
        "website",
        "regions",
        "active",
        "position",
    )
    form_args = {
        "website": {
            "validators": [
                Regexp(r"^$|^https?://\S+$", message=_l("Website: begin met https:// (of laat leeg)."))
            ]
        },
    }
    column_labels = {
        **LABELS,
        "contact_name": _l("Contactpersoon"),
        "email": _l("E-mailadres"),
        "phone": _l("Telefoon"),
        "website": _l("Website"),
        "programmes": _l("Programma's"),
        "regions.name": _l("Regio"),
    }


class ProgrammeView(ScopedNameView):
    """Programmes with their provider, regions, characteristics and service types; price and duration checked."""

    name_scope = "provider"
    scope_label = _l("aanbieder")
    column_list = (
        "name",
        "provider",
        "price",
        "duration_weeks",
        "regions",
        "characteristics",
        "service_types",
        "spoor_2",
        "active",
    )
    column_searchable_list = ("name", "description")
    column_filters = ("active", "provider.name", "regions.name", "characteristics.name", "service_types.name")
    column_sortable_list = ("name", ("provider", "provider.name"), "price", "duration_weeks", "active")
    column_formatters = {
        "price": _price,
        "regions": _names,
        "characteristics": _names,
        "service_types": _names,
    }
    form_columns = (
        "name",
        "description",
        "provider",
        "price",
        "duration_weeks",
        "regions",
        "characteristics",
        "service_types",
        "spoor_2",
        "active",
        "position",
    )
    form_args = {
        "provider": {"validators": [required(_l("Aanbieder"))]},
        "price": {"validators": [required(_l("Prijs")), positive(_l("Prijs"))]},
        "duration_weeks": {
            "validators": [required(_l("Duur (weken)")), positive(_l("Duur (weken)"), 0, strict=True)]
        },
    }
    column_labels = {
        **LABELS,
        "price": _l("Prijs"),
        "duration_weeks": _l("Duur (weken)"),
        "provider.name": _l("Aanbieder"),
        "regions.name": _l("Regio"),
        "characteristics.name": _l("Kenmerk"),
        "service_types.name": _l("Dienstverleningssoort"),
        "spoor_2": _l("Spoor 2"),
    }
    column_descriptions = {
        "spoor_2": _l(
            "Re-integratie bij een andere werkgever. Wie dit programma start vóór het plan van aanpak is"
            " vastgelegd, krijgt een waarschuwing: UWV zal vragen waarom."
        )
    }

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        weeks = getattr(form, "duration_weeks", None)
        if ok and weeks is not None and weeks.data is not None and weeks.data > 520:
            weeks.errors = [*weeks.errors, _("Duur (weken): hoogstens 520 weken.")]
            return False
        return ok


class PriceInline(InlineFormAdmin):
    """One price per task template under a contract model."""

    form_columns = ("id", "task_template", "price")
    form_label = _l("Prijs")
    column_labels = {"task_template": _l("Taak"), "price": _l("Prijs (€)")}
    form_args = {
        "task_template": {"validators": [required(_l("Taak"))]},
        "price": {"validators": [required(_l("Prijs")), positive(_l("Prijs"))]},
    }


class ConsultPriceInline(InlineFormAdmin):
    """One price per consult type under a contract model: it beats the consult type's list price."""

    form_columns = ("id", "consult_type", "price")
    form_label = _l("Prijs spreekuursoort")
    column_labels = {"consult_type": _l("Spreekuursoort"), "price": _l("Prijs (€)")}
    form_args = {
        "consult_type": {"validators": [required(_l("Spreekuursoort"))]},
        "price": {"validators": [required(_l("Prijs")), positive(_l("Prijs"))]},
    }


class ContractModelView(ListView):
    """Contract models with their service type, a price per task template and per consult type (inline)."""

    column_list = ("name", "service_type", "prices", "consult_prices", "active", "position")
    list_loads = (
        selectinload(ContractModel.prices).joinedload(ContractPrice.task_template),
        selectinload(ContractModel.consult_prices).joinedload(ContractConsultPrice.consult_type),
    )
    column_filters = ("active", "service_type.name")
    column_formatters = {
        "prices": lambda v, c, m, n: Markup("<br>").join(
            f"{p.task_template.key if p.task_template else '?'}: {_price(v, c, p, 'price')}" for p in m.prices
        ),
        "consult_prices": lambda v, c, m, n: Markup("<br>").join(
            f"{p.consult_type.name if p.consult_type else '?'}: {_price(v, c, p, 'price')}"
            for p in m.consult_prices
        ),
    }
    form_columns = ("name", "description", "service_type", "prices", "consult_prices", "active", "position")
    inline_models = (PriceInline(ContractPrice), ConsultPriceInline(ContractConsultPrice))
    column_labels = {**LABELS, "prices": _l("Prijzen"), "consult_prices": _l("Prijzen spreekuursoorten")}
    create_template = "console/inline_create.html"
    edit_template = "console/inline_edit.html"

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        if ok and hasattr(form, "prices"):
            chosen = [entry.form.task_template.data for entry in form.prices.entries]
            keys = [t.id for t in chosen if t is not None]
            if len(keys) != len(set(keys)):
                form.prices.errors = [*form.prices.errors, _("Prijzen: elke taak mag maar één prijs hebben.")]
                return False
        if ok and hasattr(form, "consult_prices"):
            chosen = [entry.form.consult_type.data for entry in form.consult_prices.entries]
            keys = [t.id for t in chosen if t is not None]
            if len(keys) != len(set(keys)):
                form.consult_prices.errors = [
                    *form.consult_prices.errors,
                    _("Prijzen spreekuursoorten: elke spreekuursoort mag maar één prijs hebben."),
                ]
                return False
        return ok


def add_views(admin: Admin, session: Any, lists: str, providers: str) -> None:
    """Contract models under the lists; providers and programmes under their own menu."""
    admin.add_view(
        ContractModelView(
            ContractModel, session, name="Contractmodellen", endpoint="contract_models", category=lists
        )
    )
    admin.add_view(
        ProviderView(Provider, session, name="Aanbieders", endpoint="providers", category=providers)
    )
    admin.add_view(
        ProgrammeView(Programme, session, name="Programma's", endpoint="programmes", category=providers)
    )
