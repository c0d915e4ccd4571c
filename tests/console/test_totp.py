"""The second factor (TOTP, RFC 6238): required for administrators by default, set up with a QR code right
after the password step, asked at every sign-in, recovery codes single use, `traject users reset-totp`."""

from __future__ import annotations

import datetime as dt
import html
import re

import pyotp
import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.totp import enrol_totp
from console.cli import cli
from console.config import ConfigError, from_environment, validate
from models import LogEntry, RecoveryCode, User

from .conftest import PASSWORD, csrf_token, sign_in

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def password_step(client, email, query=""):
    token = csrf_token(client)
    return client.post(f"/login{query}", data={"email": email, "password": PASSWORD, "csrf_token": token})


def post_code(client, path, code):
    return client.post(path, data={"code": code, "csrf_token": csrf_token(client, path)})


def renew(client, code):
    token = csrf_token(client, "/admin/account/")
    return client.post("/admin/account/recovery-codes/", data={"code": code, "csrf_token": token})


def code_at(moment: dt.datetime, secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).at(moment)


@pytest.fixture
def admin(admin_user, with_password):
    """An administrator with the test password and no second factor yet."""
    return with_password(admin_user)


@pytest.fixture
def enrolled(db, admin):
    """The administrator with SECRET as second factor (set up at T0); returns (user, recovery codes)."""
    codes = enrol_totp(admin, SECRET, code_at(T0), actor=Actor(admin), now=T0.replace(tzinfo=None))
    db.session.flush()
    return admin, codes


def test_an_administrator_sets_up_the_second_factor_right_after_the_password(client, db, admin):
    with time_machine.travel(T0, tick=False):
        response = password_step(client, admin.email, "?next=/admin/dossiers/")
        assert response.status_code == 302 and response.headers["Location"] == "/login/setup"
        assert client.get("/admin/").status_code == 302  # not signed in yet
        page = client.get("/login/setup").get_data(as_text=True)
        assert "<svg" in page and "QR-code" in page and "<script" not in page.split("</head>")[1]
        secret = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
        wrong = post_code(client, "/login/setup", "000000" if code_at(T0, secret) != "000000" else "111111")
        assert wrong.status_code == 422 and "De code klopt niet" in wrong.get_data(as_text=True)
        done = post_code(client, "/login/setup", code_at(T0, secret))
        assert done.status_code == 200
        codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.get_data(as_text=True))
        assert len(codes) == 10 and 'href="/admin/dossiers/"' in done.get_data(as_text=True)
        assert client.get("/admin/").status_code == 200
    db.session.expire_all()
    user = db.session.get(User, admin.id)
    assert user.totp_secret == secret
    stored = db.session.scalars(
        sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == admin.id)
    ).all()
    assert len(stored) == 10 and not set(stored) & {c.replace("-", "") for c in codes}


def test_the_setup_page_needs_the_password_step(client, db):
    assert client.get("/login/setup").headers["Location"] == "/login"
    assert client.get("/login/code").headers["Location"] == "/login"


def test_sign_in_asks_for_the_code_and_accepts_it_once(app, client, db, enrolled):
    user, _codes = enrolled
    moment = T0 + dt.timedelta(minutes=10)
    with time_machine.travel(moment, tick=False):
        response = password_step(client, user.email)
        assert response.headers["Location"] == "/login/code"
        assert client.get("/admin/").status_code == 302
        wrong = post_code(client, "/login/code", "123456" if code_at(moment) != "123456" else "654321")
        assert wrong.status_code == 401 and "De code klopt niet." in wrong.get_data(as_text=True)
        right = post_code(client, "/login/code", code_at(moment))
        assert right.status_code == 302 and right.headers["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        # the same code again, from another browser that also knows the password: refused
        other = app.test_client()
        password_step(other, user.email)
        assert post_code(other, "/login/code", code_at(moment)).status_code == 401
        assert other.get("/admin/").status_code == 302
    failed = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "login.failed")).all()
    assert len(failed) == 2 and all(entry.details["email"] == user.email for entry in failed)


def test_wrong_codes_count_towards_the_lock(client, db, enrolled):
    user, _codes = enrolled
    moment = T0 + dt.timedelta(minutes=10)
    with time_machine.travel(moment, tick=False):
        password_step(client, user.email)
        for _ in range(10):
            post_code(client, "/login/code", "999999" if code_at(moment) != "999999" else "888888")
        response = post_code(client, "/login/code", code_at(moment))
        assert "Te veel mislukte pogingen" in response.get_data(as_text=True)
        assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(app, client, db, enrolled):
    user, codes = enrolled
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
        password_step(client, user.email)
        assert post_code(client, "/login/code", codes[0].upper()).status_code == 302
        assert client.get("/admin/").status_code == 200
        again = app.test_client()
        password_step(again, user.email)
        assert post_code(again, "/login/code", codes[0]).status_code == 401
        account = client.get("/admin/account/").get_data(as_text=True)
        assert "Ongebruikte herstelcodes: 9." in account


def test_the_password_step_counts_for_five_minutes(client, db, enrolled):
    user, _codes = enrolled
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False) as clock:
        password_step(client, user.email)
        token = csrf_token(client, "/login/code")
        clock.shift(dt.timedelta(minutes=6))
        code = code_at(T0 + dt.timedelta(minutes=16))
        response = client.post("/login/code", data={"code": code, "csrf_token": token})
        assert response.headers["Location"] == "/login"
        assert client.get("/admin/").status_code == 302


