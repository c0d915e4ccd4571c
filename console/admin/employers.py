"""Employers (menu "Werkgevers"): list, the four-step registration of seed 001, the employer page, editing.

Every step saves through the engine (casework.registration) and the door commits; a refused step shows the
engine's message under the field it names and changes nothing. The wizard's pages live in employer_wizard.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_admin import Admin, expose
from flask_admin.contrib.sqla import ModelView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from casework.agreements import allowed_templates
from casework.calendar import dutch_date, local_day
from casework.errors import Invalid
from casework.registration import EMPLOYER_DETAIL_FIELDS, update_employer
from models import Employer, Label, Referrer, TrajectoryTemplate, db, utcnow

from ..auth import actor
from .base import LIST_FORMATTERS, ConsoleFilterConverter, ConsoleForm, Secured
from .employer_wizard import FIELD_LABELS, WizardMixin
from .employer_workforce import WorkforceMixin


def _name_link(_view: Any, _context: Any, model: Employer, _name: str) -> Markup:
    url = url_for("employers.page", employer_id=model.id)
    return Markup(f'<a href="{url}" class="employer-link">{escape(model.name)}</a>')  # noqa: S704  (the name is escaped, the URL is our own)


def _period(start: dt.date, end: dt.date | None) -> str:
    return f"{dutch_date(start)} – {dutch_date(end) if end else _('doorlopend')}"


def why_templates(employer: Employer, today: dt.date) -> list[dict[str, Any]]:
    """Every active trajectory template with whether the employer may start it today and the reason, in words."""
    answer = allowed_templates(employer, today)
    templates = db.session.scalars(
        sa.select(TrajectoryTemplate)
        .where(TrajectoryTemplate.active.is_(True))
        .order_by(TrajectoryTemplate.position, TrajectoryTemplate.name)
    )
    rows = []
    for template in templates:
        if answer.allows(template):
            reasons = [
                _(
                    "toegestaan door %(variation)s (%(period)s)",
                    variation=a.variation.name,
                    period=_period(a.start_date, a.end_date),
                )
                for a in answer.agreements[template.id]
            ]
            rows.append({"template": template, "allowed": True, "reasons": reasons})
            continue
        reasons = []
        for agreement in employer.agreements:
            if template in agreement.variation.templates and not agreement.valid_on(today):
                reasons.append(
                    _(
                        "de overeenkomst %(variation)s geldt niet vandaag (%(period)s)",
                        variation=agreement.variation.name,
                        period=_period(agreement.start_date, agreement.end_date),
                    )
                )
        if not reasons:
            reasons.append(
                answer.reason or _("geen vandaag geldige dienstverleningsvariatie staat dit trajecttype toe")
            )
        rows.append({"template": template, "allowed": False, "reasons": reasons})
    return rows


class EmployerView(WizardMixin, WorkforceMixin, Secured, ModelView):
    """Employers: a searchable list; registering, the page and editing go through the engine."""

    form_base_class = ConsoleForm
    column_type_formatters = LIST_FORMATTERS
    filter_converter = ConsoleFilterConverter()
    can_create = False
    can_edit = False
    can_delete = False
    list_template = "console/employer_list.html"
    column_list = ("name", "kvk_number", "label", "referrer", "city", "active")
    column_searchable_list = ("name", "kvk_number", "city", "postcode")
    column_filters = ("label.name", "referrer.name", "city", "active")
    column_sortable_list = ("name", "kvk_number", "city", "active")
    column_default_sort = ("name", False)
    column_formatters = {"name": _name_link}
    column_labels = {
        "name": _l("Naam"),
        "kvk_number": _l("KvK-nummer"),
        "label": _l("Label"),
        "label.name": _l("Label"),
        "referrer": _l("Aanmelder"),
        "referrer.name": _l("Aanmelder"),
        "city": _l("Plaats"),
        "active": _l("Actief"),
    }
    page_size = 50

    def _employer(self, employer_id: int) -> Employer:
        employer = db.session.get(Employer, employer_id)
        if employer is None:
            abort(404)
        return employer

    @expose("/<int:employer_id>/")
    def page(self, employer_id: int) -> Any:
        """The employer with its agreements, policies and the trajectory templates it may start today."""
        employer = self._employer(employer_id)
        today = local_day(utcnow())
        return self.render(
            "console/employer_page.html",
            employer=employer,
            today=today,
            templates=why_templates(employer, today),
            period=_period,
        )

    @expose("/<int:employer_id>/edit", methods=["GET", "POST"])
    def edit(self, employer_id: int) -> Any:
        """Edit the employer's details, label and referrer through update_employer."""
        employer = self._employer(employer_id)
        errors: dict[str, str] = {}
        if request.method == "POST":
            data = {
                key: request.form.get(key, "") for key in (*EMPLOYER_DETAIL_FIELDS, "label_id", "referrer_id")
            }
            data["active"] = "ja" if request.form.get("active") else "nee"
            try:
                update_employer(employer, data, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                errors = error.errors
                values = dict(request.form)
            else:
                db.session.commit()
                flash(_("Werkgever %(name)s opgeslagen.", name=employer.name), "success")
                return redirect(url_for(".page", employer_id=employer.id))
        else:
            values = {key: getattr(employer, key) or "" for key in EMPLOYER_DETAIL_FIELDS}
            values.update(
                label_id=employer.label_id, referrer_id=employer.referrer_id or "", active=employer.active
            )
        return self.render(
            "console/employer_edit.html",
            employer=employer,
            values=values,
            errors=errors,
            labels=FIELD_LABELS,
            label_choices=_choices(Label),
            referrer_choices=_choices(Referrer),
        )


def _choices(model: Any) -> list[tuple[int, str]]:
    """(id, name) of the active rows of a configuration list, in their order."""
    rows = db.session.scalars(
        sa.select(model).where(model.active.is_(True)).order_by(model.position, model.name)
    )
    return [(row.id, row.name) for row in rows]


def add_views(admin: Admin, session: Any) -> None:
    """The employers menu item (administrators)."""
    admin.add_view(EmployerView(Employer, session, name=_l("Werkgevers"), endpoint="employers"))
