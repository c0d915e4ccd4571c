"""The client weight in the console dossier: assessed with its day, refused with the field named, caseload kept."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import LogEntry

from .conftest import csrf_token


def test_the_weight_is_assessed_in_the_dossier(cm_client, db, create_employee, casemanager):
    employee = create_employee(case_manager=casemanager)
    page = cm_client.get(f"/admin/dossiers/{employee.id}/").get_data(as_text=True)
    assert "nooit beoordeeld" in page and 'id="client-weight"' in page
    token = csrf_token(cm_client, f"/admin/dossiers/{employee.id}/")
    page = cm_client.post(
        f"/admin/dossiers/{employee.id}/client-weight",
        data={"csrf_token": token, "client_weight": "high", "client_weight_assessed_on": "2026-02-20"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Cliëntzwaarte vastgelegd." in page and "beoordeeld op 20-02-2026" in page
    assert (employee.client_weight.value, employee.client_weight_assessed_on) == (
        "high",
        dt.date(2026, 2, 20),
    )


def test_a_refused_assessment_names_the_field_and_changes_nothing(
    cm_client, db, create_employee, casemanager
):
    employee = create_employee(case_manager=casemanager)
    token = csrf_token(cm_client, f"/admin/dossiers/{employee.id}/")
    for data, shown in (
        (
            {"client_weight": "high", "client_weight_assessed_on": "2099-01-01"},
            "Beoordeeld op: Deze datum ligt in de toekomst.",
        ),
        ({"client_weight": "high", "client_weight_assessed_on": ""}, "Beoordeeld op: Dit veld is verplicht."),
        ({"client_weight": "zwaar", "client_weight_assessed_on": "2026-02-20"}, "Cliëntzwaarte: Kies laag"),
    ):
        page = cm_client.post(
            f"/admin/dossiers/{employee.id}/client-weight",
            data={"csrf_token": token, **data},
            follow_redirects=True,
        ).get_data(as_text=True)
        assert shown in page
    assert (employee.client_weight.value, employee.client_weight_assessed_on) == ("medium", None)
    assert db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "employee.updated")).all() == []


def test_another_case_managers_employee_is_a_404(cm_client, db, create_employee, create_user):
    employee = create_employee(case_manager=create_user())
    token = csrf_token(cm_client, "/admin/dossiers/")
    answer = cm_client.post(
        f"/admin/dossiers/{employee.id}/client-weight",
        data={"csrf_token": token, "client_weight": "high", "client_weight_assessed_on": "2026-02-20"},
    )
    assert answer.status_code == 404 and employee.client_weight_assessed_on is None
