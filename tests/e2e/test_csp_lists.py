"""Every list page of the console runs under the CSP: Chromium reports no blocked inline handler or script."""

from __future__ import annotations

import pytest

LISTS = ("regions", "programmes", "employers", "users", "tokens", "dossiers", "trajectory_templates")


@pytest.mark.parametrize("endpoint", LISTS)
def test_list_page_has_no_csp_violation(admin_page, live_server, endpoint):
    page = admin_page
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(f"{live_server}/admin/{endpoint}/")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("table").count() >= 1
    assert violations == [], violations
