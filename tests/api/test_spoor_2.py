"""Spoor 2 before the plan van aanpak: the API's task completion answers with the warning (issue 14 item 8)."""

from __future__ import annotations

from tests.spoor2 import WARNING, spoor_2_at_t5


def test_completing_t5_starts_the_programme_and_answers_the_warning(
    db, api, create_employee, create_sick_report, create_programme, casemanager
):
    t5 = spoor_2_at_t5(create_employee(case_manager=casemanager), create_sick_report, create_programme)
    answer = api.post(f"/tasks/{t5.id}/complete", json={})
    assert answer.status_code == 200, answer.json
    assert (answer.json["status"], answer.json["warnings"]) == ("done", [WARNING])
    assert [i.programme.name for i in t5.trajectory.interventions] == ["Outplacement Plus"]
    spec = api.get("/openapi.json").json
    assert "warnings" in spec["components"]["schemas"]["TaskCompletedOut"]["properties"]
