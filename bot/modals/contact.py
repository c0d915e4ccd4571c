"""Contacts in Slack: the modal recording a gesprek, telefoontje, video-call or e-mail about an employee, and the
one (re)assessing the client weight (cliëntzwaarte), which sets how often the employee must be contacted.

Block ids are the engine's field names, so its refusals land on the right field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import NOTE_MAX_LENGTH, Employee

from ..blocks import employee_md, section
from . import date, field, modal, select

CONTACT = "contact"
WEIGHT = "client_weight"

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


WEIGHTS = [
    ("Laag (contact elke 42 dagen)", "low"),
    ("Middel (contact elke 21 dagen)", "medium"),
    ("Hoog (contact elke 7 dagen)", "high"),
]


def weight_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Cliëntzwaarte with the day it was assessed (an assessment over 3 months old is signalled)."""
    assessed = employee.client_weight_assessed_on
    when = f"laatst beoordeeld {assessed:%d-%m-%Y}" if assessed else "nog nooit beoordeeld"
    blocks = [
        section(f"*Cliëntzwaarte*\n{employee_md(employee)} ({when})"),
        select("client_weight", "Cliëntzwaarte", WEIGHTS, initial=employee.client_weight.value),
        date("client_weight_assessed_on", "Beoordeeld op", initial=today),
    ]
    return modal(WEIGHT, "Cliëntzwaarte", blocks, str(employee.id), submit="Vastleggen")
