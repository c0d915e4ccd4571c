"""Report periods from short texts (casework.periods), as the Slack command and the console read them."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.errors import Invalid
from casework.periods import parse_day, parse_period

D = dt.date
TODAY = D(2026, 3, 2)


@pytest.mark.parametrize(
    "text,period",
    [
        ("", (D(2026, 1, 1), TODAY)),
        (None, (D(2026, 1, 1), TODAY)),
        ("2025", (D(2025, 1, 1), D(2025, 12, 31))),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),  # a leap year
        ("2026-3", (D(2026, 3, 1), D(2026, 3, 31))),
        ("2026-K1", (D(2026, 1, 1), D(2026, 3, 31))),
        ("2026-q4", (D(2026, 10, 1), D(2026, 12, 31))),
        ("2026Q2", (D(2026, 4, 1), D(2026, 6, 30))),
        ("30d", (D(2026, 2, 1), TODAY)),
        ("1d", (TODAY, TODAY)),
        ("7 dagen", (D(2026, 2, 24), TODAY)),
    ],
)
def test_period_texts(text, period):
    assert parse_period(text, TODAY) == period


@pytest.mark.parametrize(
    "text", ["vorige week", "2026-13", "2026-00", "2026-K5", "0d", "99999d", "26", "0999"]
)
def test_bad_period_texts_name_the_formats(text):
    with pytest.raises(Invalid) as refused:
        parse_period(text, TODAY)
    [message] = refused.value.errors.values()
    assert list(refused.value.errors) == ["period"]
    assert message.startswith("Periode: ") and "`2026-K1`" in message and "`30d`" in message


def test_days_typed_two_ways_and_refused_naming_the_field():
    assert parse_day("2026-03-31", "van", "Van") == D(2026, 3, 31)
    assert parse_day("31-03-2026", "van", "Van") == D(2026, 3, 31)
    assert parse_day(" ", "van", "Van") is None
    with pytest.raises(Invalid) as refused:
        parse_day("31/03/2026", "tot", "Tot")
    assert refused.value.errors == {
        "tot": "Tot: \u201c31/03/2026\u201d is geen geldige datum; gebruik jjjj-mm-dd."
    }
