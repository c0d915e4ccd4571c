"""Names (Dutch, translatable) for the enum values the console shows, and helpers to use them in Flask-Admin views."""

from __future__ import annotations

import enum
from typing import Any

from flask_admin.contrib.sqla.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from models import (
    ActionKind,
    ConditionKind,
    DueBasis,
    Language,
    NotifyTarget,
    Outcome,
    PoortwachterCarrier,
    ProductKind,
    Role,
    SickReportOutcome,
    TaskKind,
    TriggerEvent,
)

DUTCH: dict[type[enum.Enum], dict[str, Any]] = {
    Outcome: {
        "success": _l("Succesvol"),
        "not_successful": _l("Niet succesvol"),
        "no_approval": _l("Geen akkoord"),
        "other": _l("Overig"),
        "erroneous": _l("Foutief opgevoerd"),
    },
    SickReportOutcome: {
        "own_work": _l("Werkhervatting eigen werk"),
        "adapted_work": _l("Werkhervatting aangepast werk eigen werkgever"),
        "other_employer": _l("Werkhervatting andere werkgever"),
        "other_outflow": _l("Overige uitstroom"),
        "waiting_time_end": _l("Einde wachttijd / WIA"),
        "retirement": _l("Pensioen"),
        "erroneous": _l("Foutief opgevoerd"),
    },
    ProductKind: {
        "absence": _l("Verzuimverzekering"),
        "wga": _l("WGA-eigenrisicodragerschap"),
        "sickness_benefit": _l("ZW-eigenrisicodragerschap"),
        "income": _l("Arbeidsongeschiktheid / inkomen"),
        "other": _l("Overig"),
    },
    TaskKind: {
        "policy_selection": _l("Traject en polis vastleggen"),
        "programme_selection": _l("Programmaselectie"),
        "cost_benefit": _l("Kosten/baten-analyse"),
        "approval": _l("Akkoord"),
        "document": _l("Document versturen"),
        "report_received": _l("Rapportage ontvangen"),
        "plain": _l("Gewone taak"),
    },
    TriggerEvent: {
        "trajectory_started": _l("Traject gestart"),
        "task_completed": _l("Taak afgerond"),
        "task_overdue": _l("Taak te laat"),
        "trajectory_closed": _l("Traject gesloten"),
    },
    ConditionKind: {
        "task_template": _l("Taak is"),
        "result_field_equals": _l("Resultaatveld is"),
        "category": _l("Categorie is"),
        "end_goal": _l("Einddoel is"),
        "service_type": _l("Dienstverleningssoort is"),
    },
    ActionKind: {
        "add_task": _l("Taak toevoegen"),
        "close_trajectory": _l("Traject sluiten"),
        "generate_document": _l("Document maken"),
        "start_intervention": _l("Interventie starten"),
        "notify": _l("Bericht sturen"),
    },
    DueBasis: {"event": _l("na de gebeurtenis"), "prognosis_end": _l("na de prognose-einddatum")},
    NotifyTarget: {"case_manager": _l("De casemanager"), "admin": _l("De functioneel beheerders")},
    PoortwachterCarrier: {"arbodienst": _l("Arbodienst"), "employer": _l("Werkgever")},
    Role: {"admin": _l("Functioneel beheerder"), "casemanager": _l("Casemanager")},
    Language: {"nl": _l("Nederlands"), "en": _l("Engels")},
}


def dutch(value: enum.Enum | str | None) -> str:
    """The name of an enum value in the user's language (empty for None)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum) and type(value) in DUTCH:
        return str(DUTCH[type(value)].get(value.value, value.value))
    return str(value)


def choices(enum_cls: type[enum.Enum]) -> list[tuple[str, Any]]:
    """(value, name) pairs in the enum's order; the names are lazy, translated when shown."""
    return [(member.value, DUTCH[enum_cls][member.value]) for member in enum_cls]


def enum_form(enum_cls: type[enum.Enum], label: Any) -> tuple[type, dict[str, Any]]:
    """A form override and its arguments: a select of translated names whose data is the enum member."""
    return SelectField, {"label": label, "choices": choices(enum_cls), "coerce": enum_cls}


def enum_formatter(view: Any, context: Any, model: Any, name: str) -> str:
    """A list column formatter showing an enum attribute by its name in the user's language."""
    return dutch(getattr(model, name))


def enum_filter(column: Any, label: Any, enum_cls: type[enum.Enum]) -> FilterEqual:
    """An equality filter offering the translated names."""
    return FilterEqual(column, label, options=choices(enum_cls))
