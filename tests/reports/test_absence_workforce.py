"""Verzuimcijfers over the personeelsbestand (employer workforce figures), worked out by hand on absence_data.py.

Period 2026-01-01..2026-03-31 (90 days: January 31, February and March 59). Added to the data set:
- Verzuim A B.V.: 50 employees, 40 fte from 01-02-2026 (open end): covers February and March, not January.
  January counts the known employees (a2 joined 01-02): a1 31 days × 40 h = 1240, a3 (no hours, 38) 1178,
  a4 1178, a5 1178 → 124 days, 4774 hour-days. Workforce: 59 days × 50 = 2950 headcount-days, 59 × 40 fte =
  2360 fte-days = 89680 hour-days. Days 3074, hour-days 94454 (2485.6 fte-days); sick 4058 (as before, 106.8)
  → 4058 / 94454 = 4.30%; new 5 → 5 × 365 / 3074 = 0.59; Werknemers 3074 / 90 = 34.2 → 34; basis partial;
  a3 counted as full-time in January → without hours 1.
- Verzuim B B.V.: two consecutive figures, 20 employees / 16.5 fte from 01-01-2025 to 31-01-2026 and 22 / 18 fte
  from 01-02-2026: January 31 × 20 = 620, February-March 59 × 22 = 1298 → 1918 headcount-days; fte-days 31 × 16.5
  + 59 × 18 = 511.5 + 1062 = 1573.5 (59793 hour-days); sick 38 → 38 / 59793 = 0.06%; new 1 → 365 / 1918 = 0.19;
  Werknemers 1918 / 90 = 21.3 → 21; basis workforce; without hours 0.
Total: Werknemers 34 + 21 = 55, hour-days 154247 (4059.1), sick 4096 (107.8) → 2.66%, days 4992, new 6 → 6 × 365
/ 4992 = 0.44, basis mixed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.reports.absence_data import PERIOD, add_workforces, build

D = dt.date
NOW = dt.datetime(2026, 4, 1, 9, 0)


@pytest.fixture
def absence(db, create_employer, create_employee, create_user, admin_user):
    """The data set of absence_data.py with the workforce figures above."""
    data = build(db, create_employer, create_employee, create_user)
    add_workforces(data, admin_user)
    return data


def _row(figures, name):
    [row] = [r for r in figures.rows if r["employer"] == name]
    return row


def test_part_of_the_period_counts_the_workforce_the_rest_the_known_employees(absence):
    from casework.absence_figures import absence_figures

    row = _row(absence_figures(*PERIOD), "Verzuim A B.V.")
    assert (row["basis"], row["employees"], row["without_hours"]) == ("partial", 34, 1)
    assert (row["available_days"], row["sick_days"], row["absence_percentage"]) == (
        Decimal("2485.6"),
        Decimal("106.8"),
        Decimal("4.30"),
    )
    assert (row["new_reports"], row["report_frequency"]) == (5, Decimal("0.59"))
    # The duration figures and frequent absence are the known sick reports' as before.
    assert (row["ended_reports"], row["mean_duration"], row["medium"]) == (5, Decimal("24.0"), 3)


def test_two_consecutive_workforce_figures_cover_the_whole_period(absence):
    from casework.absence_figures import absence_figures

    row = _row(absence_figures(*PERIOD), "Verzuim B B.V.")
    assert (row["basis"], row["employees"], row["without_hours"]) == ("workforce", 21, 0)
    assert (row["available_days"], row["sick_days"], row["absence_percentage"]) == (
        Decimal("1573.5"),
        Decimal("1.0"),
        Decimal("0.06"),
    )
    assert row["report_frequency"] == Decimal("0.19")
    assert row["frequent_absentees"] == 1


def test_a_period_the_workforce_covers_entirely_counts_no_one_as_full_time(absence):
    """February-March for A (59 days): 2950 headcount-days, 89680 hour-days; sick a2 19 × 20 + a4 51 × 38 = 2318
    → 2.58%; new 4 (a2 twice, a4 twice) → 4 × 365 / 2950 = 0.49; 50 employees; a3 nowhere full-time."""
    from casework.absence_figures import absence_figures

    figures = absence_figures(D(2026, 2, 1), D(2026, 3, 31), employer=absence.employer_a)
    [row] = figures.rows
    assert (row["basis"], row["employees"], row["without_hours"]) == ("workforce", 50, 0)
    assert (row["available_days"], row["absence_percentage"], row["report_frequency"]) == (
        Decimal("2360.0"),
        Decimal("2.58"),
        Decimal("0.49"),
    )
    assert figures.total["basis"] == "workforce"


def test_the_total_is_the_sum_of_the_rows_and_says_mixed(absence):
    from casework.absence_figures import absence_figures

    figures = absence_figures(*PERIOD)
    total = figures.total
    assert [r["employer"] for r in figures.rows] == ["Verzuim A B.V.", "Verzuim B B.V."]
    assert (total["basis"], total["employees"]) == ("mixed", 55)
    assert (total["available_days"], total["sick_days"], total["absence_percentage"]) == (
        Decimal("4059.1"),
        Decimal("107.8"),
        Decimal("2.66"),
    )
    assert total["report_frequency"] == Decimal("0.44")
    for key in ("employees", "without_hours", "new_reports", "ended_reports", "frequent_absentees"):
        assert total[key] == sum(r[key] for r in figures.rows), key


def test_a_case_manager_keeps_the_known_employees_of_their_caseload(absence):
    from casework.absence_figures import absence_figures

    figures = absence_figures(*PERIOD, viewer=absence.cm)
    [row] = figures.rows
    assert (row["basis"], row["employees"]) == ("known", 2)
    assert (row["absence_percentage"], row["report_frequency"]) == (Decimal("20.50"), Decimal("7.35"))
    assert figures.total["basis"] == "known"


def test_an_employer_with_a_workforce_figure_and_no_known_employee_has_a_row(db, create_employer, admin_user):
    """10 employees, 8 fte in January: 310 headcount-days, 248 fte-days; 310 / 90 = 3.4 → 3; nothing sick."""
    from casework.absence_figures import absence_figures
    from casework.logbook import Actor
    from casework.workforce import add_workforce

    employer = create_employer(name="Alleen Bestand B.V.")
    add_workforce(
        employer,
        {"valid_from": "2026-01-01", "valid_until": "2026-01-31", "headcount": 10, "fte": "8"},
        actor=Actor(admin_user),
        now=NOW,
    )
    [row] = absence_figures(*PERIOD, employer=employer).rows
    assert (row["employer"], row["basis"], row["employees"], row["available_days"]) == (
        "Alleen Bestand B.V.",
        "partial",
        3,
        Decimal("248.0"),
    )
    assert (row["absence_percentage"], row["report_frequency"]) == (Decimal("0.00"), Decimal("0.00"))


# ---- the workforce figures themselves -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"valid_from": "2026-03-01", "headcount": 10, "fte": "8"},
            {
                "valid_from": "Deze periode overlapt met het personeelsbestand van 01-02-2026 tot en met"
                " doorlopend; periodes van één werkgever mogen niet overlappen."
            },
        ),
        (
            {"valid_from": "2025-01-01", "valid_until": "2026-02-01", "headcount": 10, "fte": "8"},
            {
                "valid_until": "Deze periode overlapt met het personeelsbestand van 01-02-2026 tot en met"
                " doorlopend; periodes van één werkgever mogen niet overlappen."
            },
        ),
        (
            {"valid_from": "2025-01-01", "valid_until": "2024-12-31", "headcount": 10, "fte": "8"},
            {"valid_until": "Geldig tot en met ligt vóór geldig vanaf."},
        ),
        (
            {"valid_from": "2025-01-01", "valid_until": "2025-12-31", "headcount": 10, "fte": "15,80"},
            {
                "fte": "Hoogstens 15,78 fte bij 10 werknemers (60 uur per week per werknemer, 38 uur is 1 fte)."
            },
        ),
        (
            {"valid_from": "2025-01-01", "valid_until": "2025-12-31", "headcount": 0, "fte": "0"},
            {"headcount": "Minstens 1 en hoogstens 1.000.000 werknemers.", "fte": "Meer dan 0 fte."},
        ),
        (
            {"valid_from": "gisteren", "headcount": "tien", "fte": "veel"},
            {
                "valid_from": "Geef een datum, bijvoorbeeld 05-03-2026.",
                "headcount": "Geef een geheel aantal werknemers, bijvoorbeeld 250.",
                "fte": "Geef een getal, bijvoorbeeld 212,50.",
            },
        ),
        (
            {},
            {
                "valid_from": "Dit veld is verplicht.",
                "headcount": "Dit veld is verplicht.",
                "fte": "Dit veld is verplicht.",
            },
        ),
    ],
)
def test_a_bad_workforce_figure_is_refused_under_its_field_and_changes_nothing(
    db, absence, admin_user, data, errors
):
    from casework.errors import Invalid
    from casework.logbook import Actor
    from casework.workforce import add_workforce
    from models import EmployerWorkforce, LogEntry

    before = db.session.scalar(sa.select(sa.func.count()).select_from(EmployerWorkforce))
    logged = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    with pytest.raises(Invalid) as refused:
        add_workforce(absence.employer_a, data, actor=Actor(admin_user), now=NOW)
    assert refused.value.errors == errors
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EmployerWorkforce)) == before
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logged


def test_a_workforce_figure_is_changed_and_removed_with_the_same_checks(db, absence, admin_user):
    from casework.errors import Invalid
    from casework.logbook import Actor
    from casework.workforce import remove_workforce, update_workforce
    from models import EmployerWorkforce, LogEntry

    actor = Actor(admin_user)
    first, second = absence.employer_b.workforces
    with pytest.raises(Invalid) as refused:
        update_workforce(first, {"valid_until": "2026-02-10"}, actor=actor, now=NOW)
    assert set(refused.value.errors) == {"valid_until"}
    assert first.valid_until == D(2026, 1, 31)
    update_workforce(second, {"headcount": "1.250", "fte": "1.100,50"}, actor=actor, now=NOW)
    assert (second.headcount, second.fte, second.valid_from) == (1250, Decimal("1100.50"), D(2026, 2, 1))
    remove_workforce(first, actor=actor, now=NOW)
    assert [w.id for w in db.session.scalars(sa.select(EmployerWorkforce))] != []
    messages = db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action.like("workforce.%")).order_by(LogEntry.id)
    ).all()
    assert messages[-2:] == [
        "Personeelsbestand gewijzigd bij Verzuim B B.V.: 1.250 werknemers, 1100,50 fte, 01-02-2026 tot en met"
        " doorlopend",
        "Personeelsbestand verwijderd bij Verzuim B B.V.: 20 werknemers, 16,50 fte, 01-01-2025 tot en met"
        " 31-01-2026",
    ]
    assert db.session.get(EmployerWorkforce, first.id) is None
