"""Wet verbetering poortwachter deadlines: dates, rule texts, statuses, pause by recovery, samentelling."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.deadlines import (
    POORTWACHTER_STEPS,
    count_start,
    next_deadline,
    poortwachter_deadlines,
)
from models import SickReport

D = dt.date
FIRST_DAY = D(2026, 1, 5)  # a Monday

EXPECTED_DUE = {
    "ziekmelding_bedrijfsarts": (1, D(2026, 1, 11)),
    "probleemanalyse": (6, D(2026, 2, 15)),
    "plan_van_aanpak": (8, D(2026, 3, 1)),
    "evaluatie_1": (14, D(2026, 4, 12)),
    "evaluatie_2": (20, D(2026, 5, 24)),
    "evaluatie_3": (26, D(2026, 7, 5)),
    "evaluatie_4": (32, D(2026, 8, 16)),
    "evaluatie_5": (38, D(2026, 9, 27)),
    "melding_uwv": (42, D(2026, 10, 25)),
    "eerstejaarsevaluatie": (52, D(2027, 1, 3)),
    "wia_aanvraag": (91, D(2027, 10, 3)),
    "einde_tweede_ziektejaar": (104, D(2028, 1, 2)),
}


def report(first_sick_day: dt.date = FIRST_DAY, employee_id: int | None = 1, **fields: object) -> SickReport:
    """A sick report (not stored: the deadlines are a pure function of its dates)."""
    return SickReport(employee_id=employee_id, first_sick_day=first_sick_day, **fields)


def by_key(deadlines: list) -> dict:
    return {d.key: d for d in deadlines}


def test_every_step_falls_on_the_last_day_of_its_week() -> None:
    deadlines = poortwachter_deadlines(report(), today=D(2026, 1, 5))
    assert {d.key: (d.week, d.due) for d in deadlines} == EXPECTED_DUE
    assert [d.due for d in deadlines] == sorted(d.due for d in deadlines)
    assert by_key(deadlines)["plan_van_aanpak"].label == "Plan van aanpak"


def test_steps_table_gives_the_offsets_sql_uses() -> None:
    assert [(s.key, s.week, s.days_offset) for s in POORTWACHTER_STEPS] == [
        (key, week, (due - FIRST_DAY).days) for key, (week, due) in EXPECTED_DUE.items()
    ]
    assert all(s.days_offset == 7 * s.week - 1 for s in POORTWACHTER_STEPS)
    evaluations = [s for s in POORTWACHTER_STEPS if s.key.startswith("evaluatie_")]
    assert [s.label for s in evaluations][0] == "Bijstelling/evaluatie plan van aanpak 1"
    assert [s.week for s in evaluations] == [14, 20, 26, 32, 38]  # every 6 weeks, until the melding UWV


def test_rule_says_what_produced_the_date() -> None:
    deadlines = by_key(poortwachter_deadlines(report(), today=D(2026, 1, 5)))
    assert deadlines["plan_van_aanpak"].rule == (
        "Plan van aanpak: uiterlijk in week 8, op of vóór 1-3-2026 (eerste ziektedag 5-1-2026 + 8 weken − 1 dag)"
    )
    assert deadlines["ziekmelding_bedrijfsarts"].rule == (
        "Ziekmelding bedrijfsarts: uiterlijk in week 1, op of vóór 11-1-2026 (eerste ziektedag 5-1-2026 + 1 week − 1 dag)"
    )
    assert "uiterlijk in week 42, op of vóór 25-10-2026" in deadlines["melding_uwv"].rule


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2026, 2, 21), "upcoming"),  # 8 days ahead
        (D(2026, 2, 22), "due_soon"),  # 7 days ahead
        (D(2026, 3, 1), "due_soon"),  # the last day itself
        (D(2026, 3, 2), "missed"),
    ],
)
def test_status_of_the_plan_van_aanpak_relative_to_today(today: dt.date, status: str) -> None:
    assert by_key(poortwachter_deadlines(report(), today=today))["plan_van_aanpak"].status == status


def test_statuses_on_the_pinned_monday(now: dt.datetime) -> None:
    deadlines = poortwachter_deadlines(report(), today=now.date(), done={"ziekmelding_bedrijfsarts"})
    assert [d.status for d in deadlines[:5]] == ["done", "missed", "missed", "upcoming", "upcoming"]
    upcoming = next_deadline(report(), today=now.date())
    assert (upcoming.key, upcoming.due, upcoming.status) == ("evaluatie_1", D(2026, 4, 12), "upcoming")


def test_recovery_pauses_every_later_deadline() -> None:
    recovered = report(recovery_date=D(2026, 6, 1))
    deadlines = by_key(poortwachter_deadlines(recovered, today=D(2026, 9, 1)))
    assert deadlines["evaluatie_2"].status == "missed"  # due 24-5, before the recovery
    later = [d for d in deadlines.values() if d.due > D(2026, 6, 1)]
    assert later and all(d.status == "paused" for d in later)
    assert deadlines["melding_uwv"].rule.endswith("; gepauzeerd: hersteld per 1-6-2026")
    assert next_deadline(recovered, today=D(2026, 9, 1)) is None
    # Due within 7 days but after the recovery: paused, not due soon.
    assert by_key(poortwachter_deadlines(recovered, today=D(2026, 7, 1)))["evaluatie_3"].status == "paused"


def test_closed_report_pauses_like_a_recovery() -> None:
    closed = report(closed_on=D(2026, 2, 1))
    deadlines = by_key(poortwachter_deadlines(closed, today=D(2026, 3, 10)))
    assert deadlines["ziekmelding_bedrijfsarts"].status == "missed"
    assert deadlines["probleemanalyse"].status == "paused"
    assert deadlines["probleemanalyse"].rule.endswith("; gepauzeerd: melding gesloten per 1-2-2026")


def test_samentelling_with_a_report_recovered_less_than_four_weeks_before() -> None:
    # Ill 3-11-2025 (a Monday) for 7 weeks, fit again 22-12-2025, ill again 5-1-2026: 14 days worked between.
    earlier = report(D(2025, 11, 3), recovery_date=D(2025, 12, 22))
    start = count_start(report(), [earlier])
    assert (start.day, start.worked_days, start.chained) == (D(2025, 11, 17), 14, (earlier,))
    deadlines = by_key(poortwachter_deadlines(report(), today=D(2026, 1, 5), earlier_reports=[earlier]))
    # 5-1-2026 is the 50th day of illness (day 1 of week 8), so the plan van aanpak is due that week.
    assert deadlines["plan_van_aanpak"].due == D(2026, 1, 11)
    assert deadlines["plan_van_aanpak"].status == "due_soon"
    assert deadlines["einde_tweede_ziektejaar"].due == D(2027, 11, 14)
    assert deadlines["plan_van_aanpak"].rule == (
        "Plan van aanpak: uiterlijk in week 8, op of vóór 11-1-2026 (telling vanaf 17-11-2025 + 8 weken − 1 dag)"
        "; samengeteld met verzuim vanaf 3-11-2025, 14 gewerkte dagen tellen niet mee"
    )


def test_samentelling_stops_at_four_weeks() -> None:
    just_within = report(D(2025, 11, 3), recovery_date=D(2025, 12, 9))  # 27 days worked
    four_weeks = report(D(2025, 11, 3), recovery_date=D(2025, 12, 8))  # 28 days worked
    assert count_start(report(), [just_within]).day == D(2025, 11, 3) + dt.timedelta(days=27)
    assert count_start(report(), [four_weeks]).day == FIRST_DAY
    deadlines = by_key(poortwachter_deadlines(report(), today=D(2026, 1, 5), earlier_reports=[four_weeks]))
    assert deadlines["plan_van_aanpak"].due == D(2026, 3, 1)
    assert "samengeteld" not in deadlines["plan_van_aanpak"].rule


def test_samentelling_chains_and_ignores_other_employees_and_open_reports() -> None:
    first = report(D(2025, 10, 1), recovery_date=D(2025, 10, 11))  # 10 days ill, 10 days worked
    second = report(D(2025, 10, 21), recovery_date=D(2025, 12, 26))  # 66 days ill, 10 days worked
    colleague = report(D(2025, 12, 1), employee_id=2, recovery_date=D(2026, 1, 2))
    never_recovered = report(D(2025, 12, 20))
    start = count_start(report(), [colleague, first, never_recovered, second])
    assert start.chained == (second, first)
    assert (start.day, start.worked_days) == (D(2025, 10, 21), 20)
    # 76 days of illness before 5-1-2026: 10 + 66.
    ill_days_before = (FIRST_DAY - start.day).days
    assert ill_days_before == 76


def test_deadlines_of_a_stored_report_with_its_employees_earlier_reports(
    db, create_employee, create_sick_report
) -> None:
    employee = create_employee()
    earlier = create_sick_report(employee, D(2025, 11, 3), recovery_date=D(2025, 12, 22))
    current = create_sick_report(employee, FIRST_DAY)
    db.session.expire(employee)
    assert employee.sick_reports == [earlier, current]
    deadlines = by_key(
        poortwachter_deadlines(current, today=D(2026, 1, 5), earlier_reports=employee.sick_reports)
    )
    assert deadlines["plan_van_aanpak"].due == D(2026, 1, 11)
