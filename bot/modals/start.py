"""The start modal: employee, template (only what the employer may start), category, end goal, sick report, policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from casework.agreements import allowed_templates, offered_categories
from casework.calendar import dutch_date
from casework.i18n import N_, translate
from casework.i18n import gettext as _
from models import Employee, EndGoal

from ..blocks import employee_label, escape, section
from . import employee_picker, modal, select

CALLBACK = "start"


def start_modal(employee: Employee, today: dt.date) -> dict[str, Any]:
    """The modal for starting a trajectory for one employee."""
    from models import db

    allowed = allowed_templates(employee.employer, today)
    categories = offered_categories(employee.employer, today)  # the employer's services, in configured order
    goals = db.session.scalars(
        sa.select(EndGoal).where(EndGoal.active).order_by(EndGoal.position, EndGoal.name)
    )
    reports = [r for r in employee.sick_reports if r.closed_on is None]
    policies = list(employee.employer.policies)
    blocks = [
        select("employee", N_("Werknemer"), [(employee_label(employee), employee.id)], initial=employee.id),
        select(
            "template",
            N_("Traject"),
            [(t.name, t.id) for t in allowed.templates],
            initial=allowed.templates[0].id if len(allowed.templates) == 1 else None,
        ),
        select("category", N_("Categorie"), [(c.name, c.id) for c in categories], optional=True),
        select("end_goal", N_("Einddoel"), [(g.name, g.id) for g in goals], optional=True),
        select(
            "sick_report",
            N_("Verzuimmelding"),
            [(_("Eerste ziektedag %(day)s", day=dutch_date(r.first_sick_day)), r.id) for r in reports],
            optional=True,
        ),
        select(
            "policy",
            N_("Polis"),
            [(_("Polis %(number)s", number=p.policy_number), p.id) for p in policies],
            optional=True,
        ),
    ]
    if not allowed.templates:
        blocks.insert(
            0,
            section(
                escape(
                    translate(allowed.reason)
                    if allowed.reason
                    else _("Deze werkgever mag geen traject starten.")
                )
            ),
        )
    return modal(CALLBACK, N_("Traject starten"), blocks, str(employee.id), submit=N_("Starten"))


def picker_modal() -> dict[str, Any]:
    """The start modal before an employee is chosen: Werknemer searched as you type (an options listener)."""
    return employee_picker(CALLBACK, N_("Traject starten"), submit=N_("Starten"))
