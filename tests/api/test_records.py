"""Employers, employees and sick reports through the API: writes via the engine, logged under the token's name."""

from __future__ import annotations

import sqlalchemy as sa

from models import SickReport
from tests.api.conftest import log_actions


def label_id(db):
    from models import Label

    return db.session.scalar(sa.select(Label.id).order_by(Label.id))


def test_employer_create_read_update_list(db, api):
    created = api.post("/employers/", json={"name": "Bakkerij Brood B.V.", "label_id": label_id(db)})
    assert created.status_code == 201
    employer_id = created.json["id"]
    assert api.get(f"/employers/{employer_id}").json["name"] == "Bakkerij Brood B.V."
    changed = api.patch(f"/employers/{employer_id}", json={"city": "Zwolle"})
    assert (changed.status_code, changed.json["city"], changed.json["name"]) == (
        200,
        "Zwolle",
        "Bakkerij Brood B.V.",
    )
    assert [e["id"] for e in api.get("/employers/?q=brood").json] == [employer_id]
    assert log_actions(db, subject_type="employers", subject_id=employer_id) == [
        ("employer.registered", "api:hr-systeem"),
        ("employer.updated", "api:hr-systeem"),
    ]


def test_employer_bad_input_names_the_field_and_changes_nothing(db, api):
    from models import Employer

    before = db.session.scalar(sa.select(sa.func.count()).select_from(Employer))
    refused = api.post("/employers/", json={"name": "", "label_id": label_id(db)})
    assert refused.status_code == 422 and "name" in refused.json["errors"]
    unknown = api.post("/employers/", json={"name": "X", "label_id": label_id(db), "diagnose": "griep"})
    assert unknown.status_code == 422 and "diagnose" in unknown.json["errors"]
    not_json = api.post("/employers/", data="[1]", content_type="application/json")
    assert not_json.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employer)) == before
    assert api.get("/employers/999999").status_code == 404


def test_employee_create_read_logs_dossier_read(db, api, create_employer):
    employer = create_employer()
    created = api.post(
        "/employees/", json={"employer_id": employer.id, "personnel_number": "A-1", "last_name": "Visser"}
    )
    assert created.status_code == 201, created.json
    employee_id = created.json["id"]
    read = api.get(f"/employees/{employee_id}")
    assert (read.status_code, read.json["last_name"]) == (200, "Visser")
    assert "bsn" not in read.json
    changed = api.patch(f"/employees/{employee_id}", json={"city": "Delft"})
    assert changed.json["city"] == "Delft"
    assert [e["id"] for e in api.get("/employees/?q=viss").json] == [employee_id]
    assert log_actions(db, employee_id=employee_id) == [
        ("employee.registered", "api:hr-systeem"),
        ("dossier.read", "api:hr-systeem"),
        ("employee.updated", "api:hr-systeem"),
    ]


def test_case_manager_token_sees_only_the_caseload(db, make_token, casemanager, create_user, create_employee):
    mine = create_employee(case_manager=casemanager)
    other = create_employee(case_manager=create_user())
    caller = make_token(user=casemanager)
    assert [e["id"] for e in caller.get("/employees/").json] == [mine.id]
    assert caller.get(f"/employees/{mine.id}").status_code == 200
    refused = caller.get(f"/employees/{other.id}")
    assert (refused.status_code, refused.json["code"]) == (403, "forbidden")
    assert caller.patch(f"/employees/{other.id}", json={"city": "X"}).status_code == 403
    assert (
        caller.post(f"/employees/{other.id}/sick-reports", json={"first_sick_day": "2026-01-05"}).status_code
        == 403
    )
    db.session.refresh(other)
    assert other.city == "Utrecht"
    assert log_actions(db, employee_id=other.id, action="dossier.read") == []


def test_admin_token_sees_every_employee(make_token, admin_user, create_employee, create_user):
    other = create_employee(case_manager=create_user())
    assert make_token(user=admin_user).get(f"/employees/{other.id}").status_code == 200


