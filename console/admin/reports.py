"""Rapportage: the outcome report (casework.reports) for a period and grouping, as a table, SVG charts, CSV, XLSX.

The form is a GET form so a report's URL can be shared; it changes nothing, so it carries no CSRF token (a token
in a shared URL would leak it). A case manager sees their own caseload only (the engine's `viewer`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from babel.numbers import format_currency, format_decimal, format_percent
from flask import Response, current_app, redirect, request, stream_with_context, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from casework.calendar import local_day
from casework.errors import Invalid
from casework.periods import parse_day, year_to_date
from casework.report_cache import DEFAULT_MAX_AGE, Lookup, keep, look_up
from casework.report_cases import report_cases
from casework.reports import GROUPINGS, SECTIONS, SICK_FLAGS, TRAJECTORY_FLAGS, Report, outcome_report
from casework.reports_export import DEFINITIONS, KIND_NAMES, OUTCOME_NAMES, report_rows_csv, report_xlsx
from models import db, utcnow

from ..transactions import finish_writing, start_writing
from .base import Secured
from .report_charts import report_charts
from .report_words import FIELD_LABELS, groupings, heading
from .report_words import SECTIONS as SECTION_WORDS

LOCALES = {"nl": "nl_NL", "en": "en_GB"}  # numbers on the page: 1.234,5 for Dutch, 1,234.5 for English
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ENGINE_FIELDS = {"date_from": "van", "date_to": "tot", "group_by": "per"}
RATES = {
    "work_outflow_rate",
    "other_outflow_rate",
    "success_rate",
    "goal_rate",
    "intervention_success_rate",
    "timeliness",
}
DAYS = {
    "throughput_mean",
    "throughput_median",
    "open_age_mean",
    "first_intervention_days_mean",
    "intervention_days_mean",
    "intervention_prognosis_days_mean",
    "reduction_days",
    "saving_predicted_mean",
    "saving_realised_mean",
    "saving_realised_median",
}
LINKED = set(TRAJECTORY_FLAGS) | set(SICK_FLAGS)  # counts that open the list of their cases
MONEY = {"programme_cost", "expected_benefit"}


def number_locale() -> str:
    """The locale numbers are written in: the user's language, Dutch outside a request."""
    locale = get_locale()
    return LOCALES.get(locale.language if locale is not None else "nl", LOCALES["nl"])


def count(value: Any) -> str:
    """A whole number in the user's style (1.234 in Dutch)."""
    return "\u2013" if value is None else format_decimal(value, locale=number_locale())


def percent(value: Any) -> str:
    """A rate (0..1) as a percentage with one decimal (66,7% in Dutch); a dash when there is no denominator."""
    return "\u2013" if value is None else format_percent(value, "#,##0.0%", locale=number_locale())


def cell(column: str, value: Any) -> str:
    """One table cell: rates as percentages, money in euro, days with one decimal, counts Dutch style."""
    if column == "group":
        return str(value)
    if value is None:
        return "\u2013"
    if column in RATES:
        return percent(value)
    if column in MONEY:
        return format_currency(Decimal(value), "EUR", locale=number_locale())
    if column in DAYS:
        return format_decimal(value, "#,##0.0", locale=number_locale())
    return count(value)


@dataclass
class ReportQuery:
    """What the form asked for, and the errors per form field (van, tot, per)."""

    date_from: dt.date | None
    date_to: dt.date | None
    grouping: str
    errors: dict[str, str] = field(default_factory=dict)
    computed_at: dt.datetime | None = None  # UTC, when the report shown was computed

    def args(self) -> dict[str, str]:
        """The same query as URL arguments (for the download links)."""
        return {"van": f"{self.date_from}", "tot": f"{self.date_to}", "per": self.grouping}


def read_query(args: MultiDict, today: dt.date) -> ReportQuery:
    """Parse van/tot/per; an empty date takes the default of the current year to date."""
    default_from, default_to = year_to_date(today)
    errors: dict[str, str] = {}
    days: dict[str, dt.date | None] = {}
    for name, default in (("van", default_from), ("tot", default_to)):
        try:
            days[name] = parse_day(args.get(name), name, str(FIELD_LABELS[name])) or default
        except Invalid:
            days[name], errors[name] = (
                None,
                _(
                    "%(field)s: \u201c%(text)s\u201d is geen geldige datum; gebruik jjjj-mm-dd.",
                    field=FIELD_LABELS[name],
                    text=(args.get(name) or "").strip(),
                ),
            )
    grouping = (args.get("per") or "none").strip()
    if grouping not in GROUPINGS:
        names = ", ".join(groupings().values())
        errors["per"] = _(
            "Groepering: \u201c%(grouping)s\u201d bestaat niet; kies een van: %(names)s.",
            grouping=grouping,
            names=names,
        )
    return ReportQuery(days["van"], days["tot"], grouping, errors)


def run_report(query: ReportQuery, *, anew: bool = False) -> Report | None:
    """The engine's report for the query and the signed-in user, or None with the errors filled in. A report
    computed a moment ago is shown again while nothing it counts changed (casework.report_cache); `anew`
    computes it now. When it was computed is in `query.computed_at`."""
    if query.errors:
        return None
    viewer, now = current_user.user, utcnow()
    lookup = look_up(
        "outcome",
        (query.date_from, query.date_to, query.grouping),
        viewer,
        now=now,
        today=local_day(now),
        max_age=current_app.config.get("TRAJECT_REPORT_MAX_AGE", DEFAULT_MAX_AGE),
    )
    if lookup.fields is not None and not anew:
        query.computed_at = lookup.computed_at
        return Report(**lookup.fields)
    try:
        report = outcome_report(query.date_from, query.date_to, query.grouping, viewer=viewer)
    except Invalid as error:
        for key, message in error.errors.items():
            name = ENGINE_FIELDS.get(key, "van")
            query.errors[name] = f"{FIELD_LABELS[name]}: {message[:1].lower()}{message[1:]}"
        return None
    query.computed_at = now
    _keep(lookup, report, now)
    return report


