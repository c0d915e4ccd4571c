"""The re-integratieverslag check in the console dossier (issue 14 item 6): shown from week 80, items recorded
with the dossier's form, refusals name the field and change nothing."""

from __future__ import annotations

import datetime as dt

import time_machine

from .conftest import csrf_token, sign_in

FIRST = dt.date(2026, 1, 5)  # week 80 starts 12-07-2027, week 85 on 16-08-2027


def test_the_check_appears_in_week_80_and_fills_as_items_are_recorded(
    client, db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=FIRST)
    db.session.commit()
    path = f"/admin/dossiers/{employee.id}/"
    with time_machine.travel(dt.datetime(2027, 7, 11, 10, 0), tick=False):  # the last day of week 79
        cm_client = sign_in(
            client, casemanager
        )  # signed in on the day (a session from today would have ended)
        page = cm_client.get(path).get_data(as_text=True)
        assert 'class="riv-check' not in page
        assert '<option value="spoor_2_besluit">Besluit spoor 2</option>' in page  # recordable before week 80
    with time_machine.travel(dt.datetime(2027, 7, 12, 10, 0), tick=False):
        cm_client = sign_in(client, casemanager)
        page = cm_client.get(path).get_data(as_text=True)
        riv = page.split(f'id="riv-{report.id}"')[1].split("</div>")[0]
        assert "Re-integratieverslag: wat UWV verwacht (week 80)" in riv
        assert "Ontbreekt nog: 7. Vanaf 16-08-2027 (week 85) wordt dit gesignaleerd." in riv
        assert '<tr class="riv-missing"><td>Eindevaluatie</td><td>ontbreekt</td><td>—</td>' in riv
        assert "<td>Arbeidsdeskundig onderzoek</td><td>alleen als er een was</td>" in riv

        token = csrf_token(cm_client, path)
        page = cm_client.post(
            f"/admin/dossiers/sick-report/{report.id}/step-done",
            data={"csrf_token": token, "step": "eindevaluatie", "done_on": "2027-07-08"},
            follow_redirects=True,
        ).get_data(as_text=True)
        assert "Poortwachter-stap afgerond vastgelegd." in page
        riv = page.split(f'id="riv-{report.id}"')[1].split("</div>")[0]
        assert '<tr class="riv-present"><td>Eindevaluatie</td><td>aanwezig</td><td>08-07-2027</td>' in riv
        assert '<option value="eindevaluatie">' not in page  # recorded: no longer offered

        page = cm_client.post(
            f"/admin/dossiers/sick-report/{report.id}/step-done",
            data={"csrf_token": token, "step": "actueel_oordeel", "done_on": "2027-07-13"},
            follow_redirects=True,
        ).get_data(as_text=True)
        assert "Afgerond op: Deze datum ligt in de toekomst." in page
        assert [s.step_key for s in report.steps_done] == ["eindevaluatie"]
