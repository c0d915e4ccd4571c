"""A person in Slack, for the tests: type commands, click buttons, fill modals by their Dutch labels."""

from __future__ import annotations

import json
from typing import Any

from tests.bot.conftest import next_trigger


def decoded(value: Any) -> Any:
    """A Web API argument as sent (form-encoded JSON comes back as a string)."""
    return json.loads(value) if isinstance(value, str) else value


def _state(view: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Slack's view.state for answers given by label (option texts for selects)."""
    values: dict[str, Any] = {}
    by_label = {b["label"]["text"]: b for b in view["blocks"] if b["type"] == "input"}
    for block in by_label.values():  # what the modal already shows (initial options and values)
        element = block["element"]
        if "initial_option" in element:
            values[block["block_id"]] = {
                element["action_id"]: {"type": element["type"], "selected_option": element["initial_option"]}
            }
        elif "initial_date" in element:
            values[block["block_id"]] = {
                element["action_id"]: {"type": element["type"], "selected_date": element["initial_date"]}
            }
        elif "initial_options" in element:
            values[block["block_id"]] = {
                element["action_id"]: {
                    "type": element["type"],
                    "selected_options": element["initial_options"],
                }
            }
        elif "initial_value" in element:
            values[block["block_id"]] = {
                element["action_id"]: {"type": element["type"], "value": element["initial_value"]}
            }
    for label, answer in answers.items():
        block = by_label[label]
        element = block["element"]
        kind = element["type"]
        entry: dict[str, Any] = {"type": kind}
        if kind == "static_select":
            entry["selected_option"] = next(
                o for o in element["options"] if o["text"]["text"].startswith(answer)
            )
        elif kind == "multi_static_select":
            entry["selected_options"] = [o for o in element["options"] if o["text"]["text"] in answer]
        elif kind == "datepicker":
            entry["selected_date"] = answer
        else:
            entry["value"] = answer
        values[block["block_id"]] = {element["action_id"]: entry}
    return {"values": values}


class SlackUI:
    """Drives /slack/events as one Slack user would."""

    def __init__(self, post: Any, fake: Any) -> None:
        self.post = post
        self.fake = fake

    def command(self, user_id: str, text: str) -> Any:
        """Type `/traject TEXT`."""
        return self.post(
            {
                "command": "/traject",
                "text": text,
                "user_id": user_id,
                "trigger_id": next_trigger(),
                "team_id": "T1",
                "channel_id": "C1",
                "response_url": "",
            }
        )

    def last_modal(self) -> dict[str, Any]:
        """The view of the last views.open, views.push or views.update."""
        calls = [c for c in self.fake.calls() if c.method in ("views.open", "views.push", "views.update")]
        return decoded(calls[-1].body["view"])

    def click(self, user_id: str, action_id: str, value: str, view: dict[str, Any] | None = None) -> Any:
        """Click a button (in a message, or in a modal when `view` is given)."""
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user_id},
            "team": {"id": "T1"},
            "trigger_id": next_trigger(),
            "actions": [{"action_id": action_id, "value": value, "type": "button"}],
        }
        if view is not None:
            payload["view"] = view
        return self.post({"payload": json.dumps(payload)})

    def change(self, user_id: str, view: dict[str, Any], answers: dict[str, Any], label: str) -> Any:
        """Change a field that dispatches (a filter or a figure): Slack sends block_actions with the state."""
        block = next(b for b in view["blocks"] if b.get("label", {}).get("text") == label)
        current = {**view, "id": "V1", "hash": "h1", "state": _state(view, answers)}
        payload = {
            "type": "block_actions",
            "trigger_id": next_trigger(),
            "user": {"id": user_id},
            "team": {"id": "T1"},
            "view": current,
            "actions": [
                {
                    "action_id": block["element"]["action_id"],
                    "block_id": block["block_id"],
                    "type": block["element"]["type"],
                }
            ],
        }
        return self.post({"payload": json.dumps(payload)})

    def submit(self, user_id: str, view: dict[str, Any], answers: dict[str, Any]) -> Any:
        """Submit a modal with answers by label; returns the HTTP response (errors are in its JSON)."""
        payload = {
            "type": "view_submission",
            "trigger_id": next_trigger(),
            "user": {"id": user_id},
            "team": {"id": "T1"},
            "view": {**view, "id": "V1", "state": _state(view, answers)},
        }
        return self.post({"payload": json.dumps(payload)})

    def texts(self) -> list[str]:
        """Texts of every message and ephemeral message the bot sent."""
        return [c.body.get("text", "") for c in self.fake.calls() if c.method.startswith("chat.post")]
