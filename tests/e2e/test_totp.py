"""In the browser: an administrator who must have a second factor sets it up with the QR code right after the
password, lands on the dashboard, and signs in again later with a recovery code."""

from __future__ import annotations

import re

import pyotp

from .conftest import ADMIN_EMAIL, PASSWORD

REQUIRE_TOTP = "admin"  # this module's server asks administrators for a second factor (the default)


def test_an_administrator_sets_up_totp_and_signs_in_with_a_recovery_code(page, live_server, shot):
    page.set_default_timeout(15_000)
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", ADMIN_EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/login/setup$"))
    assert page.locator("#qr svg").is_visible()
    shot("setup")
    secret = page.inner_text("#secret").replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("#submit")
    codes = [code.strip() for code in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    shot("recovery-codes")
    page.click("#continue")
    page.wait_for_url(re.compile(r".*/admin/$"))
    assert page.locator("#logout").is_visible()
    page.click("#logout")
    page.wait_for_url(re.compile(r".*/login$"))
    page.fill("input[name=email]", ADMIN_EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/login/code$"))
    page.fill("#code", codes[0])
    page.click("#submit")
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.goto(f"{live_server}/admin/account/")
    assert "Ongebruikte herstelcodes: 9." in page.inner_text("#totp-status")
    shot("account")
