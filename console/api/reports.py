"""API door for the outcome reports: JSON, or CSV (?format=csv or Accept: text/csv), or XLSX."""

from __future__ import annotations

from typing import Any

from flask import Response, request, stream_with_context

from casework.reports import outcome_report
from casework.reports_export import report_rows_csv, report_xlsx

from .common import Blueprint, document_errors, viewer
from .outputs import ReportOut, ReportQuery

reports = Blueprint("api_reports", __name__, url_prefix="/api/v1/reports", description="Rapportages")
BLUEPRINTS = (reports,)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@reports.get("/outcome")
@reports.arguments(ReportQuery, location="query")
@reports.response(200, ReportOut)
@reports.alt_response(200, success=True, content_type="text/csv", description="De tabel als CSV")
@document_errors(reports, 422)
def outcome(args: dict[str, Any]) -> Any:
    """The outcome report (SPEC §7) of a period, grouped by none, month, region, case_manager, label, employer,
    category, programme or provider; a case manager's token gets their caseload's figures only."""
    report = outcome_report(args["date_from"], args["date_to"], args["group_by"], viewer=viewer())
    wanted = args["format"]
    if (
        wanted == "json"
        and request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv"
    ):
        wanted = "csv"
    name = f"rapport-{report.date_from}-{report.date_to}-{report.grouping}"
    if wanted == "csv":
        response = Response(stream_with_context(report_rows_csv(report)), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if wanted == "xlsx":
        response = Response(report_xlsx(report), mimetype=XLSX)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    return report
