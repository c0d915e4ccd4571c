"""The insured interest's mandate (seed 001, "verzekerd belang"): how much an intervention may cost under the
policy on a trajectory without the insurer's separate approval.

The mandate is the one agreed in the employer's service agreement for that policy (valid on the day), else the
mandate of the policy's insurance product when that product carries claims management. No policy, or a policy
without claims management or mandate: no mandate, so nothing is "above" it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from models import Trajectory


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
