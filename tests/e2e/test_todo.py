"""The Takenlijst in a real browser: a case manager adds a task about a client, puts it in the agenda, sees it
in the week, completes it and finds it again under Afgerond en geannuleerd; no page breaks the CSP."""

from __future__ import annotations

import datetime as dt

from .conftest import CASEMANAGER_EMAIL, sign_in_page
from .test_agenda import _setup


def test_add_promote_and_complete_a_task_in_the_browser(page, live_app, live_server, shot):
    _setup(live_app)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_default_timeout(15_000)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    page.goto(f"{live_server}/admin/todo/")
    assert "Geen open taken." in page.content()
    form = page.locator("#add-task")
    form.get_by_label("Titel").fill("Werkgever terugbellen")
    form.get_by_label("Werknemer (optioneel)").select_option(label="Bram Visser (Agenda B.V.)")
    form.get_by_label("Uiterlijk").fill(tomorrow.isoformat())
    form.get_by_role("button", name="Taak toevoegen").click()
    page.wait_for_load_state()
    assert "Taak toegevoegd." in page.content()
    row = page.locator("#todo-open tbody tr").first
    assert "Werkgever terugbellen" in row.inner_text() and "Bram Visser" in row.inner_text()

    row.get_by_text("In agenda zetten").click()  # a <details>: opens without a script
    row.get_by_label("Datum").fill(tomorrow.isoformat())
    row.get_by_label("Begintijd").fill("14:00")
    row.get_by_label("Eindtijd").fill("15:00")
    row.get_by_role("button", name="In agenda", exact=True).click()
    page.wait_for_load_state()
    assert "Taak in de agenda gezet." in page.content()

    page.goto(f"{live_server}/admin/agenda/?week={tomorrow.isoformat()}")
    agenda = page.locator("#agenda")
    assert "Taak: Werkgever terugbellen" in agenda.inner_text()
    assert agenda.get_by_text("14:00–15:00").count() == 1
    shot("agenda-week-task")

    page.goto(f"{live_server}/admin/todo/")
    page.locator("#todo-open tbody tr").first.get_by_role("button", name="Afgerond").click()
    page.wait_for_load_state()
    assert "Taak afgerond." in page.content() and "Geen open taken." in page.content()
    page.select_option("#todo-show", label="Afgerond en geannuleerd")
    page.locator("#todo-choice").get_by_role("button", name="Tonen").click()
    page.wait_for_load_state()
    closed = page.locator("#todo-closed").inner_text()
    assert "Werkgever terugbellen" in closed and "Uitgevoerd" in closed
    shot("todo-closed")
    assert violations == [], violations
