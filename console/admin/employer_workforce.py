"""Personeelsbestand of an employer (on the employer's page): its headcount and fte per period, for administrators.

The absence figures (casework.absence_figures) count over these figures where they are known. Adding, changing
and removing go through casework.workforce; the door commits. A refusal shows the engine's message under the
field it names ("Fte: hoogstens ...") and changes nothing.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.errors import Invalid
from casework.workforce import add_workforce, remove_workforce, update_workforce
from models import EmployerWorkforce, db, utcnow

from ..auth import actor
from ..i18n import dutch_number

FIELDS = ("valid_from", "valid_until", "headcount", "fte")
LABELS = {
    "valid_from": _l("Geldig vanaf"),
    "valid_until": _l("Geldig tot en met"),
    "headcount": _l("Aantal werknemers"),
    "fte": _l("Fte"),
    "_": _l("Algemeen"),
}


def _named(errors: dict[str, str]) -> dict[str, str]:
    """The engine's messages, each starting with the Dutch name of its field."""
    return {
        key: f"{LABELS.get(key, LABELS['_'])}: {message[:1].lower()}{message[1:]}"
        for key, message in errors.items()
    }


def _values(workforce: EmployerWorkforce) -> dict[str, Any]:
    """A stored figure as the form shows it (fte with a decimal comma)."""
    return {
        "valid_from": workforce.valid_from.isoformat(),
        "valid_until": workforce.valid_until.isoformat() if workforce.valid_until else "",
        "headcount": workforce.headcount,
        "fte": dutch_number(workforce.fte),
    }


class WorkforceMixin:
    """The employer's Personeelsbestand pages (exposed on the employers view, so they share its role check)."""

    def _workforce_page(self, employer: Any, **context: Any) -> Any:
        context.setdefault("errors", {})
        context.setdefault("values", {})
        context.setdefault("editing", None)
        return self.render(  # type: ignore[attr-defined]
            "console/employer_workforce.html", employer=employer, labels=LABELS, **context
        )

    def _one_workforce(self, employer_id: int, workforce_id: int) -> EmployerWorkforce:
        workforce = db.session.get(EmployerWorkforce, workforce_id)
        if workforce is None or workforce.employer_id != employer_id:
            abort(404)
        return workforce

    @expose("/<int:employer_id>/workforce", methods=["GET", "POST"])
    def workforce(self, employer_id: int) -> Any:
        """The employer's workforce figures, and a form to add one (add_workforce)."""
        employer = self._employer(employer_id)  # type: ignore[attr-defined]
        values: dict[str, Any] = {}
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in FIELDS}
            try:
                add_workforce(employer, values, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                return self._workforce_page(employer, values=values, errors=_named(error.errors))
            db.session.commit()
            flash(_("Personeelsbestand van %(name)s vastgelegd.", name=employer.name), "success")
            return redirect(url_for(".workforce", employer_id=employer.id))
        return self._workforce_page(employer, values=values)

    @expose("/<int:employer_id>/workforce/<int:workforce_id>", methods=["GET", "POST"])
    def workforce_edit(self, employer_id: int, workforce_id: int) -> Any:
        """Change one workforce figure (update_workforce)."""
        employer = self._employer(employer_id)  # type: ignore[attr-defined]
        workforce = self._one_workforce(employer_id, workforce_id)
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in FIELDS}
            try:
                update_workforce(workforce, values, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                return self._workforce_page(
                    employer, values=values, errors=_named(error.errors), editing=workforce
                )
            db.session.commit()
            flash(_("Personeelsbestand van %(name)s gewijzigd.", name=employer.name), "success")
            return redirect(url_for(".workforce", employer_id=employer.id))
        return self._workforce_page(employer, values=_values(workforce), editing=workforce)

    @expose("/<int:employer_id>/workforce/<int:workforce_id>/delete", methods=["POST"])
    def workforce_delete(self, employer_id: int, workforce_id: int) -> Any:
        """Remove one workforce figure (remove_workforce)."""
        employer = self._employer(employer_id)  # type: ignore[attr-defined]
        remove_workforce(self._one_workforce(employer_id, workforce_id), actor=actor(), now=utcnow())
        db.session.commit()
        flash(_("Personeelsbestand van %(name)s verwijderd.", name=employer.name), "success")
        return redirect(url_for(".workforce", employer_id=employer.id))
