"""Slack's Block Kit limits, checked the way Slack checks them (for the fake Slack and the tests' responses).

The figures are those of Slack's Block Kit reference: blocks per surface, text lengths per field, items per
list. `problems(...)` returns Slack-like messages ("[ERROR] must be less than 76 characters
[json-pointer:/blocks/3/accessory/text/text]"); an empty list means Slack would accept it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
MESSAGE_TEXT = 40000
SECTION_TEXT = 3000
FIELD_TEXT = 2000
FIELDS = 10
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
URL = 3000
OPTION_TEXT = 75
OPTION_DESCRIPTION = 75
OPTION_VALUE = 150
OPTIONS = 100
PLACEHOLDER = 150
LABEL = 2000
HINT = 2000
ID = 255  # block_id, action_id, callback_id, external_id
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
VIEW_TITLE = 24
VIEW_BUTTON = 24  # submit and close
PRIVATE_METADATA = 3000
TEXT_INPUT = 3000
OVERFLOW_OPTIONS = (1, 5)
ALT_TEXT = 2000
CONFIRM = {"title": 100, "text": 300, "confirm": 30, "deny": 30}


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, pointer: str, what: str) -> None:
        self.errors.append(f"[ERROR] {what} [json-pointer:{pointer}]")

    def text(self, obj: Any, pointer: str, limit: int, *, plain: bool = False, required: bool = True) -> None:
        if obj is None:
            if required:
                self.fail(pointer, "missing required field: text")
            return
        if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
            self.fail(pointer, "must be a text object")
            return
        if plain and obj["type"] != "plain_text":
            self.fail(pointer + "/type", "must be plain_text")
        value = obj.get("text")
        if not isinstance(value, str) or not value:
            self.fail(pointer + "/text", "must be more than 0 characters")
        elif len(value) > limit:
            self.fail(pointer + "/text", f"must be less than {limit + 1} characters")

    def string(self, value: Any, pointer: str, limit: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.fail(pointer, "missing required field")
            return
        if not isinstance(value, str):
            self.fail(pointer, "must be a string")
        elif len(value) > limit:
            self.fail(pointer, f"must be less than {limit + 1} characters")
        elif required and not value:
            self.fail(pointer, "must be more than 0 characters")

    def option(self, option: Any, pointer: str) -> None:
        self.text(option.get("text"), pointer + "/text", OPTION_TEXT)
        self.string(option.get("value"), pointer + "/value", OPTION_VALUE)
        if option.get("description") is not None:
            self.text(option["description"], pointer + "/description", OPTION_DESCRIPTION, plain=True)

    def options(self, element: dict[str, Any], pointer: str) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] = []
        if "option_groups" in element:
            groups = element["option_groups"]
            if len(groups) > OPTIONS:
                self.fail(pointer + "/option_groups", f"must provide at most {OPTIONS} items")
            for g, group in enumerate(groups):
                self.text(group.get("label"), f"{pointer}/option_groups/{g}/label", OPTION_TEXT, plain=True)
                opts = group.get("options") or []
                if len(opts) > OPTIONS:
                    self.fail(f"{pointer}/option_groups/{g}/options", f"must provide at most {OPTIONS} items")
                for i, o in enumerate(opts):
                    self.option(o, f"{pointer}/option_groups/{g}/options/{i}")
                listed += opts
            return listed
        opts = element.get("options")
        if opts is None:
            self.fail(pointer + "/options", "missing required field: options")
            return []
        if not opts:
            self.fail(pointer + "/options", "must provide at least 1 items")
        if len(opts) > OPTIONS:
            self.fail(pointer + "/options", f"must provide at most {OPTIONS} items")
        for i, o in enumerate(opts):
            self.option(o, f"{pointer}/options/{i}")
        return opts

    def element(self, element: dict[str, Any], pointer: str) -> None:
        kind = element.get("type")
        self.string(element.get("action_id"), pointer + "/action_id", ID)
        if element.get("placeholder") is not None:
            self.text(element["placeholder"], pointer + "/placeholder", PLACEHOLDER, plain=True)
        if element.get("confirm") is not None:
            for key, limit in CONFIRM.items():
                self.text(element["confirm"].get(key), f"{pointer}/confirm/{key}", limit)
        if kind == "button":
            self.text(element.get("text"), pointer + "/text", BUTTON_TEXT, plain=True)
            self.string(element.get("value"), pointer + "/value", BUTTON_VALUE)
            self.string(element.get("url"), pointer + "/url", URL)
            if element.get("style") not in (None, "primary", "danger"):
                self.fail(pointer + "/style", "must be primary or danger")
        elif kind in ("static_select", "multi_static_select"):
            listed = self.options(element, pointer)
            values = [o.get("value") for o in listed]
            if "initial_option" in element and element["initial_option"] not in listed:
                self.fail(pointer + "/initial_option", "must match one of the provided options")
            for i, o in enumerate(element.get("initial_options") or []):
                if o not in listed:
                    self.fail(f"{pointer}/initial_options/{i}", "must match one of the provided options")
            if len(set(values)) != len(values):
                self.fail(pointer + "/options", "must have unique values")
        elif kind == "overflow":
            opts = element.get("options") or []
            if not OVERFLOW_OPTIONS[0] <= len(opts) <= OVERFLOW_OPTIONS[1]:
                self.fail(pointer + "/options", "must provide between 1 and 5 items")
            for i, o in enumerate(opts):
                self.option(o, f"{pointer}/options/{i}")
        elif kind in ("external_select", "multi_external_select"):
            if element.get("initial_option") is not None:
                self.option(element["initial_option"], pointer + "/initial_option")
        elif kind == "plain_text_input":
            self.string(element.get("initial_value"), pointer + "/initial_value", TEXT_INPUT)
            max_length = element.get("max_length")
            if max_length is not None and not 1 <= int(max_length) <= TEXT_INPUT:
                self.fail(pointer + "/max_length", f"must be between 1 and {TEXT_INPUT}")
        elif kind == "datepicker":
            initial = element.get("initial_date")
            if initial is not None:
                try:
                    dt.date.fromisoformat(initial)
                except (TypeError, ValueError):
                    self.fail(pointer + "/initial_date", "must be YYYY-MM-DD")
        elif kind == "image":
            self.string(element.get("alt_text"), pointer + "/alt_text", ALT_TEXT, required=True)
        elif kind in (
            "users_select",
            "conversations_select",
            "channels_select",
            "checkboxes",
            "radio_buttons",
        ):
            if kind in ("checkboxes", "radio_buttons"):
                opts = element.get("options") or []
                if not 1 <= len(opts) <= 10:
                    self.fail(pointer + "/options", "must provide between 1 and 10 items")
                for i, o in enumerate(opts):
                    self.option(o, f"{pointer}/options/{i}")
        else:
            self.fail(pointer + "/type", f"unknown element type {kind!r}")

    def block(self, block: dict[str, Any], pointer: str, surface: str) -> None:
        kind = block.get("type")
        self.string(block.get("block_id"), pointer + "/block_id", ID)
        if kind == "section":
            if block.get("text") is None and not block.get("fields"):
                self.fail(pointer, "must provide text or fields")
            if block.get("text") is not None:
                self.text(block["text"], pointer + "/text", SECTION_TEXT)
            fields = block.get("fields") or []
            if len(fields) > FIELDS:
                self.fail(pointer + "/fields", f"must provide at most {FIELDS} items")
            for i, f in enumerate(fields):
                self.text(f, f"{pointer}/fields/{i}", FIELD_TEXT)
            if block.get("accessory") is not None:
                self.element(block["accessory"], pointer + "/accessory")
        elif kind == "header":
            self.text(block.get("text"), pointer + "/text", HEADER_TEXT, plain=True)
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= CONTEXT_ELEMENTS:
                self.fail(pointer + "/elements", f"must provide between 1 and {CONTEXT_ELEMENTS} items")
            for i, e in enumerate(elements):
                if e.get("type") == "image":
                    self.element(e, f"{pointer}/elements/{i}")
                else:
                    self.text(e, f"{pointer}/elements/{i}", SECTION_TEXT)
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= ACTIONS_ELEMENTS:
                self.fail(pointer + "/elements", f"must provide between 1 and {ACTIONS_ELEMENTS} items")
            ids = [e.get("action_id") for e in elements if e.get("action_id")]
            if len(set(ids)) != len(ids):
                self.fail(pointer + "/elements", "action_id values must be unique")
            for i, e in enumerate(elements):
                self.element(e, f"{pointer}/elements/{i}")
        elif kind == "input":
            self.text(block.get("label"), pointer + "/label", LABEL, plain=True)
            if block.get("hint") is not None:
                self.text(block["hint"], pointer + "/hint", HINT, plain=True)
            if not isinstance(block.get("element"), dict):
                self.fail(pointer + "/element", "missing required field: element")
            else:
                self.element(block["element"], pointer + "/element")
        elif kind == "divider":
            pass
        elif kind == "image":
            self.string(block.get("image_url"), pointer + "/image_url", URL, required=True)
            self.string(block.get("alt_text"), pointer + "/alt_text", ALT_TEXT, required=True)
        else:
            self.fail(pointer + "/type", f"unknown block type {kind!r}")

    def blocks(self, blocks: Any, pointer: str, surface: str) -> None:
        if not isinstance(blocks, list):
            self.fail(pointer, "must be an array")
            return
        limit = MAX_BLOCKS[surface]
        if len(blocks) > limit:
            self.fail(pointer, f"must provide at most {limit} items")
        seen: set[str] = set()
        for i, block in enumerate(blocks):
            if not isinstance(block, dict):
                self.fail(f"{pointer}/{i}", "must be an object")
                continue
            block_id = block.get("block_id")
            if block_id is not None:
                if block_id in seen:
                    self.fail(f"{pointer}/{i}/block_id", "must be unique")
                seen.add(block_id)
            self.block(block, f"{pointer}/{i}", surface)


def message_problems(blocks: Any) -> list[str]:
    """What Slack says about a message's blocks (chat.postMessage, chat.postEphemeral, chat.update)."""
    checker = _Checker()
    checker.blocks(blocks, "/blocks", "message")
    return checker.errors


