"""The Dutch working-day calendar: weekends and the holidays of the console's list (menu Configuratie → Feestdagen).

The holiday list is kept per year in the database (models.Holiday). `traject init` seeds it with the days of the
Algemene termijnenwet (art. 3): Nieuwjaarsdag, Tweede Paasdag, Koningsdag (27 April, the Saturday before when it
falls on a Sunday), Bevrijdingsdag (5 May, every year), Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede
Kerstdag; Goede Vrijdag is seeded inactive, a choice the administrator can switch on. A year the list holds no
row for at all counts with those same default days, so working-day arithmetic never silently loses a holiday.
Working-day arithmetic, quiet days and "the first working day after" all use this one calendar.

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
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.easter import easter

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


class DefaultHoliday(NamedTuple):
    """A holiday the seed offers for a year; `active` False for a choice (Goede Vrijdag)."""

    day: dt.date
    name: str
    active: bool = True


def atw_holidays(year: int) -> list[DefaultHoliday]:
    """The days of the Algemene termijnenwet in `year`, in date order, plus Goede Vrijdag as an inactive choice."""
    paschen = easter(year)
    kings_day = dt.date(year, 4, 27) if year >= 2014 else dt.date(year, 4, 30)  # Koninginnedag before 2014
    if kings_day.weekday() == 6:  # on a Sunday it moves to the Saturday before
        kings_day -= _ONE_DAY
    days = [
        DefaultHoliday(dt.date(year, 1, 1), "Nieuwjaarsdag"),
        DefaultHoliday(paschen - 2 * _ONE_DAY, "Goede Vrijdag", active=False),
        DefaultHoliday(paschen + _ONE_DAY, "Tweede Paasdag"),
        DefaultHoliday(kings_day, "Koningsdag" if year >= 2014 else "Koninginnedag"),
        DefaultHoliday(dt.date(year, 5, 5), "Bevrijdingsdag"),
        DefaultHoliday(paschen + 39 * _ONE_DAY, "Hemelvaartsdag"),
        DefaultHoliday(paschen + 50 * _ONE_DAY, "Tweede Pinksterdag"),
        DefaultHoliday(dt.date(year, 12, 25), "Eerste Kerstdag"),
        DefaultHoliday(dt.date(year, 12, 26), "Tweede Kerstdag"),
    ]
    merged: dict[dt.date, DefaultHoliday] = {}
    for h in days:  # Hemelvaartsdag can fall on 5 May (2016, 2062): one day, both names
        if h.day in merged:
            first = merged[h.day]
            h = DefaultHoliday(h.day, f"{first.name} en {h.name}", first.active or h.active)
        merged[h.day] = h
    return sorted(merged.values())


@lru_cache(maxsize=64)
def _default_year(year: int) -> Mapping[dt.date, str]:
    return MappingProxyType({h.day: h.name for h in atw_holidays(year) if h.active})


_CACHE_KEY = "traject.holidays"


def forget_holidays() -> None:
    """Drop the holidays read in this database session (after the list changed)."""
    from flask import has_app_context

    if has_app_context():
        from models import db

        db.session.info.pop(_CACHE_KEY, None)


def _holidays_of(year: int) -> Mapping[dt.date, str]:
    """The active holidays of one year with their names: the console's list, all years read in one statement
    once per database session (a dossier spanning years costs one read, not one per year)."""
    from flask import has_app_context

    if not has_app_context():
        return _default_year(year)
    import sqlalchemy as sa

    from models import Holiday, db

    cache = db.session.info.get(_CACHE_KEY)
    if cache is None:
        by_year: dict[int, dict[dt.date, str]] = {}
        for day, name, active in db.session.execute(sa.select(Holiday.day, Holiday.name, Holiday.active)):
            names = by_year.setdefault(day.year, {})
            if active:
                names[day] = name
        cache = {y: MappingProxyType(names) for y, names in by_year.items()}
        db.session.info[_CACHE_KEY] = cache
    if year not in cache:  # a year nobody configured: the days of the Algemene termijnenwet
        cache[year] = _default_year(year)
    return cache[year]


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


def first_working_day_after(day: dt.date) -> dt.date:
    """The first working day after `day` (never `day` itself)."""
    return add_working_days(day, 1)


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
    """A date as every screen, message and document of Traject writes it: 05-01-2026; empty for no date."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if day else ""
