"""API door for the absence figures (verzuimcijfers, casework.absence_figures): JSON, or CSV (?format=csv)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import Response
from marshmallow import fields

from casework.absence_figures import absence_csv, absence_figures, default_period
from casework.calendar import local_day
from casework.errors import Invalid
from models import Employer, db

from .common import Blueprint, document_errors, now, viewer

absence = Blueprint(
    "api_absence", __name__, url_prefix="/api/v1/reports", description="Verzuimcijfers per werkgever"
)
BLUEPRINTS = (absence,)


class AbsenceQuery(ma.Schema):
    """The period (default the 12 months up to today) and optionally one employer; format json or csv."""

    date_from = fields.Date(
        load_default=None, metadata={"description": "Eerste dag (standaard 12 maanden terug)"}
    )
    date_to = fields.Date(load_default=None, metadata={"description": "Laatste dag (standaard vandaag)"})
    employer_id = fields.Integer(
        load_default=None,
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Werkgever"},
    )
    format = fields.String(load_default="json", validate=ma.validate.OneOf(("json", "csv")))


def _decimal(description: str, *, allow_none: bool = False) -> fields.Decimal:
    """A figure written as a decimal string ("26.98"), and documented as one."""
    return fields.Decimal(
        as_string=True,
        allow_none=allow_none,
        metadata={"type": "string", "format": "decimal", "description": description},
    )


class AbsenceRowOut(ma.Schema):
    """The figures of one employer, or the total (employer "Totaal")."""

    employer = fields.String()
    employees = fields.Integer(
        metadata={
            "description": "Werknemers: de bekende werknemers in dienst (basis known), anders het gemiddelde"
            " aantal werknemers over de periode volgens het personeelsbestand"
        }
    )
    basis = fields.String(
        validate=ma.validate.OneOf(("workforce", "partial", "known", "mixed")),
        metadata={
            "description": "Waarmee de beschikbare dagen en de meldingsfrequentie zijn berekend: workforce"
            " (personeelsbestand, de hele periode), partial (deels personeelsbestand, de overige dagen de bekende"
            " werknemers), known (bekende werknemers; altijd voor de caseload van een casemanager) of mixed"
            " (gemengd: alleen de totaalrij, als de werkgevers verschillen)"
        },
    )
    without_hours = fields.Integer(
        metadata={"description": "Werknemers zonder contracturen, geteld als voltijd"}
    )
    available_days = _decimal("Beschikbare dagen (fte)")
    sick_days = _decimal("Verzuimdagen (fte)")
    absence_percentage = _decimal("Verzuimpercentage", allow_none=True)
    new_reports = fields.Integer(metadata={"description": "Nieuwe ziekmeldingen"})
    report_frequency = _decimal("Meldingsfrequentie per werknemer per jaar", allow_none=True)
    ended_reports = fields.Integer(metadata={"description": "Beëindigde ziekmeldingen"})
    mean_duration = _decimal("Gemiddelde verzuimduur (dagen)", allow_none=True)
    short = fields.Integer(metadata={"description": "Kort verzuim, 1–7 dagen"})
    medium = fields.Integer(metadata={"description": "Middellang verzuim, 8–42 dagen"})
    long = fields.Integer(metadata={"description": "Lang verzuim, 43–365 dagen"})
    extra_long = fields.Integer(metadata={"description": "Extra lang verzuim, meer dan 365 dagen"})
    frequent_absentees = fields.Integer(
        metadata={"description": "Werknemers met 3 of meer ziekmeldingen in de 12 maanden tot het einde"}
    )


class AbsenceOut(ma.Schema):
    """Verzuimcijfers of a period: a row per employer and the total."""

    date_from = fields.Date()
    date_to = fields.Date()
    rows = fields.List(fields.Nested(AbsenceRowOut))
    total = fields.Nested(AbsenceRowOut)


@absence.get("/absence")
@absence.arguments(AbsenceQuery, location="query")
@absence.response(200, AbsenceOut)
@absence.alt_response(200, success=True, content_type="text/csv", description="De tabel als CSV")
@document_errors(absence, 422)
def absence_report(args: dict[str, Any]) -> Any:
    """Verzuimpercentage, meldingsfrequentie, gemiddelde verzuimduur, duration classes and frequent absence per
    employer and in total (definitions in the README); a case manager's token gets their caseload's figures."""
    default_from, default_to = default_period(local_day(now()))
    employer = None
    if args["employer_id"] is not None:
        employer = db.session.get(Employer, args["employer_id"])
        if employer is None:
            raise Invalid({"employer_id": "Deze werkgever bestaat niet."})
    figures = absence_figures(
        args["date_from"] or default_from, args["date_to"] or default_to, viewer=viewer(), employer=employer
    )
    if args["format"] == "csv":
        response = Response(absence_csv(figures), mimetype="text/csv")
        name = f"verzuimcijfers-{figures.date_from}-{figures.date_to}.csv"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return figures
