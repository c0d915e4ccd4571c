"""Quiet hours: no reminders at night, at weekends or on Dutch public holidays (configurable)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from casework.calendar import holiday_name

from .settings import Settings


def local_time(now: dt.datetime, settings: Settings) -> dt.datetime:
    """A naive UTC time as wall-clock time in the configured zone (Europe/Amsterdam)."""
    return now.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(settings.timezone))


def is_quiet(now: dt.datetime, settings: Settings) -> bool:
    """Whether reminders must wait at `now` (naive UTC)."""
    local = local_time(now, settings)
    if settings.quiet_weekends and (local.weekday() >= 5 or holiday_name(local.date()) is not None):
        return True
    if settings.quiet_hours is None:
        return False
    start, end = settings.quiet_hours
    clock = local.time().replace(tzinfo=None)
    if start <= end:  # e.g. 12:00-13:00
        return start <= clock < end
    return clock >= start or clock < end  # across midnight, e.g. 18:00-08:00
