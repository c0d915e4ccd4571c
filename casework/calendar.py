"""The Dutch working-day calendar: weekends and public holidays off, from the `holidays` package (NL).

Which days are holidays is what `holidays.NL` (category "public") says, on purpose not a list of our own:
Nieuwjaarsdag, Goede vrijdag, Eerste/Tweede paasdag, Koningsdag (27 April, the Saturday before when it falls on a
Sunday), Hemelvaartsdag, Eerste/Tweede pinksterdag, Eerste/Tweede kerstdag, and Bevrijdingsdag (5 May) only in
lustrum years (2025, 2030, ...). The Algemene termijnenwet names 5 May every year and does not name Goede vrijdag;
the package follows what most CAOs give as a day off instead, and so does Traject.

Conventions: `working_days_between(start, end)` counts the working days AFTER `start` up to and INCLUDING `end`
(so a task done on the working day after its start took 1 working day, one done the same day 0), negative when
`end` lies before `start`. `add_working_days(day, n)` is the n-th working day after `day` (before it when n < 0);
`add_working_days(day, 0)` is `day` itself, working day or not.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import holidays

if TYPE_CHECKING:
    from collections.abc import Mapping

_ONE_DAY = dt.timedelta(days=1)
DEFAULT_TIMEZONE = "Europe/Amsterdam"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day in the Netherlands (TRAJECT_TIMEZONE) at a moment stored in UTC (naive = UTC).

    Deadlines, "today" and the nightly day change are Dutch days: at 00:30 in Amsterdam it is already the next
    day, while the UTC date is still the previous one.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(_zone(os.environ.get("TRAJECT_TIMEZONE") or DEFAULT_TIMEZONE)).date()


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> Mapping[dt.date, str]:
    """The public holidays of one year with their Dutch names (built once per year: the package is slow)."""
    calendar = holidays.NL(years=year, language="nl", categories=("public",))
    return MappingProxyType({day: name for day, name in calendar.items() if day.year == year})


def holiday_name(day: dt.date) -> str | None:
    """The Dutch name of the public holiday on `day` (e.g. "Koningsdag"), or None on an ordinary day."""
    return _holidays_of(day.year).get(day)


def holiday_dates(start: dt.date, end: dt.date) -> list[dt.date]:
    """The public holidays from `start` up to and including `end`, in order (e.g. to fill a SQL calendar)."""
    return [
        day
        for year in range(start.year, end.year + 1)
        for day in sorted(_holidays_of(year))
        if start <= day <= end
    ]


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (before it for negative n); `day` itself for n = 0."""
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def _weekdays_through(day: dt.date) -> int:
    """How many Mondays to Fridays lie from 1-1-0001 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest + 1, 5)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end < start:
        return -working_days_between(end, start)
    weekdays = _weekdays_through(end) - _weekdays_through(start)
    return weekdays - sum(1 for d in holiday_dates(start + _ONE_DAY, end) if d.weekday() < 5)


def dutch_date(day: dt.date | None) -> str:
    """A date as Dutch letters and screens write it: 5-1-2026; empty for no date."""
    return f"{day.day}-{day.month}-{day.year}" if day else ""
