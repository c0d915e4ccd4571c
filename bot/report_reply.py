"""`rapport [PERIODE]`: a short summary of the outcome report for my caseload and a link to the console page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from flask import current_app

from bot.links import base_url
from casework.calendar import dutch_date
from casework.i18n import gettext as _
from casework.i18n import ngettext
from casework.periods import parse_period
from casework.reports import outcome_report
from models import Role, User


def _percent(rate: Decimal | None) -> str:
    """A rate as a Dutch percentage with one decimal, or "geen" when there is nothing to divide by."""
    if rate is None:
        return _("geen (niets om over te rekenen)")
    return f"{rate * 100:.1f}%".replace(".", ",")


def _cases(n: int) -> str:
    """A number of cases in Dutch: "1 geval", "3 gevallen"."""
    return ngettext("%(num)s geval", "%(num)s gevallen", n)


def _days(days: Decimal | None) -> str:
    """A mean number of days in Dutch ("17,5 dagen"), or "geen" without cases."""
    if days is None:
        return _("geen")
    return _("%(days)s dagen", days=f"{days:.1f}".replace(".", ","))


def report_url(base: str, date_from: dt.date, date_to: dt.date) -> str:
    """The console's report page for the same period (grouping Totaal)."""
    query = urlencode({"van": date_from.isoformat(), "tot": date_to.isoformat(), "per": "none"})
    return f"{base.rstrip('/')}/admin/reports/?{query}"


def report_text(args: str, user: User, today: dt.date) -> str:
    """The summary of the period `args` (default the current year to date); Invalid names the formats."""
    date_from, date_to = parse_period(args, today)
    [row] = outcome_report(date_from, date_to, "none", viewer=user).rows or [None]
    whose = _("alle dossiers") if user.role == Role.ADMIN else _("je caseload")
    lines = [
        _(
            "*Rapportage %(start)s t/m %(end)s* (%(whose)s)",
            start=dutch_date(date_from),
            end=dutch_date(date_to),
            whose=whose,
        )
    ]
    if row is None:
        lines.append(_("Geen trajecten of verzuimmeldingen in deze periode."))
    else:
        started = row["closed"] - row["no_approval"]
        lines += [
            _(
                "• Verzuimmeldingen: %(opened)s geopend, %(closed)s afgesloten, %(open)s open aan het eind",
                opened=row["sick_opened"],
                closed=row["sick_closed"],
                open=row["sick_open_at_end"],
            ),
            _(
                "• Arbeidsuitstroom: %(count)s van %(closed)s afgesloten meldingen, %(rate)s",
                count=row["work_outflow"],
                closed=row["sick_closed"],
                rate=_percent(row["work_outflow_rate"]),
            ),
            _(
                "• Overige uitstroom: %(count)s van %(closed)s, %(rate)s",
                count=row["other_outflow"],
                closed=row["sick_closed"],
                rate=_percent(row["other_outflow_rate"]),
            ),
            _(
                "• Trajecten: %(opened)s geopend, %(closed)s gesloten, %(open)s open aan het eind",
                opened=row["opened"],
                closed=row["closed"],
                open=row["open_at_end"],
            ),
            _(
                "• Slagingspercentage: %(count)s van %(started)s gestarte trajecten, %(rate)s"
                " (%(apart)s zonder akkoord apart)",
                count=row["successful"],
                started=started,
                rate=_percent(row["success_rate"]),
                apart=row["no_approval"],
            ),
            _(
                "• Einddoel bereikt: %(count)s van %(closed)s gesloten, %(rate)s",
                count=row["goal_achieved"],
                closed=row["closed"],
                rate=_percent(row["goal_rate"]),
            ),
            _(
                "• Tijdigheid (eerste contact binnen 11 werkdagen): %(count)s van %(opened)s geopend, %(rate)s",
                count=row["timely"],
                opened=row["opened"],
                rate=_percent(row["timeliness"]),
            ),
            _(
                "• Besparing per geval: voorspeld %(predicted)s, gerealiseerd %(realised)s (%(cases)s)",
                predicted=_days(row["saving_predicted_mean"]),
                realised=_days(row["saving_realised_mean"]),
                cases=_cases(row["saving_cases"]),
            ),
        ]
    lines.append(_("Alle cijfers: %(url)s", url=report_url(base_url(current_app.config), date_from, date_to)))
    return "\n".join(lines)
