"""The navbar's language switch in Chromium: English on the next page, Dutch again after switching back."""

from __future__ import annotations


def test_switch_to_english_and_back(admin_page, live_server, shot):
    page = admin_page
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server}/admin/")
    assert page.locator("text=Open trajecten").count() == 1
    page.click("#language-en")
    page.wait_for_load_state()
    assert page.locator("text=Open trajectories").count() == 1
    assert page.locator("#logout").inner_text() == "Sign out"
    shot("english")
    page.click("#language-nl")
    page.wait_for_load_state()
    assert page.locator("text=Open trajecten").count() == 1
    assert page.locator("#logout").inner_text() == "Afmelden"
    assert violations == []
