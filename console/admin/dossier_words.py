"""Dutch names (translatable) for what the dossier and the dashboard show: signal kinds, statuses, weights."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SIGNAL_KINDS = {
    "task_overdue": _l("Taak over de deadline"),
    "rtw_target_passed": _l("Streefdatum werkhervatting verstreken"),
    "prognosis_passed": _l("Prognose-einddatum interventie verstreken"),
    "not_contacted": _l("Lang niet gesproken"),
    "poortwachter_due": _l("Poortwachter-termijn"),
    "weight_outdated": _l("Cliëntzwaarte verouderd"),
    "frequent_absence": _l("Frequent verzuim"),
    "trigger_notice": _l("Bericht"),
    "consult_pending": _l("Nog niet afgemeld"),
    "consult_no_show": _l("Niet verschenen (2e keer)"),
    "consult_due": _l("Tijd voor een praatje"),
}
DEADLINE_STATUS = {
    "done": _l("gedaan"),
    "upcoming": _l("komend"),
    "due_soon": _l("binnenkort"),
    "missed": _l("verstreken"),
    "paused": _l("gepauzeerd"),
    "waived": _l("niet nodig"),
    "date": _l("datum"),
}
RIV_STATUS = {
    "present": _l("aanwezig"),
    "waived": _l("niet nodig"),
    "missing": _l("ontbreekt"),
    "not_applicable": _l("alleen als er een was"),
}
# What the re-integratieverslag asks beyond the timeline's steps, recorded when it happens (casework.riv).
RIV_STEPS = {
    "spoor_2_besluit": _l("Besluit spoor 2"),
    "arbeidsdeskundig_onderzoek": _l("Arbeidsdeskundig onderzoek"),
    "eindevaluatie": _l("Eindevaluatie"),
    "actueel_oordeel": _l("Actueel oordeel bedrijfsarts"),
}
TASK_STATUS = {
    "open": _l("open"),
    "done": _l("afgerond"),
    "skipped": _l("overgeslagen"),
    "cancelled": _l("geannuleerd"),
}
WEIGHTS = {"low": _l("laag"), "medium": _l("middel"), "high": _l("hoog")}

ZW_VANGNET = {
    "zwangerschap": _l("zwangerschap of bevalling"),
    "orgaandonatie": _l("orgaandonatie"),
    "no_riskpolis": _l("no-riskpolis"),
}

CONTACT_KINDS = {
    "gesprek": _l("gesprek"),
    "telefoon": _l("telefoon"),
    "video": _l("video"),
    "email": _l("e-mail"),
}
CONTACT_WITH = {
    "werknemer": _l("werknemer"),
    "werkgever": _l("werkgever"),
    "bedrijfsarts": _l("bedrijfsarts"),
    "arbeidsdeskundige": _l("arbeidsdeskundige"),
    "provider": _l("provider"),
}
