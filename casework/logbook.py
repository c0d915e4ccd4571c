"""The log book: append-only, who did what when, for every change and every dossier read by a person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import LogEntry, User, db


class Actor:
    """Who acts: a user, an API token (by name) or the system (scheduler, init)."""

    def __init__(self, user: User | None = None, name: str | None = None) -> None:
        self.user = user
        self.name = name or (user.email if user else "system")

    @property
    def user_id(self) -> int | None:
        """The acting user's id, if a person acts."""
        return self.user.id if self.user else None

    def __repr__(self) -> str:
        return f"Actor({self.name!r})"


SYSTEM = Actor(name="system")


def log(
    actor: Actor,
    now: dt.datetime,
    action: str,
    message: str = "",
    *,
    employee_id: int | None = None,
    trajectory_id: int | None = None,
    subject: Any = None,
    details: dict[str, Any] | None = None,
) -> LogEntry:
    """Append one entry to the log book (flushed with the caller's transaction)."""
    entry = LogEntry(
        at=now,
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        message=message,
        employee_id=employee_id,
        trajectory_id=trajectory_id,
        subject_type=type(subject).__tablename__ if subject is not None else "",
        subject_id=getattr(subject, "id", None),
        details=details,
    )
    db.session.add(entry)
    return entry
