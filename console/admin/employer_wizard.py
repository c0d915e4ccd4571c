"""The four-step employer registration of seed 001 "Dienstverlening", as four console pages.

1. werkgever: the employer's own details, checked by the engine and kept in the session (nothing saved yet);
2. label en aanmelder: register_employer saves the employer under the label, optionally with a referrer;
3. polissen: add_policy, one or more (optional: "eventueel"), for products the label allows;
4. dienstverleningsovereenkomsten: add_service_agreement, one or more, stacking, each with a period, a contract
   model and optionally the insured interest (a policy from step 3) — hence policies come before agreements,
   as in the seed document and the engine.
Each page commits what the engine accepted; a refusal shows the message under the field and changes nothing.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, request, session, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.errors import Invalid
from casework.registration import (
    EMPLOYER_DETAIL_FIELDS,
    add_policy,
    add_service_agreement,
    check_employer_details,
    register_employer,
)
from models import ContractModel, Label, Referrer, db, utcnow

from ..auth import actor

SESSION_KEY = "employer_wizard"
STEPS = (_l("Werkgever"), _l("Label en aanmelder"), _l("Polissen"), _l("Dienstverleningsovereenkomsten"))
FIELD_LABELS = {
    "name": _l("Naam"),
    "kvk_number": _l("KvK-nummer"),
    "address": _l("Adres"),
    "postcode": _l("Postcode"),
    "city": _l("Plaats"),
    "contact_name": _l("Contactpersoon"),
    "contact_email": _l("E-mail contactpersoon"),
    "contact_phone": _l("Telefoon contactpersoon"),
    "label_id": _l("Label"),
    "referrer_id": _l("Aanmelder"),
    "active": _l("Actief"),
    "insurance_product_id": _l("Verzekeringsproduct"),
    "policy_number": _l("Polisnummer"),
    "start_date": _l("Begindatum"),
    "end_date": _l("Einddatum"),
    "service_variation_id": _l("Dienstverleningsvariatie"),
    "contract_model_id": _l("Contractmodel"),
    "policy_id": _l("Polis (verzekerd belang)"),
    "mandate": _l("Mandaat (euro)"),
    "_": _l("Algemeen"),
}
POLICY_FIELDS = ("insurance_product_id", "policy_number", "start_date", "end_date")
AGREEMENT_FIELDS = (
    "service_variation_id",
    "contract_model_id",
    "policy_id",
    "mandate",
    "start_date",
    "end_date",
)


def _active(rows: Any) -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in rows if row.active]


class WizardMixin:
    """The four wizard pages of the employers view (exposed on it, so they share its role check)."""

    def _wizard(self, step: int, **context: Any) -> Any:
        context.setdefault("errors", {})
        context.setdefault("values", {})
        return self.render(  # type: ignore[attr-defined]
            f"console/employer_step{step}.html", step=step, steps=STEPS, labels=FIELD_LABELS, **context
        )

    @expose("/register/1", methods=["GET", "POST"])
    def register_details(self) -> Any:
        """Step 1: the employer's details, checked by the engine, kept for step 2."""
        values: dict[str, Any] = dict(session.get(SESSION_KEY, {}))
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in EMPLOYER_DETAIL_FIELDS}
            try:
                session[SESSION_KEY] = check_employer_details(values, now=utcnow())
            except Invalid as error:
                return self._wizard(1, values=values, errors=error.errors)
            return redirect(url_for(".register_label"))
        return self._wizard(1, values=values)

    @expose("/register/2", methods=["GET", "POST"])
    def register_label(self) -> Any:
        """Step 2: label and referrer; register_employer saves the employer."""
        details = session.get(SESSION_KEY)
        if not details:
            return redirect(url_for(".register_details"))
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in ("label_id", "referrer_id")}
            try:
                employer = register_employer({**details, **values}, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                errors = error.errors
            else:
                db.session.commit()
                session.pop(SESSION_KEY, None)
                flash(_("Werkgever %(name)s geregistreerd.", name=employer.name), "success")
                return redirect(url_for(".register_policies", employer_id=employer.id))
        labels = db.session.scalars(sa.select(Label).order_by(Label.position, Label.name))
        referrers = db.session.scalars(
            sa.select(Referrer).where(Referrer.active.is_(True)).order_by(Referrer.position, Referrer.name)
        )
        return self._wizard(
            2,
            details=details,
            values=values,
            errors=errors,
            label_choices=_active(labels),
            referrer_choices=[(r.id, f"{r.name} ({r.label.name})") for r in referrers],
        )

    @expose("/<int:employer_id>/register/3", methods=["GET", "POST"])
    def register_policies(self, employer_id: int) -> Any:
        """Step 3: the employer's policies (optional, one or more) through add_policy."""
        employer = self._employer(employer_id)  # type: ignore[attr-defined]
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in POLICY_FIELDS}
            try:
                policy = add_policy(employer, values, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                errors = error.errors
            else:
                db.session.commit()
                flash(_("Polis %(number)s vastgelegd.", number=policy.policy_number), "success")
                return redirect(url_for(".register_policies", employer_id=employer.id))
        return self._wizard(
            3,
            employer=employer,
            values=values,
            errors=errors,
            product_choices=_active(employer.label.products),
        )

    @expose("/<int:employer_id>/register/4", methods=["GET", "POST"])
    def register_agreements(self, employer_id: int) -> Any:
        """Step 4: service agreements (one or more, stacking) through add_service_agreement."""
        employer = self._employer(employer_id)  # type: ignore[attr-defined]
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in AGREEMENT_FIELDS}
            try:
                agreement = add_service_agreement(employer, values, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                errors = error.errors
            else:
                db.session.commit()
                flash(
                    _("Dienstverlening %(name)s vastgelegd.", name=agreement.variation.name),
                    "success",
                )
                return redirect(url_for(".register_agreements", employer_id=employer.id))
        contracts = db.session.scalars(
            sa.select(ContractModel).order_by(ContractModel.position, ContractModel.name)
        )
        return self._wizard(
            4,
            employer=employer,
            values=values,
            errors=errors,
            variation_choices=_active(employer.label.variations),
            contract_choices=_active(contracts),
            policy_choices=[(p.id, str(p)) for p in employer.policies],
        )
