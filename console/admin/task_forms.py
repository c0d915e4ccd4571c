"""The console's forms for case work: the fields of each action, with the Dutch labels of the Slack modals (SPEC §8).

A field is a plain description the template `console/_casework_fields.html` renders: its name (the engine's
field name, so an Invalid message lands under it), its label, its kind and its choices. Values typed so far
and the engine's messages are passed beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from casework.agreements import allowed_templates, offered_categories
from casework.calendar import dutch_date
from casework.costbenefit import compute_cost_benefit, format_euro, parse_amount, suggested_inputs
from casework.errors import Invalid
from casework.mandate import FINANCIER_NAMES, default_financier
from casework.search import ProgrammeMatch, absence_causes, cause_characteristic_ids, search_programmes
from casework.taskresults import CONCLUSIONS
from casework.trigger_rules import final_report_conclusions
from models import (
    Characteristic,
    Employee,
    EndGoal,
    EndReason,
    Provider,
    Region,
    Role,
    ServiceType,
    Task,
    TaskKind,
    User,
    db,
)

# The labels of SPEC §8 (the same words as the Slack modals), by the engine's field names.
LABELS = {
    "template": "Traject",
    "category": "Categorie",
    "end_goal": "Einddoel",
    "sick_report": "Verzuimmelding",
    "policy": "Polis",
    "sick_report_id": "Verzuimmelding",
    "policy_id": "Polis",
    "category_id": "Categorie",
    "end_goal_id": "Einddoel",
    "absence_cause_id": "Verzuimoorzaak (niet-medisch)",
    "service_type_id": "Dienstverlening",
    "region_ids": "Regio's",
    "characteristic_ids": "Kenmerken",
    "provider_id": "Voorkeur provider",
    "programme_id": "Programma",
    "financier": "Financier",
    "reduction_days": "Reductie verzuimdagen",
    "dossier_cost": "Kosten dossiertijd",
    "daily_wage": "Dagloon",
    "programme_price": "Programmaprijs",
    "expected_benefit": "Verwachte baten",
    "override_reason": "Reden aanpassing",
    "approval": "Akkoord",
    "decided_on": "Besloten op",
    "sent_on": "Verzonden op",
    "received_on": "Ontvangen op",
    "conclusion": "Conclusie",
    "remark": "Opmerking",
    "reason": "Reden",
    "assignee": "Uitvoerder",
    "due_date": "Nieuwe deadline",
    "end_reason": "Beëindigingsreden",
    "closed_on": "Einddatum",
    "text": "Aantekening",
    "task": "Taak",
    "trajectory": "Traject",
    "employee": "Werknemer",
    "case_manager": "Casemanager",
    "_": "Let op",
}
FIGURES = ("reduction_days", "dossier_cost", "daily_wage", "programme_price")
FILTERS = ("service_type_id", "region_ids", "characteristic_ids", "provider_id")


@dataclass
class Field:
    """One form field: name (the engine's), kind (select, multi, radio, text, date, textarea), choices."""

    name: str
    kind: str = "select"
    choices: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    blank: str | None = "—"

    @property
    def label(self) -> str:
        """The Dutch label."""
        return LABELS[self.name]


def _names(model: type) -> list[tuple[str, str]]:
    rows = db.session.scalars(
        sa.select(model).where(model.active.is_(True)).order_by(model.position, model.name)
    )
    return [(str(r.id), r.name) for r in rows]


def _date(day: dt.date | None) -> str:
    return dutch_date(day)


def start_fields(employee: Employee, today: dt.date) -> tuple[list[Field], str]:
    """The start form: Traject, Categorie, Einddoel, Verzuimmelding, Polis; and why nothing may start (or "")."""
    allowed = allowed_templates(employee.employer, today)
    goals = db.session.scalars(sa.select(EndGoal).where(EndGoal.active.is_(True)).order_by(EndGoal.position))
    fields = [
        Field(
            "template", choices=[(str(t.id), t.name) for t in allowed.templates], required=True, blank=None
        ),
        Field(
            "category", choices=[(str(c.id), c.name) for c in offered_categories(employee.employer, today)]
        ),
        Field("end_goal", choices=[(str(g.id), g.name) for g in goals]),
        Field(
            "sick_report",
            choices=[
                (str(r.id), f"Eerste ziektedag {_date(r.first_sick_day)}")
                for r in employee.sick_reports
                if r.closed_on is None
            ],
        ),
        Field(
            "policy", choices=[(str(p.id), f"Polis {p.policy_number}") for p in employee.employer.policies]
        ),
    ]
    return fields, allowed.reason if not allowed.templates else ""


def task_fields(task: Task, today: dt.date) -> list[Field]:
    """The fields completing a task of its kind (T2's filters and results are built by `programme_search`)."""
    trajectory = task.trajectory
    employee = trajectory.employee
    if task.kind == TaskKind.POLICY_SELECTION:
        goals = db.session.scalars(
            sa.select(EndGoal).where(EndGoal.active.is_(True)).order_by(EndGoal.position)
        )
        return [
            Field(
                "sick_report_id",
                choices=[
                    (str(r.id), f"Eerste ziektedag {_date(r.first_sick_day)}") for r in employee.sick_reports
                ],
            ),
            Field(
                "policy_id",
                choices=[(str(p.id), f"Polis {p.policy_number}") for p in employee.employer.policies],
            ),
            Field(
                "category_id",
                choices=[(str(c.id), c.name) for c in offered_categories(employee.employer, today)],
                required=trajectory.category_id is None,
            ),
            Field(
                "end_goal_id",
                choices=[(str(g.id), g.name) for g in goals],
                required=trajectory.end_goal_id is None,
            ),
            # seed 002: the underlying, non-medical reason decides which intervention fits (never a diagnosis)
            Field("absence_cause_id", choices=[(str(i), name) for name, i in absence_causes()]),
            Field("remark", "textarea"),
        ]
    if task.kind == TaskKind.PROGRAMME_SELECTION:
        return [
            Field("service_type_id", choices=_names(ServiceType)),
            Field("region_ids", "multi", choices=_names(Region), blank=None),
            Field("characteristic_ids", "multi", choices=_names(Characteristic), blank=None),
            Field("provider_id", choices=_names(Provider)),
            Field("financier", choices=[(f.value, name) for f, name in FINANCIER_NAMES.items()]),
            Field("remark", "textarea"),
        ]
    if task.kind == TaskKind.COST_BENEFIT:
        return [
            *(Field(name, "text", required=True) for name in FIGURES),
            Field("expected_benefit", "text"),
            Field("override_reason", "textarea"),
            Field("remark", "textarea"),
        ]
    if task.kind == TaskKind.APPROVAL:
        return [
            Field("approval", "radio", choices=[("accepted", "Ja"), ("rejected", "Nee")], required=True),
            Field("remark", "textarea"),
        ]
    if task.kind == TaskKind.DOCUMENT:
        return [Field("sent_on", "date"), Field("remark", "textarea")]
    if task.kind == TaskKind.REPORT_RECEIVED:
        # A progress report (T6) holds a date and a remark; a final report (T7) also how the intervention ended.
        conclusions = final_report_conclusions(task.task_template)
        return [
            Field("received_on", "date", required=True),
            *(
                [Field("conclusion", choices=[(c, CONCLUSIONS[c]) for c in conclusions], required=True)]
                if conclusions
                else []
            ),
            Field("remark", "textarea"),
        ]
    return [Field("remark", "textarea")]


def initial_values(task: Task, today: dt.date) -> dict[str, Any]:
    """What a task form shows before anything is typed: what the trajectory already holds."""
    trajectory = task.trajectory
    if task.kind == TaskKind.POLICY_SELECTION:
        return {
            "sick_report_id": trajectory.sick_report_id,
            "policy_id": trajectory.policy_id,
            "category_id": trajectory.category_id,
            "end_goal_id": trajectory.end_goal_id,
            "absence_cause_id": trajectory.absence_cause_id,
        }
    if task.kind == TaskKind.PROGRAMME_SELECTION:
        variation = trajectory.service_variation
        return {
            "service_type_id": variation.service_type_id if variation else None,
            # T2 starts filtered on what fits the cause of absence; the case manager can widen it
            "characteristic_ids": cause_characteristic_ids(trajectory.absence_cause),
            "financier": default_financier(trajectory).value,
        }
    if task.kind == TaskKind.COST_BENEFIT:
        return {k: "" if v is None else str(v) for k, v in suggested_inputs(trajectory).items()}
    if task.kind == TaskKind.REPORT_RECEIVED:
        return {"received_on": today.isoformat()}
    return {}


def programme_search(values: dict[str, Any]) -> tuple[list[ProgrammeMatch], dict[str, str]]:
    """T2's results for the filters typed so far (with each programme's details), or the filters' errors."""

    def number(value: Any) -> int | None:
        return int(value) if str(value or "").strip().isdigit() else None

    try:
        found = search_programmes(
            service_type_id=number(values.get("service_type_id")),
            region_ids=[n for n in (number(v) for v in values.get("region_ids") or []) if n],
            characteristic_ids=[n for n in (number(v) for v in values.get("characteristic_ids") or []) if n],
            provider_id=number(values.get("provider_id")),
        )
    except Invalid as error:
        return [], error.errors
    return found, {}


def computed_benefit(values: dict[str, Any]) -> str:
    """T3: the expected benefit the figures typed so far give, in words ("" when they are incomplete)."""
    try:
        figures = compute_cost_benefit(
            **{k: Decimal(parse_amount(str(values.get(k) or ""))) for k in FIGURES}
        )
    except (Invalid, ArithmeticError, ValueError, TypeError):
        return ""
    return (
        f"Bruto baten {format_euro(figures.gross_benefit)}, kosten {format_euro(figures.cost)}, "
        f"netto baten {format_euro(figures.net_benefit)}; verwachte baten {format_euro(figures.expected_benefit)}"
    )


def assignees() -> list[tuple[str, str]]:
    """Who a task can be given to: the active case managers."""
    users = db.session.scalars(
        sa.select(User).where(User.active.is_(True), User.role == Role.CASEMANAGER).order_by(User.name)
    )
    return [(str(u.id), u.name) for u in users]


def end_reasons() -> list[tuple[str, str]]:
    """The active end reasons, in the configured order."""
    rows = db.session.scalars(
        sa.select(EndReason).where(EndReason.active.is_(True)).order_by(EndReason.position, EndReason.name)
    )
    return [(str(r.id), r.name) for r in rows]