def _keep(lookup: Lookup, report: Report, now: dt.datetime) -> None:
    """Keep the report for the next page (a short write of its own); when another worker kept it first, or the
    write lock is busy, it is simply not kept this time."""
    if lookup.generation is None:
        return
    fields = {
        "date_from": report.date_from,
        "date_to": report.date_to,
        "grouping": report.grouping,
        "rows": report.rows,
        "end_reasons": report.end_reasons,
    }
    try:
        start_writing()
        keep(lookup, fields, now)
        finish_writing()
    except (sa.exc.IntegrityError, sa.exc.OperationalError):
        db.session.rollback()


@dataclass
class Cell:
    """A table cell as shown, with the URL of the cases behind it when it is a count."""

    text: str
    url: str | None = None


def section_tables(report: Report, query: ReportQuery) -> list[dict[str, Any]]:
    """The report as one table per section (verzuimmeldingen, trajecten, ...), counts linked to their cases."""
    tables = []
    for key, columns in SECTIONS:
        rows = []
        for row in report.rows:
            cells = [Cell(str(row["group"]))]
            for column in columns:
                url = None
                if column in LINKED and row[column]:
                    url = url_for(".cases", **query.args(), groep=row["group"], cijfer=column)
                cells.append(Cell(cell(column, row[column]), url))
            rows.append(cells)
        tables.append(
            {
                "key": key,
                "title": str(SECTION_WORDS[key]),
                "headers": [heading(c) for c in ("group", *columns)],
                "rows": rows,
                "definition": DEFINITIONS[key],
            }
        )
    return tables


def reason_rows(report: Report) -> list[list[str]]:
    """The counts per end reason as shown: group, kind, reason, outcome class, count."""
    return [
        [
            str(r["group"]),
            KIND_NAMES[r["kind"]],
            r["end_reason"],
            OUTCOME_NAMES.get(r["outcome"] or "", "\u2013"),
            count(r["count"]),
        ]
        for r in report.end_reasons
    ]


def _file_name(report: Report, extension: str) -> str:
    """rapport-<van>-<tot>-<groepering>.<extension>."""
    return f"rapport-{report.date_from}-{report.date_to}-{report.grouping}.{extension}"


class ReportView(Secured, BaseView):
    """The report page and its downloads, for administrators and case managers."""

    roles = ("admin", "casemanager")

    @expose("/")
    def index(self) -> Any:
        query = read_query(request.args, local_day(utcnow()))
        report = run_report(query, anew=request.args.get("opnieuw") == "1")
        tables = charts = reasons = None
        if report is not None and report.rows:
            tables = section_tables(report, query)
            charts = report_charts(report.rows, count, percent)
            reasons = reason_rows(report)
        return self.render(
            "console/reports.html",
            query=query,
            report=report,
            tables=tables,
            charts=charts,
            reasons=reasons,
            groupings_definition=DEFINITIONS["groupings"],
            groupings=groupings(),
            mine=current_user.role != "admin",
        )

    @expose("/cases")
    def cases(self) -> Any:
        """The cases behind one count of one row (groep, cijfer), each linking to its dossier."""
        query = read_query(request.args, local_day(utcnow()))
        group = (request.args.get("groep") or "").strip()[:300]
        figure = (request.args.get("cijfer") or "").strip()
        found = None
        if not query.errors:
            try:
                found = report_cases(
                    query.date_from, query.date_to, query.grouping, group, figure, viewer=current_user.user
                )
            except Invalid as error:
                for key, message in error.errors.items():
                    name = ENGINE_FIELDS.get(key, key)
                    query.errors[name] = (
                        f"{FIELD_LABELS.get(name, _('Cijfer'))}: {message[:1].lower()}{message[1:]}"
                    )
        return self.render(
            "console/report_cases.html",
            query=query,
            group=group,
            figure=heading(figure) if figure in LINKED else figure,
            cases=found,
            kinds=KIND_NAMES,
            grouping_name=groupings().get(query.grouping, query.grouping).lower(),
            back=url_for(".index", **query.args()) if not query.errors else url_for(".index"),
        )

    @expose("/csv")
    def csv(self) -> Any:
        query = read_query(request.args, local_day(utcnow()))
        report = run_report(query)
        if report is None:
            return redirect(url_for(".index", **request.args))
        response = Response(stream_with_context(report_rows_csv(report)), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{_file_name(report, "csv")}"'
        return response

    @expose("/xlsx")
    def xlsx(self) -> Any:
        query = read_query(request.args, local_day(utcnow()))
        report = run_report(query)
        if report is None:
            return redirect(url_for(".index", **request.args))
        response = Response(report_xlsx(report), mimetype=XLSX)
        response.headers["Content-Disposition"] = f'attachment; filename="{_file_name(report, "xlsx")}"'
        return response


def add_views(admin: Admin, db: Any) -> None:
    """Register the report page ("Rapportage")."""
    admin.add_view(ReportView(name="Rapportage", endpoint="reports", url="/admin/reports"))
