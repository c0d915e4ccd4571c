"""The client weight and the day it was assessed through the API (PATCH /employees/{id}), with the console's
and Slack's refusals."""

from __future__ import annotations

import sqlalchemy as sa
import time_machine

from models import LogEntry


def test_the_weight_and_its_assessment_day_are_updated_and_read(db, api, create_employee, casemanager, now):
    employee = create_employee(case_manager=casemanager)
    with time_machine.travel(now, tick=False):
        changed = api.patch(
            f"/employees/{employee.id}",
            json={"client_weight": "hoog", "client_weight_assessed_on": "2026-02-20"},
        )
        assert changed.status_code == 200, changed.json
        assert (changed.json["client_weight"], changed.json["client_weight_assessed_on"]) == (
            "high",
            "2026-02-20",
        )
        only_weight = api.patch(f"/employees/{employee.id}", json={"client_weight": "laag"})
    assert (
        only_weight.json["client_weight_assessed_on"] == "2026-03-02"
    )  # a new weight counts as assessed today
    assert db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action == "employee.updated")
    ).all() == [
        f"Werknemer {employee.full_name} gewijzigd: cliëntzwaarte, cliëntzwaarte beoordeeld op",
        f"Werknemer {employee.full_name} gewijzigd: cliëntzwaarte, cliëntzwaarte beoordeeld op",
    ]


def test_a_bad_assessment_day_is_refused_naming_the_field_and_changes_nothing(
    db, api, create_employee, casemanager, now
):
    employee = create_employee(case_manager=casemanager)
    with time_machine.travel(now, tick=False):
        future = api.patch(
            f"/employees/{employee.id}",
            json={"client_weight": "hoog", "client_weight_assessed_on": "2026-03-03"},
        )
        nonsense = api.patch(f"/employees/{employee.id}", json={"client_weight_assessed_on": "gisteren"})
    assert (future.status_code, future.json["errors"]) == (
        422,
        {"client_weight_assessed_on": "Deze datum ligt in de toekomst."},
    )
    assert (nonsense.status_code, list(nonsense.json["errors"])) == (422, ["client_weight_assessed_on"])
    db.session.refresh(employee)
    assert (employee.client_weight.value, employee.client_weight_assessed_on) == ("medium", None)
    assert db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "employee.updated")).all() == []


def test_the_dossier_of_a_never_assessed_employee_says_so(api, create_employee, casemanager):
    employee = create_employee(case_manager=casemanager)
    assert api.get(f"/employees/{employee.id}").json["client_weight_assessed_on"] is None
