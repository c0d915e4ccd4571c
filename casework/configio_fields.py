"""Fields of the configuration file (casework.configio): strict JSON types, Dutch messages, JSON form kept."""

from __future__ import annotations

import base64
import binascii
import enum
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import RAISE, Schema, fields

from .i18n import N_
from .schemas import CONTROL_RE, REQUIRED, thousands

FORMAT = "traject-configuration"
VERSION = 1
ROOT = "(bestand)"
HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
CENT = Decimal("0.01")

_COMMON = {
    "required": REQUIRED,
    "null": N_("Dit veld mag niet leeg (null) zijn."),
    "validator_failed": "Ongeldig.",
}


class Str(fields.String):
    """Text as given (not stripped: bodies keep their newlines), without control characters."""

    default_error_messages = {
        **_COMMON,
        "invalid": N_("Geef tekst."),
        "invalid_utf8": N_("Geef tekst."),
        "too_long": "Hoogstens {max} tekens.",
        "control": N_("Deze tekst bevat ongeldige tekens."),
        "blank": N_("Mag niet leeg zijn."),
        "choice": "Kies uit: {choices}.",
        "colour": N_("Een kleur ziet eruit als #1f4e79."),
        "base64": N_("Geen geldige base64-tekst."),
    }

    def __init__(
        self,
        max_length: int = 200,
        *,
        blank: bool = True,
        choices: type[enum.Enum] | None = None,
        check: str = "",
        **kwargs: Any,
    ) -> None:
        self.max_length, self.blank, self.choices, self.check = max_length, blank, choices, check
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if not self.blank and not value.strip():
            raise self.make_error("blank")
        if len(value) > self.max_length:
            raise self.make_error("too_long", max=thousands(self.max_length))
        if CONTROL_RE.search(value):
            raise self.make_error("control")
        if self.choices is not None and value not in {m.value for m in self.choices}:
            raise self.make_error("choice", choices=", ".join(m.value for m in self.choices))
        if self.check == "colour" and not HEX_RE.match(value):
            raise self.make_error("colour")
        if self.check == "base64":
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise self.make_error("base64") from None
        return value


def Name(max_length: int = 200) -> Str:  # noqa: N802 - a field factory reads like a field class
    """A required, non-blank name (or key)."""
    return Str(max_length, blank=False, required=True)


def Ref() -> Str:  # noqa: N802
    """An optional reference to another item by its name; null for none."""
    return Str(200, blank=False, allow_none=True)


class Flag(fields.Boolean):
    """JSON true or false, nothing else."""

    default_error_messages = {**_COMMON, "invalid": N_("Geef true of false.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Int(fields.Integer):
    """A whole JSON number within [low, high]."""

    default_error_messages = {
        **_COMMON,
        "invalid": N_("Geef een geheel getal."),
        "range": "Een getal van {low} tot en met {high}.",
    }

    def __init__(self, low: int, high: int, **kwargs: Any) -> None:
        self.low, self.high = low, high
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        if not self.low <= value <= self.high:
            raise self.make_error("range", low=thousands(self.low), high=thousands(self.high))
        return value


class Money(fields.Field):
    """An amount in euros (a string such as "1500.00", or a number), kept as a string with two decimals."""

    default_error_messages = {
        **_COMMON,
        "invalid": N_('Geef een bedrag, bijvoorbeeld "1500.00".'),
        "range": N_("Een bedrag van 0 tot en met 9.999.999.999,99 euro."),
        "places": N_("Hoogstens twee decimalen."),
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.make_error("invalid")
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            raise self.make_error("invalid") from None
        if not amount.is_finite():
            raise self.make_error("invalid")
        if amount != amount.quantize(CENT):
            raise self.make_error("places")
        if not 0 <= amount < Decimal("10000000000"):
            raise self.make_error("range")
        return str(amount.quantize(CENT))


class Many(fields.List):
    """A JSON list."""

    default_error_messages = {**_COMMON, "invalid": N_("Geef een lijst.")}


def Refs() -> Many:  # noqa: N802
    """A list of names."""
    return Many(Str(200, blank=False))


def Items(schema: type[Schema], **kwargs: Any) -> Many:  # noqa: N802
    """A list of objects of `schema`."""
    return Many(fields.Nested(schema), **kwargs)


class Strict(Schema):
    """Refuses unknown fields and anything that is not an object, in Dutch."""

    error_messages = {"unknown": "Onbekend veld.", "type": "Geef een object met velden."}

    class Meta:
        unknown = RAISE


def error_paths(messages: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """marshmallow's nested messages as (path, message) pairs: `providers[0].programmes[3].regions[1]`."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{prefix}[{key}]"
            elif key == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            yield from error_paths(value, path)
    elif isinstance(messages, list):
        for message in messages:
            if isinstance(message, dict | list):
                yield from error_paths(message, prefix)
            else:
                yield prefix or ROOT, str(message)
    else:
        yield prefix or ROOT, str(messages)
