"""Verzuimcijfers: the absence figures (casework.absence_figures) per employer and in total, for a period.

A GET form (its URL can be shared, it changes nothing, so no CSRF token), a table and a CSV download. A case
manager sees the figures of their own caseload only (the engine's `viewer`). No script on the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from babel.numbers import format_decimal
from flask import Response, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from casework.absence_figures import (
    CLASSES,
    COLUMNS,
    AbsenceFigures,
    absence_csv,
    absence_figures,
    default_period,
)
from casework.calendar import local_day
from casework.errors import Invalid
from casework.periods import parse_day
from models import Employee, Employer, db, utcnow

from .base import Secured
from .reports import number_locale

# The headings on screen, translatable (the CSV keeps the engine's Dutch HEADINGS).
HEADINGS = {
    "employer": _l("Werkgever"),
    "employees": _l("Werknemers"),
    "basis": _l("Basis"),
    "without_hours": _l("Zonder contracturen (geteld als voltijd)"),
    "available_days": _l("Beschikbare dagen (fte)"),
    "sick_days": _l("Verzuimdagen (fte)"),
    "absence_percentage": _l("Verzuimpercentage"),
    "new_reports": _l("Nieuwe ziekmeldingen"),
    "report_frequency": _l("Meldingsfrequentie (per werknemer per jaar)"),
    "ended_reports": _l("Beëindigde ziekmeldingen"),
    "mean_duration": _l("Gemiddelde verzuimduur (dagen)"),
    "short": _l("Kort (1–7 dagen)"),
    "medium": _l("Middellang (8–42 dagen)"),
    "long": _l("Lang (43–365 dagen)"),
    "extra_long": _l("Extra lang (meer dan 365 dagen)"),
    "frequent_absentees": _l("Frequent verzuim (3 of meer meldingen in 12 maanden)"),
}
# What a row was counted over (casework.absence_figures.BASIS_WORDS), translatable.
BASIS = {
    "workforce": _l("personeelsbestand"),
    "partial": _l("deels personeelsbestand"),
    "known": _l("bekende werknemers"),
    "mixed": _l("gemengd"),
}
FIELDS = {"van": _l("Van"), "tot": _l("Tot en met"), "werkgever": _l("Werkgever")}
ENGINE_FIELDS = {"date_from": "van", "date_to": "tot", "employer": "werkgever"}
ONE_DECIMAL = {"available_days", "sick_days", "mean_duration"}
TWO_DECIMALS = {"absence_percentage", "report_frequency"}


def cell(column: str, value: Any) -> str:
    """One cell in the user's number style: a dash where there is nothing to divide by."""
    if column == "employer":
        return _("Totaal") if value == "Totaal" else str(value)
    if column == "basis":
        return str(BASIS[value])
    if value is None:
        return "\u2013"
    if column == "absence_percentage":
        return format_decimal(value, "#,##0.00", locale=number_locale()) + "%"
    if column in TWO_DECIMALS:
        return format_decimal(value, "#,##0.00", locale=number_locale())
    if column in ONE_DECIMAL:
        return format_decimal(value, "#,##0.0", locale=number_locale())
    return format_decimal(value, locale=number_locale())


@dataclass
class Query:
    """What the form asked for, and the errors per form field (van, tot, werkgever)."""

    date_from: dt.date | None
    date_to: dt.date | None
    employer: Employer | None
    errors: dict[str, str] = field(default_factory=dict)

    def args(self) -> dict[str, str]:
        """The same query as URL arguments (for the download link)."""
        args = {"van": f"{self.date_from}", "tot": f"{self.date_to}"}
        if self.employer is not None:
            args["werkgever"] = str(self.employer.id)
        return args


def read_query(args: MultiDict, today: dt.date) -> Query:
    """Parse van/tot/werkgever; an empty date takes the default, the 12 months up to today."""
    defaults = dict(zip(("van", "tot"), default_period(today), strict=True))
    errors: dict[str, str] = {}
    days: dict[str, dt.date | None] = {}
    for name in ("van", "tot"):
        try:
            days[name] = parse_day(args.get(name), name, str(FIELDS[name])) or defaults[name]
        except Invalid:
            days[name] = None
            errors[name] = _(
                "%(field)s: \u201c%(text)s\u201d is geen geldige datum; gebruik jjjj-mm-dd.",
                field=FIELDS[name],
                text=(args.get(name) or "").strip(),
            )
    employer = None
    wanted = (args.get("werkgever") or "").strip()
    if wanted:
        employer = db.session.get(Employer, int(wanted)) if wanted.isdigit() and len(wanted) < 10 else None
        if employer is None:
            errors["werkgever"] = _("Werkgever: kies een werkgever uit de lijst.")
    return Query(days["van"], days["tot"], employer, errors)


def run(query: Query) -> AbsenceFigures | None:
    """The engine's figures for the query and the signed-in user, or None with the errors filled in."""
    if query.errors:
        return None
    try:
        return absence_figures(
            query.date_from, query.date_to, viewer=current_user.user, employer=query.employer
        )
    except Invalid as error:
        for key, message in error.errors.items():
            name = ENGINE_FIELDS.get(key, "van")
            query.errors[name] = f"{FIELDS[name]}: {message[:1].lower()}{message[1:]}"
        return None


def employer_choices() -> list[tuple[int, str]]:
    """The employers to choose from: all for an administrator, those of the own caseload for a case manager."""
    stmt = sa.select(Employer.id, Employer.name).order_by(Employer.name)
    if current_user.role != "admin":
        mine = sa.select(Employee.employer_id).where(Employee.case_manager_id == current_user.user.id)
        stmt = stmt.where(Employer.id.in_(mine))
    return [(r.id, r.name) for r in db.session.execute(stmt)]


class AbsenceView(Secured, BaseView):
    """The Verzuimcijfers page and its CSV, for administrators and case managers."""

    roles = ("admin", "casemanager")

    @expose("/")
    def index(self) -> Any:
        query = read_query(request.args, local_day(utcnow()))
        figures = run(query)
        table = None
        if figures is not None:
            table = [[cell(c, row[c]) for c in COLUMNS] for row in [*figures.rows, figures.total]]
        return self.render(
            "console/absence_figures.html",
            query=query,
            figures=figures,
            table=table,
            headers=[HEADINGS[c] for c in COLUMNS],
            employers=employer_choices(),
            classes=CLASSES,
            mine=current_user.role != "admin",
        )

    @expose("/csv")
    def csv(self) -> Any:
        query = read_query(request.args, local_day(utcnow()))
        figures = run(query)
        if figures is None:
            return redirect(url_for(".index", **request.args))
        response = Response(absence_csv(figures), mimetype="text/csv")
        name = f"verzuimcijfers-{figures.date_from}-{figures.date_to}.csv"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def add_views(admin: Admin) -> None:
    """Register the page ("Verzuimcijfers")."""
    admin.add_view(AbsenceView(name="Verzuimcijfers", endpoint="absence", url="/admin/absence"))
