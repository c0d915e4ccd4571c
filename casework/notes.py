"""Notes (aantekeningen): free text about an employee, at most 1,500 characters (seed 004)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import NOTE_MAX_LENGTH, Employee, Note, Trajectory, User, db

from .errors import Invalid
from .logbook import Actor, log
from .registration import ensure_can_see


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def add_note(
    employee: Employee, text: str, *, actor: Actor, now: dt.datetime, trajectory: Trajectory | None = None
) -> Note:
    """Add a note to an employee's dossier (the author must be able to see the employee)."""
    if actor.user is not None:
        ensure_can_see(employee, actor.user)
    text = (text or "").strip()
    if not text:
        raise Invalid({"text": "Een aantekening mag niet leeg zijn."})
    if len(text) > NOTE_MAX_LENGTH:
        raise Invalid(
            {
                "text": f"Een aantekening heeft hoogstens {_thousands(NOTE_MAX_LENGTH)} tekens "
                f"(nu {_thousands(len(text))})."
            }
        )
    if trajectory is not None and trajectory.employee_id != employee.id:
        raise Invalid({"trajectory": "Dit traject hoort niet bij deze werknemer."})
    note = Note(employee=employee, trajectory=trajectory, author=actor.user, text=text, created_at=now)
    db.session.add(note)
    db.session.flush()
    log(
        actor,
        now,
        "note.added",
        "Aantekening toegevoegd",
        employee_id=employee.id,
        trajectory_id=trajectory.id if trajectory else None,
        subject=note,
    )
    return note


def list_notes(employee: Employee, *, viewer: User) -> list[Note]:
    """The employee's notes, newest first."""
    ensure_can_see(employee, viewer)
    return list(
        db.session.scalars(
            sa.select(Note)
            .where(Note.employee_id == employee.id)
            .order_by(Note.created_at.desc(), Note.id.desc())
        )
    )
