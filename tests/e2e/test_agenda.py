"""The agenda in a real browser: a case manager gives availability, makes a consult and plans it in a proposed
free time; the week shows it; no page breaks the CSP."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from .conftest import CASEMANAGER_EMAIL, sign_in_page


def _setup(live_app) -> None:
    """A location and an employee in the case manager's caseload (the seed has the consult types)."""
    from models import Employee, Employer, Label, Location, User, db

    with live_app.app_context():
        me = db.session.scalar(sa.select(User).where(User.email == CASEMANAGER_EMAIL))
        label = db.session.scalars(sa.select(Label).order_by(Label.id)).first()
        employer = Employer(name="Agenda B.V.", label=label)
        db.session.add_all(
            [
                Location(name="Kantoor Utrecht"),
                Employee(
                    employer=employer,
                    personnel_number="AG-1",
                    first_name="Bram",
                    last_name="Visser",
                    case_manager=me,
                ),
            ]
        )
        db.session.commit()
        db.session.remove()


def test_availability_consult_and_planning_in_the_browser(page, live_app, live_server, shot):
    _setup(live_app)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_default_timeout(15_000)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    page.goto(f"{live_server}/admin/agenda/?week={tomorrow.isoformat()}")
    form = page.locator("#add-availability")
    form.locator("#av-from").fill(tomorrow.isoformat())
    form.locator("#av-until").fill((tomorrow + dt.timedelta(days=6)).isoformat())
    form.locator("#av-start").fill("09:00")
    form.locator("#av-end").fill("12:00")
    for day in range(7):
        form.locator(f"#av-day-{day}").check()
    form.get_by_role("button", name="Beschikbaarheid toevoegen").click()
    page.wait_for_load_state()
    assert "Beschikbaarheid toegevoegd." in page.content()
    assert page.locator("#agenda").get_by_text("beschikbaar: Kantoor Utrecht").count() >= 1

    page.goto(f"{live_server}/admin/agenda_trays/")
    page.select_option("#new-employee", label="Bram Visser")
    page.get_by_role("button", name="Gesprek aanmaken").click()
    page.wait_for_load_state()
    assert "Gesprek aangemaakt." in page.content()
    tray = page.locator("#planning-tray")
    first_slot = tray.locator("form.d-inline button").first
    slot_text = first_slot.inner_text()
    assert slot_text.endswith("09:00")
    first_slot.click()
    page.wait_for_load_state()
    assert "Gesprek bijgewerkt." in page.content() and "De planbak is leeg." in page.content()

    page.goto(f"{live_server}/admin/agenda/?week={tomorrow.isoformat()}")
    agenda = page.locator("#agenda")
    assert agenda.get_by_text("09:00–10:00").count() == 1
    assert "Bram Visser" in agenda.inner_text() and "Ingepland" in agenda.inner_text()
    shot("agenda-week")
    assert violations == [], violations