def test_who_must_have_a_second_factor_is_configurable(
    app, client, db, casemanager, admin, with_password, monkeypatch
):
    with_password(casemanager)
    assert password_step(app.test_client(), casemanager.email).headers["Location"] == "/admin/"
    monkeypatch.setitem(app.config, "TRAJECT_REQUIRE_TOTP", "all")
    assert password_step(app.test_client(), casemanager.email).headers["Location"] == "/login/setup"
    monkeypatch.setitem(app.config, "TRAJECT_REQUIRE_TOTP", "none")
    assert password_step(app.test_client(), admin.email).headers["Location"] == "/admin/"


def test_require_totp_comes_from_the_environment_and_is_checked(tmp_path):
    assert from_environment(str(tmp_path), {})["TRAJECT_REQUIRE_TOTP"] == "admin"
    assert from_environment(str(tmp_path), {"TRAJECT_REQUIRE_TOTP": "All"})["TRAJECT_REQUIRE_TOTP"] == "all"
    settings = from_environment(str(tmp_path), {"TRAJECT_REQUIRE_TOTP": "sometimes", "SECRET_KEY": "k"})
    with pytest.raises(ConfigError, match="TRAJECT_REQUIRE_TOTP"):
        validate(settings)


def test_a_case_manager_sets_up_the_second_factor_on_their_account_page(client, db, casemanager):
    with time_machine.travel(T0, tick=False):
        sign_in(client, casemanager)
        assert 'id="totp-setup"' in client.get("/admin/account/").get_data(as_text=True)
        page = client.get("/admin/account/totp/").get_data(as_text=True)
        secret = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
        done = post_code(client, "/admin/account/totp/", code_at(T0, secret))
        assert len(re.findall(r"<li><code>", done.get_data(as_text=True))) == 10
        assert "Aan: bij het aanmelden" in html.unescape(client.get("/admin/account/").get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(User, casemanager.id).totp_secret == secret


def test_reset_totp_removes_the_second_factor_and_ends_the_sessions(app, db, enrolled):
    user, _codes = enrolled
    browser = sign_in(app.test_client(), user)
    assert browser.get("/admin/").status_code == 200
    result = app.test_cli_runner().invoke(cli, ["users", "reset-totp", user.email.upper()])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    fresh = db.session.get(User, user.id)
    assert fresh.totp_secret is None
    assert db.session.scalar(sa.select(sa.func.count()).where(RecoveryCode.user_id == user.id)) == 0
    assert browser.get("/admin/").status_code == 302
    assert password_step(app.test_client(), user.email).headers["Location"] == "/login/setup"
    assert db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "user.totp_reset"))
    unknown = app.test_cli_runner().invoke(cli, ["users", "reset-totp", "niemand@example.nl"])
    assert (
        unknown.exit_code == 1
        and "Er is geen gebruiker met e-mailadres niemand@example.nl." in unknown.output
    )


def test_a_user_renews_the_recovery_codes_with_a_code_from_the_app(app, client, db, enrolled):
    user, old_codes = enrolled
    moment = T0 + dt.timedelta(minutes=10)
    with time_machine.travel(moment, tick=False):
        password_step(client, user.email)
        assert post_code(client, "/login/code", code_at(moment)).status_code == 302
        account = html.unescape(client.get("/admin/account/").get_data(as_text=True))
        assert "Nieuwe herstelcodes maken" in account
        # the code just used to sign in cannot be used again, nor can a wrong one
        replay = renew(client, code_at(moment))
        assert replay.status_code == 302
        page = html.unescape(client.get("/admin/account/").get_data(as_text=True))
        assert "Code uit de app: De code klopt niet." in page
        assert "Ongebruikte herstelcodes: 10." in page
    later = moment + dt.timedelta(seconds=60)
    with time_machine.travel(later, tick=False):
        done = renew(client, code_at(later))
        assert done.status_code == 200
        new_codes = re.findall(r"<li><code>([^<]+)</code>", done.get_data(as_text=True))
        assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    with time_machine.travel(later + dt.timedelta(minutes=1), tick=False):
        for code, works in ((old_codes[1], False), (new_codes[0], True)):
            browser = app.test_client()
            password_step(browser, user.email)
            assert (post_code(browser, "/login/code", code).status_code == 302) is works
    actions = db.session.scalars(sa.select(LogEntry.action).where(LogEntry.subject_id == user.id)).all()
    assert "user.recovery_codes_renewed" in actions
    refused = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "login.failed")).all()
    assert [entry.details.get("step") for entry in refused][:1] == ["recovery_codes"]


def test_renewing_recovery_codes_counts_towards_the_sign_in_lock(client, db, enrolled):
    user, _codes = enrolled
    moment = T0 + dt.timedelta(minutes=10)
    with time_machine.travel(moment, tick=False):
        password_step(client, user.email)
        post_code(client, "/login/code", code_at(moment))
        wrong = "999999" if code_at(moment) != "999999" else "888888"
        for _ in range(10):
            renew(client, wrong)
        before = db.session.scalar(sa.select(sa.func.count()).select_from(RecoveryCode))
        renew(client, code_at(moment + dt.timedelta(seconds=30)))
        page = html.unescape(client.get("/admin/account/").get_data(as_text=True))
        assert "Te veel mislukte pogingen" in page
    db.session.expire_all()
    unused = db.session.scalar(
        sa.select(sa.func.count()).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    assert before == 10 and unused == 10
