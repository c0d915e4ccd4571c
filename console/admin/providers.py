"""Providers and their programmes (regions, characteristics, service types); contract models with prices."""

from __future__ import annotations

from typing import Any

from flask_admin import Admin
from flask_admin.model.form import InlineFormAdmin
from markupsafe import Markup
from wtforms import validators

from models import ContractModel, ContractPrice, Programme, Provider

from .catalog import LABELS, ListView, ScopedNameView, positive, required


def _names(view: Any, context: Any, model: Any, name: str) -> str:
    return ", ".join(item.name for item in getattr(model, name))


def _price(view: Any, context: Any, model: Any, name: str) -> str:
    value = getattr(model, name)
    return "" if value is None else f"€ {value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


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
                validators.Regexp(r"^$|^https?://\S+$", message="Website: begin met https:// (of laat leeg).")
            ]
        },
    }
    column_labels = {
        **LABELS,
        "contact_name": "Contactpersoon",
        "email": "E-mailadres",
        "phone": "Telefoon",
        "website": "Website",
        "programmes": "Programma's",
        "regions.name": "Regio",
    }


class ProgrammeView(ScopedNameView):
    """Programmes with their provider, regions, characteristics and service types; price and duration checked."""

    name_scope = "provider"
    scope_label = "aanbieder"
    column_list = (
        "name",
        "provider",
        "price",
        "duration_weeks",
        "regions",
        "characteristics",
        "service_types",
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
        "active",
        "position",
    )
    form_args = {
        "provider": {"validators": [required("Aanbieder")]},
        "price": {"validators": [required("Prijs"), positive("Prijs")]},
        "duration_weeks": {
            "validators": [required("Duur (weken)"), positive("Duur (weken)", 0, strict=True)]
        },
    }
    column_labels = {
        **LABELS,
        "price": "Prijs",
        "duration_weeks": "Duur (weken)",
        "provider.name": "Aanbieder",
        "regions.name": "Regio",
        "characteristics.name": "Kenmerk",
        "service_types.name": "Dienstverleningssoort",
    }

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        weeks = getattr(form, "duration_weeks", None)
        if ok and weeks is not None and weeks.data is not None and weeks.data > 520:
            weeks.errors = [*weeks.errors, "Duur (weken): hoogstens 520 weken."]
            return False
        return ok


class PriceInline(InlineFormAdmin):
    """One price per task template under a contract model."""

    form_columns = ("id", "task_template", "price")
    form_label = "Prijs"
    column_labels = {"task_template": "Taak", "price": "Prijs (€)"}
    form_args = {
        "task_template": {"validators": [required("Taak")]},
        "price": {"validators": [required("Prijs"), positive("Prijs")]},
    }


class ContractModelView(ListView):
    """Contract models with their service type and a price per task template (edited inline)."""

    column_list = ("name", "service_type", "prices", "active", "position")
    column_filters = ("active", "service_type.name")
    column_formatters = {
        "prices": lambda v, c, m, n: Markup("<br>").join(
            f"{p.task_template.key if p.task_template else '?'}: {_price(v, c, p, 'price')}" for p in m.prices
        )
    }
    form_columns = ("name", "description", "service_type", "prices", "active", "position")
    inline_models = (PriceInline(ContractPrice),)
    column_labels = {**LABELS, "prices": "Prijzen"}
    create_template = "console/inline_create.html"
    edit_template = "console/inline_edit.html"

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        if ok and hasattr(form, "prices"):
            chosen = [entry.form.task_template.data for entry in form.prices.entries]
            keys = [t.id for t in chosen if t is not None]
            if len(keys) != len(set(keys)):
                form.prices.errors = [*form.prices.errors, "Prijzen: elke taak mag maar één prijs hebben."]
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
