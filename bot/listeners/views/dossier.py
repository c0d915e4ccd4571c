"""Submissions of the dossier modals (ziekmelding, herstel, contact, cliëntzwaarte): each calls the same engine function as the
console and the API; a refusal comes back as errors on the modal's fields and changes nothing."""

from __future__ import annotations

from typing import Any

from casework.calendar import dutch_date
from casework.contacts import add_contact
from casework.errors import Invalid
from casework.i18n import M_, translate
from casework.i18n import gettext as _
from casework.registration import (
    ensure_can_see,
    record_percentage,
    recover,
    register_sick_report,
    update_employee,
)
from models import Employee, db

from ...blocks import escape
from ...modals.sickness import PARTIAL, RECOVERED, open_report, percent


def employee_of(meta: str, values: dict[str, Any], user: Any) -> Employee:
    """The employee a modal is about (its metadata, or the picker's choice), within the user's caseload."""
    wanted = meta or values.get("employee") or ""
    employee = db.session.get(Employee, int(wanted)) if str(wanted).isdigit() else None
    if employee is None:
        raise Invalid({"employee": M_("Kies een werknemer.")})
    ensure_can_see(employee, user)
    return employee


def _renamed(error: Invalid, names: dict[str, str]) -> Invalid:
    """The same refusal with the engine's field names replaced by the modal's block ids."""
    out: dict[str, str] = {}
    for name, text in error.said.items():  # as said: each is translated where it is shown
        key = names.get(name, name)
        out[key] = f"{out[key]} {text}" if key in out else text
    return type(error)(out)


def sick_report(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
    """Ziekmelding through casework.registration.register_sick_report."""
    employee = employee_of(meta, values, user)
    data = {
        key: values.get(key) or ""
        for key in ("first_sick_day", "percentage", "target_rtw_date", "zw_vangnet")
    }
    data["work_related"] = values.get("work_related") or "nee"
    data["recourse_possible"] = values.get("recourse_possible") or "nee"
    if not data["percentage"]:
        data.pop("percentage")  # the engine's default: 100%
    report = register_sick_report(employee, data, actor=actor, now=now)
    return _(
        "Ziekmelding vastgelegd voor %(name)s: ziek sinds %(day)s, %(percentage)s.",
        name=escape(employee.full_name),
        day=dutch_date(report.first_sick_day),
        percentage=percent(report.percentage),
    )


def recovery(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
    """Gedeeltelijk herstel (record_percentage) or hersteldmelding (recover) of the open sick report."""
    employee = employee_of(meta, values, user)
    report = open_report(employee)
    kind, day, percentage = values.get("kind"), values.get("day") or "", values.get("percentage") or ""
    if kind == PARTIAL:
        if values.get("end_reason_id"):
            why = M_("Een beëindigingsreden hoort bij een hersteldmelding, niet bij gedeeltelijk herstel.")
            raise Invalid({"end_reason_id": why})
        try:
            record_percentage(report, {"percentage": percentage, "from_date": day}, actor=actor, now=now)
        except Invalid as error:
            raise _renamed(error, {"from_date": "day"}) from None
        since = dutch_date(report.percentages[-1].from_date)
        return _(
            "Gedeeltelijk herstel vastgelegd voor %(name)s: per %(day)s %(percentage)s arbeidsongeschikt.",
            name=escape(employee.full_name),
            day=since,
            percentage=percent(report.percentage),
        )
    if kind == RECOVERED:
        if percentage:
            raise Invalid({"percentage": M_("Laat het percentage leeg bij een hersteldmelding.")})
        try:
            recover(report, recovery_date=day, end_reason=values.get("end_reason_id"), actor=actor, now=now)
        except Invalid as error:
            raise _renamed(error, {"recovery_date": "day"}) from None
        return _(
            "Hersteldmelding vastgelegd voor %(name)s: hersteld per %(day)s (%(reason)s).",
            name=escape(employee.full_name),
            day=dutch_date(report.recovery_date),
            reason=escape(translate(report.end_reason.name)),
        )
    raise Invalid({"kind": M_("Kies gedeeltelijk herstel of hersteldmelding.")})


def contact(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
    """A contact through casework.contacts.add_contact (one with the werknemer sets laatste contact)."""
    employee = employee_of(meta, values, user)
    data = {key: values.get(key) or "" for key in ("kind", "with_whom", "day", "text")}
    add_contact(employee, data, actor=actor, now=now)
    return _("Contact vastgelegd voor %(name)s.", name=escape(employee.full_name))


def client_weight(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
    """The client weight and the day it was assessed, through casework.registration.update_employee."""
    employee = employee_of(meta, values, user)
    data = {key: values.get(key) or "" for key in ("client_weight", "client_weight_assessed_on")}
    if not data["client_weight_assessed_on"]:
        raise Invalid({"client_weight_assessed_on": M_("Dit veld is verplicht.")})
    update_employee(employee, data, actor=actor, now=now)
    return _(
        "Cliëntzwaarte van %(name)s vastgelegd, beoordeeld op %(day)s.",
        name=escape(employee.full_name),
        day=dutch_date(employee.client_weight_assessed_on),
    )


# callback_id → (work, the block that shows refusals without a field of their own)
SUBMISSIONS = {
    "sick_report": (sick_report, "first_sick_day"),
    "recovery": (recovery, "kind"),
    "contact": (contact, "kind"),
    "client_weight": (client_weight, "client_weight"),
}
