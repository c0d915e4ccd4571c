"""Dutch names for the enum values the console shows, and helpers to use them in Flask-Admin views."""

from __future__ import annotations

import enum
from typing import Any

from flask_admin.contrib.sqla.filters import FilterEqual
from wtforms import SelectField

from models import (
    ActionKind,
    ConditionKind,
    DueBasis,
    NotifyTarget,
    Outcome,
    ProductKind,
    TaskKind,
    TriggerEvent,
)

DUTCH: dict[type[enum.Enum], dict[str, str]] = {
    Outcome: {
        "success": "Succesvol",
        "not_successful": "Niet succesvol",
        "no_approval": "Geen akkoord",
        "other": "Overig",
    },
    ProductKind: {
        "absence": "Verzuimverzekering",
        "wga": "WGA-eigenrisicodragerschap",
        "sickness_benefit": "ZW-eigenrisicodragerschap",
        "income": "Arbeidsongeschiktheid / inkomen",
        "other": "Overig",
    },
    TaskKind: {
        "policy_selection": "Traject en polis vastleggen",
        "programme_selection": "Programmaselectie",
        "cost_benefit": "Kosten/baten-analyse",
        "approval": "Akkoord",
        "document": "Document versturen",
        "report_received": "Rapportage ontvangen",
        "plain": "Gewone taak",
    },
    TriggerEvent: {
        "trajectory_started": "Traject gestart",
        "task_completed": "Taak afgerond",
        "task_overdue": "Taak te laat",
        "trajectory_closed": "Traject gesloten",
    },
    ConditionKind: {
        "task_template": "Taak is",
        "result_field_equals": "Resultaatveld is",
        "category": "Categorie is",
        "end_goal": "Einddoel is",
        "service_type": "Dienstverleningssoort is",
    },
    ActionKind: {
        "add_task": "Taak toevoegen",
        "close_trajectory": "Traject sluiten",
        "generate_document": "Document maken",
        "start_intervention": "Interventie starten",
        "notify": "Bericht sturen",
    },
    DueBasis: {"event": "na de gebeurtenis", "prognosis_end": "na de prognose-einddatum"},
    NotifyTarget: {"case_manager": "De casemanager", "admin": "De functioneel beheerders"},
}


def dutch(value: enum.Enum | str | None) -> str:
    """The Dutch name of an enum value (empty for None)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum) and type(value) in DUTCH:
        return DUTCH[type(value)].get(value.value, str(value.value))
    return str(value)


def choices(enum_cls: type[enum.Enum]) -> list[tuple[str, str]]:
    """(value, Dutch name) pairs in the enum's order."""
    return [(member.value, DUTCH[enum_cls][member.value]) for member in enum_cls]


def enum_form(enum_cls: type[enum.Enum], label: str) -> tuple[type, dict[str, Any]]:
    """A form override and its arguments: a select of Dutch names whose data is the enum member."""
    return SelectField, {"label": label, "choices": choices(enum_cls), "coerce": enum_cls}


def enum_formatter(view: Any, context: Any, model: Any, name: str) -> str:
    """A list column formatter showing an enum attribute by its Dutch name."""
    return dutch(getattr(model, name))


def enum_filter(column: Any, label: str, enum_cls: type[enum.Enum]) -> FilterEqual:
    """An equality filter offering the Dutch names."""
    return FilterEqual(column, label, options=choices(enum_cls))
