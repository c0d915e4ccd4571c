"""Outcome report figures against the hand-built data set of conftest.py, each worked out by hand here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casework.errors import Invalid
from casework.reports import outcome_report

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def by_group(report):
    return {row["group"]: row for row in report.rows}


def test_totals_every_figure(dataset):
    # In the population: T1 (5 Jan-4 Feb, 30 d, work, goal met), T2 (2 Feb-6 Mar, 32 d, stopped), T3 (open since
    # Dec), T5 (opened 10 Mar), T6 (12-22 Jan, 10 d, work, no end goal). T4 closed in Dec 2025 is outside.
    [row] = outcome_report(FROM, TO).rows
    assert row == {
        "group": "Totaal",
        "opened": 4,  # T1, T2, T5, T6
        "closed": 3,  # T1, T2, T6
        "open_at_end": 2,  # T3, T5
        "work_outflow": 2,  # T1, T6
        "other_outflow": 1,  # T2
        "work_outflow_rate": Decimal("0.6667"),
        "goal_achieved": 1,  # only T1's end reason reaches its end goal
        "goal_rate": Decimal("0.3333"),
        "throughput_mean": Decimal("24.0"),  # (30 + 32 + 10) / 3
        "throughput_median": Decimal("30.0"),
        "interventions_ended": 2,  # T3's (10 Dec-10 Feb, success) and T1's (10 Jan-1 Feb, not successful)
        "interventions_success": 1,
        "intervention_success_rate": Decimal("0.5000"),
        "intervention_days_mean": Decimal("42.0"),  # (62 + 22) / 2
        "intervention_prognosis_days_mean": Decimal("37.0"),  # (52 + 22) / 2
        "timely": 1,  # T1's first contact on 19 Jan, deadline 20 Jan; T2's on 18 Feb, deadline 17 Feb
        "timeliness": Decimal("0.2500"),  # 1 of the 4 opened
        "programme_cost": Decimal("2500.00"),
        "expected_benefit": Decimal("2800.00"),  # 2000 computed + 800 override (not the computed 500)
        "reduction_days": Decimal("30.5"),
    }


def test_case_manager_sees_own_caseload_only(dataset):
    [row] = outcome_report(FROM, TO, viewer=dataset.cm).rows
    assert (row["opened"], row["closed"], row["open_at_end"], row["work_outflow"], row["goal_achieved"]) == (
        1,
        1,
        0,
        1,
        1,
    )
    assert row["throughput_median"] == Decimal("30.0")
    assert (row["interventions_ended"], row["intervention_success_rate"]) == (1, Decimal("0.0000"))
    assert (row["timeliness"], row["programme_cost"], row["expected_benefit"]) == (
        Decimal("1.0000"),
        Decimal("1500.00"),
        Decimal("2000.00"),
    )


def test_by_employer(dataset):
    rows = by_group(outcome_report(FROM, TO, "employer"))
    a, b = rows["Rapport A B.V."], rows["Rapport B B.V."]
    assert (a["opened"], a["closed"], a["open_at_end"], a["throughput_median"]) == (3, 3, 0, Decimal("30.0"))
    assert (a["interventions_ended"], a["interventions_success"]) == (1, 0)
    assert (b["opened"], b["closed"], b["open_at_end"], b["work_outflow_rate"]) == (1, 0, 2, None)
    assert (b["interventions_ended"], b["interventions_success"], b["timeliness"]) == (
        1,
        1,
        Decimal("0.0000"),
    )


def test_by_month_of_start(dataset):
    rows = by_group(outcome_report(FROM, TO, "month"))
    assert list(rows) == ["2025-12", "2026-01", "2026-02", "2026-03"]
    assert (
        rows["2025-12"]["opened"],
        rows["2025-12"]["open_at_end"],
        rows["2025-12"]["interventions_ended"],
    ) == (
        0,
        1,
        1,
    )
    jan = rows["2026-01"]
    assert (jan["opened"], jan["closed"], jan["throughput_mean"], jan["throughput_median"]) == (
        2,
        2,
        Decimal("20.0"),
        Decimal("20.0"),  # 30 and 10: the median of two is their mean
    )
    assert rows["2026-02"]["other_outflow"] == 1
    assert rows["2026-03"]["opened"] == 1


def test_by_provider_and_programme_predicted_beside_realised(dataset):
    providers = by_group(outcome_report(FROM, TO, "provider"))
    assert list(providers) == ["(geen)", "Rapport X", "Rapport Y"]
    assert providers["(geen)"]["opened"] == 2  # T5, T6
    programmes = by_group(outcome_report(FROM, TO, "programme"))
    p1, p2 = programmes["Rapport P1"], programmes["Rapport P2"]
    assert (p1["reduction_days"], p1["work_outflow"], p1["throughput_mean"], p1["programme_cost"]) == (
        Decimal("20.0"),
        1,
        Decimal("30.0"),
        Decimal("1500.00"),
    )
    assert (p1["intervention_days_mean"], p1["intervention_prognosis_days_mean"]) == (
        Decimal("22.0"),
        Decimal("22.0"),
    )
    assert (p2["reduction_days"], p2["other_outflow"], p2["expected_benefit"]) == (
        Decimal("10.5"),
        1,
        Decimal("800.00"),
    )


def test_by_region_case_manager_label_category(dataset):
    regions = by_group(outcome_report(FROM, TO, "region"))
    assert (regions["Utrecht"]["opened"], regions["Gelderland"]["opened"], regions["(geen)"]["opened"]) == (
        1,
        1,
        2,
    )
    managers = by_group(outcome_report(FROM, TO, "case_manager"))
    assert (managers["Rapport Casemanager"]["closed"], managers["(geen)"]["closed"]) == (1, 2)
    [label] = outcome_report(FROM, TO, "label").rows
    assert (label["opened"], label["closed"], label["open_at_end"]) == (4, 3, 2)
    categories = by_group(outcome_report(FROM, TO, "category"))
    assert (categories["Rapport categorie"]["goal_achieved"], categories["(geen)"]["goal_achieved"]) == (1, 0)


def test_empty_period_and_refusals(dataset):
    [later] = outcome_report(dt.date(2030, 1, 1), dt.date(2030, 1, 31)).rows
    assert (later["opened"], later["closed"], later["open_at_end"], later["timeliness"]) == (0, 0, 2, None)
    with pytest.raises(Invalid) as refused:
        outcome_report(TO, FROM, "weekday")
    assert set(refused.value.errors) == {"date_to", "group_by"}
