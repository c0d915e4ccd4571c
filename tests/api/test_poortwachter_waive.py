"""Waiving a Poortwachter step through the API: the reason goes into the log book, the step's signal resolves at
the next scan, and every refusal names its field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from jobs.scan import scan_signals
from models import LogEntry, PoortwachterStepDone, Signal, SignalStatus


@pytest.fixture
def report(create_sick_report, create_employee, casemanager):
    """An open sick report since 05-01-2026 of an employee in the case manager's caseload."""
    employee = create_employee(case_manager=casemanager, first_name="Kim", last_name="Visser")
    return create_sick_report(employee, first_sick_day=dt.date(2026, 1, 5))


def records(db) -> list[tuple[str, bool, str]]:
    rows = db.session.scalars(sa.select(PoortwachterStepDone).order_by(PoortwachterStepDone.id))
    return [(r.step_key, r.waived, r.reason) for r in rows]


def test_a_waived_step_is_logged_with_its_reason_and_its_signal_resolves(db, api, report, now):
    scan_signals(now)  # probleemanalyse was due 15-02-2026: missed, so signalled
    missed = db.session.scalar(sa.select(Signal).where(Signal.subject_type == "pw:probleemanalyse"))
    assert missed.status is SignalStatus.OPEN

    with time_machine.travel(now, tick=False):  # the API's clock: the waiver is dated today, 02-03-2026
        waived = api.post(
            f"/sick-reports/{report.id}/poortwachter-steps/probleemanalyse/waive",
            json={"reason": "Hersteld vóór week 6, daarna opnieuw ziek"},
        )

    assert waived.status_code == 201, waived.json
    assert (waived.json["step"], waived.json["waived"], waived.json["reason"], waived.json["done_on"]) == (
        "probleemanalyse",
        True,
        "Hersteld vóór week 6, daarna opnieuw ziek",
        "2026-03-02",
    )
    line = db.session.execute(
        sa.select(LogEntry.actor_name, LogEntry.message).where(LogEntry.action == "poortwachter.step_waived")
    ).one()
    assert tuple(line) == (
        "api:hr-systeem",
        "Poortwachter: Probleemanalyse niet nodig (02-03-2026): Hersteld vóór week 6, daarna opnieuw ziek",
    )
    scan_signals(now + dt.timedelta(minutes=5))
    db.session.refresh(missed)
    assert missed.status is SignalStatus.RESOLVED

    with time_machine.travel(now, tick=False):
        again = api.post(
            f"/sick-reports/{report.id}/poortwachter-steps/probleemanalyse/waive", json={"reason": "Nogmaals"}
        )
    assert (again.status_code, again.json["errors"]) == (
        422,
        {"step": "Probleemanalyse is als niet nodig vastgelegd op 02-03-2026."},
    )
    assert records(db) == [("probleemanalyse", True, "Hersteld vóór week 6, daarna opnieuw ziek")]


@pytest.mark.parametrize(
    ("step", "data", "status", "field", "message"),
    [
        ("probleemanalyse", {}, 422, "reason", "Geef de reden waarom deze stap niet nodig is."),
        (
            "probleemanalyse",
            {"reason": "   "},
            422,
            "reason",
            "Geef de reden waarom deze stap niet nodig is.",
        ),
        ("probleemanalyse", {"reason": "x" * 501}, 422, "reason", "hoogstens 500 tekens"),
        ("probleemanalyse", {"reason": "ok", "oorzaak": "griep"}, 422, "oorzaak", "Onbekend veld."),
        ("diagnose", {"reason": "ok"}, 422, "step", "Onbekende Poortwachter-stap."),
        ("einde_wachttijd", {"reason": "ok"}, 422, "step", "Onbekende Poortwachter-stap."),
        ("bijstelling", {"reason": "ok"}, 422, "step", "Een bijstelling heeft geen termijn"),
    ],
)
def test_a_refused_waiver_names_the_field_and_changes_nothing(
    db, api, report, step, data, status, field, message
):
    refused = api.post(f"/sick-reports/{report.id}/poortwachter-steps/{step}/waive", json=data)

    assert refused.status_code == status, refused.json
    assert field in refused.json["errors"]
    if message is not None:
        assert message in refused.json["errors"][field]
    assert records(db) == []
    assert (
        db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "poortwachter.step_waived")).all()
        == []
    )


def test_a_waiver_outside_the_caseload_or_of_an_unknown_report_is_refused(
    db, api, make_token, create_user, report
):
    stranger = make_token(user=create_user())
    refused = stranger.post(
        f"/sick-reports/{report.id}/poortwachter-steps/probleemanalyse/waive", json={"reason": "Niet van mij"}
    )
    assert (refused.status_code, refused.json["code"]) == (403, "forbidden")
    unknown = api.post("/sick-reports/999999/poortwachter-steps/probleemanalyse/waive", json={"reason": "x"})
    assert unknown.status_code == 404
    assert records(db) == []
