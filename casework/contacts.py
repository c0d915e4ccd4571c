"""Contacts about an employee (SPEC §6 not_contacted): a gesprek, telefoontje, video-call or e-mail, with whom,
on which day, with an optional short text (at most 1,500 characters).

A contact with the werknemer sets "laatste contact" (Employee.last_contact_on) when it is the latest, so the
not_contacted signal resolves at the next scan; contacts with others (werkgever, bedrijfsarts, arbeidsdeskundige,
provider) are kept in the dossier but do not count as speaking the employee. Every contact is in the log book.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from models import NOTE_MAX_LENGTH, Contact, ContactKind, ContactWith, Employee, db

from .calendar import dutch_date, local_day
from .errors import Invalid
from .i18n import M_, N_
from .logbook import Actor, log
from .registration import ensure_can_see
from .schemas import Day, Input, Text, load

KIND_WORDS = {"gesprek": "gesprek", "telefoon": "telefoon", "video": "video", "email": "e-mail"}
WITH_WORDS = {
    "werknemer": "werknemer",
    "werkgever": "werkgever",
    "bedrijfsarts": "bedrijfsarts",
    "arbeidsdeskundige": "arbeidsdeskundige",
    "provider": "provider",
}


class _Choice(Text):
    """One word of a fixed list."""

    def __init__(self, words: dict[str, str], message: str, **kwargs: Any) -> None:
        self.words = words
        super().__init__(40, **kwargs)
        self.error_messages["choice"] = message

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        word = super()._deserialize(value, attr, data, **kwargs).lower().replace("-", "")
        if word not in self.words:
            raise self.make_error("choice")
        return word


class ContactInput(Input):
    """A contact: how, with whom, on which day, an optional text."""

    kind = _Choice(KIND_WORDS, N_("Kies gesprek, telefoon, video of e-mail."), required=True)
    with_whom = _Choice(
        WITH_WORDS,
        N_("Kies werknemer, werkgever, bedrijfsarts, arbeidsdeskundige of provider."),
        required=True,
    )
    day = Day(required=True)
    text = Text(NOTE_MAX_LENGTH)


def add_contact(employee: Employee, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Contact:
    """Record a contact about `employee` (a case manager only in their caseload); sets laatste contact."""
    if actor.user is not None:
        ensure_can_see(employee, actor.user)
    values = load(ContactInput(), data)
    if values["day"] > local_day(now):
        raise Invalid({"day": M_("Deze datum ligt in de toekomst.")})
    contact = Contact(
        employee=employee,
        kind=ContactKind(values["kind"]),
        with_whom=ContactWith(values["with_whom"]),
        day=values["day"],
        text=values.get("text") or "",
        recorded_by=actor.user,
        recorded_at=now,
    )
    db.session.add(contact)
    if contact.with_whom is ContactWith.EMPLOYEE and (
        employee.last_contact_on is None or contact.day > employee.last_contact_on
    ):
        employee.last_contact_on = contact.day
    db.session.flush()
    log(
        actor,
        now,
        "employee.contact",
        f"Contact ({KIND_WORDS[contact.kind.value]}) met {WITH_WORDS[contact.with_whom.value]}"
        f" op {dutch_date(contact.day)}",
        employee_id=employee.id,
        subject=contact,
        details={"kind": contact.kind.value, "with": contact.with_whom.value, "day": contact.day.isoformat()},
    )
    return contact


def contacts_of(employee: Employee, limit: int = 50) -> list[Contact]:
    """The latest contacts about `employee`, newest first."""
    return list(
        db.session.scalars(
            sa.select(Contact)
            .where(Contact.employee_id == employee.id)
            .order_by(Contact.day.desc(), Contact.id.desc())
            .limit(limit)
        )
    )
