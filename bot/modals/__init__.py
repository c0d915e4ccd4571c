"""Modals: reading their state, and the input blocks they are made of (block_id = the engine's field name).

Labels, titles and buttons are given in Dutch (marked with casework.i18n.N_) and said in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from casework.i18n import N_, translate

from ..blocks import option, text


def select(
    block_id: str,
    label: str,
    choices: list[tuple[str, object]],
    *,
    optional: bool = False,
    initial: object = None,
    multi: bool = False,
    dispatch: bool = False,
) -> dict[str, Any]:
    """A static (multi) select input."""
    element: dict[str, Any] = {
        "type": "multi_static_select" if multi else "static_select",
        "action_id": block_id,
        "placeholder": text(translate(N_("Kies…"))),
        "options": [option(name, value) for name, value in choices][:100] or [option(N_("(geen)"), "")],
    }
    if initial is not None and not multi:
        match = [o for o in element["options"] if o["value"] == str(initial)]
        if match:
            element["initial_option"] = match[0]
    elif multi and initial:  # a list of values chosen beforehand
        wanted = {str(v) for v in initial}  # type: ignore[attr-defined]
        chosen = [o for o in element["options"] if o["value"] in wanted]
        if chosen:
            element["initial_options"] = chosen
    return {
        "type": "input",
        "block_id": block_id,
        "label": text(translate(label)),
        "optional": optional,
        "dispatch_action": dispatch,
        "element": element,
    }


def field(
    block_id: str,
    label: str,
    *,
    optional: bool = False,
    initial: str = "",
    dispatch: bool = False,
    multiline: bool = False,
    max_length: int | None = None,
) -> dict[str, Any]:
    """A text input (`max_length`: Slack refuses longer text in the field itself)."""
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": block_id, "multiline": multiline}
    if initial:
        element["initial_value"] = initial
    if max_length is not None:
        element["max_length"] = max_length
    if dispatch:
        element["dispatch_action_config"] = {
            "trigger_actions_on": ["on_character_entered", "on_enter_pressed"]
        }
    return {
        "type": "input",
        "block_id": block_id,
        "label": text(translate(label)),
        "optional": optional,
        "dispatch_action": dispatch,
        "element": element,
    }


def date(
    block_id: str, label: str, *, optional: bool = False, initial: dt.date | None = None
) -> dict[str, Any]:
    """A date picker, showing `initial` when given."""
    element: dict[str, Any] = {"type": "datepicker", "action_id": block_id}
    if initial is not None:
        element["initial_date"] = initial.isoformat()
    return {
        "type": "input",
        "block_id": block_id,
        "label": text(translate(label)),
        "optional": optional,
        "element": element,
    }


def modal(
    callback_id: str, title: str, blocks: list[dict[str, Any]], metadata: str, submit: str = N_("Opslaan")
) -> dict[str, Any]:
    """A modal view."""
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": text(translate(title)[:24]),
        "submit": text(translate(submit)),
        "close": text(translate(N_("Annuleren"))),
        "private_metadata": metadata,
        "blocks": blocks,
    }


def employee_picker(callback_id: str, title: str, submit: str = N_("Verder")) -> dict[str, Any]:
    """A modal before an employee is chosen: Werknemer searched as you type (the options listener); choosing
    one replaces it with the modal `callback_id` builds for that employee (bot.listeners.options)."""
    block = {
        "type": "input",
        "block_id": "employee",
        "label": text(translate(N_("Werknemer"))),
        "dispatch_action": True,
        "element": {
            "type": "external_select",
            "action_id": "employee",
            "min_query_length": 2,
            "placeholder": text(translate(N_("Zoek op naam of personeelsnummer"))),
        },
    }
    return modal(callback_id, title, [block], "", submit=submit)


def notice(title: str, message: str) -> dict[str, Any]:
    """A modal that only says something (no fields, no submit)."""
    return {
        "type": "modal",
        "title": text(translate(title)[:24]),
        "close": text(translate(N_("Sluiten"))),
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": message}}],
    }


def state_values(view: dict[str, Any]) -> dict[str, Any]:
    """{block_id: value} of a submitted or changed view; None for an empty field."""
    out: dict[str, Any] = {}
    for block_id, actions in (view.get("state") or {}).get("values", {}).items():
        for action in actions.values():
            kind = action.get("type")
            if kind == "multi_static_select":
                out[block_id] = [o["value"] for o in action.get("selected_options") or []]
            elif kind in ("static_select", "external_select"):
                chosen = action.get("selected_option")
                out[block_id] = chosen["value"] if chosen and chosen["value"] != "" else None
            elif kind == "datepicker":
                out[block_id] = action.get("selected_date")
            else:
                value = action.get("value")
                out[block_id] = value if value not in (None, "") else None
    return out


def labels(view: dict[str, Any]) -> dict[str, str]:
    """{label: block_id} of a view's input blocks (tests and the terminal fill modals by label)."""
    return {b["label"]["text"]: b["block_id"] for b in view["blocks"] if b["type"] == "input"}
