"""`rapport [PERIODE]`: a short summary of the outcome report for my caseload and a link to the console page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from flask import current_app

from bot.links import base_url
from casework.calendar import dutch_date
from casework.periods import parse_period
from casework.reports import outcome_report
from models import Role, User


def _percent(rate: Decimal | None) -> str:
    """A rate as a Dutch percentage with one decimal, or "geen" when there is nothing to divide by."""
    if rate is None:
        return "geen (niets om over te rekenen)"
    return f"{rate * 100:.1f}%".replace(".", ",")


def report_url(base: str, date_from: dt.date, date_to: dt.date) -> str:
    """The console's report page for the same period (grouping Totaal)."""
    query = urlencode({"van": date_from.isoformat(), "tot": date_to.isoformat(), "per": "none"})
    return f"{base.rstrip('/')}/admin/reports/?{query}"


def report_text(args: str, user: User, today: dt.date) -> str:
    """The summary of the period `args` (default the current year to date); Invalid names the formats."""
    date_from, date_to = parse_period(args, today)
    [row] = outcome_report(date_from, date_to, "none", viewer=user).rows or [None]
    whose = "alle trajecten" if user.role == Role.ADMIN else "je caseload"
    lines = [f"*Rapportage {dutch_date(date_from)} t/m {dutch_date(date_to)}* ({whose})"]
    if row is None:
        lines.append("Geen trajecten in deze periode.")
    else:
        lines += [
            f"• Geopend: {row['opened']}",
            f"• Gesloten: {row['closed']}",
            f"• Open aan het eind: {row['open_at_end']}",
            f"• Uitstroom naar werk: {row['work_outflow']} van {row['closed']} gesloten, "
            f"{_percent(row['work_outflow_rate'])}",
            f"• Tijdigheid (eerste contact binnen 11 werkdagen): {row['timely']} van {row['opened']} geopend, "
            f"{_percent(row['timeliness'])}",
        ]
    lines.append(f"Alle cijfers: {report_url(base_url(current_app.config), date_from, date_to)}")
    return "\n".join(lines)
