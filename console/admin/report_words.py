"""The report page's words in the user's language: column headings and groupings (the files keep Dutch).

casework.reports_export names the columns and groupings in Dutch for the CSV and XLSX files; the page shows the
same words through the catalogue. Each Dutch text here equals the engine's (tests/console/test_language.py).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

HEADINGS: dict[str, Any] = {
    "group": _l("Groep"),
    "sick_opened": _l("Verzuimmeldingen geopend"),
    "sick_closed": _l("Verzuimmeldingen afgesloten"),
    "sick_open_at_end": _l("Verzuimmeldingen open aan het eind"),
    "work_outflow": _l("Arbeidsuitstroom"),
    "work_outflow_rate": _l("Aandeel arbeidsuitstroom"),
    "other_outflow": _l("Overige uitstroom"),
    "other_outflow_rate": _l("Aandeel overige uitstroom"),
    "sick_erroneous": _l("Foutief opgevoerd (apart)"),
    "opened": _l("Trajecten geopend"),
    "closed": _l("Trajecten gesloten"),
    "open_at_end": _l("Trajecten open aan het eind"),
    "no_approval": _l("Gesloten zonder akkoord (apart)"),
    "trajectory_erroneous": _l("Trajecten foutief opgevoerd (apart)"),
    "successful": _l("Succesvol gesloten"),
    "success_rate": _l("Slagingspercentage"),
    "goal_achieved": _l("Einddoel bereikt"),
    "goal_rate": _l("Aandeel einddoel bereikt"),
    "throughput_mean": _l("Doorlooptijd gemiddeld (dagen)"),
    "throughput_median": _l("Doorlooptijd mediaan (dagen)"),
    "open_age_mean": _l("Leeftijd open trajecten gemiddeld (dagen)"),
    "first_interventions": _l("Eerste interventies gestart"),
    "first_intervention_days_mean": _l("Dagen tot eerste interventie gemiddeld"),
    "timely": _l("Eerste contact tijdig"),
    "timeliness": _l("Aandeel eerste contact binnen 11 werkdagen"),
    "interventions_ended": _l("Interventies beëindigd"),
    "interventions_success": _l("Interventies succesvol"),
    "intervention_success_rate": _l("Aandeel interventies succesvol"),
    "intervention_days_mean": _l("Duur interventie gemiddeld (dagen)"),
    "intervention_prognosis_days_mean": _l("Prognose interventie gemiddeld (dagen)"),
    "programme_cost": _l("Programmakosten"),
    "expected_benefit": _l("Verwachte netto baten"),
    "reduction_days": _l("Voorspelde besparing verzuimdagen (som)"),
    "saving_cases": _l("Gevallen met gerealiseerde besparing"),
    "saving_predicted_mean": _l("Voorspelde besparing per geval (dagen)"),
    "saving_realised_mean": _l("Gerealiseerde besparing per geval gemiddeld (dagen)"),
    "saving_realised_min": _l("Gerealiseerde besparing minimum (dagen)"),
    "saving_realised_median": _l("Gerealiseerde besparing mediaan (dagen)"),
    "saving_realised_max": _l("Gerealiseerde besparing maximum (dagen)"),
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
SECTIONS: dict[str, Any] = {
    "sick_reports": _l("Verzuimmeldingen"),
    "trajectories": _l("Trajecten"),
    "interventions": _l("Interventies"),
    "savings": _l("Kosten en besparing"),
}


def heading(column: str) -> str:
    """A column's heading in the user's language (the engine's Dutch one for a column not listed here)."""
    from casework.reports_export import HEADERS

    return str(HEADINGS.get(column, HEADERS.get(column, column)))


def groupings() -> dict[str, str]:
    """The groupings, key → name in the user's language, in the engine's order."""
    from casework.reports_export import GROUPING_NAMES

    return {key: str(GROUPINGS.get(key, name)) for key, name in GROUPING_NAMES.items()}
