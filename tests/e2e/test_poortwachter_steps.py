"""In Chromium: record a missed Poortwachter step as done on the dossier page, then undo it; no CSP complaint."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import Employee, Employer, Label, PoortwachterStepDone, SickReport
from models import db as _db


def test_record_and_undo_a_poortwachter_step_in_the_dossier(admin_page, live_app, live_server, shot):
    page = admin_page
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    today = dt.datetime.now(dt.UTC).date()
    with live_app.app_context():
        label = _db.session.scalars(sa.select(Label).order_by(Label.id)).first()
        employer = Employer(name="Poortwachter B.V.", label=label)
        employee = Employee(employer=employer, personnel_number="PW-1", first_name="Ria", last_name="Ruiter")
        # 60 days ill: the probleemanalyse (end of week 6, day 41) is missed.
        report = SickReport(employee=employee, first_sick_day=today - dt.timedelta(days=60))
        _db.session.add_all([employer, employee, report])
        _db.session.commit()
        employee_id, report_id = employee.id, report.id
        _db.session.remove()

    page.goto(f"{live_server}/admin/dossiers/{employee_id}/")
    row = page.locator(f"#step-{report_id}-probleemanalyse")
    assert "verstreken" in row.inner_text()
    done_on = today - dt.timedelta(days=3)
    row.locator("input[name=done_on]").fill(done_on.isoformat())
    row.locator(".step-done button[type=submit]").click()
    page.wait_for_load_state()

    row = page.locator(f"#step-{report_id}-probleemanalyse")
    assert f"afgerond op {done_on:%d-%m-%Y}" in row.inner_text()
    assert page.locator("text=Poortwachter-stap afgerond vastgelegd.").count() == 1
    shot("step-recorded")
    with live_app.app_context():
        assert _db.session.scalars(sa.select(PoortwachterStepDone.done_on)).all() == [done_on]
        _db.session.remove()

    row.locator("button:has-text('ongedaan maken')").click()
    page.wait_for_load_state()
    assert "verstreken" in page.locator(f"#step-{report_id}-probleemanalyse").inner_text()
    shot("step-undone")
    with live_app.app_context():
        assert _db.session.scalars(sa.select(PoortwachterStepDone.id)).all() == []
        _db.session.remove()
    assert violations == [], violations
