"""The engine's one exception family: errors are values every door can show."""

from __future__ import annotations


class Invalid(Exception):
    """Input refused; `errors` maps each field to a message a person can act on. Nothing was changed."""

    def __init__(self, errors: dict[str, str] | str, field: str = "_") -> None:
        self.errors = {field: errors} if isinstance(errors, str) else dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))

    @property
    def message(self) -> str:
        """All messages in one line, field names first."""
        return str(self)


class NotFound(Invalid):
    """A referenced thing does not exist (or is not visible to the one asking)."""


class Forbidden(Invalid):
    """The one asking may not do this (e.g. another case manager's caseload)."""
