"""How deeply JSON may nest: deeper input is refused by every door (API, Slack, configuration import)."""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_DEPTH = 64  # far deeper than any real request or configuration file
TOO_DEEP = f"De JSON is te diep genest (hoogstens {MAX_JSON_DEPTH} niveaus)."


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value (iterative, so any depth is safe)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return deepest


def loads_bounded(text: str | bytes) -> Any:
    """json.loads, raising ValueError(TOO_DEEP) for input nested deeper than MAX_JSON_DEPTH."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError(TOO_DEEP) from None
    if json_depth(value) > MAX_JSON_DEPTH:
        raise ValueError(TOO_DEEP)
    return value
