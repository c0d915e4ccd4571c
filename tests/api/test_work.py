"""Trajectories, tasks, signals and reports through the API."""

from __future__ import annotations

import csv
import datetime as dt
import io

import sqlalchemy as sa
from openpyxl import load_workbook

from tests.api.conftest import log_actions


def first(db, model):
    return db.session.scalar(sa.select(model).order_by(model.id))


def started(api, template, employee, report):
    response = api.post(
        "/trajectories/",
        json={"employee_id": employee.id, "template_id": template.id, "sick_report_id": report.id},
    )
    assert response.status_code == 201, response.json
    return response.json


def test_trajectory_start_read_list_close(
    db, api, template, create_employee, create_sick_report, casemanager
):
    from models import EndReason

    employee = create_employee(case_manager=casemanager)
    trajectory = started(api, template, employee, create_sick_report(employee))
    assert trajectory["status"] == "open" and trajectory["employee_id"] == employee.id
    assert api.get(f"/trajectories/{trajectory['id']}").json["id"] == trajectory["id"]
    assert [t["id"] for t in api.get(f"/trajectories/?employee={employee.id}&status=open").json] == [
        trajectory["id"]
    ]
    reason = first(db, EndReason)
    missing = api.post(f"/trajectories/{trajectory['id']}/close", json={})
    assert missing.status_code == 422 and "end_reason_id" in missing.json["errors"]
    closed = api.post(f"/trajectories/{trajectory['id']}/close", json={"end_reason_id": reason.id})
    assert closed.status_code == 200 and closed.json["status"] == "closed"
    again = api.post(f"/trajectories/{trajectory['id']}/close", json={"end_reason_id": reason.id})
    assert (again.status_code, again.json["code"]) == (409, "conflict")
    actions = [a for a, n in log_actions(db, trajectory_id=trajectory["id"]) if n == "api:hr-systeem"]
    assert actions[0] == "trajectory.started" and "trajectory.closed" in actions


def test_start_refusals(db, api, template, create_employee, casemanager, create_user, make_token):
    employee = create_employee(case_manager=create_user())
    bad = api.post("/trajectories/", json={"employee_id": employee.id, "template_id": "x"})
    assert bad.status_code == 422 and "template_id" in bad.json["errors"]
    nobody = api.post("/trajectories/", json={"employee_id": 999999, "template_id": template.id})
    assert nobody.status_code == 422 and "employee_id" in nobody.json["errors"]
    other = make_token(user=casemanager).post(
        "/trajectories/", json={"employee_id": employee.id, "template_id": template.id}
    )
    assert other.status_code == 403
    assert api.get(f"/trajectories/?employee={employee.id}").json == []


def test_tasks_list_filters_and_complete(db, api, template, create_employee, create_sick_report, casemanager):
    from models import Category, EndGoal, Task

    employee = create_employee(case_manager=casemanager)
    trajectory = started(api, template, employee, create_sick_report(employee))
    listed = api.get(f"/tasks/?trajectory={trajectory['id']}&status=open").json
    assert listed, "the template starts with at least one task"
    task = db.session.get(Task, listed[0]["id"])
    assert api.get(f"/tasks/?trajectory={trajectory['id']}&status=done").json == []
    overdue = api.get(f"/tasks/?trajectory={trajectory['id']}&overdue=true").json
    assert [t["id"] for t in overdue] == [
        t["id"] for t in listed if t["due_date"] < dt.date.today().isoformat()
    ]
    assert api.get(f"/tasks/?assignee={casemanager.id}&trajectory={trajectory['id']}").status_code == 200
    refused = api.post(f"/tasks/{task.id}/complete", json={"category_id": None})
    assert refused.status_code == 422 and refused.json["errors"]
    db.session.refresh(task)
    assert task.status.value == "open"
    data = {"category_id": first(db, Category).id, "end_goal_id": first(db, EndGoal).id}
    if task.kind.value != "policy_selection":
        data = {}
    done = api.post(f"/tasks/{task.id}/complete", json=data)
    assert done.status_code == 200, done.json
    assert done.json["status"] == "done"
    assert api.post(f"/tasks/{task.id}/complete", json=data).status_code == 409
    assert ("task.completed", "api:hr-systeem") in log_actions(db, trajectory_id=trajectory["id"])


