"""Recurrence expansion against a naive day-by-day expansion, DST change weeks, and interval arithmetic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from casework.agenda_patterns import Interval, expand, newest_wins, subtract, to_utc, weekly_days

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class Pattern:
    """A stand-in for Availability/Unavailability."""

    recurrence: str
    frequency: int
    date_from: dt.date
    date_until: dt.date
    start_time: dt.time
    end_time: dt.time
    weekdays: int


def naive_days(p: Pattern, first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from the pattern's start, one at a time: used when its week number is a multiple of N."""
    days = []
    day = p.date_from
    start_monday = p.date_from - dt.timedelta(days=p.date_from.weekday())
    while day <= p.date_until:
        week_number = (day - start_monday).days // 7
        if first <= day <= last and p.weekdays >> day.weekday() & 1 and week_number % p.frequency == 0:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def naive_utc(day: dt.date, time: dt.time) -> dt.datetime:
    local = dt.datetime(day.year, day.month, day.day, time.hour, time.minute, tzinfo=AMSTERDAM)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))
times = st.times(min_value=dt.time(6, 0), max_value=dt.time(21, 45)).map(
    lambda t: t.replace(second=0, microsecond=0)
)


@st.composite
def patterns(draw):
    start = draw(dates)
    until = start + dt.timedelta(days=draw(st.integers(0, 400)))
    t1 = draw(times)
    t2 = (dt.datetime.combine(start, t1) + dt.timedelta(minutes=draw(st.integers(15, 120)))).time()
    if t2 <= t1:
        t2 = dt.time(23, 59)
    return Pattern("weekly", draw(st.integers(1, 3)), start, until, t1, t2, draw(st.integers(1, 127)))


@settings(max_examples=300, deadline=None)
@given(patterns(), dates, st.integers(0, 120))
def test_weekly_expansion_matches_a_naive_day_by_day_walk(pattern, first, span):
    last = first + dt.timedelta(days=span)
    assert list(weekly_days(pattern, first, last)) == naive_days(pattern, first, last)
    intervals = expand(pattern, first, last)
    expected = [
        (naive_utc(d, pattern.start_time), naive_utc(d, pattern.end_time))
        for d in naive_days(pattern, first, last)
    ]
    assert [(i.start, i.end) for i in intervals] == expected


@settings(max_examples=100, deadline=None)
@given(patterns())
def test_local_times_hold_in_every_week_including_dst_changes(pattern):
    for interval in expand(pattern, pattern.date_from, pattern.date_until):
        local_start = interval.start.replace(tzinfo=dt.UTC).astimezone(AMSTERDAM)
        assert local_start.time() == pattern.start_time
        assert local_start.weekday() in [d for d in range(7) if pattern.weekdays >> d & 1]


def test_the_spring_dst_week_keeps_nine_oclock_local():
    # 29 March 2026: clocks go from 02:00 to 03:00 in the Netherlands.
    p = Pattern("weekly", 1, dt.date(2026, 3, 23), dt.date(2026, 4, 3), dt.time(9), dt.time(12), 0b0011111)
    starts = [i.start for i in expand(p, p.date_from, p.date_until)]
    assert starts[4] == dt.datetime(2026, 3, 27, 8, 0)  # Friday before: CET, UTC+1
    assert starts[5] == dt.datetime(2026, 3, 30, 7, 0)  # Monday after: CEST, UTC+2
    assert len(starts) == 10


def test_the_autumn_dst_week_keeps_nine_oclock_local():
    # 25 October 2026: clocks go back from 03:00 to 02:00.
    p = Pattern("weekly", 1, dt.date(2026, 10, 19), dt.date(2026, 10, 30), dt.time(9), dt.time(10), 0b1111111)
    by_day = {i.start.date(): i.start.time() for i in expand(p, p.date_from, p.date_until)}
    assert by_day[dt.date(2026, 10, 24)] == dt.time(7)
    assert by_day[dt.date(2026, 10, 25)] == dt.time(8)
    assert by_day[dt.date(2026, 10, 26)] == dt.time(8)


def test_a_none_pattern_spanning_the_spring_change_is_one_hour_shorter():
    p = Pattern("none", 1, dt.date(2026, 3, 28), dt.date(2026, 3, 29), dt.time(12), dt.time(12), 0)
    (interval,) = expand(p, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert interval.end - interval.start == dt.timedelta(hours=23)
    assert expand(p, dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == []


def test_every_third_week_counts_from_the_week_of_the_start_date():
    # Starts on a Wednesday: its week is week 1; Mondays of weeks 1, 4, 7 are used (the first one is before
    # the start date, so not).
    p = Pattern("weekly", 3, dt.date(2026, 1, 7), dt.date(2026, 3, 1), dt.time(9), dt.time(10), 0b0000101)
    days = list(weekly_days(p, p.date_from, p.date_until))
    assert days == [
        dt.date(2026, 1, 7),
        dt.date(2026, 1, 26),
        dt.date(2026, 1, 28),
        dt.date(2026, 2, 16),
        dt.date(2026, 2, 18),
    ]


def _i(h1: int, h2: int, source: object = None) -> Interval:
    return Interval(dt.datetime(2026, 3, 2, h1), dt.datetime(2026, 3, 2, h2), source)


def test_subtract_cuts_holes_and_keeps_the_source():
    assert subtract([_i(8, 12, "a")], [_i(9, 10), _i(11, 13)]) == [_i(8, 9, "a"), _i(10, 11, "a")]
    assert subtract([_i(8, 12, "a")], [_i(7, 13)]) == []
    assert subtract([_i(8, 12, "a")], []) == [_i(8, 12, "a")]


def test_a_newer_availability_replaces_the_overlapping_occurrence_of_an_older_one():
    old, new = _i(8, 12, "old"), _i(10, 14, "new")
    other_day = Interval(dt.datetime(2026, 3, 3, 8), dt.datetime(2026, 3, 3, 12), "old")
    kept = newest_wins([("old", [old, other_day]), ("new", [new])])
    assert kept == [new, other_day]


def test_to_utc_in_winter_and_summer():
    assert to_utc(dt.date(2026, 1, 5), dt.time(9)) == dt.datetime(2026, 1, 5, 8)
    assert to_utc(dt.date(2026, 7, 6), dt.time(9)) == dt.datetime(2026, 7, 6, 7)
