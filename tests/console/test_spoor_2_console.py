"""Spoor 2 before the plan van aanpak: the console's task form warns after completing (issue 14 item 8)."""

from __future__ import annotations

from tests.spoor2 import WARNING, spoor_2_at_t5

from .conftest import csrf_token


def test_completing_t5_in_the_dossier_flashes_the_warning(
    cm_client, db, create_employee, create_sick_report, create_programme, casemanager
):
    t5 = spoor_2_at_t5(create_employee(case_manager=casemanager), create_sick_report, create_programme)
    path = f"/admin/dossiers/acties/task/{t5.id}"
    page = cm_client.post(
        path, data={"csrf_token": csrf_token(cm_client, path)}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Taak T5" in page and "afgerond." in page
    assert WARNING in page and "alert-warning" in page
    assert [i.programme.name for i in t5.trajectory.interventions] == ["Outplacement Plus"]
