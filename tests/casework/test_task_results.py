"""A task result refused field by field in Dutch, whatever the wrong value's type: no marshmallow English."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.errors import Invalid
from casework.taskresults import load_result
from models import TaskKind

TODAY = dt.date(2026, 3, 2)
CHOOSE = "Kies een waarde uit de lijst (een nummer)."
DATE = "Geef een datum, bijvoorbeeld 05-03-2026."

CASES = [
    (
        TaskKind.POLICY_SELECTION,
        {"category_id": "abc", "policy_id": 1.5, "end_goal_id": 0, "remark": 5},
        {"category_id": CHOOSE, "policy_id": CHOOSE, "end_goal_id": CHOOSE, "remark": "Geef tekst."},
    ),
    (
        TaskKind.PROGRAMME_SELECTION,
        {"programme_id": "x", "region_ids": "Utrecht", "characteristic_ids": ["mediation"], "financier": 3},
        {
            "programme_id": CHOOSE,
            "region_ids": "Geef een lijst.",
            "characteristic_ids.0": CHOOSE,
            "financier": "Geef tekst.",
        },
    ),
    (TaskKind.PROGRAMME_SELECTION, {}, {"programme_id": "Dit veld is verplicht."}),
    (
        TaskKind.APPROVAL,
        {"approval": 3, "decided_on": "morgen"},
        {"approval": "Geef tekst.", "decided_on": DATE},
    ),
    (TaskKind.DOCUMENT, {"sent_on": "2026-13-01"}, {"sent_on": DATE}),
    (TaskKind.REPORT_RECEIVED, {"received_on": "31-02-2026"}, {"received_on": DATE}),
    (
        TaskKind.PLAIN,
        {"remark": "x" * 1501, "diagnose": "griep"},
        {"remark": "Hoogstens 1.500 tekens.", "diagnose": "Onbekend veld."},
    ),
]


@pytest.mark.parametrize(("kind", "data", "expected"), CASES)
def test_each_wrong_value_is_refused_in_dutch_under_its_field(kind, data, expected):
    with pytest.raises(Invalid) as refused:
        load_result(kind, data, today=TODAY)
    assert refused.value.errors == expected


def test_dutch_and_iso_dates_both_load():
    assert load_result(TaskKind.REPORT_RECEIVED, {"received_on": "01-03-2026"}, today=TODAY)[
        "received_on"
    ] == (dt.date(2026, 3, 1))
    assert load_result(TaskKind.DOCUMENT, {"sent_on": "2026-03-01"}, today=TODAY)["sent_on"] == dt.date(
        2026, 3, 1
    )
