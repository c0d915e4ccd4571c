"""Productrapportage gesprekken (seed 004 slide 13): per month, per consult type and user, the consults planned,
held, cancelled and not shown up for, and the amount of the held ones (each at the price that applied to it,
casework.consult_prices: a contract model's price or the type's list price).

Counted from the log book, where every step of a consult is written (casework.consults): an event counts in the
month (Dutch time) it happened, for the user who did it, so re-planning a consult counts as planning it again
and nothing is lost when a consult later moves on. One GROUP BY statement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from models import Consult, ConsultType, LogEntry, Role, User, db

from .agenda_patterns import to_utc
from .errors import Invalid
from .i18n import M_

EVENTS = {
    "planned": "consult.planned",
    "held": "consult.held",
    "cancelled": "consult.cancelled",
    "no_show": "consult.no_show",
}
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class ConsultFigures:
    """One row: a consult type and a user with their counts."""

    consult_type: str
    user: str
    planned: int
    held: int
    cancelled: int
    no_show: int
    amount: Decimal = Decimal("0.00")  # the held consults at the price that applied to each


def parse_month(text: str | None, today: dt.date) -> dt.date:
    """A month as 2026-03 (default this month), returned as its first day."""
    if not text:
        return today.replace(day=1)
    match = MONTH_RE.match(text.strip())
    if match is None:
        raise Invalid({"month": M_("Geef een maand, bijvoorbeeld 2026-03.")})
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def consult_report(month: dt.date, viewer: User | None = None) -> list[ConsultFigures]:
    """The month's figures; a case manager (`viewer`) sees only their own row(s), an administrator all."""
    following = (month + dt.timedelta(days=32)).replace(day=1)
    counts = [
        sa.func.sum(sa.case((LogEntry.action == action, 1), else_=0)).label(name)
        for name, action in EVENTS.items()
    ]
    held_price = sa.func.coalesce(Consult.price, ConsultType.price)
    amount = sa.func.sum(sa.case((LogEntry.action == EVENTS["held"], held_price), else_=0)).label("amount")
    query = (
        sa.select(ConsultType.name, sa.func.coalesce(User.name, LogEntry.actor_name), *counts, amount)
        .select_from(LogEntry)
        .join(Consult, sa.and_(LogEntry.subject_type == "consults", Consult.id == LogEntry.subject_id))
        .join(ConsultType, ConsultType.id == Consult.consult_type_id)
        .outerjoin(User, User.id == LogEntry.actor_id)
        .where(
            LogEntry.action.in_(EVENTS.values()),
            LogEntry.at >= to_utc(month, dt.time()),
            LogEntry.at < to_utc(following, dt.time()),
        )
        .group_by(ConsultType.name, User.name, LogEntry.actor_name)
        .order_by(ConsultType.name, sa.func.coalesce(User.name, LogEntry.actor_name))
    )
    if viewer is not None and viewer.role != Role.ADMIN:
        query = query.where(LogEntry.actor_id == viewer.id)
    return [
        ConsultFigures(
            t,
            u,
            int(p or 0),
            int(h or 0),
            int(c or 0),
            int(n or 0),
            Decimal(a or 0).quantize(Decimal("0.01")),
        )
        for t, u, p, h, c, n, a in db.session.execute(query)
    ]
