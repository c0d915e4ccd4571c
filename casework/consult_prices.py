"""What a consult costs (seed 001): the consult type's list price, unless the employer's service agreement valid
that day uses a contract model that prices the consult type ("contractmodellen geven prijzen aan spreekuren").

When several agreements of the employer are valid and price the type, the one for a variation that allows the
consult type wins, then the one that started last. A consult keeps the price that applied when it was planned
(and again when it was held), so later price changes do not rewrite what was agreed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from models import Consult, ConsultType, ContractModel, Employer

from .agenda_patterns import to_local


def price_for(
    consult_type: ConsultType, employer: Employer, day: dt.date
) -> tuple[Decimal, ContractModel | None]:
    """The price of `consult_type` for `employer` on `day`, and the contract model it comes from (None: list)."""
    allowed = {v.id for v in consult_type.variations}
    best: tuple[tuple[bool, dt.date, int], Decimal, ContractModel] | None = None
    for agreement in employer.agreements:
        model = agreement.contract_model
        if model is None or not agreement.valid_on(day):
            continue
        price = next((p.price for p in model.consult_prices if p.consult_type_id == consult_type.id), None)
        if price is None:
            continue
        rank = (not allowed or agreement.service_variation_id in allowed, agreement.start_date, agreement.id)
        if best is None or rank > best[0]:
            best = (rank, price, model)
    if best is None:
        return consult_type.price, None
    return best[1], best[2]


def consult_day(consult: Consult, today: dt.date) -> dt.date:
    """The day a consult's price is taken on: the (local) day it is planned, else today."""
    return to_local(consult.starts_at).date() if consult.starts_at else today


def applying_price(consult: Consult, today: dt.date) -> tuple[Decimal, ContractModel | None]:
    """The price that applies to a consult now: its type under the employer's agreements on its day."""
    return price_for(consult.consult_type, consult.employee.employer, consult_day(consult, today))


def shown_price(consult: Consult, today: dt.date) -> Decimal:
    """The price to show: the one kept when it was planned or held, else the one that would apply today."""
    return consult.price if consult.price is not None else applying_price(consult, today)[0]
