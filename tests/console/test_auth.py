"""Signing in and out: argon2 passwords, session tokens, rate limiting and the log book."""

from __future__ import annotations

import sqlalchemy as sa

from models import LogEntry, User

from .conftest import PASSWORD, csrf_token, sign_in


def login(client, email, password, address="10.0.0.1"):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_login_with_the_right_password_opens_the_dashboard_and_is_logged(
    client, db, casemanager, with_password
):
    # (an administrator sets up a second factor first: tests/console/test_totp.py)
    with_password(casemanager)
    response = login(client, casemanager.email, PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
    page = client.get("/admin/").get_data(as_text=True)
    assert "Overzicht" in page and "Open trajecten" in page
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "login.succeeded"))
    assert entry.actor_id == casemanager.id


def test_wrong_password_is_refused_and_logged(client, db, admin_user, with_password):
    with_password(admin_user)
    response = login(client, admin_user.email, "wrong password here")
    assert response.status_code == 401
    assert "Onbekend e-mailadres of onjuist wachtwoord." in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).where(LogEntry.action == "login.failed")) == 1


def test_login_without_csrf_token_is_refused(client, admin_user, with_password):
    with_password(admin_user)
    response = client.post("/login", data={"email": admin_user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_ten_failures_block_the_account_even_with_the_right_password(client, db, admin_user, with_password):
    with_password(admin_user)
    for n in range(10):
        login(client, admin_user.email, "wrong", address=f"10.0.1.{n}")
    response = login(client, admin_user.email, PASSWORD, address="10.0.2.1")
    assert response.status_code == 401
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_ten_failures_from_one_address_block_that_address(client, db, admin_user, with_password):
    with_password(admin_user)
    for n in range(10):
        login(client, f"nobody{n}@example.nl", "wrong", address="10.9.9.9")
    assert "Te veel mislukte pogingen" in login(client, admin_user.email, PASSWORD, "10.9.9.9").get_data(
        as_text=True
    )
    assert login(client, admin_user.email, PASSWORD, "10.9.9.8").status_code == 302


def test_logout_ends_the_session(admin_client, db, admin_user):
    token = csrf_token(admin_client)
    assert admin_client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert admin_client.get("/admin/").status_code == 302


def test_deactivating_a_user_ends_their_sessions(client, db, app, admin_user, create_user):
    other = create_user(role="admin")
    other_client = sign_in(app.test_client(), other)
    assert other_client.get("/admin/").status_code == 200
    sign_in(client, admin_user)
    token = csrf_token(client)
    response = client.post(
        "/admin/users/action/",
        data={"action": "deactivate", "rowid": [str(other.id)], "csrf_token": token},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, other.id).active is False
    assert other_client.get("/admin/").status_code == 302


def test_home_for_a_signed_in_user_is_the_dashboard(admin_client):
    response = admin_client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
