"""The holiday list of the working-day calendar (menu Configuratie → Feestdagen), kept per year.

Seeded for SEED_YEARS by `traject init` with the days of the Algemene termijnenwet (casework.calendar.atw_holidays;
Goede Vrijdag as an inactive choice); a year that already has a row is left alone, so what an administrator
changed stays. Every change rewrites the Poortwachter open steps (the ziekmelding bij UWV moves with the
calendar) and is written to the log book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from models import Holiday, db

from .calendar import atw_holidays, dutch_date, forget_holidays
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log
from .schemas import parse_day
from .timeline import refresh_all_open_steps

SEED_YEARS = range(2015, 2046)
NAME_MAX_LENGTH = 100


def seed_holidays(years: Iterable[int] = SEED_YEARS) -> int:
    """Add the default days for every year that has no holiday yet; returns how many were added. Flushes."""
    years = list(years)
    if not years:
        return 0
    present = {
        day.year
        for day in db.session.scalars(
            sa.select(Holiday.day).where(
                Holiday.day >= dt.date(min(years), 1, 1), Holiday.day <= dt.date(max(years), 12, 31)
            )
        )
    }
    rows = [
        Holiday(day=h.day, name=h.name, active=h.active)
        for year in years
        if year not in present
        for h in atw_holidays(year)
    ]
    db.session.add_all(rows)
    db.session.flush()
    forget_holidays()
    return len(rows)


def holidays_of(year: int) -> list[Holiday]:
    """The holiday list of one year (active and inactive), in date order."""
    return list(
        db.session.scalars(
            sa.select(Holiday)
            .where(Holiday.day >= dt.date(year, 1, 1), Holiday.day <= dt.date(year, 12, 31))
            .order_by(Holiday.day)
        )
    )


def _changed(actor: Actor, now: dt.datetime, action: str, message: str, holiday: Holiday) -> None:
    forget_holidays()
    refresh_all_open_steps()
    log(actor, now, action, message, subject=holiday, details={"day": holiday.day.isoformat()})


def _name(data: dict[str, Any]) -> str:
    name = data.get("name")
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise Invalid({"name": M_("Geef de naam van de feestdag.")})
    if len(name) > NAME_MAX_LENGTH:
        raise Invalid(
            {
                "name": M_(
                    "De naam is te lang (hoogstens %(name_max_length)s tekens).",
                    name_max_length=NAME_MAX_LENGTH,
                )
            }
        )
    return name


def add_holiday(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Holiday:
    """Add a day off (name and date) to the list; one per date."""
    name = _name(data)
    day = parse_day(data.get("day"), "day")
    if db.session.scalar(sa.select(Holiday).where(Holiday.day == day)) is not None:
        raise Invalid({"day": M_("Op %(day)s staat al een feestdag.", day=dutch_date(day))})
    holiday = Holiday(day=day, name=name, active=True)
    db.session.add(holiday)
    db.session.flush()
    _changed(actor, now, "holiday.added", f"Feestdag {name} op {dutch_date(day)} toegevoegd", holiday)
    return holiday


def set_holiday_active(holiday: Holiday, active: bool, *, actor: Actor, now: dt.datetime) -> Holiday:
    """Switch a day on or off (deactivated days stay in the list, never deleted)."""
    if holiday.active == active:
        return holiday
    holiday.active = active
    db.session.flush()
    words = "aangezet" if active else "uitgezet"
    _changed(
        actor,
        now,
        "holiday.changed",
        f"Feestdag {holiday.name} op {dutch_date(holiday.day)} {words}",
        holiday,
    )
    return holiday
