"""The REST API's outcome report carries the same figures as the engine, the page and the files (issue 16)."""

from __future__ import annotations

from decimal import Decimal

from tests.reports.test_reports import TOTAL


def _get(client, now, query: str):
    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM
    from models import db

    _row, secret = create_api_token(name="rapport-api", actor=SYSTEM, now=now)
    db.session.flush()  # the token and its log line are written before the request, as a door would commit
    return client.get(f"/api/v1/reports/outcome?{query}", headers={"Authorization": f"Bearer {secret}"})


def test_the_api_answers_every_figure_and_the_counts_per_end_reason(client, db, dataset, now):
    response = _get(client, now, "date_from=2026-01-01&date_to=2026-03-31")
    assert response.status_code == 200
    [row] = response.json["rows"]
    as_json = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in TOTAL.items()}
    assert row == as_json
    reasons = {(r["kind"], r["end_reason"], r["outcome"]): r["count"] for r in response.json["end_reasons"]}
    assert reasons[("trajectory", "Rapport geen akkoord", "no_approval")] == 1
    assert reasons[("sick_report", "Rapport foutief", "erroneous")] == 1
    assert sum(n for (kind, *_), n in reasons.items() if kind == "sick_report") == 5


def test_the_api_groups_like_the_engine(client, db, dataset, now):
    response = _get(client, now, "date_from=2026-01-01&date_to=2026-03-31&group_by=programme")
    rows = {r["group"]: r for r in response.json["rows"]}
    p1 = rows["Rapport P1"]
    assert (p1["saving_cases"], p1["saving_predicted_mean"], p1["saving_realised_mean"]) == (2, "17.5", "4.5")
    assert (p1["saving_realised_min"], p1["saving_realised_median"], p1["saving_realised_max"]) == (
        -10,
        "4.5",
        19,
    )
    assert sum(r["work_outflow"] for r in rows.values()) == TOTAL["work_outflow"]
