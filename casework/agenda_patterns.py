"""Recurrence patterns of the agenda (seed 004 slide 18) expanded into UTC intervals, and interval arithmetic.

A pattern is local Dutch time: "weekly, every other week, Monday and Thursday, 09:00–12:30" means 09:00 in
Amsterdam in winter and in summer alike, so its UTC moments move by an hour across a DST change. Recurrence
"none" reserves every hour from the start date at the start time to the end date at the end time. With
frequency N, the weeks counted from the week (Monday) of the start date are used when their number is a
multiple of N: week 1, 1 + N, 1 + 2N, ...
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from .calendar import DEFAULT_TIMEZONE

ONE_DAY = dt.timedelta(days=1)
WEEKDAY_WORDS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def zone() -> ZoneInfo:
    """The time zone the agenda's local times are in (TRAJECT_TIMEZONE)."""
    return ZoneInfo(os.environ.get("TRAJECT_TIMEZONE") or DEFAULT_TIMEZONE)


def to_utc(day: dt.date, time: dt.time) -> dt.datetime:
    """A local day and time as a naive UTC datetime (a time in the spring gap counts as the hour before)."""
    return dt.datetime.combine(day, time, tzinfo=zone()).astimezone(dt.UTC).replace(tzinfo=None)


def to_local(moment: dt.datetime) -> dt.datetime:
    """A naive UTC datetime as a naive local one, for showing."""
    return moment.replace(tzinfo=dt.UTC).astimezone(zone()).replace(tzinfo=None)


def monday(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


class PatternLike(Protocol):
    """What an Availability or Unavailability offers to expansion."""

    recurrence: str
    frequency: int
    date_from: dt.date
    date_until: dt.date
    start_time: dt.time
    end_time: dt.time
    weekdays: int


@dataclass(frozen=True, order=True)
class Interval:
    """[start, end) in naive UTC, with what it came from."""

    start: dt.datetime
    end: dt.datetime
    source: object = None

    def overlaps(self, other: Interval) -> bool:
        """Whether the two share a moment."""
        return self.start < other.end and other.start < self.end


def weekly_days(pattern: PatternLike, first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The days of a weekly pattern between `first` and `last` (inclusive), week by week."""
    first = max(first, pattern.date_from)
    last = min(last, pattern.date_until)
    if first > last:
        return
    anchor = monday(pattern.date_from)
    step = max(1, pattern.frequency)
    weeks = (monday(first) - anchor).days // 7
    week = anchor + dt.timedelta(weeks=-(-weeks // step) * step)  # the first used week not before `first`'s
    while week <= last:
        for weekday in range(7):
            if pattern.weekdays & (1 << weekday):
                day = week + dt.timedelta(days=weekday)
                if first <= day <= last:
                    yield day
        week += dt.timedelta(weeks=step)


def expand(pattern: PatternLike, first: dt.date, last: dt.date) -> list[Interval]:
    """The intervals of `pattern` on the local days `first`..`last` (inclusive); "none" gives its one interval
    when it touches those days."""
    if str(pattern.recurrence) == "none":
        if pattern.date_until < first or pattern.date_from > last:
            return []
        start = to_utc(pattern.date_from, pattern.start_time)
        end = to_utc(pattern.date_until, pattern.end_time)
        return [Interval(start, end, pattern)] if end > start else []
    return [
        Interval(to_utc(day, pattern.start_time), to_utc(day, pattern.end_time), pattern)
        for day in weekly_days(pattern, first, last)
    ]


def newest_wins(groups: Iterable[tuple[object, list[Interval]]]) -> list[Interval]:
    """Availability: where intervals of several patterns overlap, those of the newest pattern stay.

    `groups` is (pattern, its intervals) ordered from oldest to newest.
    """
    kept: list[Interval] = []
    for _pattern, intervals in reversed(list(groups)):
        mine = [i for i in intervals if not any(i.overlaps(k) for k in kept)]
        kept.extend(mine)
    return sorted(kept)


def subtract(base: list[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """`base` without every moment in `holes` (each piece keeps its source)."""
    holes = sorted(holes)
    out: list[Interval] = []
    for piece in sorted(base):
        parts = [piece]
        for hole in holes:
            if hole.start >= piece.end:
                break
            next_parts = []
            for part in parts:
                if not part.overlaps(hole):
                    next_parts.append(part)
                    continue
                if part.start < hole.start:
                    next_parts.append(Interval(part.start, hole.start, part.source))
                if hole.end < part.end:
                    next_parts.append(Interval(hole.end, part.end, part.source))
            parts = next_parts
        out.extend(parts)
    return out


def weekday_mask(days: Iterable[int]) -> int:
    """Weekday numbers (0 = Monday) as the stored bit mask."""
    mask = 0
    for day in days:
        mask |= 1 << day
    return mask


def weekday_words(mask: int) -> str:
    """The bit mask as Dutch day abbreviations: "ma, do"."""
    return ", ".join(w for i, w in enumerate(WEEKDAY_WORDS) if mask & (1 << i))
