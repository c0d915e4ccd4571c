"""Task 3's cost/benefit analysis (SPEC §4): the formula, recording it on a trajectory, and its input schema.

gross benefit = reduction days × daily wage; cost = programme price + dossier-time cost;
net benefit = gross benefit − cost; ratio = gross benefit / cost; expected benefit = net benefit, which the case
manager may override (both are kept). Everything is Decimal, rounded half up to cents; floats are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from models import CostBenefit, Trajectory, TrajectoryStatus, db

from .errors import Invalid
from .i18n import M_, N_
from .logbook import Actor, log

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
MAX_DAYS = Decimal("9999.9")  # with MAX_MONEY, the gross benefit still fits Numeric(12, 2)
MAX_MONEY = Decimal("1000000.00")
MAX_STORED = Decimal("9999999999.99")  # the largest value of a Numeric(12, 2) column
REASON_MAX_LENGTH = 1500

# Dutch field names for messages: (label, is money)
INPUTS = {
    "reduction_days": ("de reductie verzuimdagen", False),
    "dossier_cost": ("de kosten dossiertijd", True),
    "daily_wage": ("het dagloon", True),
    "programme_price": ("de programmaprijs", True),
}


@dataclass(frozen=True)
class CostBenefitFigures:
    """The inputs (rounded as stored) and the computed figures, all Decimal; ratio is None when cost is zero."""

    reduction_days: Decimal
    dossier_cost: Decimal
    daily_wage: Decimal
    programme_price: Decimal
    gross_benefit: Decimal
    cost: Decimal
    net_benefit: Decimal
    ratio: Decimal | None
    expected_benefit: Decimal


def format_number(number: Decimal | int, places: int = 2) -> str:
    """A number as a Dutch reader writes it: 2.500,00 (dots between thousands, a decimal comma)."""
    text = f"{Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_euro(amount: Decimal) -> str:
    """An amount as a Dutch reader writes it, on every screen, message and document: € 1.560,00 (€ -250,00)."""
    return "€ " + format_number(amount)


def _checked(field: str, value: Any) -> Decimal:
    """An input as a finite, non-negative Decimal within bounds, rounded as it is stored."""
    if isinstance(value, float) or not isinstance(value, Decimal | int) or isinstance(value, bool):
        raise TypeError(f"{field} must be a Decimal, not {type(value).__name__}")
    label, money = INPUTS[field]
    number = Decimal(value)
    if not number.is_finite():
        raise Invalid({field: M_("Geef een getal voor %(label)s.", label=label)})
    if number < 0:
        raise Invalid({field: M_("%(label)s mag niet negatief zijn.", label=label[0].upper() + label[1:])})
    if number > (MAX_MONEY if money else MAX_DAYS):
        limit = format_euro(MAX_MONEY) if money else "9.999,9 dagen"
        raise Invalid(
            {
                field: M_(
                    "%(label)s is te groot (hoogstens %(limit)s).",
                    label=label[0].upper() + label[1:],
                    limit=limit,
                )
            }
        )
    return number.quantize(CENT if money else TENTH, rounding=ROUND_HALF_UP)


def compute_cost_benefit(
    *, reduction_days: Decimal, dossier_cost: Decimal, daily_wage: Decimal, programme_price: Decimal
) -> CostBenefitFigures:
    """Apply the SPEC §4 formula; negative or oversized inputs raise Invalid naming the field."""
    days = _checked("reduction_days", reduction_days)
    dossier = _checked("dossier_cost", dossier_cost)
    wage = _checked("daily_wage", daily_wage)
    price = _checked("programme_price", programme_price)
    with localcontext() as context:
        context.prec = 34  # exact for every product and sum within the bounds above
        gross = (days * wage).quantize(CENT, rounding=ROUND_HALF_UP)
        cost = (price + dossier).quantize(CENT, rounding=ROUND_HALF_UP)
        net = gross - cost
        ratio = (gross / cost).quantize(CENT, rounding=ROUND_HALF_UP) if cost else None
    if ratio is not None and ratio > MAX_STORED:
        raise Invalid(
            {"programme_price": M_("De kosten zijn te laag om een verhouding baten/kosten te berekenen.")}
        )
    return CostBenefitFigures(
        reduction_days=days,
        dossier_cost=dossier,
        daily_wage=wage,
        programme_price=price,
        gross_benefit=gross,
        cost=cost,
        net_benefit=net,
        ratio=ratio,
        expected_benefit=net,
    )


def _override(value: Decimal | None, reason: str) -> tuple[Decimal | None, str]:
    """The case manager's own expected benefit, rounded to cents, with its (required) reason."""
    reason = (reason or "").strip()
    if value is None:
        return None, ""
    if isinstance(value, float) or not isinstance(value, Decimal | int) or isinstance(value, bool):
        raise TypeError(f"expected_benefit_override must be a Decimal, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite() or abs(number) > MAX_STORED:
        raise Invalid({"expected_benefit": M_("Geef een bedrag voor de verwachte baten.")})
    if not reason:
        raise Invalid(
            {"override_reason": M_("Geef een reden waarom u de berekende verwachte baten aanpast.")}
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise Invalid({"override_reason": M_("Hoogstens 1.500 tekens.")})
    return number.quantize(CENT, rounding=ROUND_HALF_UP), reason


def record_cost_benefit(
    trajectory: Trajectory,
    *,
    reduction_days: Decimal,
    dossier_cost: Decimal,
    daily_wage: Decimal,
    programme_price: Decimal,
    expected_benefit_override: Decimal | None = None,
    override_reason: str = "",
    actor: Actor,
    now: dt.datetime,
) -> CostBenefit:
    """Create or replace the trajectory's cost/benefit row, keeping the computed benefit beside any override."""
    if trajectory.status is TrajectoryStatus.CLOSED:
        raise Invalid(
            {"trajectory": M_("Dit traject is afgesloten; de kosten/baten-analyse kan niet meer wijzigen.")}
        )
    figures = compute_cost_benefit(
        reduction_days=reduction_days,
        dossier_cost=dossier_cost,
        daily_wage=daily_wage,
        programme_price=programme_price,
    )
    override, reason = _override(expected_benefit_override, override_reason)
    row = trajectory.cost_benefit
    replaced = row is not None
    if row is None:
        row = CostBenefit(trajectory=trajectory)
        db.session.add(row)
    row.reduction_days = figures.reduction_days
    row.dossier_cost = figures.dossier_cost
    row.daily_wage = figures.daily_wage
    row.programme_price = figures.programme_price
    row.gross_benefit = figures.gross_benefit
    row.cost = figures.cost
    row.net_benefit = figures.net_benefit
    row.ratio = figures.ratio
    row.expected_benefit_computed = figures.expected_benefit
    row.expected_benefit_override = override
    row.override_reason = reason
    row.computed_at = now
    report = trajectory.sick_report
    row.expected_rtw_date = report.target_rtw_date if report is not None else None
    db.session.flush()
    details: dict[str, Any] = {k: None if v is None else str(v) for k, v in asdict(figures).items()}
    details.update(expected_benefit_override=None if override is None else str(override), replaced=replaced)
    if reason:
        details["override_reason"] = reason
    message = f"Kosten/baten-analyse vastgelegd: netto baten {format_euro(figures.net_benefit)}"
    if override is not None:
        message += f", verwachte baten aangepast naar {format_euro(override)}"
    log(
        actor,
        now,
        "cost_benefit.recorded",
        message,
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=row,
        details=details,
    )
    return row


def suggested_inputs(trajectory: Trajectory) -> dict[str, Decimal | None]:
    """What a form pre-fills: the employee's daily wage and the chosen programme's price (editable there only)."""
    previous = trajectory.cost_benefit
    return {
        "reduction_days": previous.reduction_days if previous else None,
        "dossier_cost": previous.dossier_cost if previous else None,
        "daily_wage": previous.daily_wage if previous else trajectory.employee.daily_wage,
        "programme_price": previous.programme_price
        if previous
        else (trajectory.programme.price if trajectory.programme else None),
    }


# ---- input schema (task T3, the Slack modal, the API) -------------------------------------------------------

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # "2.450" or "1.234.567": Dutch thousands separators


def parse_amount(text: str) -> str:
    """A typed amount in Dutch or plain notation as a plain number string ("€ 1.234,56" -> "1234.56")."""
    value = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in value:
        # The comma is the decimal separator; dots before it group thousands.
        return value.replace(".", "").replace(",", ".", 1) if value.count(",") == 1 else value
    if _GROUPED.match(value):
        return value.replace(".", "")
    return value


class DutchDecimal(fields.Decimal):
    """A Decimal field that also reads Dutch notation ("215,50", "€ 2.450") and rounds half up."""

    def __init__(self, places: int, maximum: Decimal, unit: str, **kwargs: Any) -> None:
        messages = {
            "required": "Dit veld is verplicht.",
            "null": "Dit veld is verplicht.",
            "invalid": f"Geef {unit}, bijvoorbeeld {'215,50' if places == 2 else '20,5'}.",
            "special": f"Geef {unit}.",
            "too_large": "Dit getal is te groot.",
        }
        top = format_euro(maximum) if places == 2 else "9.999,9"
        kwargs.setdefault(
            "validate",
            [
                validate.Range(min=0, error=N_("Mag niet negatief zijn.")),
                validate.Range(max=maximum, error=f"Hoogstens {top}."),
            ],
        )
        super().__init__(places=places, rounding=ROUND_HALF_UP, error_messages=messages, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, str):
            value = parse_amount(value)
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except InvalidOperation:
            raise self.make_error("invalid") from None


def _money(**kwargs: Any) -> DutchDecimal:
    return DutchDecimal(2, MAX_MONEY, "een bedrag", **kwargs)


class CostBenefitInput(Schema):
    """The four inputs of the analysis, and optionally the case manager's own expected benefit with a reason."""

    class Meta:
        unknown = RAISE

    reduction_days = DutchDecimal(1, MAX_DAYS, "een aantal dagen", required=True)
    dossier_cost = _money(required=True)
    daily_wage = _money(required=True)
    programme_price = _money(required=True)
    expected_benefit = DutchDecimal(
        2,
        MAX_STORED,
        "een bedrag",
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=-MAX_STORED, max=MAX_STORED, error=N_("Dit bedrag is te groot.")),
    )
    override_reason = fields.String(
        load_default="", validate=validate.Length(max=REASON_MAX_LENGTH, error=N_("Hoogstens 1.500 tekens."))
    )
    remark = fields.String(
        load_default="", validate=validate.Length(max=REASON_MAX_LENGTH, error=N_("Hoogstens 1.500 tekens."))
    )

    @validates_schema
    def _reason_with_override(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("expected_benefit") is not None and not (data.get("override_reason") or "").strip():
            raise ValidationError(
                "Geef een reden waarom u de berekende verwachte baten aanpast.", field_name="override_reason"
            )
