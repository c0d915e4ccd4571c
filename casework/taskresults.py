"""What completing a task records, per task kind: a marshmallow schema each, with Dutch messages.

The validated result is stored as JSON on the task (ids as numbers, dates as ISO strings, money as strings),
and applied to the trajectory where the kind says so (policy, category and end goal; programme; cost/benefit).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from models import Financier, TaskKind

from .errors import Invalid
from .i18n import M_, N_
from .schemas import Day, Ident, flatten  # flatten: also for the API door

REQUIRED = {"required": N_("Dit veld is verplicht."), "null": N_("Dit veld is verplicht.")}
TEXT = {**REQUIRED, "invalid": N_("Geef tekst."), "invalid_utf8": N_("Geef tekst.")}
REMARK = fields.String(
    load_default="",
    validate=validate.Length(max=1500, error=N_("Hoogstens 1.500 tekens.")),
    error_messages=TEXT,
)


def _ids() -> fields.List:
    """A list of ids chosen from a list (regions, characteristics)."""
    return fields.List(
        Ident(required=True), load_default=list, error_messages={"invalid": N_("Geef een lijst.")}
    )


class ResultSchema(Schema):
    """Base: unknown fields are refused, so nothing is silently dropped (and no medical field sneaks in)."""

    class Meta:
        unknown = RAISE

    remark = REMARK


class PolicySelection(ResultSchema):
    """T1: link the sick report and the policy; confirm or change category and end goal (required only when the
    start left them empty: the engine checks that against the trajectory)."""

    sick_report_id = Ident()
    policy_id = Ident()
    category_id = Ident()
    end_goal_id = Ident()
    absence_cause_id = fields.Integer(  # the non-medical cause of absence (seed 002), never a diagnosis
        load_default=None,
        allow_none=True,
        strict=True,
        validate=validate.Range(min=1, max=2**31 - 1, error=N_("Kies een verzuimoorzaak uit de lijst.")),
        error_messages={"invalid": N_("Kies een verzuimoorzaak uit de lijst.")},
    )


class ProgrammeSelection(ResultSchema):
    """T2: the chosen programme, and the filters it was chosen with."""

    programme_id = Ident(required=True)
    service_type_id = Ident()
    region_ids = _ids()
    characteristic_ids = _ids()
    provider_id = Ident()
    financier = fields.String(
        load_default=None,
        allow_none=True,
        error_messages=TEXT,
        validate=validate.OneOf(
            [f.value for f in Financier], error=N_("Kies werkgever, een verzekeraar, zorgverzekeraar of UWV.")
        ),
    )


class Approval(ResultSchema):
    """T4: the client's answer to the quote."""

    approval = fields.String(
        required=True,
        error_messages=TEXT,
        validate=validate.OneOf(["accepted", "rejected"], error=N_("Kies Ja of Nee.")),
    )
    decided_on = Day()


class DocumentSent(ResultSchema):
    """T5 and other document tasks: when the document went out."""

    sent_on = Day()


CONCLUSIONS = {
    "success": N_("Succesvol"),
    "not_successful": N_("Niet succesvol"),
    "aborted": N_("Afgebroken"),
}


class ReportReceived(ResultSchema):
    """T6/T7: a progress or final report came in; only a final report says how the intervention ended (seed 000:
    "Succesvol" or "Afgebroken"; SPEC §7 also counts "niet succesvol"). Which one a task is, the engine reads from
    the triggers (casework.trigger_rules.is_final_report)."""

    received_on = Day(required=True)
    conclusion = fields.String(
        load_default=None,
        allow_none=True,
        error_messages=TEXT,
        validate=validate.OneOf(list(CONCLUSIONS), error=N_("Kies succesvol, niet succesvol of afgebroken.")),
    )


class Plain(ResultSchema):
    """Any other task: a remark."""


def _cost_benefit_schema() -> type[Schema]:
    from .costbenefit import CostBenefitInput

    return CostBenefitInput


SCHEMAS: dict[TaskKind, Any] = {
    TaskKind.POLICY_SELECTION: PolicySelection,
    TaskKind.PROGRAMME_SELECTION: ProgrammeSelection,
    TaskKind.COST_BENEFIT: _cost_benefit_schema,
    TaskKind.APPROVAL: Approval,
    TaskKind.DOCUMENT: DocumentSent,
    TaskKind.REPORT_RECEIVED: ReportReceived,
    TaskKind.PLAIN: Plain,
}


def schema_for(kind: TaskKind) -> Schema:
    """A fresh schema instance for a task kind."""
    factory = SCHEMAS[kind]
    cls = factory() if kind == TaskKind.COST_BENEFIT else factory
    return cls()


def load_result(kind: TaskKind, data: dict[str, Any] | None, *, today: dt.date) -> dict[str, Any]:
    """Validate a result; raises Invalid with a message per field. Dates may not lie in the future."""
    try:
        loaded = schema_for(kind).load(data or {})
    except ValidationError as error:
        raise Invalid(flatten(error.messages)) from None
    for name in ("received_on", "decided_on", "sent_on"):
        if isinstance(loaded.get(name), dt.date) and loaded[name] > today:
            raise Invalid({name: M_("Deze datum ligt in de toekomst.")})
    return loaded


ID_FIELDS = (
    "absence_cause_id",
    "sick_report_id",
    "policy_id",
    "category_id",
    "end_goal_id",
    "programme_id",
    "service_type_id",
    "provider_id",
)
ID_LIST_FIELDS = ("region_ids", "characteristic_ids")


def result_from_values(values: dict[str, Any]) -> dict[str, Any]:
    """A task result from a form or a modal (text values): empty fields left out, chosen ids as numbers.

    A value that is not a number is passed on as it is, so the kind's schema refuses it under its field.
    """
    out = {k: v for k, v in values.items() if v not in (None, [], "")}
    for key in ID_FIELDS:
        if key in out and str(out[key]).strip().isdigit():
            out[key] = int(out[key])
    for key in ID_LIST_FIELDS:
        if key in out:
            out[key] = [int(v) if str(v).strip().isdigit() else v for v in out[key]]
    return out


def to_json(value: Any) -> Any:
    """A result value as stored in JSON."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
