"""Sign in and out through the real login form in Chromium."""

from __future__ import annotations

from tests.e2e.conftest import ADMIN_EMAIL, sign_in_page


def test_login_shows_dashboard_and_logout_ends_session(page, live_server, shot):
    page.goto(f"{live_server}/admin/")
    assert "/login" in page.url  # not signed in: sent to the login page
    sign_in_page(page, live_server, ADMIN_EMAIL, "wrong password")
    assert page.locator("text=/onjuist|ongeldig/i").count() >= 1
    sign_in_page(page, live_server, ADMIN_EMAIL)
    assert "/admin" in page.url
    assert page.locator("text=Open trajecten").count() >= 1
    shot("dashboard")
    page.click("#logout")
    page.wait_for_load_state()
    page.goto(f"{live_server}/admin/")
    assert "/login" in page.url
