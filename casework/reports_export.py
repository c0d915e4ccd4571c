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

HEADERS = {  # each column of casework.reports.COLUMNS in Dutch (the definitions: DEFINITIONS below)
    "group": "Groep",
    "sick_opened": "Verzuimmeldingen geopend",
    "sick_closed": "Verzuimmeldingen afgesloten",
    "sick_open_at_end": "Verzuimmeldingen open aan het eind",
    "work_outflow": "Arbeidsuitstroom",
    "work_outflow_rate": "Aandeel arbeidsuitstroom",
    "other_outflow": "Overige uitstroom",
    "other_outflow_rate": "Aandeel overige uitstroom",
    "sick_erroneous": "Foutief opgevoerd (apart)",
    "opened": "Trajecten geopend",
    "closed": "Trajecten gesloten",
    "open_at_end": "Trajecten open aan het eind",
    "no_approval": "Gesloten zonder akkoord (apart)",
    "trajectory_erroneous": "Trajecten foutief opgevoerd (apart)",
    "successful": "Succesvol gesloten",
    "success_rate": "Slagingspercentage",
    "goal_achieved": "Einddoel bereikt",
    "goal_rate": "Aandeel einddoel bereikt",
    "throughput_mean": "Doorlooptijd gemiddeld (dagen)",
    "throughput_median": "Doorlooptijd mediaan (dagen)",
    "open_age_mean": "Leeftijd open trajecten gemiddeld (dagen)",
    "first_interventions": "Eerste interventies gestart",
    "first_intervention_days_mean": "Dagen tot eerste interventie gemiddeld",
    "timely": "Eerste contact tijdig",
    "timeliness": "Aandeel eerste contact binnen 11 werkdagen",
    "interventions_ended": "Interventies beëindigd",
    "interventions_success": "Interventies succesvol",
    "intervention_success_rate": "Aandeel interventies succesvol",
    "intervention_days_mean": "Duur interventie gemiddeld (dagen)",
    "intervention_prognosis_days_mean": "Prognose interventie gemiddeld (dagen)",
    "programme_cost": "Programmakosten",
    "expected_benefit": "Verwachte netto baten",
    "reduction_days": "Voorspelde besparing verzuimdagen (som)",
    "saving_cases": "Gevallen met gerealiseerde besparing",
    "saving_predicted_mean": "Voorspelde besparing per geval (dagen)",
    "saving_realised_mean": "Gerealiseerde besparing per geval gemiddeld (dagen)",
    "saving_realised_min": "Gerealiseerde besparing minimum (dagen)",
    "saving_realised_median": "Gerealiseerde besparing mediaan (dagen)",
    "saving_realised_max": "Gerealiseerde besparing maximum (dagen)",
}
SECTION_NAMES = {
    "sick_reports": "Verzuimmeldingen",
    "trajectories": "Trajecten",
    "interventions": "Interventies",
    "savings": "Kosten en besparing",
}
KIND_NAMES = {"trajectory": "Traject", "sick_report": "Verzuimmelding"}
OUTCOME_NAMES = {  # the outcome classes of both kinds of end reason
    "success": "Succesvol",
    "not_successful": "Niet succesvol",
    "no_approval": "Geen akkoord",
    "other": "Overig",
    "own_work": "Werkhervatting eigen werk",
    "adapted_work": "Werkhervatting aangepast werk eigen werkgever",
    "other_employer": "Werkhervatting andere werkgever",
    "other_outflow": "Overige uitstroom",
    "waiting_time_end": "Einde wachttijd / WIA",
    "retirement": "Pensioen",
    "erroneous": "Foutief opgevoerd",
}
REASON_HEADERS = ("Groep", "Soort", "Beëindigingsreden", "Uitkomstklasse", "Aantal")
# Each figure's definition in Dutch, written once: the console's "Definities", the XLSX sheet "Definities" and
# the README say these words (casework.reports has them in English).
DEFINITIONS = {
    "sick_reports": (
        "Een verzuimmelding eindigt op de hersteldatum, of op de datum van afsluiten als er geen hersteldatum is. "
        "Geopend: eerste ziektedag in de periode. Afgesloten: geëindigd in de periode. Open aan het eind: eerste "
        "ziektedag uiterlijk op de einddatum en niet geëindigd op of voor de einddatum. Arbeidsuitstroom: "
        "afgesloten met een reden van de klasse werkhervatting (eigen werk, aangepast werk eigen werkgever, andere "
        "werkgever), gedeeld door alle afgesloten meldingen. Overige uitstroom: afgesloten met de klasse overige "
        "uitstroom (dus niet werk, niet einde wachttijd / WIA en niet pensioen), gedeeld door alle afgesloten "
        "meldingen. Een melding die foutief is opgevoerd telt nergens mee en staat apart."
    ),
    "trajectories": (
        "De trajecten die in de periode liepen. Gesloten zonder akkoord (de offerte is niet geaccordeerd, er is "
        "geen interventie gestart) staat apart; een traject dat foutief is opgevoerd telt nergens mee en staat ook "
        "apart. Slagingspercentage: succesvol gesloten trajecten gedeeld door de "
        "gesloten trajecten zonder die zonder akkoord. Einddoel bereikt: gesloten trajecten waarvan het einddoel "
        "gelijk is aan het einddoel dat de afloop bereikte: dat van de beëindigingsreden van de verzuimmelding (als "
        "die uiterlijk op de einddatum eindigde) of van de eigen beëindigingsreden; gedeeld door alle gesloten "
        "trajecten. Doorlooptijd: dagen van start tot sluiten van de gesloten trajecten; leeftijd: dagen van start "
        "tot de einddatum van de trajecten die dan nog open zijn. Dagen tot eerste interventie: van de start van "
        "het traject tot de start van de eerste interventie, voor de trajecten waarvan de eerste interventie in de "
        "periode begon. Tijdigheid: het aandeel van de geopende trajecten waarin het eerste vastgelegde contact met "
        "de werknemer uiterlijk op de 11e werkdag na de start lag (Nederlandse dag; weekenden en feestdagen tellen "
        "niet mee)."
    ),
    "interventions": (
        "Interventies waarvan de werkelijke einddatum in de periode ligt; succesvol: met een beëindigingsreden van "
        "de klasse succesvol. De gemiddelde duur (start tot werkelijk einde) staat naast de geprognosticeerde duur "
        "(start tot prognose-einde) van dezelfde interventies."
    ),
    "savings": (
        "Programmakosten, verwachte netto baten en voorspelde besparing: opgeteld over de kosten/baten-analyses van "
        "de trajecten die in de periode startten. Gerealiseerde besparing: per traject met een gekozen programma "
        "(niet gesloten zonder akkoord) en een kosten/baten-analyse, waarvan de verzuimmelding in de periode eindigde "
        "met werkhervatting: de verwachte hersteldatum die de melding had op de dag van de analyse (de "
        "programmakeuze) min de dag waarop de melding werkelijk eindigde. Negatief is later dan verwacht. Daarnaast "
        "de voorspelde besparing (reductie verzuimdagen) van dezelfde gevallen, het aantal gevallen en de spreiding "
        "(minimum, mediaan, maximum). Per programma of per aanbieder gegroepeerd laat dit zien of een belofte als "
        "'27 dagen per geval' op de eigen gegevens uitkomt."
    ),
    "groupings": (
        "Elk dossier telt in precies één rij, dus de rijen tellen op tot het totaal. Per maand telt de startmaand "
        "van een traject en de maand van de eerste ziektedag van een melding. Regio: de eerste regio van het programma. "
        "Casemanager: die van het traject; bij een melding die van de werknemer. Een melding valt onder de "
        "categorie, het programma en de regio van haar laatste traject, of onder (geen)."
    ),
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
    reasons = workbook.create_sheet("Beëindigingsredenen")
    reasons.append(_xlsx_row(reasons, REASON_HEADERS))
    for r in report.end_reasons:
        values = [
            r["group"],
            KIND_NAMES[r["kind"]],
            r["end_reason"],
            OUTCOME_NAMES.get(r["outcome"], ""),
            r["count"],
        ]
        reasons.append(_xlsx_row(reasons, values))
    words = workbook.create_sheet("Definities")
    for key, text in DEFINITIONS.items():
        words.append(_xlsx_row(words, [SECTION_NAMES.get(key, "Rijen"), text]))
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
