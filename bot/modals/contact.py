"""Contacts in Slack: the modal recording a gesprek, telefoontje, video-call or e-mail about an employee, and the
one (re)assessing the client weight (cliëntzwaarte), which sets how often the employee must be contacted.

Block ids are the engine's field names, so its refusals land on the right field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from casework.i18n import N_
from casework.i18n import gettext as _
from models import NOTE_MAX_LENGTH, Employee

from ..blocks import employee_md, section
from . import date, field, modal, select

CONTACT = "contact"
WEIGHT = "client_weight"

KINDS = [
    (N_("Gesprek"), "gesprek"),
    (N_("Telefoon"), "telefoon"),
    (N_("Video"), "video"),
    (N_("E-mail"), "email"),
]
WITH = [
    (N_("Werknemer"), "werknemer"),
    (N_("Werkgever"), "werkgever"),
    (N_("Bedrijfsarts"), "bedrijfsarts"),
    (N_("Arbeidsdeskundige"), "arbeidsdeskundige"),
    (N_("Provider"), "provider"),
]


def contact_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Record a contact: soort, met wie, datum and an optional text (at most 1,500 characters)."""
    last = (
        _("laatste contact %(day)s", day=f"{employee.last_contact_on:%d-%m-%Y}")
        if employee.last_contact_on
        else _("nog geen contact")
    )
    blocks = [
        section("*" + _("Contact vastleggen") + f"*\n{employee_md(employee)} ({last})"),
        select("kind", N_("Soort"), KINDS, initial="gesprek"),
        select("with_whom", N_("Met"), WITH, initial="werknemer"),
        date("day", N_("Datum"), initial=today),
        field("text", N_("Toelichting"), optional=True, multiline=True, max_length=NOTE_MAX_LENGTH),
    ]
    return modal(CONTACT, N_("Contact vastleggen"), blocks, str(employee.id), submit=N_("Vastleggen"))


WEIGHTS = [
    (N_("Laag (contact elke 42 dagen)"), "low"),
    (N_("Middel (contact elke 21 dagen)"), "medium"),
    (N_("Hoog (contact elke 7 dagen)"), "high"),
]


def weight_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Cliëntzwaarte with the day it was assessed (an assessment over 3 months old is signalled)."""
    assessed = employee.client_weight_assessed_on
    when = (
        _("laatst beoordeeld %(day)s", day=f"{assessed:%d-%m-%Y}") if assessed else _("nog nooit beoordeeld")
    )
    blocks = [
        section("*" + _("Cliëntzwaarte") + f"*\n{employee_md(employee)} ({when})"),
        select("client_weight", N_("Cliëntzwaarte"), WEIGHTS, initial=employee.client_weight.value),
        date("client_weight_assessed_on", N_("Beoordeeld op"), initial=today),
    ]
    return modal(WEIGHT, N_("Cliëntzwaarte"), blocks, str(employee.id), submit=N_("Vastleggen"))
