"""The non-medical cause of absence through the API: T1 completed with it, the trajectory shows it."""

from __future__ import annotations

import sqlalchemy as sa

from models import AbsenceCause


def test_the_api_completes_t1_with_the_cause_and_shows_it(
    db, api, template, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee)
    started = api.post(
        "/trajectories/",
        json={"employee_id": employee.id, "template_id": template.id, "sick_report_id": report.id},
    )
    assert started.status_code == 201, started.json
    trajectory = started.json
    assert trajectory["absence_cause_id"] is None
    t1 = next(
        t for t in api.get(f"/tasks/?trajectory={trajectory['id']}&status=open").json if t["key"] == "T1"
    )
    conflict = db.session.scalar(sa.select(AbsenceCause).where(AbsenceCause.name == "Conflict"))
    category = db.session.scalar(
        sa.text("SELECT id FROM categories WHERE service_type_id IS NULL ORDER BY id")
    )
    goal = db.session.scalar(sa.text("SELECT id FROM end_goals ORDER BY id"))
    data = {"category_id": category, "end_goal_id": goal}
    refused = api.post(f"/tasks/{t1['id']}/complete", json={**data, "absence_cause_id": "conflict"})
    assert refused.status_code == 422
    assert refused.json["errors"] == {"absence_cause_id": "Kies een verzuimoorzaak uit de lijst."}
    assert api.get(f"/trajectories/{trajectory['id']}").json["absence_cause_id"] is None
    done = api.post(f"/tasks/{t1['id']}/complete", json={**data, "absence_cause_id": conflict.id})
    assert done.status_code == 200, done.json
    assert api.get(f"/trajectories/{trajectory['id']}").json["absence_cause_id"] == conflict.id
