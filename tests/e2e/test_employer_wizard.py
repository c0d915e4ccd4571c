"""Register an employer in four steps in Chromium and see which trajectory templates it may start today."""

from __future__ import annotations

import datetime as dt


def test_register_an_employer_in_four_steps(admin_page, live_server, shot):
    page = admin_page
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    page.goto(f"{live_server}/admin/employers/")
    page.click("#new-employer")
    page.wait_for_load_state()
    page.fill("#name", "Browserbakkerij B.V.")
    page.fill("#kvk_number", "123")  # refused: not 8 digits
    page.click("#next")
    page.wait_for_load_state()
    assert page.locator('[data-field="kvk_number"]').inner_text() == "Een KvK-nummer bestaat uit 8 cijfers."
    shot("1-werkgever-geweigerd")
    page.fill("#kvk_number", "87654321")
    page.fill("#address", "Ovenweg 3")
    page.fill("#postcode", "3512 AB")
    page.fill("#city", "Utrecht")
    shot("1-werkgever")
    page.click("#next")
    page.wait_for_load_state()

    assert page.locator("#employer-name").inner_text() == "Browserbakkerij B.V."
    page.select_option("#referrer_id", index=1)
    shot("2-label-en-aanmelder")
    page.click("#next")
    page.wait_for_load_state()

    assert "Stap 3" in page.locator("h2").inner_text()
    page.select_option("#insurance_product_id", index=0)
    page.fill("#policy_number", "BB-2026-01")
    page.fill("#start_date", "2026-01-01")
    page.click("#add-policy")
    page.wait_for_load_state()
    assert "BB-2026-01" in page.locator("#policies").inner_text()
    shot("3-polissen")
    page.click("#next")
    page.wait_for_load_state()

    today = dt.date.today()
    page.select_option("#service_variation_id", label="WVP De luxe")
    page.fill("#start_date", today.isoformat())
    page.fill("#end_date", (today - dt.timedelta(days=1)).isoformat())  # refused: ends before it starts
    page.click("#add-agreement")
    page.wait_for_load_state()
    assert page.locator('[data-field="end_date"]').inner_text() == "De einddatum ligt vóór de begindatum."
    page.fill("#end_date", "")
    page.select_option("#contract_model_id", index=1)
    page.click("#add-agreement")
    page.wait_for_load_state()
    assert "WVP De luxe" in page.locator("#agreements").inner_text()
    shot("4-dienstverleningsovereenkomsten")
    page.click("#finish")
    page.wait_for_load_state()

    allowed = page.locator("#allowed-templates tr.allowed")
    assert allowed.count() == 1
    assert (
        "Inzet interventie" in allowed.inner_text() and "toegestaan door WVP De luxe" in allowed.inner_text()
    )
    shot("5-werkgever")
    assert violations == [], violations  # the list, the wizard and the employer page run under the CSP
