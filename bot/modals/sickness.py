"""Sick reports in Slack: the ziekmelding modal and the herstel modal (gedeeltelijk herstel or hersteldmelding).

Block ids are the engine's field names (casework.registration), so its refusals land on the right field. No
field for a diagnosis or a cause, ever: only dates, the percentage and the flags a case manager records.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from casework.calendar import dutch_date
from casework.errors import Invalid
from casework.i18n import M_, N_
from casework.i18n import gettext as _
from casework.sick_report_ends import active_end_reasons
from models import Employee, SickReport, ZwVangnet

from ..blocks import employee_md, section
from . import date, field, modal, select

SICK_REPORT = "sick_report"
RECOVERY = "recovery"

YES_NO = [(N_("Nee"), "nee"), (N_("Ja"), "ja")]
VANGNET = [
    (N_("Zwangerschap of bevalling"), ZwVangnet("zwangerschap").value),
    (N_("Orgaandonatie"), ZwVangnet("orgaandonatie").value),
    (N_("No-riskpolis"), ZwVangnet("no_riskpolis").value),
]
PARTIAL, RECOVERED = "gedeeltelijk", "hersteld"
RECOVERY_KINDS = [
    (N_("Gedeeltelijk herstel"), PARTIAL),
    (N_("Hersteldmelding (volledig hersteld)"), RECOVERED),
]


def percent(value: Decimal) -> str:
    """A percentage as Dutch writes it: 50%, 62,5%."""
    return format(value.normalize(), "f").replace(".", ",") + "%"


def sick_report_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Ziekmelding: first sick day, percentage, expected recovery date and the flags (never a diagnosis)."""
    blocks = [
        section("*" + _("Ziekmelding") + f"*\n{employee_md(employee)}"),
        date("first_sick_day", N_("Eerste ziektedag"), initial=today),
        field("percentage", N_("Percentage arbeidsongeschikt"), initial="100", max_length=6),
        date("target_rtw_date", N_("Verwachte hersteldatum"), optional=True),
        select("zw_vangnet", N_("ZW-vangnet"), VANGNET, optional=True),
        select("work_related", N_("Arbeidsgerelateerd"), YES_NO, initial="nee"),
        select("recourse_possible", N_("Verhaal mogelijk (regres)"), YES_NO, initial="nee"),
    ]
    return modal(SICK_REPORT, N_("Ziekmelding"), blocks, str(employee.id), submit=N_("Vastleggen"))


def open_report(employee: Employee, field_name: str = "kind") -> SickReport:
    """The employee's open sick report, or Invalid saying there is none (on `field_name`)."""
    report = next((r for r in employee.sick_reports if r.is_open), None)
    if report is None:
        raise Invalid(
            {field_name: M_("%(full_name)s heeft geen open verzuimmelding.", full_name=employee.full_name)}
        )
    return report


def recovery_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Herstel: a new percentage from a date (gedeeltelijk herstel), or fully recovered on a date with the end
    reason of the sick report (casework.sick_report_ends; "Hersteld eigen werk", ...)."""
    report = open_report(employee)
    summary = (
        "*"
        + _("Herstel")
        + f"*\n{employee_md(employee)}\n"
        + _(
            "Ziek sinds %(day)s, nu %(percentage)s arbeidsongeschikt.",
            day=dutch_date(report.first_sick_day),
            percentage=percent(report.percentage),
        )
    )
    blocks = [
        section(summary),
        select("kind", N_("Soort melding"), RECOVERY_KINDS, initial=PARTIAL),
        field("percentage", N_("Nieuw percentage arbeidsongeschikt"), optional=True, max_length=6),
        date("day", N_("Per datum"), initial=today),
        select(
            "end_reason_id",
            N_("Beëindigingsreden (bij hersteldmelding)"),
            [(r.name, r.id) for r in active_end_reasons()],
            optional=True,
        ),
    ]
    return modal(RECOVERY, N_("Herstel"), blocks, str(employee.id), submit=N_("Vastleggen"))
