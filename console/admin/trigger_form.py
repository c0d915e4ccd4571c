"""The trigger editor's form: repeated WHEN/IF/THEN rows read from a POST, turned into a draft trigger."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from casework.trigger_rules import describe_result_condition, result_value_labels
from models import (
    ActionKind,
    Category,
    ConditionKind,
    DocumentTemplate,
    DueBasis,
    EndGoal,
    EndReason,
    NotifyTarget,
    ServiceType,
    TaskTemplate,
    TrajectoryTemplate,
    Trigger,
    TriggerAction,
    TriggerCondition,
    TriggerEvent,
    db,
)

EMPTY_ROWS = 2
MAX_ROWS = 20
CONDITION_FIELDS = ("kind", "task", "field", "value", "category", "end_goal", "service_type")
ACTION_FIELDS = ("kind", "task", "due", "basis", "end_reason", "document", "target", "text")
# The engine's error keys (conditions.0.task_template) in the administrator's words.
OPERANDS = {
    "task_template": _l("Taak"),
    "field": _l("Resultaatveld"),
    "value": _l("Waarde"),
    "category": _l("Categorie"),
    "end_goal": _l("Einddoel"),
    "service_type": _l("Dienstverleningssoort"),
    "due_in_days": _l("Termijn (dagen)"),
    "end_reason": _l("Beëindigingsreden"),
    "document_template": _l("Documentsjabloon"),
    "notify_target": _l("Aan"),
    "text": _l("Tekst"),
}


@dataclass
class TriggerForm:
    """What the administrator typed: the trigger's own fields and its rows, plus errors by field."""

    values: dict[str, str]
    conditions: list[dict[str, str]]
    actions: list[dict[str, str]]
    errors: dict[str, str] = field(default_factory=dict)


def from_trigger(trigger: Trigger | None) -> TriggerForm:
    """The form for an existing trigger (or an empty one), with empty rows to add to."""
    if trigger is None:
        values = {"name": "", "description": "", "event": "", "active": "y", "position": "0"}
        return TriggerForm(
            values, [_blank(CONDITION_FIELDS)] * EMPTY_ROWS, [_blank(ACTION_FIELDS)] * EMPTY_ROWS
        )
    values = {
        "name": trigger.name,
        "description": trigger.description or "",
        "event": trigger.event.value,
        "active": "y" if trigger.active else "",
        "position": str(trigger.position),
    }
    conditions = [
        {
            "kind": c.kind.value,
            "task": _id(c.task_template_id),
            "field": c.field or "",
            "value": shown_value(c.field or "", c.value or ""),
            "category": _id(c.category_id),
            "end_goal": _id(c.end_goal_id),
            "service_type": _id(c.service_type_id),
        }
        for c in trigger.conditions
    ]
    actions = [
        {
            "kind": a.kind.value,
            "task": _id(a.task_template_id),
            "due": "" if a.due_in_days is None else str(a.due_in_days),
            "basis": a.due_basis.value if a.due_basis else "event",
            "end_reason": _id(a.end_reason_id),
            "document": _id(a.document_template_id),
            "target": a.notify_target.value if a.notify_target else "",
            "text": a.text or "",
        }
        for a in trigger.actions
    ]
    blank_c, blank_a = [_blank(CONDITION_FIELDS)] * EMPTY_ROWS, [_blank(ACTION_FIELDS)] * EMPTY_ROWS
    return TriggerForm(values, conditions + blank_c, actions + blank_a)


def from_post(form: MultiDict) -> TriggerForm:
    """The form as posted; an "add row" button adds one empty row of its kind."""
    values = {
        name: form.get(name, "").strip() for name in ("name", "description", "event", "active", "position")
    }
    conditions = _rows(form, "c", CONDITION_FIELDS)
    actions = _rows(form, "a", ACTION_FIELDS)
    if form.get("add") == "condition" and len(conditions) < MAX_ROWS:
        conditions.append(_blank(CONDITION_FIELDS))
    if form.get("add") == "action" and len(actions) < MAX_ROWS:
        actions.append(_blank(ACTION_FIELDS))
    return TriggerForm(values, conditions, actions)


