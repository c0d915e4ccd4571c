"""The Dutch working-day calendar: the Algemene termijnenwet days by default, weekends off, counting conventions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.calendar import (
    add_working_days,
    dutch_date,
    holiday_dates,
    holiday_name,
    is_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 1, 1), "Nieuwjaarsdag"),
        (D(2026, 4, 6), "Tweede Paasdag"),
        (D(2026, 4, 27), "Koningsdag"),
        (D(2026, 5, 14), "Hemelvaartsdag"),
        (D(2026, 5, 25), "Tweede Pinksterdag"),
        (D(2026, 12, 25), "Eerste Kerstdag"),
        (D(2026, 12, 26), "Tweede Kerstdag"),
        (D(2026, 5, 5), "Bevrijdingsdag"),  # every year (Algemene termijnenwet), not only in lustrum years
        (D(2016, 5, 5), "Bevrijdingsdag en Hemelvaartsdag"),  # one day, both names
        (D(2025, 4, 26), "Koningsdag"),  # 27 April 2025 is a Sunday: the Saturday before
    ],
)
def test_holidays_have_dutch_names(day: dt.date, name: str) -> None:
    assert holiday_name(day) == name


def test_goede_vrijdag_is_a_choice_not_a_default_and_ordinary_days_have_no_name() -> None:
    assert holiday_name(D(2026, 4, 3)) is None  # Goede Vrijdag: not in the Algemene termijnenwet
    assert is_working_day(D(2026, 4, 3))
    assert not is_working_day(D(2026, 5, 5))  # Bevrijdingsdag, a Tuesday
    assert holiday_name(D(2026, 3, 2)) is None


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert is_working_day(D(2026, 4, 24))  # Friday
    assert not is_working_day(D(2026, 4, 25))  # Saturday
    assert not is_working_day(D(2026, 4, 26))  # Sunday
    assert not is_working_day(D(2026, 4, 27))  # Koningsdag, a Monday
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert not is_working_day(D(2026, 12, 25))  # Friday, Christmas
    assert is_working_day(D(2026, 12, 28))


def test_add_working_days_skips_weekend_and_koningsdag() -> None:
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)
    assert add_working_days(D(2026, 4, 28), -1) == D(2026, 4, 24)
    assert add_working_days(D(2026, 4, 25), 0) == D(2026, 4, 25)
    # Over Easter 2026: Goede Vrijdag 3 April is a working day by default, Tweede Paasdag 6 April is off.
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 3)
    assert add_working_days(D(2026, 4, 3), 1) == D(2026, 4, 7)
    # Christmas 2026: Friday 25 and Saturday 26 December; 1 January 2027 is a Friday.
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 28)
    assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 4)  # 28-31 Dec, then Monday 4 Jan


def test_eleven_working_days_from_a_start_date() -> None:
    # Start Monday 2 March 2026: no holidays in the next weeks, so 11 working days end on Tuesday 17 March.
    assert add_working_days(D(2026, 3, 2), 11) == D(2026, 3, 17)
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 17)) == 11
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 16)) == 10


def test_working_days_between_counts_after_start_up_to_and_including_end() -> None:
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 3)) == 1
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 8)) == 0  # Friday to Sunday
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 1
    assert working_days_between(D(2026, 4, 24), D(2026, 4, 28)) == 1  # over Koningsdag
    assert working_days_between(D(2026, 4, 28), D(2026, 4, 24)) == -1
    # 2026 has 261 weekdays; 7 of the 8 holidays fall on one (Tweede Kerstdag is a Saturday).
    assert working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 254


def test_holiday_dates_span_years_in_order() -> None:
    assert holiday_dates(D(2025, 12, 20), D(2026, 1, 5)) == [D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1)]
    assert holiday_dates(D(2026, 3, 1), D(2026, 3, 31)) == []


def test_dutch_date() -> None:
    assert dutch_date(D(2026, 1, 5)) == "05-01-2026"
    assert dutch_date(D(2026, 11, 23)) == "23-11-2026"
    assert dutch_date(None) == ""


days = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))


@given(day=days, n=st.integers(min_value=1, max_value=400))
def test_adding_working_days_lands_on_a_working_day_counted_back_the_same(day: dt.date, n: int) -> None:
    later = add_working_days(day, n)
    assert is_working_day(later)
    assert working_days_between(day, later) == n
    assert working_days_between(day, later - dt.timedelta(days=1)) == n - 1


@given(start=days, end=days)
def test_working_days_between_matches_counting_day_by_day(start: dt.date, end: dt.date) -> None:
    low, high = sorted((start, end))
    counted = sum(1 for i in range(1, (high - low).days + 1) if is_working_day(low + dt.timedelta(days=i)))
    assert working_days_between(low, high) == counted
    assert working_days_between(high, low) == -counted
