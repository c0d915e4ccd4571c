"""Report periods from short texts (`2026`, `2026-03`, `2026-Q1`/`2026-K1`, `30d`) and from form dates.

Shared by the doors that ask for a report period: the Slack command `/traject rapport [PERIODE]` and the console's
report page. A period is a pair of dates, both inclusive. The default is the current year up to today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .errors import Invalid
from .i18n import M_

PERIOD_FORMATS = (
    "`2026` (jaar), `2026-03` (maand), `2026-K1` of `2026-Q1` (kwartaal) of `30d` (laatste dagen)"
)
MAX_DAYS_BACK = 366 * 20

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[QK]([1-4])$", re.IGNORECASE)
_DAYS = re.compile(r"^(\d{1,5})\s*d(agen)?$", re.IGNORECASE)


def year_to_date(today: dt.date) -> tuple[dt.date, dt.date]:
    """1 January of today's year up to today."""
    return dt.date(today.year, 1, 1), today


def _year(year: int) -> int:
    """A plausible year, or Invalid."""
    if not 1900 <= year <= 2999:
        raise Invalid(
            {
                "period": M_(
                    "Periode: %(year)s is geen geldig jaar. Gebruik %(period_formats)s.",
                    year=year,
                    period_formats=PERIOD_FORMATS,
                )
            }
        )
    return year


def parse_period(text: str | None, today: dt.date, field: str = "period") -> tuple[dt.date, dt.date]:
    """The first and last day of a period text; empty means the current year to date; else Invalid naming the
    format."""
    text = (text or "").strip()
    if not text:
        return year_to_date(today)
    try:
        if match := _YEAR.match(text):
            year = _year(int(match.group(1)))
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if match := _MONTH.match(text):
            year, month = _year(int(match.group(1))), int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(text)
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if match := _QUARTER.match(text):
            year, quarter = _year(int(match.group(1))), int(match.group(2))
            first = dt.date(year, 3 * quarter - 2, 1)
            last_month = 3 * quarter
            return first, dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if match := _DAYS.match(text):
            days = int(match.group(1))
            if not 1 <= days <= MAX_DAYS_BACK:
                raise ValueError(text)
            return today - dt.timedelta(days=days - 1), today
    except Invalid as error:
        raise Invalid({field: error.errors["period"]}) from None
    except ValueError:
        pass
    raise Invalid(
        {
            field: M_(
                "Periode: “%(text)s” begrijp ik niet. Gebruik %(period_formats)s.",
                text=text,
                period_formats=PERIOD_FORMATS,
            )
        }
    )


def parse_day(text: str | None, field: str, label: str) -> dt.date | None:
    """A date typed as jjjj-mm-dd (or dd-mm-jjjj); None when empty; Invalid naming the field when wrong."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise Invalid(
        {
            field: M_(
                "%(label)s: “%(text)s” is geen geldige datum; gebruik jjjj-mm-dd.", label=label, text=text
            )
        }
    )