def view_problems(view: Any) -> list[str]:
    """What Slack says about a view (views.open, views.update, views.push, views.publish)."""
    checker = _Checker()
    if not isinstance(view, dict):
        checker.fail("/view", "must be an object")
        return checker.errors
    kind = view.get("type")
    if kind not in ("modal", "home"):
        checker.fail("/view/type", "must be modal or home")
        return checker.errors
    checker.blocks(view.get("blocks"), "/view/blocks", kind)
    checker.string(view.get("private_metadata"), "/view/private_metadata", PRIVATE_METADATA)
    checker.string(view.get("callback_id"), "/view/callback_id", ID)
    checker.string(view.get("external_id"), "/view/external_id", ID)
    if kind == "modal":
        checker.text(view.get("title"), "/view/title", VIEW_TITLE, plain=True)
        checker.text(view.get("close"), "/view/close", VIEW_BUTTON, plain=True, required=False)
        checker.text(view.get("submit"), "/view/submit", VIEW_BUTTON, plain=True, required=False)
        has_input = any(b.get("type") == "input" for b in view.get("blocks") or [] if isinstance(b, dict))
        if has_input and view.get("submit") is None:
            checker.fail("/view/submit", "must provide submit when the view has input blocks")
    return checker.errors


def options_problems(answer: Any) -> list[str]:
    """What Slack says about an options response (an external select's block_suggestion)."""
    checker = _Checker()
    if "option_groups" in answer or "options" in answer:
        checker.options(answer, "")
    return checker.errors
