"""Outcome reports as files: CSV (streamed) and XLSX (openpyxl write-only) of exactly a report's table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from models import Employee, EndReason, Role, Trajectory, User, db

from .calendar import dutch_date
from .reports import Report, check_period

HEADERS = {
    "group": "Groep",
    "opened": "Geopend",
    "closed": "Gesloten",
    "open_at_end": "Open aan het eind",
    "work_outflow": "Uitstroom naar werk",
    "other_outflow": "Overige uitstroom",
    "work_outflow_rate": "Aandeel uitstroom naar werk",
    "goal_achieved": "Einddoel bereikt",
    "goal_rate": "Aandeel einddoel bereikt",
    "throughput_mean": "Doorlooptijd gemiddeld (dagen)",
    "throughput_median": "Doorlooptijd mediaan (dagen)",
    "interventions_ended": "Interventies beëindigd",
    "interventions_success": "Interventies succesvol",
    "intervention_success_rate": "Slagingspercentage interventies",
    "intervention_days_mean": "Duur interventie gemiddeld (dagen)",
    "intervention_prognosis_days_mean": "Prognose interventie gemiddeld (dagen)",
    "timely": "Eerste contact tijdig",
    "timeliness": "Aandeel eerste contact binnen 11 werkdagen",
    "programme_cost": "Programmakosten",
    "expected_benefit": "Verwachte netto baten",
    "reduction_days": "Verwachte reductie verzuimdagen",
}
GROUPING_NAMES = {  # the groupings of casework.reports as the console and the files name them
    "none": "Totaal",
    "month": "Maand",
    "region": "Regio",
    "case_manager": "Casemanager",
    "label": "Label",
    "employer": "Werkgever",
    "category": "Categorie",
    "programme": "Programma",
    "provider": "Aanbieder",
}
TRAJECTORY_COLUMNS = ("id", "employee_id", "started_on", "closed_on", "status", "end_reason", "programme_id")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> Any:
    """A value as a CSV cell: empty for None, plain text for numbers and dates, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value) if isinstance(value, Decimal) else value


def _xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row of XLSX cells: text neutralised and typed as text (never a formula), numbers as numbers."""
    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            cell.data_type = "s"  # openpyxl would take "=…" for a formula
        else:
            cell = WriteOnlyCell(sheet, value=value)
        cells.append(cell)
    return cells


def _lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row as one CSV line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def report_rows_csv(report: Report) -> Iterator[str]:
    """The report's table as CSV lines: a header of Dutch column names, then one line per group."""
    yield from _lines([[HEADERS[c] for c in report.columns]])
    yield from _lines([row[c] for c in report.columns] for row in report.rows)


def report_xlsx(report: Report) -> bytes:
    """The report's table as an XLSX workbook (one sheet "Rapport")."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Rapport")
    sheet.append(
        _xlsx_row(
            sheet,
            [
                f"Periode {dutch_date(report.date_from)} t/m {dutch_date(report.date_to)}, "
                f"per {GROUPING_NAMES.get(report.grouping, report.grouping).lower()}"
            ],
        )
    )
    sheet.append(_xlsx_row(sheet, [HEADERS[c] for c in report.columns]))
    for row in report.rows:
        sheet.append(_xlsx_row(sheet, [row[c] for c in report.columns]))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def trajectory_rows_csv(
    date_from: dt.date, date_to: dt.date, *, viewer: User | None = None, batch: int = 5000
) -> Iterator[str]:
    """Every trajectory of a report's population as CSV, streamed from the database in batches (bounded memory)."""
    check_period(date_from, date_to, "none")
    query = (
        sa.select(
            Trajectory.id,
            Trajectory.employee_id,
            Trajectory.started_on,
            Trajectory.closed_on,
            Trajectory.status,
            EndReason.name,
            Trajectory.programme_id,
        )
        .join(Employee, Employee.id == Trajectory.employee_id)
        .outerjoin(EndReason, EndReason.id == Trajectory.end_reason_id)
        .where(
            Trajectory.started_on <= date_to,
            sa.or_(Trajectory.closed_on.is_(None), Trajectory.closed_on >= date_from),
        )
        .order_by(Trajectory.id)
    )
    if viewer is not None and viewer.role != Role.ADMIN:
        query = query.where(Employee.case_manager_id == viewer.id)
    yield from _lines([TRAJECTORY_COLUMNS])
    result = db.session.execute(query.execution_options(yield_per=batch, stream_results=True))
    yield from _lines((*r[:4], str(r[4]), *r[5:]) for r in result)
