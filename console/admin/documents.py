"""Document templates: the body checked on save, a preview on demo data (HTML in a sandboxed frame, or PDF)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Response, abort, request
from flask_admin import Admin, expose
from flask_admin.model.template import LinkRowAction
from flask_babel import lazy_gettext as _l

from casework.documents import preview, render_pdf, validate_template_body
from casework.errors import Invalid
from models import DocumentTemplate, Label, db

from .catalog import LABELS, ListView, required


class DocumentTemplateView(ListView):
    """Document templates: subject and body with merge fields, house style or own style; a preview."""

    column_list = ("name", "subject", "use_house_style", "active", "position")
    column_searchable_list = ("name", "subject", "description", "body")
    column_filters = ("active", "use_house_style")
    column_sortable_list = ("name", "subject", "use_house_style", "active", "position")
    form_columns = (
        "name",
        "description",
        "subject",
        "body",
        "use_house_style",
        "own_style",
        "active",
        "position",
    )
    form_args = {"body": {"validators": [required(_l("Tekst"))]}}
    form_widget_args = {"body": {"rows": 16}, "own_style": {"rows": 4}}
    column_labels = {
        **LABELS,
        "subject": _l("Onderwerp"),
        "body": _l("Tekst"),
        "use_house_style": _l("Huisstijl van het label"),
        "own_style": _l("Eigen opmaak (CSS)"),
    }
    column_descriptions = {
        "body": _l(
            "HTML met samenvoegvelden, bijvoorbeeld {{ employee.full_name }} of {{ programme.price }}. Met "
            "{{ upload.url }} krijgt elk document een nieuwe persoonlijke uploadlink voor de provider (de vorige "
            "vervalt), met {{ upload.expires_on }} en {{ upload.max_mb }}."
        ),
        "own_style": _l("Alleen gebruikt als de huisstijl van het label uit staat."),
    }
    column_extra_row_actions = [
        LinkRowAction("fa fa-eye", "preview/?id={row_id}", title=_l("Voorbeeld bekijken"))
    ]
    edit_template = "console/document_edit.html"

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        for name in ("subject", "body"):
            field = getattr(form, name, None)
            if not ok or field is None or not field.data:
                continue
            try:
                validate_template_body(field.data, field=name)
            except Invalid as refused:
                label = self.column_labels[name]
                field.errors = [*field.errors, f"{label}: {refused.errors[name]}"]
                ok = False
        return ok

    @expose("/preview/")
    def preview_view(self) -> Any:
        """The template on the fictional dossier of Anna de Vries, in a chosen label's house style."""
        template = db.session.get(DocumentTemplate, request.args.get("id", type=int) or 0)
        if template is None:
            abort(404)
        labels = db.session.scalars(sa.select(Label).where(Label.active.is_(True)).order_by(Label.name)).all()
        label = db.session.get(Label, request.args.get("label", type=int) or 0) or (
            labels[0] if labels else None
        )
        try:
            html, error = preview(template, label), None
        except Invalid as refused:  # a template saved before its merge fields changed
            html, error = "", "; ".join(refused.errors.values())
        if request.args.get("format") == "pdf" and html:
            name = "".join(c if c.isalnum() else "-" for c in template.name).strip("-") or "voorbeeld"
            return Response(
                render_pdf(html),
                mimetype="application/pdf",
                headers={"Content-Disposition": f'inline; filename="{name}-voorbeeld.pdf"'},
            )
        return self.render(
            "console/document_preview.html",
            document=template,
            labels=labels,
            label=label,
            html=html,
            error=error,
        )


def add_views(admin: Admin, session: Any, category: str) -> None:
    """Document templates."""
    admin.add_view(
        DocumentTemplateView(
            DocumentTemplate,
            session,
            name="Documentsjablonen",
            endpoint="document_templates",
            category=category,
        )
    )
