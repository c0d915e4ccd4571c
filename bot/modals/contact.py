"""Contacts in Slack: the modal recording a gesprek, telefoontje, video-call or e-mail about an employee.

Block ids are casework.contacts' field names, so its refusals land on the right field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import NOTE_MAX_LENGTH, Employee

from ..blocks import employee_md, section
from . import date, field, modal, select

CONTACT = "contact"

KINDS = [("Gesprek", "gesprek"), ("Telefoon", "telefoon"), ("Video", "video"), ("E-mail", "email")]
WITH = [
    ("Werknemer", "werknemer"),
    ("Werkgever", "werkgever"),
    ("Bedrijfsarts", "bedrijfsarts"),
    ("Arbeidsdeskundige", "arbeidsdeskundige"),
    ("Provider", "provider"),
]


def contact_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Record a contact: soort, met wie, datum and an optional text (at most 1,500 characters)."""
    last = (
        f"laatste contact {employee.last_contact_on:%d-%m-%Y}"
        if employee.last_contact_on
        else "nog geen contact"
    )
    blocks = [
        section(f"*Contact vastleggen*\n{employee_md(employee)} ({last})"),
        select("kind", "Soort", KINDS, initial="gesprek"),
        select("with_whom", "Met", WITH, initial="werknemer"),
        date("day", "Datum", initial=today),
        field("text", "Toelichting", optional=True, multiline=True, max_length=NOTE_MAX_LENGTH),
    ]
    return modal(CONTACT, "Contact vastleggen", blocks, str(employee.id), submit="Vastleggen")
