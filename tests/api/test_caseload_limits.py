"""A case manager's token can do what a case manager can do in the console, no more; refusals leave a trace."""

from __future__ import annotations

import sqlalchemy as sa

from tests.api.conftest import log_actions


def refusals(db, **where):
    from models import LogEntry

    query = sa.select(LogEntry.actor_name, LogEntry.message).where(LogEntry.action == "api.refused")
    return list(db.session.execute(query.filter_by(**where).order_by(LogEntry.id)))


def test_case_manager_token_cannot_give_an_employee_to_another_case_manager(
    db, make_token, casemanager, create_user, create_employee, create_employer
):
    other_cm = create_user()
    caller = make_token(user=casemanager, name="sanne-app")
    employer = create_employer()
    created = caller.post(
        "/employees/",
        json={
            "employer_id": employer.id,
            "personnel_number": "X-1",
            "last_name": "Buiten",
            "case_manager_id": other_cm.id,
        },
    )
    assert (created.status_code, created.json["code"]) == (403, "forbidden")
    assert "case_manager_id" in created.json["errors"]
    from models import Employee

    assert db.session.scalar(sa.select(Employee).where(Employee.personnel_number == "X-1")) is None
    mine = caller.post(
        "/employees/", json={"employer_id": employer.id, "personnel_number": "X-2", "last_name": "Binnen"}
    )
    assert mine.status_code == 201 and mine.json["case_manager_id"] == casemanager.id
    moved = caller.patch(f"/employees/{mine.json['id']}", json={"case_manager_id": other_cm.id})
    assert moved.status_code == 403
    dropped = caller.patch(f"/employees/{mine.json['id']}", json={"case_manager_id": None})
    assert dropped.status_code == 403
    employee = db.session.get(Employee, mine.json["id"])
    db.session.refresh(employee)
    assert employee.case_manager_id == casemanager.id
    assert [name for name, _m in refusals(db)] == ["api:sanne-app"] * 3


def test_case_manager_token_cannot_start_a_trajectory_for_another_case_manager(
    db, make_token, casemanager, create_user, create_employee, create_sick_report, template
):
    from models import Trajectory

    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee)
    caller = make_token(user=casemanager)
    refused = caller.post(
        "/trajectories/",
        json={
            "employee_id": employee.id,
            "template_id": template.id,
            "sick_report_id": report.id,
            "case_manager_id": create_user().id,
        },
    )
    assert refused.status_code == 403 and "case_manager_id" in refused.json["errors"]
    assert db.session.scalar(sa.select(sa.func.count()).where(Trajectory.employee_id == employee.id)) == 0
    ok = caller.post(
        "/trajectories/",
        json={
            "employee_id": employee.id,
            "template_id": template.id,
            "sick_report_id": report.id,
            "case_manager_id": casemanager.id,
        },
    )
    assert ok.status_code == 201, ok.json


def test_case_manager_token_cannot_create_change_or_deactivate_employers(
    db, make_token, casemanager, create_employer
):
    from models import Employer, Label

    label = db.session.scalar(sa.select(Label.id).order_by(Label.id))
    caller = make_token(user=casemanager, name="sanne-app")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Employer))
    created = caller.post("/employers/", json={"name": "Nieuw B.V.", "label_id": label})
    assert (created.status_code, created.json["code"]) == (403, "forbidden")
    assert created.json["message"] == "Met het token van een casemanager kunt u geen werkgevers aanmaken."
    employer = create_employer(name="Bestaand B.V.")
    assert caller.patch(f"/employers/{employer.id}", json={"name": "Anders B.V."}).status_code == 403
    assert caller.patch(f"/employers/{employer.id}", json={"active": False}).status_code == 403
    db.session.refresh(employer)
    assert (employer.name, employer.active) == ("Bestaand B.V.", True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employer)) == before + 1
    assert caller.get(f"/employers/{employer.id}").status_code == 200  # reading stays allowed
    assert len(refusals(db)) == 3


def test_refused_reads_and_writes_of_someone_elses_dossier_are_in_the_log_book(
    db, make_token, casemanager, create_user, create_employee, create_sick_report
):
    other = create_employee(case_manager=create_user())
    report = create_sick_report(other)
    caller = make_token(user=casemanager, name="sanne-app")
    assert caller.get(f"/employees/{other.id}").status_code == 403
    assert caller.patch(f"/employees/{other.id}", json={"city": "X"}).status_code == 403
    assert caller.get(f"/sick-reports/{report.id}").status_code == 403
    rows = refusals(db, employee_id=other.id)
    assert [name for name, _m in rows] == ["api:sanne-app"] * 3
    assert rows[0].message == f"API-aanroep geweigerd (403): GET /api/v1/employees/{other.id}"
    assert rows[1].message == f"API-aanroep geweigerd (403): PATCH /api/v1/employees/{other.id}"
    assert ("employee.updated", "api:sanne-app") not in log_actions(db, employee_id=other.id)


def test_a_case_manager_cannot_learn_whether_a_bsn_exists_elsewhere(
    db, make_token, api, casemanager, create_user, create_employee, create_employer
):
    create_employee(case_manager=create_user(), bsn="111222333")
    employer = create_employer()
    caller = make_token(user=casemanager)
    refused = caller.post(
        "/employees/",
        json={"employer_id": employer.id, "personnel_number": "B-1", "last_name": "X", "bsn": "111222333"},
    )
    assert refused.status_code == 422
    message = refused.json["errors"]["bsn"]
    assert "andere werknemer" not in message and "111222333" not in refused.get_data(as_text=True)
    assert (
        message == "Dit BSN kan niet worden vastgelegd; vraag een functioneel beheerder om het na te kijken."
    )
    admin = api.post(
        "/employees/",
        json={"employer_id": employer.id, "personnel_number": "B-2", "last_name": "X", "bsn": "111222333"},
    )
    assert admin.json["errors"]["bsn"] == "Dit BSN hoort al bij een andere werknemer."


def test_api_reads_of_sick_reports_and_trajectories_are_logged_and_never_cached(
    db, api, create_employee, create_sick_report, template, casemanager
):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee)
    read = api.get(f"/sick-reports/{report.id}")
    assert read.status_code == 200 and read.headers["Cache-Control"] == "no-store"
    started = api.post(
        "/trajectories/",
        json={"employee_id": employee.id, "template_id": template.id, "sick_report_id": report.id},
    )
    trajectory = api.get(f"/trajectories/{started.json['id']}")
    assert trajectory.headers["Cache-Control"] == "no-store"
    assert api.get("/nothing").headers["Cache-Control"] == "no-store"
    actions = log_actions(db, employee_id=employee.id)
    assert ("sick_report.read", "api:hr-systeem") in actions
    assert ("trajectory.read", "api:hr-systeem") in actions
