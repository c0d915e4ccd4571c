"""Notes (aantekeningen): free text about an employee, at most 1,500 characters (SPEC §2, seed 004).

A note is not a contact: adding one leaves the employee's last contact date alone. Its text never goes into
the log book, which only records that a note was added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from models import NOTE_MAX_LENGTH, Employee, Note, Trajectory, User, db

from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log
from .registration import ensure_can_see
from .schemas import CONTROL_RE, thousands


def note_error(text: Any) -> str | None:
    """What is wrong with a note's (stripped) text, in Dutch, or None."""
    if not isinstance(text, str) or not text:
        return M_("Een aantekening mag niet leeg zijn.")
    if len(text) > NOTE_MAX_LENGTH:
        return M_(
            "Een aantekening heeft hoogstens %(max)s tekens (nu %(count)s).",
            max=thousands(NOTE_MAX_LENGTH),
            count=thousands(len(text)),
        )
    if CONTROL_RE.search(text):
        return M_("Deze tekst bevat ongeldige tekens.")
    return None


def add_note(
    employee: Employee, text: str, *, actor: Actor, now: dt.datetime, trajectory: Trajectory | None = None
) -> Note:
    """Add a note to an employee's dossier; a case manager only within their own caseload."""
    if actor.user is not None:
        ensure_can_see(employee, actor.user)
    text = text.strip() if isinstance(text, str) else text
    errors = {}
    if message := note_error(text):
        errors["text"] = message
    if trajectory is not None and trajectory.employee_id != employee.id:
        errors["trajectory"] = M_("Dit traject hoort niet bij deze werknemer.")
    if errors:
        raise Invalid(errors)
    note = Note(employee=employee, trajectory=trajectory, author=actor.user, text=text, created_at=now)
    db.session.add(note)
    db.session.flush()
    log(
        actor,
        now,
        "note.added",
        "Aantekening toegevoegd",  # never the text itself
        employee_id=employee.id,
        trajectory_id=trajectory.id if trajectory else None,
        subject=note,
    )
    return note


def list_notes(employee: Employee, *, viewer: User) -> list[Note]:
    """The employee's notes, newest first (a case manager only within their own caseload)."""
    ensure_can_see(employee, viewer)
    return list(
        db.session.scalars(
            sa.select(Note)
            .where(Note.employee_id == employee.id)
            .options(selectinload(Note.author))
            .order_by(Note.created_at.desc(), Note.id.desc())
        )
    )
