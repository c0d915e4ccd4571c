"""The report page's words in the user's language: column headings and groupings (the files keep Dutch).

casework.reports_export names the columns and groupings in Dutch for the CSV and XLSX files; the page shows the
same words through the catalogue. Each Dutch text here equals the engine's (tests/console/test_language.py).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

HEADINGS: dict[str, Any] = {
    "group": _l("Groep"),
    "opened": _l("Geopend"),
    "closed": _l("Gesloten"),
    "open_at_end": _l("Open aan het eind"),
    "work_outflow": _l("Uitstroom naar werk"),
    "other_outflow": _l("Overige uitstroom"),
    "work_outflow_rate": _l("Aandeel uitstroom naar werk"),
    "goal_achieved": _l("Einddoel bereikt"),
    "goal_rate": _l("Aandeel einddoel bereikt"),
    "throughput_mean": _l("Doorlooptijd gemiddeld (dagen)"),
    "throughput_median": _l("Doorlooptijd mediaan (dagen)"),
    "interventions_ended": _l("Interventies beëindigd"),
    "interventions_success": _l("Interventies succesvol"),
    "intervention_success_rate": _l("Slagingspercentage interventies"),
    "intervention_days_mean": _l("Duur interventie gemiddeld (dagen)"),
    "intervention_prognosis_days_mean": _l("Prognose interventie gemiddeld (dagen)"),
    "timely": _l("Eerste contact tijdig"),
    "timeliness": _l("Aandeel eerste contact binnen 11 werkdagen"),
    "programme_cost": _l("Programmakosten"),
    "expected_benefit": _l("Verwachte netto baten"),
    "reduction_days": _l("Verwachte reductie verzuimdagen"),
}
GROUPINGS: dict[str, Any] = {
    "none": _l("Totaal"),
    "month": _l("Maand"),
    "region": _l("Regio"),
    "case_manager": _l("Casemanager"),
    "label": _l("Label"),
    "employer": _l("Werkgever"),
    "category": _l("Categorie"),
    "programme": _l("Programma"),
    "provider": _l("Aanbieder"),
}
FIELD_LABELS: dict[str, Any] = {"van": _l("Van"), "tot": _l("Tot"), "per": _l("Groepering")}


def heading(column: str) -> str:
    """A column's heading in the user's language (the engine's Dutch one for a column not listed here)."""
    from casework.reports_export import HEADERS

    return str(HEADINGS.get(column, HEADERS.get(column, column)))


def groupings() -> dict[str, str]:
    """The groupings, key → name in the user's language, in the engine's order."""
    from casework.reports_export import GROUPING_NAMES

    return {key: str(GROUPINGS.get(key, name)) for key, name in GROUPING_NAMES.items()}
