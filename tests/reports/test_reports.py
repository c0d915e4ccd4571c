"""Outcome report figures against the hand-built data set of conftest.py, each worked out by hand here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casework.errors import Invalid
from casework.reports import outcome_report

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
TOTAL = {
    "group": "Totaal",
    # sick reports: S1, S2, S3, S6, S7, S8 in the period (S4 entered in error, S5 ended in 2025)
    "sick_opened": 4,  # S1, S6, S7, S8
    "sick_closed": 4,  # S1, S2, S6, S7
    "sick_open_at_end": 2,  # S3, S8
    "work_outflow": 2,  # S1 own work, S7 adapted work
    "work_outflow_rate": Decimal("0.5000"),
    "other_outflow": 1,  # S2 uit dienst (S6's retirement is neither)
    "other_outflow_rate": Decimal("0.2500"),
    "sick_erroneous": 1,  # S4, apart
    # trajectories: T1, T2, T3, T5, T6, T7, T8 (T4 closed in Dec 2025)
    "opened": 6,  # T1, T2, T5, T6, T7, T8
    "closed": 5,  # T1, T2, T6, T7, T8
    "open_at_end": 2,  # T3, T5
    "no_approval": 1,  # T7, apart
    "trajectory_erroneous": 1,  # T9, apart: its cost, intervention and contact count nowhere
    "successful": 3,  # T1, T6, T8
    "success_rate": Decimal("0.7500"),  # 3 of the 4 closed that started
    "goal_achieved": 2,  # T1 through S1's end goal, T8 through its own end reason
    "goal_rate": Decimal("0.4000"),
    "throughput_mean": Decimal("20.8"),  # (30 + 32 + 10 + 5 + 27) / 5
    "throughput_median": Decimal("27.0"),
    "open_age_mean": Decimal("70.5"),  # T3 120 days on 31 March, T5 21
    "first_interventions": 2,  # T1's on 10 Jan (5 days), T5's on 12 Mar (2 days); T3's was in 2025
    "first_intervention_days_mean": Decimal("3.5"),
    "timely": 2,  # T1 (19 Jan, deadline 20 Jan) and T8 (3 Feb); T2's contact on 18 Feb was late
    "timeliness": Decimal("0.3333"),  # 2 of the 6 opened
    "interventions_ended": 2,  # T3's (10 Dec-10 Feb, success) and T1's (10 Jan-1 Feb, not successful)
    "interventions_success": 1,
    "intervention_success_rate": Decimal("0.5000"),
    "intervention_days_mean": Decimal("42.0"),  # (62 + 22) / 2
    "intervention_prognosis_days_mean": Decimal("37.0"),  # (52 + 22) / 2
    "programme_cost": Decimal("3500.00"),  # T1 1500, T2 1000, T8 1000
    "expected_benefit": Decimal("3800.00"),  # 2000 + 800 override (not the computed 500) + 1000
    "reduction_days": Decimal("45.5"),  # 20 + 10.5 + 15
    "saving_cases": 2,  # T1 (S1 back 10 Feb, expected 1 Mar: 19) and T8 (S7 back 20 Mar, expected 10 Mar: -10)
    "saving_predicted_mean": Decimal("17.5"),  # (20 + 15) / 2
    "saving_realised_mean": Decimal("4.5"),
    "saving_realised_min": -10,
    "saving_realised_median": Decimal("4.5"),
    "saving_realised_max": 19,
}


def by_group(report):
    return {row["group"]: row for row in report.rows}


def test_totals_every_figure(dataset):
    report = outcome_report(FROM, TO)
    assert report.rows == [TOTAL]
    assert report.columns[0] == "group" and set(report.columns) == set(TOTAL)


def test_counts_per_end_reason_add_up_to_the_closed(dataset):
    report = outcome_report(FROM, TO)
    counts = {(r["kind"], r["end_reason"], r["outcome"]): r["count"] for r in report.end_reasons}
    assert counts == {
        ("sick_report", "Rapport aangepast werk", "adapted_work"): 1,
        ("sick_report", "Rapport foutief", "erroneous"): 1,
        ("sick_report", "Rapport hersteld eigen werk", "own_work"): 1,
        ("sick_report", "Rapport pensioen", "retirement"): 1,
        ("sick_report", "Rapport uit dienst", "other_outflow"): 1,
        ("trajectory", "Rapport geen akkoord", "no_approval"): 1,
        ("trajectory", "Rapport gestopt", "not_successful"): 1,
        ("trajectory", "Rapport hersteld", "success"): 2,
        ("trajectory", "Rapport succesvol", "success"): 1,
        ("trajectory", "Rapport ten onrechte", "erroneous"): 1,
    }
    assert sum(n for (kind, *_), n in counts.items() if kind == "trajectory") == (
        TOTAL["closed"] + TOTAL["trajectory_erroneous"]
    )
    assert sum(n for (kind, *_), n in counts.items() if kind == "sick_report") == (
        TOTAL["sick_closed"] + TOTAL["sick_erroneous"]
    )


def test_case_manager_sees_own_caseload_only(dataset):
    # Their caseload is e1: T1 (T4 closed in 2025) and S1 (S5 ended in 2025).
    [row] = outcome_report(FROM, TO, viewer=dataset.cm).rows
    assert {k: row[k] for k in ("sick_opened", "sick_closed", "sick_open_at_end", "work_outflow")} == {
        "sick_opened": 1,
        "sick_closed": 1,
        "sick_open_at_end": 0,
        "work_outflow": 1,
    }
    assert (row["opened"], row["closed"], row["open_at_end"], row["successful"], row["goal_achieved"]) == (
        1,
        1,
        0,
        1,
        1,
    )
    assert (row["success_rate"], row["throughput_median"], row["first_intervention_days_mean"]) == (
        Decimal("1.0000"),
        Decimal("30.0"),
        Decimal("5.0"),
    )
    assert (row["interventions_ended"], row["intervention_success_rate"]) == (1, Decimal("0.0000"))
    assert (row["timeliness"], row["programme_cost"], row["expected_benefit"]) == (
        Decimal("1.0000"),
        Decimal("1500.00"),
        Decimal("2000.00"),
    )
    assert (row["saving_cases"], row["saving_predicted_mean"], row["saving_realised_median"]) == (
        1,
        Decimal("20.0"),
        Decimal("19.0"),
    )
    reasons = {
        (r["kind"], r["end_reason"]): r["count"]
        for r in outcome_report(FROM, TO, viewer=dataset.cm).end_reasons
    }
    assert reasons == {
        ("trajectory", "Rapport succesvol"): 1,
        ("sick_report", "Rapport hersteld eigen werk"): 1,
    }


def test_by_employer(dataset):
    rows = by_group(outcome_report(FROM, TO, "employer"))
    a, b = rows["Rapport A B.V."], rows["Rapport B B.V."]
    # A: e1, e2, e5 (T1, T2, T6, T8; S1, S2, S7, S8). B: e3, e4 (T3, T5, T7; S3, S4, S6).
    assert (a["opened"], a["closed"], a["open_at_end"], a["throughput_median"]) == (4, 4, 0, Decimal("28.5"))
    assert (
        a["sick_opened"],
        a["sick_closed"],
        a["sick_open_at_end"],
        a["work_outflow"],
        a["other_outflow"],
    ) == (
        3,
        3,
        1,
        2,
        1,
    )
    assert (a["interventions_ended"], a["interventions_success"], a["success_rate"]) == (
        1,
        0,
        Decimal("0.7500"),
    )
    assert (b["opened"], b["closed"], b["open_at_end"], b["no_approval"], b["success_rate"]) == (
        2,
        1,
        2,
        1,
        None,
    )
    assert (
        b["sick_opened"],
        b["sick_closed"],
        b["sick_open_at_end"],
        b["work_outflow_rate"],
        b["sick_erroneous"],
    ) == (
        1,
        1,
        1,
        Decimal("0.0000"),
        1,
    )
    assert (b["interventions_ended"], b["interventions_success"], b["timeliness"]) == (
        1,
        1,
        Decimal("0.0000"),
    )


def test_by_month_of_start_and_of_first_sick_day(dataset):
    rows = by_group(outcome_report(FROM, TO, "month"))
    assert list(rows) == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    nov = rows["2025-11"]  # only S3
    assert (nov["opened"], nov["open_at_end"], nov["sick_open_at_end"], nov["throughput_mean"]) == (
        0,
        0,
        1,
        None,
    )
    dec = rows["2025-12"]  # T3 and S2
    assert (dec["opened"], dec["open_at_end"], dec["interventions_ended"], dec["other_outflow"]) == (
        0,
        1,
        1,
        1,
    )
    jan = rows["2026-01"]  # T1, T6, T7; S1, S7
    assert (jan["opened"], jan["closed"], jan["throughput_mean"], jan["throughput_median"]) == (
        3,
        3,
        Decimal("15.0"),
        Decimal("10.0"),  # 5, 10 and 30
    )
    assert (jan["no_approval"], jan["success_rate"], jan["work_outflow"], jan["saving_cases"]) == (
        1,
        Decimal("1.0000"),
        2,
        1,
    )
    feb = rows["2026-02"]  # T2, T8; S6
    assert (feb["successful"], feb["goal_achieved"], feb["sick_closed"], feb["work_outflow_rate"]) == (
        1,
        1,
        1,
        Decimal("0.0000"),
    )
    mar = rows["2026-03"]  # T5; S4 (error), S8
    assert (mar["opened"], mar["sick_opened"], mar["sick_erroneous"], mar["sick_open_at_end"]) == (1, 1, 1, 1)


def test_by_provider_and_programme_predicted_beside_realised(dataset):
    providers = by_group(outcome_report(FROM, TO, "provider"))
    assert list(providers) == ["(geen)", "Rapport X", "Rapport Y"]
    assert providers["(geen)"]["opened"] == 2  # T5, T6
    assert providers["Rapport X"]["saving_cases"] == 2
    programmes = by_group(outcome_report(FROM, TO, "programme"))
    p1, p2, none = programmes["Rapport P1"], programmes["Rapport P2"], programmes["(geen)"]
    assert (p1["reduction_days"], p1["throughput_mean"], p1["programme_cost"]) == (
        Decimal("35.0"),
        Decimal("28.5"),  # T1 30, T8 27
        Decimal("2500.00"),
    )
    assert {k: p1[k] for k in ("saving_cases", "saving_predicted_mean", "saving_realised_mean")} == {
        "saving_cases": 2,
        "saving_predicted_mean": Decimal("17.5"),
        "saving_realised_mean": Decimal("4.5"),
    }
    assert (p1["saving_realised_min"], p1["saving_realised_median"], p1["saving_realised_max"]) == (
        -10,
        Decimal("4.5"),
        19,
    )
    assert (p1["intervention_days_mean"], p1["intervention_prognosis_days_mean"]) == (
        Decimal("22.0"),
        Decimal("22.0"),
    )
    # A sick report counts under the programme of its latest trajectory: S1 and S7 under P1, S2 under P2.
    assert (p1["work_outflow"], p2["other_outflow"], p2["sick_closed"]) == (2, 1, 1)
    assert (p2["reduction_days"], p2["expected_benefit"], p2["saving_cases"], p2["saving_realised_mean"]) == (
        Decimal("10.5"),
        Decimal("800.00"),
        0,
        None,
    )
    assert (p2["no_approval"], p2["closed"], p2["success_rate"]) == (1, 2, Decimal("0.0000"))
    assert (none["sick_opened"], none["sick_open_at_end"], none["sick_erroneous"]) == (
        2,
        2,
        1,
    )  # S6, S8; S3, S8


def test_by_region_case_manager_label_category(dataset):
    regions = by_group(outcome_report(FROM, TO, "region"))
    assert (regions["Utrecht"]["opened"], regions["Gelderland"]["opened"], regions["(geen)"]["opened"]) == (
        2,
        2,
        2,
    )
    managers = by_group(outcome_report(FROM, TO, "case_manager"))
    assert (managers["Rapport Casemanager"]["closed"], managers["(geen)"]["closed"]) == (1, 4)
    assert (managers["Rapport Casemanager"]["work_outflow"], managers["(geen)"]["work_outflow"]) == (1, 1)
    [label] = outcome_report(FROM, TO, "label").rows
    assert {k: label[k] for k in TOTAL if k != "group"} == {k: v for k, v in TOTAL.items() if k != "group"}
    categories = by_group(outcome_report(FROM, TO, "category"))
    assert (categories["Rapport categorie"]["goal_achieved"], categories["(geen)"]["goal_achieved"]) == (1, 1)


def test_empty_period_and_refusals(dataset):
    [later] = outcome_report(dt.date(2030, 1, 1), dt.date(2030, 1, 31)).rows
    assert (later["opened"], later["closed"], later["open_at_end"], later["timeliness"]) == (0, 0, 2, None)
    assert (later["sick_open_at_end"], later["sick_closed"], later["work_outflow_rate"]) == (2, 0, None)
    with pytest.raises(Invalid) as refused:
        outcome_report(TO, FROM, "weekday")
    assert set(refused.value.errors) == {"date_to", "group_by"}
