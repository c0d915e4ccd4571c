"""The insured interest's mandate (seed 001, "verzekerd belang"): how much an intervention may cost under the
policy on a trajectory without the insurer's separate approval.

The mandate is the one agreed in the employer's service agreement for that policy (valid on the day), else the
mandate of the policy's insurance product when that product carries claims management. No policy, or a policy
without claims management or mandate: no mandate, so nothing is "above" it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from models import Financier, ProductKind, Trajectory

from .i18n import N_


def mandate_for(trajectory: Trajectory, day: dt.date) -> Decimal | None:
    """The mandate that applies to `trajectory` on `day`, or None."""
    policy = trajectory.policy
    if policy is None:
        return None
    for agreement in trajectory.employee.employer.agreements:
        if agreement.policy_id == policy.id and agreement.mandate is not None and agreement.valid_on(day):
            return agreement.mandate
    product = policy.product
    if product.claims_management and product.mandate is not None:
        return product.mandate
    return None


def above_mandate(trajectory: Trajectory, price: Decimal, day: dt.date) -> tuple[Decimal | None, bool]:
    """The mandate and whether `price` exceeds it ("kosten boven mandaat")."""
    mandate = mandate_for(trajectory, day)
    return mandate, mandate is not None and price > mandate


# Who pays an intervention, as documents and screens name it (seed 002).
FINANCIER_NAMES = {
    Financier.EMPLOYER: N_("Werkgever"),
    Financier.INSURER_WGA_ERD: N_("Verzekeraar (WGA ERD)"),
    Financier.INSURER_ZW_ERD: N_("Verzekeraar (ZW ERD)"),
    Financier.INSURER_COLLECTIVE_WIA: N_("Verzekeraar (collectieve WIA)"),
    Financier.INSURER_ABSENCE: N_("Verzekeraar (verzuimverzekering)"),
    Financier.HEALTH_INSURER: N_("Zorgverzekeraar"),
    Financier.UWV: N_("UWV"),
}
_BY_PRODUCT = {
    ProductKind.WGA: Financier.INSURER_WGA_ERD,
    ProductKind.SICKNESS_BENEFIT: Financier.INSURER_ZW_ERD,
    ProductKind.INCOME: Financier.INSURER_COLLECTIVE_WIA,
    ProductKind.ABSENCE: Financier.INSURER_ABSENCE,
}


def default_financier(trajectory: Trajectory) -> Financier:
    """Who pays when the case manager does not say: the insurer of a policy with claims management on the
    trajectory (by the product's kind), else the employer."""
    policy = trajectory.policy
    if policy is not None and policy.product.claims_management and policy.product.kind in _BY_PRODUCT:
        return _BY_PRODUCT[policy.product.kind]
    return Financier.EMPLOYER


def financier_name(value: Financier | str | None) -> str:
    """The financier in words ("" when none is recorded)."""
    return FINANCIER_NAMES.get(Financier(value), "") if value else ""
