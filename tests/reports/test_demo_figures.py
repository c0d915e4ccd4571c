"""Issue 16: the demo makes every outcome figure real: non-zero and plausible over the last year, rows adding up
per grouping, and each count's cases listable (the report page links them)."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.report_cases import report_cases
from casework.reports import COLUMNS, SICK_FLAGS, TRAJECTORY_FLAGS, outcome_report
from console.cli import cli
from models import db


@pytest.fixture
def demo_app(make_app):
    """An app whose database holds the seed and the demo data set, loaded by the CLI as a user would."""
    app = make_app()
    runner = app.test_cli_runner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    return app


def test_every_figure_of_the_demo_is_there_and_plausible(demo_app):
    with demo_app.app_context():
        today = dt.date.today()
        report = outcome_report(today - dt.timedelta(days=365), today)
        [row] = report.rows
        assert [c for c in COLUMNS if not row[c]] == []  # every figure non-zero
        assert 0 < row["work_outflow_rate"] < 1 and 0 < row["success_rate"] < 1 and 0 < row["timeliness"] < 1
        assert row["work_outflow"] + row["other_outflow"] <= row["sick_closed"]
        assert row["saving_realised_min"] <= row["saving_realised_median"] <= row["saving_realised_max"]
        assert 0 < row["saving_predicted_mean"] < 60 and -60 < row["saving_realised_mean"] < 90
        kinds = {(r["kind"], r["outcome"]) for r in report.end_reasons}
        assert {
            ("trajectory", "success"),
            ("trajectory", "no_approval"),
            ("sick_report", "own_work"),
        } <= kinds
        assert {("sick_report", "other_outflow"), ("sick_report", "erroneous")} <= kinds
        for grouping in ("employer", "programme", "provider", "case_manager", "month"):
            rows = outcome_report(today - dt.timedelta(days=365), today, grouping).rows
            for figure in (*SICK_FLAGS, *TRAJECTORY_FLAGS):
                assert sum(r[figure] for r in rows) == row[figure], (grouping, figure)
        for figure in (*SICK_FLAGS, *TRAJECTORY_FLAGS):
            cases = report_cases(today - dt.timedelta(days=365), today, "none", "Totaal", figure)
            assert len(cases) == row[figure], figure
        db.session.remove()
