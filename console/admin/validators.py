"""WTForms validators whose Dutch message is translated when the form is checked, not when the view is built.

Flask-Admin joins a field's errors with ", ".join(...), so an error must be a str, never a lazy string: these
validators keep the lazy message and hand WTForms a str in the signed-in user's language.
"""

from __future__ import annotations

from typing import Any

from wtforms import validators


class _TranslatedMessage:
    """The `message` attribute as a str in the current language (set as a lazy string)."""

    _lazy: Any = None

    @property
    def message(self) -> Any:
        return None if self._lazy is None else str(self._lazy)

    @message.setter
    def message(self, value: Any) -> None:
        self._lazy = value


class InputRequired(_TranslatedMessage, validators.InputRequired):
    """InputRequired with a translated message."""


class Regexp(_TranslatedMessage, validators.Regexp):
    """Regexp with a translated message."""


class Length(_TranslatedMessage, validators.Length):
    """Length with a translated message."""


class NumberRange(_TranslatedMessage, validators.NumberRange):
    """NumberRange with a translated message."""
