"""The report page in Chromium: choose a period and grouping, see the table and the SVG charts, no CSP error."""

from __future__ import annotations

import datetime as dt

import pytest

from casework.demo import load_demo
from models import db
from tests.e2e.conftest import CASEMANAGER_EMAIL, sign_in_page


@pytest.fixture(scope="module")
def demo_data(live_app):
    """The demo data set (employers, trajectories in every state) in this module's database."""
    with live_app.app_context():
        load_demo(dt.datetime.now(dt.UTC).replace(tzinfo=None))
        db.session.commit()
        db.session.remove()


def console_problems(page) -> list[str]:
    """Collect every console error and page error (a CSP violation is logged as a console error)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_report_page_switches_grouping_and_draws_charts(admin_page, live_server, demo_data, shot):
    problems = console_problems(admin_page)
    admin_page.goto(f"{live_server}/admin/")
    admin_page.click('text="Rapportage"')  # exactly: "Productrapportage" is in the menu too
    admin_page.wait_for_load_state()
    assert "/admin/reports/" in admin_page.url
    year_start = dt.date.today().replace(month=1, day=1).isoformat()
    assert admin_page.input_value("#van") == year_start  # default: the current year to date
    start = (dt.date.today() - dt.timedelta(days=365)).isoformat()
    admin_page.fill("#van", start)
    admin_page.select_option("#per", label="Werkgever")
    admin_page.click("#show-report")
    admin_page.wait_for_load_state()
    assert "per=employer" in admin_page.url and f"van={start}" in admin_page.url
    assert admin_page.locator("#report-period").inner_text().endswith("per werkgever.")
    headings = admin_page.locator("#report-table-trajectories thead th").all_inner_texts()
    assert headings[:3] == ["Groep", "Trajecten geopend", "Trajecten gesloten"] and len(headings) == 17
    groups = admin_page.locator("#report-table-trajectories tbody th").all_inner_texts()
    assert "Bakkerij De Korenschoof B.V." in groups and len(groups) >= 2
    flow = admin_page.locator("svg#chart-flow")
    assert flow.is_visible() and flow.bounding_box()["height"] > 50
    assert admin_page.locator("svg#chart-flow rect.bar").count() == 2 * len(groups)
    assert admin_page.locator("svg#chart-outflow-rate").is_visible()
    shot("report-per-werkgever")
    admin_page.select_option("#per", label="Maand")
    admin_page.click("#show-report")
    admin_page.wait_for_load_state()
    months = admin_page.locator("#report-table-trajectories tbody th").all_inner_texts()
    assert months == sorted(months) and all(len(m) == 7 and m[4] == "-" for m in months)
    shot("report-per-maand")
    assert problems == []


def test_report_page_refuses_a_reversed_period_in_the_browser(admin_page, live_server, demo_data):
    problems = console_problems(admin_page)
    admin_page.goto(f"{live_server}/admin/reports/?van=2026-03-31&tot=2026-01-01&per=none")
    assert "Tot: de einddatum ligt voor de begindatum." in admin_page.locator(".alert-danger").inner_text()
    assert admin_page.locator(".report-table").count() == 0 and admin_page.locator("svg").count() == 0
    assert problems == []


def test_case_manager_sees_only_their_own_caseload(page, live_server, demo_data):
    page.set_default_timeout(15_000)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)
    page.goto(f"{live_server}/admin/reports/?per=employer")
    assert "Cijfers van je eigen caseload." in page.content()
    assert page.locator("#report-empty").inner_text() == "Geen trajecten of verzuimmeldingen in deze periode."
