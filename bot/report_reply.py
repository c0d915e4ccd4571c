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


def _cases(n: int) -> str:
    """A number of cases in Dutch: "1 geval", "3 gevallen"."""
    return f"{n} geval" if n == 1 else f"{n} gevallen"


def _days(days: Decimal | None) -> str:
    """A mean number of days in Dutch ("17,5 dagen"), or "geen" without cases."""
    return "geen" if days is None else f"{days:.1f} dagen".replace(".", ",")


def report_url(base: str, date_from: dt.date, date_to: dt.date) -> str:
    """The console's report page for the same period (grouping Totaal)."""
    query = urlencode({"van": date_from.isoformat(), "tot": date_to.isoformat(), "per": "none"})
    return f"{base.rstrip('/')}/admin/reports/?{query}"


def report_text(args: str, user: User, today: dt.date) -> str:
    """The summary of the period `args` (default the current year to date); Invalid names the formats."""
    date_from, date_to = parse_period(args, today)
    [row] = outcome_report(date_from, date_to, "none", viewer=user).rows or [None]
    whose = "alle dossiers" if user.role == Role.ADMIN else "je caseload"
    lines = [f"*Rapportage {dutch_date(date_from)} t/m {dutch_date(date_to)}* ({whose})"]
    if row is None:
        lines.append("Geen trajecten of verzuimmeldingen in deze periode.")
    else:
        started = row["closed"] - row["no_approval"]
        lines += [
            f"• Verzuimmeldingen: {row['sick_opened']} geopend, {row['sick_closed']} afgesloten, "
            f"{row['sick_open_at_end']} open aan het eind",
            f"• Arbeidsuitstroom: {row['work_outflow']} van {row['sick_closed']} afgesloten meldingen, "
            f"{_percent(row['work_outflow_rate'])}",
            f"• Overige uitstroom: {row['other_outflow']} van {row['sick_closed']}, "
            f"{_percent(row['other_outflow_rate'])}",
            f"• Trajecten: {row['opened']} geopend, {row['closed']} gesloten, {row['open_at_end']} open aan het eind",
            f"• Slagingspercentage: {row['successful']} van {started} gestarte trajecten, "
            f"{_percent(row['success_rate'])} ({row['no_approval']} zonder akkoord apart)",
            f"• Einddoel bereikt: {row['goal_achieved']} van {row['closed']} gesloten, {_percent(row['goal_rate'])}",
            f"• Tijdigheid (eerste contact binnen 11 werkdagen): {row['timely']} van {row['opened']} geopend, "
            f"{_percent(row['timeliness'])}",
            f"• Besparing per geval: voorspeld {_days(row['saving_predicted_mean'])}, gerealiseerd "
            f"{_days(row['saving_realised_mean'])} ({_cases(row['saving_cases'])})",
        ]
    lines.append(f"Alle cijfers: {report_url(base_url(current_app.config), date_from, date_to)}")
    return "\n".join(lines)
