"""Block Kit for reminders: one message per recipient, one section per signal with its buttons (SPEC §6).

The bot owns this Block Kit and the action ids its listeners answer (complete a task, record a contact for
"Lang niet gesproken", assess the client weight for "Cliëntzwaarte verouderd", snooze the signal 1/3/7 days, open the dossier); the scheduler (jobs/outbox.py) calls it to render. Values carry ids only, never names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.i18n import N_, ngettext, translate
from casework.i18n import gettext as _
from casework.signals import SIGNAL_TITLES

from .blocks import clip, escape, section

ACTION_COMPLETE_TASK = "signal.complete_task"  # value: task id
ACTION_SNOOZE = "signal.snooze"  # action ids signal.snooze.1/3/7; value: "<signal id>:<days>"
ACTION_OPEN_DOSSIER = "signal.open_dossier"  # value: employee id
ACTION_RECORD_CONTACT = "signal.record_contact"  # value: employee id; opens the contact modal
ACTION_ASSESS_WEIGHT = "signal.assess_weight"  # value: employee id; opens the client weight modal
EVENT_TYPE = "traject_reminder"
MAX_ITEMS_PER_MESSAGE = 20  # two blocks each, under Slack's 50 blocks per message

KIND_TITLES = SIGNAL_TITLES
OPEN_DOSSIER_TEXT = N_("Dossier openen")


def later_text(days: int) -> str:
    """The text of a snooze button, in plain words: "Later herinneren (3 dagen)"."""
    return ngettext("Later herinneren (%(num)s dag)", "Later herinneren (%(num)s dagen)", days)


@dataclass(frozen=True)
class Item:
    """One reminder in a message."""

    notification_id: int
    text: str
    kind: str | None
    signal_id: int | None
    task_id: int | None
    employee_id: int | None


def _actions(item: Item) -> dict[str, Any]:
    elements: list[dict[str, Any]] = []
    if item.task_id is not None:
        elements.append(
            {
                "type": "button",
                "action_id": ACTION_COMPLETE_TASK,
                "text": {"type": "plain_text", "text": _("Afronden")},
                "style": "primary",
                "value": str(item.task_id),
            }
        )
    if item.signal_id is not None:
        for days in (1, 3, 7):
            elements.append(
                {
                    "type": "button",
                    "action_id": f"{ACTION_SNOOZE}.{days}",
                    "text": {
                        "type": "plain_text",
                        "text": later_text(days),
                    },
                    "value": f"{item.signal_id}:{days}",
                }
            )
    dossier_buttons = {
        "not_contacted": (ACTION_RECORD_CONTACT, _("Contact vastleggen")),
        "weight_outdated": (ACTION_ASSESS_WEIGHT, _("Zwaarte beoordelen")),
        "frequent_absence": (ACTION_RECORD_CONTACT, _("Gesprek vastleggen")),
    }
    if item.employee_id is not None and item.kind in dossier_buttons:
        action_id, label = dossier_buttons[item.kind]
        elements.append(
            {
                "type": "button",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": label},
                "style": "primary",
                "value": str(item.employee_id),
            }
        )
    if item.employee_id is not None:
        elements.append(
            {
                "type": "button",
                "action_id": ACTION_OPEN_DOSSIER,
                "text": {"type": "plain_text", "text": _(OPEN_DOSSIER_TEXT)},
                "value": str(item.employee_id),
            }
        )
    return {"type": "actions", "block_id": f"reminder-{item.notification_id}", "elements": elements}


def fallback_text(items: list[Item]) -> str:
    """The plain text Slack shows in notifications and without blocks (escaped: Slack formats it too)."""
    if len(items) == 1:
        return clip(escape(translate(items[0].text)), 3000)
    head = ngettext("Je hebt %(num)s signalering:", "Je hebt %(num)s signaleringen:", len(items))
    return clip(head + " " + " ".join(f"• {escape(translate(i.text))}" for i in items), 3000)


def blocks(items: list[Item]) -> list[dict[str, Any]]:
    """The reminder's blocks: a header for a digest, then per item its text and buttons."""
    out: list[dict[str, Any]] = []
    if len(items) > 1:
        out.append(
            {
                "type": "header",
                "text": {"type": "plain_text", "text": _("%(count)s signaleringen", count=len(items))},
            }
        )
    for item in items:
        title = _(KIND_TITLES.get(item.kind or "", N_("Signalering")))
        out.append(section(f"*{title}*\n{escape(translate(item.text))}"))
        actions = _actions(item)
        if actions["elements"]:
            out.append(actions)
    return out


def metadata(items: list[Item], claim_token: str) -> dict[str, Any]:
    """Message metadata naming the notifications it delivers and the claim that sent it (the crash check)."""
    return {
        "event_type": EVENT_TYPE,
        "event_payload": {"notification_ids": [i.notification_id for i in items], "claim_token": claim_token},
    }
