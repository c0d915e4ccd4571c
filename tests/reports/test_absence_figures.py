"""Verzuimcijfers against the hand-built data set of absence_data.py (every figure worked out there by hand)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.reports.absence_data import EXPECTED_A, EXPECTED_B, EXPECTED_TOTAL, PERIOD, build

D = dt.date


@pytest.fixture
def absence(db, create_employer, create_employee, create_user):
    """The data set of absence_data.py."""
    return build(db, create_employer, create_employee, create_user)


def _mine(figures, *names):
    return [row for row in figures.rows if row["employer"] in names]


def test_every_figure_per_employer_and_in_total_as_computed_by_hand(absence):
    from casework.absence_figures import absence_figures

    figures = absence_figures(*PERIOD)
    assert _mine(figures, "Verzuim A B.V.", "Verzuim B B.V.") == [EXPECTED_A, EXPECTED_B]


def test_the_total_is_the_sum_of_the_rows(absence):
    from casework.absence_figures import absence_figures

    only_ours = absence_figures(*PERIOD)
    others = [r for r in only_ours.rows if r["employer"] not in ("Verzuim A B.V.", "Verzuim B B.V.")]
    assert others == []  # the test database holds no other employees in the period
    assert only_ours.total == EXPECTED_TOTAL
    for key in ("employees", "new_reports", "ended_reports", "short", "medium", "long", "extra_long"):
        assert only_ours.total[key] == sum(r[key] for r in only_ours.rows)


def test_a_case_manager_sees_the_figures_of_their_caseload_only(absence):
    from casework.absence_figures import absence_figures

    figures = absence_figures(*PERIOD, viewer=absence.cm)
    [row] = figures.rows
    assert row["employer"] == "Verzuim A B.V."
    assert row["employees"] == 2
    assert row["absence_percentage"] == Decimal("20.50")  # 980 / 4780
    assert row["report_frequency"] == Decimal("7.35")  # 3 × 365 / 149
    assert (row["ended_reports"], row["mean_duration"], row["short"], row["medium"]) == (
        2,
        Decimal("13.5"),
        1,
        1,
    )
    assert figures.total["absence_percentage"] == Decimal("20.50")


def test_one_employer_alone(absence):
    from casework.absence_figures import absence_figures

    figures = absence_figures(*PERIOD, employer=absence.employer_b)
    assert figures.rows == [EXPECTED_B]
    assert figures.total == {**EXPECTED_B, "employer": "Totaal"}


def test_frequent_absence_needs_the_third_report_within_12_months(absence):
    """b1's first report (01-04-2025) lies in the 12 months up to 31-03-2026, not in those up to 01-04-2026."""
    from casework.absence_figures import absence_figures

    assert absence_figures(*PERIOD, employer=absence.employer_b).total["frequent_absentees"] == 1
    later = absence_figures(D(2026, 1, 1), D(2026, 4, 1), employer=absence.employer_b)
    assert later.total["frequent_absentees"] == 0


def test_a_partial_recovery_weighs_the_days_after_it_at_the_new_percentage(absence, db):
    """Without the 50% line a1 would have 20 sick days × 40 hours instead of 15."""
    from casework.absence_figures import absence_figures
    from models import SickReportPercentage

    before = absence_figures(*PERIOD, viewer=absence.cm).total["sick_days"]
    line = db.session.scalar(
        sa.select(SickReportPercentage).where(SickReportPercentage.percentage == Decimal("50"))
    )
    db.session.delete(line)
    db.session.flush()
    after = absence_figures(*PERIOD, viewer=absence.cm).total["sick_days"]
    assert (before, after) == (Decimal("25.8"), Decimal("31.1"))  # 980 / 38 and (980 + 200) / 38


def test_an_empty_period_has_no_ratios(db):
    from casework.absence_figures import absence_figures

    figures = absence_figures(D(1990, 1, 1), D(1990, 1, 31))
    assert figures.rows == []
    assert figures.total["absence_percentage"] is None
    assert figures.total["report_frequency"] is None
    assert figures.total["mean_duration"] is None


@pytest.mark.parametrize(
    ("date_from", "date_to", "field", "message"),
    [
        (None, D(2026, 1, 1), "date_from", "Geef een begindatum."),
        (D(2026, 1, 1), None, "date_to", "Geef een einddatum."),
        (D(2026, 2, 1), D(2026, 1, 1), "date_to", "De einddatum ligt vóór de begindatum."),
        (D(2000, 1, 1), D(2030, 1, 1), "date_to", "Een periode is hoogstens 20 jaar."),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(db, date_from, date_to, field, message):
    from casework.absence_figures import absence_figures
    from casework.errors import Invalid

    with pytest.raises(Invalid) as refused:
        absence_figures(date_from, date_to)
    assert refused.value.errors[field] == message


def test_an_employer_is_found_by_its_name_or_part_of_it(absence):
    from casework.absence_figures import find_employer
    from casework.errors import Invalid

    assert find_employer("verzuim b b.v.") is absence.employer_b
    assert find_employer("Verzuim A") is absence.employer_a
    assert find_employer(str(absence.employer_a.id)) is absence.employer_a
    assert find_employer("") is None
    with pytest.raises(Invalid) as refused:
        find_employer("Verzuim")
    assert "Meer dan één werkgever" in refused.value.errors["employer"]
    with pytest.raises(Invalid) as refused:
        find_employer("Bestaat niet")
    assert refused.value.errors["employer"] == "Geen werkgever gevonden met 'Bestaat niet' in de naam."