def _blank(names: tuple[str, ...]) -> dict[str, str]:
    return dict.fromkeys(names, "")


def _id(value: int | None) -> str:
    return "" if value is None else str(value)


def _rows(form: MultiDict, prefix: str, names: tuple[str, ...]) -> list[dict[str, str]]:
    count = min(form.get(f"{prefix}-rows", type=int) or 0, MAX_ROWS)
    return [{name: form.get(f"{prefix}-{i}-{name}", "").strip() for name in names} for i in range(count)]


def _get(model: type, value: str, errors: dict[str, str], key: str) -> Any:
    """A row's chosen item by id; an error naming the field (the key's last part) when it is missing or unknown."""
    row = db.session.get(model, int(value)) if value.isdigit() else None
    if row is None:
        what = str(OPERANDS[key.rsplit(".", 1)[-1]])
        errors[key] = _("%(field)s: kies een %(item)s.", field=what, item=what.lower())
    return row


def build(form: TriggerForm, template: TrajectoryTemplate, trigger: Trigger | None) -> Trigger | None:
    """Fill `trigger` (or a new draft) from the form; None with `form.errors` set when the input is incomplete.

    Only the form's own checks happen here; the rules of SPEC §5 are the engine's (validate_trigger)."""
    errors = form.errors
    values = form.values
    # Empty rows are dropped first, so that row numbers match the engine's (conditions.0 is the first row).
    form.conditions = [row for row in form.conditions if row["kind"]]
    form.actions = [row for row in form.actions if row["kind"]]
    if not values["name"]:
        errors["name"] = _("Naam: vul een naam in.")
    elif len(values["name"]) > 200:
        errors["name"] = _("Naam: hoogstens 200 tekens.")
    else:
        same = sa.select(Trigger.id).where(
            Trigger.trajectory_template_id == template.id, Trigger.name == values["name"]
        )
        if trigger is not None and trigger.id is not None:
            same = same.where(Trigger.id != trigger.id)
        if db.session.scalar(same) is not None:
            errors["name"] = _(
                "Naam: dit trajecttype heeft al een trigger met de naam %(name)s.", name=values["name"]
            )
    if values["event"] not in {e.value for e in TriggerEvent}:
        errors["event"] = _("Wanneer: kies een gebeurtenis.")
    position = values["position"] or "0"
    if not position.lstrip("-").isdigit():
        errors["position"] = _("Volgorde: geef een geheel getal.")
    conditions = [_condition(row, i, errors) for i, row in enumerate(form.conditions)]
    actions = [_action(row, i, errors) for i, row in enumerate(form.actions)]
    if errors:
        return None
    trigger = trigger if trigger is not None else Trigger()
    trigger.name, trigger.description = values["name"], values["description"]
    trigger.event = TriggerEvent(values["event"])
    trigger.active = values["active"] == "y"
    trigger.position = int(position)
    trigger.conditions = [c for c in conditions if c is not None]
    trigger.actions = [a for a in actions if a is not None]
    for position_in_list, action in enumerate(trigger.actions):
        action.position = position_in_list
    return trigger


