"""Labels with their house style and its preview; insurers, insurance products and referrers per label."""

from __future__ import annotations

from typing import Any

from flask import abort, request
from flask_admin import Admin, expose
from flask_admin.model.template import LinkRowAction
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import joinedload
from wtforms import BooleanField, FileField
from wtforms.validators import Optional

from casework.documents import preview
from casework.errors import Invalid
from casework.logos import MAX_LOGO_BYTES, check_logo
from models import (
    DocumentTemplate,
    InsuranceProduct,
    Insurer,
    Label,
    ProductKind,
    Referrer,
    ServiceVariation,
    db,
)

from ..i18n import euro
from .catalog import LABELS, ListView, ScopedNameView, positive, required
from .validators import Regexp
from .words import enum_filter, enum_form, enum_formatter


def sample_letter() -> DocumentTemplate:
    """A letter on fictional data to show a house style with (never saved)."""
    return DocumentTemplate(
        name="Voorbeeldbrief",
        subject="Voorbeeldbrief van {{ label.name }}",
        body=(
            "<p>{{ employer.name }}<br>{{ employer.address }}<br>{{ employer.postcode }} {{ employer.city }}</p>"
            "<p>{{ employer.city }}, {{ today }}</p><h1>Bevestiging inzet interventie</h1>"
            "<p>Beste {{ case_manager.name }},</p><p>Hierbij bevestigen wij de inzet van het programma "
            "<strong>{{ programme.name }}</strong> van {{ provider.name }} voor {{ employee.full_name }}.</p>"
            "<table><tr><th>Programma</th><th>Prijs</th></tr>"
            "<tr><td>{{ programme.name }}</td><td>{{ programme.price }}</td></tr></table>"
            "<p>Met vriendelijke groet,<br>{{ label.name }}</p>"
        ),
        use_house_style=True,
    )


def colour(label: Any) -> list[Any]:
    """Validators for a #rrggbb colour, naming the field."""
    return [
        required(label),
        Regexp(r"^#[0-9A-Fa-f]{6}$", message=_l("%(field)s: geef een kleur als #1f4e79.", field=label)),
    ]


def _swatches(view: Any, context: Any, model: Label, name: str) -> Markup:
    return Markup(
        '<span class="badge" style="background:{0};color:#fff">{0}</span> '
        '<span class="badge border" style="background:{1}">{1}</span>'
    ).format(model.colour_primary, model.colour_secondary)


class LabelView(ListView):
    """Labels: house style (colours, font, letter head, footer, logo), variations and products; a preview."""

    column_list = ("name", "colour_primary", "variations", "products", "active", "position")
    list_loads = (  # each variation and product is shown with its service type or insurer
        joinedload(Label.variations).joinedload(ServiceVariation.service_type),
        joinedload(Label.products).joinedload(InsuranceProduct.insurer),
    )
    column_formatters = {"colour_primary": _swatches}
    column_filters = ("active", "variations.name", "products.name")
    form_columns = (
        "name",
        "description",
        "colour_primary",
        "colour_secondary",
        "font_family",
        "letterhead",
        "footer",
        "logo_file",
        "remove_logo",
        "variations",
        "products",
        "active",
        "position",
    )
    form_extra_fields = {
        "logo_file": FileField(_l("Logo (PNG, JPEG, GIF, SVG of WebP, hoogstens 512 kB)")),
        "remove_logo": BooleanField(_l("Logo verwijderen")),
    }
    form_args = {
        "colour_primary": {"label": _l("Hoofdkleur"), "validators": colour(_l("Hoofdkleur"))},
        "colour_secondary": {"validators": colour(_l("Tweede kleur"))},
        "font_family": {"validators": [required(_l("Lettertype"))]},
    }
    form_widget_args = {"colour_primary": {"type": "color"}, "colour_secondary": {"type": "color"}}
    column_labels = {
        **LABELS,
        "colour_primary": _l("Huisstijl"),
        "colour_secondary": _l("Tweede kleur"),
        "font_family": _l("Lettertype"),
        "letterhead": _l("Briefhoofd"),
        "footer": _l("Voettekst"),
        "variations": _l("Toegestane variaties"),
        "products": _l("Verzekeringsproducten"),
        "variations.name": _l("Variatie"),
        "products.name": _l("Verzekeringsproduct"),
    }
    column_extra_row_actions = [
        LinkRowAction("fa fa-eye", "preview/?id={row_id}", title=_l("Huisstijl bekijken"))
    ]
    edit_template = "console/label_edit.html"

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        upload = getattr(form, "logo_file", None)
        file = upload.data if upload is not None else None
        if ok and file and getattr(file, "filename", ""):
            data = file.read(MAX_LOGO_BYTES + 1)
            try:  # the type is read from the bytes, not from what the browser says
                mime = check_logo(data)
            except Invalid as refused:
                upload.errors = [*upload.errors, _(refused.errors["logo"])]
                return False
            form.logo_bytes = (data, mime)
        return ok

    def on_model_change(self, form: Any, model: Label, is_created: bool) -> None:
        if getattr(form, "logo_bytes", None):
            model.logo, model.logo_mime_type = form.logo_bytes
        elif getattr(form, "remove_logo", None) is not None and form.remove_logo.data:
            model.logo, model.logo_mime_type = None, None

    @expose("/preview/")
    def preview_view(self) -> Any:
        """The house style on a sample letter (fictional data), in a sandboxed frame."""
        label = db.session.get(Label, request.args.get("id", type=int) or 0)
        if label is None:
            abort(404)
        return self.render("console/label_preview.html", label=label, html=preview(sample_letter(), label))


