"""Build a trigger in the editor in Chromium: the engine refuses a bad one on screen, a good one is saved."""

from __future__ import annotations

import sqlalchemy as sa

from models import TrajectoryTemplate, Trigger
from models import db as _db
from tests.e2e.test_region_programme import csp_violations


def test_build_a_trigger_see_a_bad_one_refused_and_save_a_good_one(admin_page, live_app, live_server, shot):
    page = admin_page
    violations = csp_violations(page)
    with live_app.app_context():
        template_id = _db.session.scalar(
            sa.select(TrajectoryTemplate.id).where(TrajectoryTemplate.name == "Inzet interventie")
        )
        _db.session.remove()

    page.goto(f"{live_server}/admin/triggers/?template={template_id}")
    assert page.locator("#triggers tr", has_text="T4 akkoord → T5 bevestiging provider").count() == 1
    page.click("#new-trigger")
    page.wait_for_load_state()
    assert not page.locator("#c-0-task").is_visible()  # only the inputs the chosen kind needs are shown

    page.fill("#name", "T3 afgerond → bericht")
    page.select_option("#event", label="Traject gestart")
    page.select_option("#c-0-kind", label="Taak is")
    page.select_option("#c-0-task", label="T3 Kosten/baten-analyse")
    page.select_option("#a-0-kind", label="Bericht sturen")
    page.select_option("#a-0-target", label="De casemanager")
    page.fill("#a-0-text", "De kosten/baten-analyse is klaar.")
    page.click("#save")
    page.wait_for_load_state()
    errors = page.locator("#trigger-errors")
    assert errors.is_visible() and "Bij deze gebeurtenis is er geen taak" in errors.inner_text()
    shot("refused")

    page.select_option("#event", label="Taak afgerond")
    page.click("#add-action")  # one more action row, nothing saved yet
    page.wait_for_load_state()
    page.select_option("#a-1-kind", label="Taak toevoegen")
    page.select_option("#a-1-task", label="T4 Offerte opstellen en laten accorderen")
    page.fill("#a-1-due", "5")
    shot("filled-in")
    page.click("#save")
    page.wait_for_load_state()
    assert page.locator("text=Trigger “T3 afgerond → bericht” opgeslagen.").count() == 1
    shot("saved")

    with live_app.app_context():
        trigger = _db.session.scalar(sa.select(Trigger).where(Trigger.name == "T3 afgerond → bericht"))
        assert [c.task_template.key for c in trigger.conditions] == ["T3"]
        assert [(a.kind.value, a.position) for a in trigger.actions] == [("notify", 0), ("add_task", 1)]
        _db.session.remove()

    page.goto(f"{live_server}/admin/triggers/dry-run/?template={template_id}")
    assert page.locator("#dry-run-form").is_visible()
    assert violations == []