def _condition(row: dict[str, str], i: int, errors: dict[str, str]) -> TriggerCondition | None:
    key = f"conditions.{i}"
    if row["kind"] not in {k.value for k in ConditionKind}:
        errors[f"{key}.kind"] = _("Soort: kies wat de voorwaarde test.")
        return None
    condition = TriggerCondition(kind=ConditionKind(row["kind"]))
    match condition.kind:
        case ConditionKind.TASK_TEMPLATE:
            condition.task_template = _get(TaskTemplate, row["task"], errors, f"{key}.task_template")
        case ConditionKind.RESULT_FIELD_EQUALS:
            if not row["field"]:
                errors[f"{key}.field"] = _("Resultaatveld: vul de naam van het veld in.")
            if not row["value"]:
                errors[f"{key}.value"] = _("Waarde: vul de waarde in die het veld moet hebben.")
            condition.field, condition.value = (
                row["field"][:100],
                stored_value(row["field"], row["value"])[:200],
            )
        case ConditionKind.CATEGORY:
            condition.category = _get(Category, row["category"], errors, f"{key}.category")
        case ConditionKind.END_GOAL:
            condition.end_goal = _get(EndGoal, row["end_goal"], errors, f"{key}.end_goal")
        case ConditionKind.SERVICE_TYPE:
            condition.service_type = _get(ServiceType, row["service_type"], errors, f"{key}.service_type")
    return condition


def _action(row: dict[str, str], i: int, errors: dict[str, str]) -> TriggerAction | None:
    key = f"actions.{i}"
    if row["kind"] not in {k.value for k in ActionKind}:
        errors[f"{key}.kind"] = _("Soort: kies wat de actie doet.")
        return None
    action = TriggerAction(kind=ActionKind(row["kind"]), due_basis=DueBasis.EVENT, text="")
    match action.kind:
        case ActionKind.ADD_TASK:
            action.task_template = _get(TaskTemplate, row["task"], errors, f"{key}.task_template")
            if not row["due"].isdigit() or int(row["due"]) > 3650:
                errors[f"{key}.due_in_days"] = _(
                    "Termijn (dagen): geef een geheel getal van 0 tot en met 3650."
                )
            else:
                action.due_in_days = int(row["due"])
            if row["basis"] in {b.value for b in DueBasis}:
                action.due_basis = DueBasis(row["basis"])
        case ActionKind.CLOSE_TRAJECTORY:
            action.end_reason = _get(EndReason, row["end_reason"], errors, f"{key}.end_reason")
        case ActionKind.GENERATE_DOCUMENT:
            action.document_template = _get(
                DocumentTemplate, row["document"], errors, f"{key}.document_template"
            )
        case ActionKind.NOTIFY:
            if row["target"] not in {t.value for t in NotifyTarget}:
                errors[f"{key}.notify_target"] = _("Aan: kies wie het bericht krijgt.")
            else:
                action.notify_target = NotifyTarget(row["target"])
            if not row["text"]:
                errors[f"{key}.text"] = _("Tekst: schrijf het bericht.")
            action.text = row["text"]
    return action


def pad(form: TriggerForm) -> TriggerForm:
    """Give the form one empty row of each kind to add to."""
    form.conditions.append(_blank(CONDITION_FIELDS))
    form.actions.append(_blank(ACTION_FIELDS))
    return form


NAMES = {
    "name": _l("Naam"),
    "event": _l("Wanneer"),
    "position": _l("Volgorde"),
    "conditions": _l("Voorwaarden"),
    "actions": _l("Acties"),
}


def shown_value(field_name: str, value: str) -> str:
    """A stored result value as the editor shows it: "Nee" for approval = rejected."""
    return describe_result_condition(field_name, value)[1]


def stored_value(field_name: str, value: str) -> str:
    """A value typed in the editor as it is stored: a shown name ("Nee") becomes its code ("rejected")."""
    for code, name in result_value_labels(field_name).items():
        if value.strip().lower() in (name.lower(), code):
            return code
    return value


def field_label(key: str) -> str:
    """An error key in the user's words: "conditions.1.task_template" → "Voorwaarde 2 – Taak"."""
    parts = key.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        number, operand = int(parts[1]) + 1, OPERANDS.get(parts[2], _l("Soort"))
        if parts[0] == "conditions":
            return _("Voorwaarde %(number)s – %(field)s", number=number, field=operand)
        return _("Actie %(number)s – %(field)s", number=number, field=operand)
    return str(NAMES.get(key, key))
