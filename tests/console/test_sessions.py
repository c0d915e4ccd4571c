"""Sessions: redirects stay on this site, sign-out and time-outs end the session on the server, renewal at
sign-in and the __Host- cookie."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from console.config import ConfigError, from_environment, validate
from models import UserSession

from .conftest import PASSWORD, csrf_token

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def sign_in_form(client, email, password=PASSWORD, query=""):
    token = csrf_token(client)
    return client.post(f"/login{query}", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def member(casemanager, with_password):
    """A case manager with the test password."""
    return with_password(casemanager)


@pytest.mark.parametrize(
    "query",
    [
        "?next=/%09/evil.example",
        "?next=/%0a/evil.example",
        "?next=//evil.example",
        "?next=/\\evil.example",
        "?next=/%5Cevil.example",
        "?next=https://evil.example/",
        "?next=/%2509/evil.example",
    ],
)
def test_next_after_sign_in_never_leaves_the_site(client, db, member, query):
    response = sign_in_form(client, member.email, query=query)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_next_after_sign_in_goes_to_a_page_of_this_site(client, db, member):
    response = sign_in_form(client, member.email, query="?next=/admin/dossiers/%3Fq%3DJan")
    assert response.headers["Location"] == "/admin/dossiers/?q=Jan"


@pytest.mark.parametrize(
    "target", ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://x.example"]
)
def test_language_switch_never_leaves_the_site(client, db, member, target):
    sign_in_form(client, member.email)
    token = csrf_token(client, "/admin/")
    response = client.post("/account/language", data={"language": "en", "next": target, "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"


def test_sign_out_ends_the_session_so_a_copied_cookie_no_longer_works(app, client, db, member):
    sign_in_form(client, member.email)
    copied = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/admin/").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/")}).status_code == 302
    response = thief.get("/admin/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).where(UserSession.user_id == member.id)) == 0


def test_a_session_ends_after_thirty_minutes_without_activity(client, db, member):
    with time_machine.travel(T0, tick=False) as clock:
        sign_in_form(client, member.email)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200
        clock.shift(dt.timedelta(minutes=29))  # 58 minutes after sign-in, 29 after the last page
        assert client.get("/admin/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/admin/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        clock.shift(dt.timedelta(minutes=-30))  # an old cookie does not come back to life either
        assert client.get("/admin/").status_code == 302


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(client, db, member):
    with time_machine.travel(T0, tick=False) as clock:
        sign_in_form(client, member.email)
        for _ in range(35):  # a page every 20 minutes: 11 hours 40 minutes
            clock.shift(dt.timedelta(minutes=20))
            assert client.get("/admin/").status_code == 200
        clock.shift(dt.timedelta(minutes=21))
        response = client.get("/admin/")
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_sign_in_renews_the_session_and_the_csrf_token(client, db, member):
    before = csrf_token(client)
    anonymous_cookie = client.get_cookie("session").value
    sign_in_form(client, member.email)
    assert client.get_cookie("session").value != anonymous_cookie
    # the token of the page before signing in no longer counts: a planted session gains nothing
    assert client.post("/logout", data={"csrf_token": before}).status_code == 400
    assert client.get("/admin/").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/")}).status_code == 302


def test_with_secure_cookies_the_session_cookie_has_the_host_prefix(make_app):
    app = make_app(TRAJECT_SECURE_COOKIES=True)
    response = app.test_client().get("/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie and "HttpOnly" in cookie


def test_idle_minutes_come_from_the_environment_and_are_checked(tmp_path):
    settings = from_environment(str(tmp_path), {"TRAJECT_SESSION_IDLE_MINUTES": "5", "SECRET_KEY": "k"})
    assert settings["TRAJECT_SESSION_IDLE_MINUTES"] == 5
    assert from_environment(str(tmp_path), {})["TRAJECT_SESSION_IDLE_MINUTES"] == 30
    for wrong in ("abc", "0", "-3"):
        settings = from_environment(str(tmp_path), {"TRAJECT_SESSION_IDLE_MINUTES": wrong, "SECRET_KEY": "k"})
        with pytest.raises(ConfigError, match="TRAJECT_SESSION_IDLE_MINUTES"):
            validate(settings)


def test_a_shorter_idle_time_is_honoured(make_app):
    from flask_migrate import upgrade

    from casework.accounts import create_user
    from casework.logbook import SYSTEM
    from models import db as _db

    app = make_app(TRAJECT_SESSION_IDLE_MINUTES=5)
    with app.app_context():
        upgrade()
        create_user(
            email="kort@example.nl",
            role="casemanager",
            actor=SYSTEM,
            now=T0.replace(tzinfo=None),
            password=PASSWORD,
        )
        _db.session.commit()
    client = app.test_client()
    with time_machine.travel(T0, tick=False) as clock:
        sign_in_form(client, "kort@example.nl")
        clock.shift(dt.timedelta(minutes=4))
        assert client.get("/admin/").status_code == 200
        clock.shift(dt.timedelta(minutes=6))
        assert client.get("/admin/").status_code == 302