def test_sick_report_create_update_recover_close(db, api, create_employee):
    employee = create_employee()
    created = api.post(f"/employees/{employee.id}/sick-reports", json={"first_sick_day": "2026-01-05"})
    assert created.status_code == 201, created.json
    report_id = created.json["id"]
    assert api.get(f"/sick-reports/{report_id}").json["percentage"] == "100.00"
    overwrite = api.patch(f"/sick-reports/{report_id}", json={"percentage": "50"})
    assert overwrite.status_code == 422 and "gedeeltelijk herstel" in overwrite.json["errors"]["percentage"]
    bad = api.post(
        f"/sick-reports/{report_id}/partial-recovery", json={"percentage": "150", "from_date": "x"}
    )
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"percentage", "from_date"}
    changed = api.post(
        f"/sick-reports/{report_id}/partial-recovery", json={"percentage": "50", "from_date": "2026-01-19"}
    )
    assert changed.status_code == 200 and changed.json["percentage"].startswith("50")
    assert changed.json["percentages"] == [
        {"from_date": "2026-01-05", "percentage": "100.00"},
        {"from_date": "2026-01-19", "percentage": "50.00"},
    ]
    flagged = api.patch(
        f"/sick-reports/{report_id}", json={"zw_vangnet": "orgaandonatie", "work_related": True}
    )
    assert (flagged.json["zw_vangnet"], flagged.json["work_related"], flagged.json["recourse_possible"]) == (
        "orgaandonatie",
        True,
        False,
    )
    twice = api.post(f"/employees/{employee.id}/sick-reports", json={"first_sick_day": "2026-02-01"})
    assert twice.status_code == 422 and "first_sick_day" in twice.json["errors"]
    bad = api.post(f"/sick-reports/{report_id}/recover", json={"recovery_date": "morgen"})
    assert bad.status_code == 422 and "recovery_date" in bad.json["errors"]
    reasons = {r["name"]: r for r in api.get("/sick-reports/end-reasons").json}
    assert reasons["Ander werk andere werkgever"]["outcome"] == "other_employer"
    assert reasons["Ander werk andere werkgever"]["work_resumption"] is True
    assert (reasons["Foutief opgevoerd"]["outcome"], reasons["Uit dienst"]["work_resumption"]) == (
        "erroneous",
        False,
    )
    report = db.session.get(SickReport, report_id)
    for body, message in (
        ({"recovery_date": "2026-02-01"}, "Kies een beëindigingsreden."),
        ({"recovery_date": "2026-02-01", "end_reason_id": 999999}, "Deze beëindigingsreden bestaat niet."),
    ):
        refused = api.post(f"/sick-reports/{report_id}/recover", json=body)
        assert refused.status_code == 422 and refused.json["errors"] == {"end_reason_id": message}
        db.session.refresh(report)
        assert (report.recovery_date, report.end_reason_id) == (None, None)
    wrong_type = api.post(
        f"/sick-reports/{report_id}/recover", json={"recovery_date": "2026-02-01", "end_reason_id": "1"}
    )
    assert wrong_type.status_code == 422 and "end_reason_id" in wrong_type.json["errors"]
    own_work = reasons["Hersteld eigen werk"]["id"]
    recovered = api.post(
        f"/sick-reports/{report_id}/recover", json={"recovery_date": "2026-02-01", "end_reason_id": own_work}
    )
    assert recovered.json["recovery_date"] == "2026-02-01"
    assert (recovered.json["end_reason"], recovered.json["end_reason_outcome"]) == (
        "Hersteld eigen werk",
        "own_work",
    )
    closed = api.post(f"/sick-reports/{report_id}/close", json={"closed_on": "2026-02-02"})
    assert closed.json["closed_on"] == "2026-02-02"
    assert closed.json["end_reason_id"] == own_work  # the hersteldmelding's reason stays
    assert [a for a, _ in log_actions(db, employee_id=employee.id)] == [
        "sick_report.registered",
        "sick_report.read",
        "sick_report.percentage",
        "sick_report.updated",
        "sick_report.recovered",
        "sick_report.closed",
    ]
