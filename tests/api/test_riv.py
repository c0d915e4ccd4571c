"""The re-integratieverslag check through the API (issue 14 item 6): GET /sick-reports/{id}/riv-check."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.poortwachter import record_step_done
from models import LogEntry
from tests.api.conftest import log_actions

FIRST = dt.date(2026, 1, 5)  # week 80 starts on 12-07-2027, week 85 on 16-08-2027
ON_WEEK_85 = dt.datetime(2027, 8, 16, 8, 0, tzinfo=dt.UTC)


def test_the_check_lists_each_item_and_is_in_the_openapi(db, api, create_employee, create_sick_report):
    employee = create_employee()
    report = create_sick_report(employee, first_sick_day=FIRST)
    for key, day in (("probleemanalyse", dt.date(2026, 2, 10)), ("eindevaluatie", dt.date(2027, 8, 1))):
        record_step_done(report, key, day, actor=Actor(), now=dt.datetime(2027, 8, 2, 9, 0))
    with time_machine.travel(ON_WEEK_85, tick=False):
        answer = api.get(f"/sick-reports/{report.id}/riv-check")
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert (body["week"], body["shown"], body["complete"]) == (85, True, False)
    assert (body["shown_from"], body["signalled_from"]) == ("2027-07-12", "2027-08-16")
    items = {i["key"]: i for i in body["items"]}
    assert list(items) == [
        "probleemanalyse",
        "plan_van_aanpak",
        "evaluatie",
        "eerstejaarsevaluatie",
        "spoor_2_besluit",
        "arbeidsdeskundig_onderzoek",
        "eindevaluatie",
        "actueel_oordeel",
    ]
    assert items["probleemanalyse"] == {
        "key": "probleemanalyse",
        "label": "Probleemanalyse",
        "status": "present",
        "days": ["2026-02-10"],
        "remark": "",
    }
    assert (items["eindevaluatie"]["status"], items["eindevaluatie"]["days"]) == ("present", ["2027-08-01"])
    assert items["actueel_oordeel"]["status"] == "missing"
    assert items["arbeidsdeskundig_onderzoek"]["status"] == "not_applicable"
    assert ("sick_report.read", "api:hr-systeem") in log_actions(db, employee_id=employee.id)
    assert db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action == "sick_report.read")
    ).all() == [f"Re-integratieverslag-check van {employee.full_name} ingezien via de API"]
    spec = api.get("/openapi.json").json
    assert "/api/v1/sick-reports/{report_id}/riv-check" in spec["paths"]
    assert set(spec["components"]["schemas"]["RivCheckOut"]["properties"]) >= {"items", "signalled_from"}


def test_another_case_managers_report_is_refused(
    make_token, create_user, create_employee, create_sick_report
):
    report = create_sick_report(create_employee(case_manager=create_user()), first_sick_day=FIRST)
    mine = make_token(user=create_user())
    assert mine.get(f"/sick-reports/{report.id}/riv-check").status_code == 403
    assert mine.get("/sick-reports/999999/riv-check").status_code == 404