class InsurerView(ListView):
    """Insurers with contact, address and invoicing data."""

    column_list = ("name", "contact_name", "city", "products", "active", "position")
    column_searchable_list = ("name", "contact_name", "city", "description")
    column_filters = ("active", "city")
    form_columns = (
        "name",
        "description",
        "contact_name",
        "contact_email",
        "contact_phone",
        "address",
        "postcode",
        "city",
        "invoice_email",
        "iban",
        "active",
        "position",
    )
    email = r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$"
    form_args = {
        "contact_email": {"validators": [Regexp(email, message=_l("E-mail contactpersoon: ongeldig."))]},
        "invoice_email": {"validators": [Regexp(email, message=_l("E-mail facturen: ongeldig."))]},
        "iban": {
            "validators": [
                Regexp(
                    r"^$|^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$", message=_l("IBAN: bijvoorbeeld NL91ABNA0417164300.")
                )
            ]
        },
    }
    column_labels = {
        **LABELS,
        "contact_name": _l("Contactpersoon"),
        "contact_email": _l("E-mail contactpersoon"),
        "contact_phone": _l("Telefoon"),
        "address": _l("Adres"),
        "postcode": _l("Postcode"),
        "city": _l("Plaats"),
        "invoice_email": _l("E-mail facturen"),
        "iban": _l("IBAN"),
        "products": _l("Producten"),
    }


class InsuranceProductView(ScopedNameView):
    """Insurance products: kind, claims management and mandate."""

    name_scope = "insurer"
    scope_label = _l("verzekeraar")
    column_list = ("insurer", "name", "kind", "claims_management", "mandate", "active")
    column_sortable_list = (("insurer", "insurer.name"), "name", "kind", "mandate", "active")
    column_formatters = {
        "kind": enum_formatter,
        "mandate": lambda view, context, model, name: (
            euro(model.mandate) if model.mandate is not None else ""
        ),
    }
    column_filters = (
        "active",
        "insurer.name",
        enum_filter(InsuranceProduct.kind, _l("Soort"), ProductKind),
        "claims_management",
    )
    form_columns = (
        "insurer",
        "name",
        "description",
        "kind",
        "claims_management",
        "mandate",
        "active",
        "position",
    )
    form_overrides = {"kind": enum_form(ProductKind, _l("Soort"))[0]}
    form_args = {
        "kind": enum_form(ProductKind, _l("Soort"))[1],
        "insurer": {"validators": [required(_l("Verzekeraar"))]},
        "mandate": {"validators": [Optional(), positive(_l("Mandaat"))]},
    }
    column_labels = {
        **LABELS,
        "kind": _l("Soort"),
        "claims_management": _l("Schadelastbeheer"),
        "mandate": _l("Mandaat (€)"),
    }


class ReferrerView(ScopedNameView):
    """Referrers, listed per label."""

    name_scope = "label"
    scope_label = _l("label")
    column_list = ("label", "name", "active", "position")
    column_sortable_list = (("label", "label.name"), "name", "active", "position")
    column_filters = ("active", "label.name")
    form_columns = ("label", "name", "description", "active", "position")
    form_args = {"label": {"validators": [required(_l("Label"))]}}
    column_labels = LABELS


def add_views(admin: Admin, session: Any, category: str) -> None:
    """Labels, insurers, products, referrers."""
    admin.add_view(LabelView(Label, session, name="Labels", endpoint="labels", category=category))
    admin.add_view(InsurerView(Insurer, session, name="Verzekeraars", endpoint="insurers", category=category))
    admin.add_view(
        InsuranceProductView(
            InsuranceProduct,
            session,
            name="Verzekeringsproducten",
            endpoint="insurance_products",
            category=category,
        )
    )
    admin.add_view(
        ReferrerView(Referrer, session, name="Aanmelders", endpoint="referrers", category=category)
    )