def test_signals_list_and_snooze(db, api, create_employee, casemanager, create_user, make_token, now):
    from models import Signal, SignalKind

    employee = create_employee(case_manager=casemanager)
    signal = Signal(
        kind=SignalKind.NOT_CONTACTED,
        subject_type="employee",
        subject_id=employee.id,
        due_date=dt.date(2026, 3, 1),
        employee=employee,
    )
    db.session.add(signal)
    db.session.flush()
    assert signal.id in [s["id"] for s in api.get("/signals/").json]
    assert make_token(user=create_user()).get("/signals/").json == []
    bad = api.post(f"/signals/{signal.id}/snooze", json={"days": 99})
    assert bad.status_code == 422 and "days" in bad.json["errors"]
    snoozed = api.post(f"/signals/{signal.id}/snooze", json={"days": 3})
    assert snoozed.status_code == 200 and snoozed.json["snoozed_until"] is not None
    assert ("signal.snoozed", "api:hr-systeem") in log_actions(db, employee_id=employee.id)


def test_reports_json_csv_xlsx(db, api, make_token, create_employee, create_user):
    from models import Trajectory, TrajectoryTemplate

    template = first(db, TrajectoryTemplate)
    employee = create_employee(case_manager=create_user())
    db.session.add(Trajectory(template=template, employee=employee, started_on=dt.date(2026, 1, 5)))
    db.session.flush()
    query = "date_from=2026-01-01&date_to=2026-01-31&group_by=employer"
    report = api.get(f"/reports/outcome?{query}")
    assert report.status_code == 200
    assert [(r["group"], r["opened"], r["open_at_end"]) for r in report.json["rows"]] == [
        (employee.employer.name, 1, 1)
    ]
    text = api.get(f"/reports/outcome?{query}&format=csv")
    assert text.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(text.get_data(as_text=True))))
    opened, closed = rows[0].index("Trajecten geopend"), rows[0].index("Trajecten gesloten")
    assert rows[0][0] == "Groep" and (rows[1][0], rows[1][opened], rows[1][closed]) == (
        employee.employer.name,
        "1",
        "0",
    )
    by_accept = api.get(f"/reports/outcome?{query}", headers={"Accept": "text/csv"})
    assert by_accept.get_data(as_text=True) == text.get_data(as_text=True)
    book = load_workbook(io.BytesIO(api.get(f"/reports/outcome?{query}&format=xlsx").data))
    sheet = list(book["Rapport"].values)
    assert sheet[1][0] == "Groep" and (sheet[2][0], sheet[2][opened]) == (employee.employer.name, 1)
    other = make_token(user=create_user()).get(f"/reports/outcome?{query}")
    assert other.json["rows"] == []
    wrong = api.get("/reports/outcome?date_from=2026-01-01&date_to=2025-01-01&group_by=weekday")
    assert wrong.status_code == 422 and "group_by" in wrong.json["errors"]
    reversed_period = api.get("/reports/outcome?date_from=2026-01-31&date_to=2026-01-01")
    assert reversed_period.status_code == 422 and "date_to" in reversed_period.json["errors"]


def test_an_optional_task_is_skipped_with_a_reason(
    db, api, template, create_employee, create_sick_report, casemanager
):
    from models import Task

    employee = create_employee(case_manager=casemanager)
    trajectory = started(api, template, employee, create_sick_report(employee))
    [t1] = api.get(f"/tasks/?trajectory={trajectory['id']}&status=open").json
    for body in ({}, {"reason": "   "}):
        refused = api.post(f"/tasks/{t1['id']}/skip", json=body)
        assert refused.status_code == 422 and "reason" in refused.json["errors"]
    assert db.session.get(Task, t1["id"]).status.value == "open"
    skipped = api.post(f"/tasks/{t1['id']}/skip", json={"reason": "Polis en categorie al bekend"})
    assert skipped.status_code == 200 and skipped.json["status"] == "skipped"
    assert api.post(f"/tasks/{t1['id']}/skip", json={"reason": "nogmaals"}).status_code == 409
    [t2] = api.get(f"/tasks/?trajectory={trajectory['id']}&status=open").json
    mandatory = api.post(f"/tasks/{t2['id']}/skip", json={"reason": "geen zin"})
    assert mandatory.status_code == 422 and "verplicht" in mandatory.json["errors"]["task"]
