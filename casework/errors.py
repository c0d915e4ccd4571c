"""The engine's one exception family: errors are values every door can show, in the reader's language."""

from __future__ import annotations

from typing import Any


class Invalid(Exception):
    """Input refused; `errors` maps each field to a message a person can act on. Nothing was changed.

    The engine says its messages in Dutch (casework.i18n.M_/N_ keep the msgid and values); `errors` reads them in
    the language of whoever is shown them now (casework.i18n.current_language: the Slack user, the signed-in
    console user, Dutch by default), `said` keeps them as they were raised.
    """

    def __init__(self, errors: dict[str, str] | str, field: str = "_") -> None:
        self.said: dict[str, Any] = {field: errors} if isinstance(errors, str) else dict(errors)
        self.language: str | None = None  # set by a door that shows the error later, outside its language
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.said.items()))

    @property
    def errors(self) -> dict[str, str]:
        """Each field's message in the reader's language."""
        from .i18n import speaking, translate

        if self.language is not None:
            with speaking(self.language):
                return {k: translate(v) for k, v in self.said.items()}
        return {k: translate(v) for k, v in self.said.items()}

    @errors.setter
    def errors(self, value: dict[str, str]) -> None:
        self.said = dict(value)

    @property
    def message(self) -> str:
        """All messages in one line, field names first."""
        return str(self)


class NotFound(Invalid):
    """A referenced thing does not exist (or is not visible to the one asking)."""


class Forbidden(Invalid):
    """The one asking may not do this (e.g. another case manager's caseload)."""
