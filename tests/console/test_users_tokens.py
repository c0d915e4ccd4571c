"""Users and API tokens in the console."""

from __future__ import annotations

import sqlalchemy as sa

from casework.accounts import find_token
from models import ApiToken, User

from .conftest import csrf_token


def users(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def test_create_a_user_through_the_engine(admin_client, db):
    token = csrf_token(admin_client, "/admin/new_user/")
    response = admin_client.post(
        "/admin/new_user/",
        data={
            "email": "Nieuw@Example.nl",
            "name": "Nieuwe Collega",
            "role": "casemanager",
            "slack_user_id": "U0NIEUW1",
            "language": "en",
            "password": "a long enough password",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "nieuw@example.nl"))
    assert (str(user.role), user.slack_user_id, str(user.language)) == ("casemanager", "U0NIEUW1", "en")
    assert user.password_hash.startswith("$argon2id$")
    assert "nieuw@example.nl" in admin_client.get("/admin/users/").get_data(as_text=True)


def test_bad_user_input_names_the_field_and_changes_nothing(admin_client, db):
    before = users(db)
    token = csrf_token(admin_client, "/admin/new_user/")
    response = admin_client.post(
        "/admin/new_user/",
        data={
            "email": "geen-adres",
            "role": "admin",
            "slack_user_id": "nope",
            "password": "kort",
            "csrf_token": token,
        },
    )
    page = response.get_data(as_text=True)
    assert "email: Geef een geldig e-mailadres." in page
    assert "password: Een wachtwoord heeft minstens 12 tekens." in page
    assert "slack_user_id:" in page
    assert users(db) == before


def test_edit_a_users_role_and_slack_id_ends_their_sessions(admin_client, db, casemanager):
    old_token = casemanager.session_token
    token = csrf_token(admin_client, f"/admin/users/edit/?id={casemanager.id}")
    response = admin_client.post(
        f"/admin/users/edit/?id={casemanager.id}",
        data={
            "name": "Sanne de Wit",
            "role": "admin",
            "slack_user_id": "U0SANNE9",
            "language": "nl",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.refresh(casemanager)
    assert (str(casemanager.role), casemanager.slack_user_id) == ("admin", "U0SANNE9")
    assert casemanager.session_token != old_token


def test_case_manager_may_not_create_users(cm_client, db):
    before = users(db)
    token = csrf_token(cm_client)
    response = cm_client.post(
        "/admin/new_user/", data={"email": "x@example.nl", "role": "admin", "csrf_token": token}
    )
    assert response.status_code == 403
    assert users(db) == before


def test_create_a_token_shown_once_stored_hashed_and_revoke_it(admin_client, db):
    token = csrf_token(admin_client, "/admin/tokens/")
    page = admin_client.post(
        "/admin/tokens/create-token", data={"name": "HR-koppeling", "csrf_token": token}
    ).get_data(as_text=True)
    secret = page.split('<pre id="token">')[1].split("</pre>")[0]
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "HR-koppeling"))
    assert secret.startswith("trj_") and secret not in (row.token_hash, row.prefix)
    assert find_token(secret).id == row.id
    listing = admin_client.get("/admin/tokens/").get_data(as_text=True)
    assert row.prefix in listing and secret not in listing and row.token_hash not in listing
    token = csrf_token(admin_client, "/admin/tokens/")
    admin_client.post(
        "/admin/tokens/action/", data={"action": "deactivate", "rowid": [str(row.id)], "csrf_token": token}
    )
    assert find_token(secret) is None


def test_duplicate_token_name_is_refused(admin_client, db):
    for _ in range(2):
        token = csrf_token(admin_client, "/admin/tokens/")
        response = admin_client.post(
            "/admin/tokens/create-token", data={"name": "Dubbel", "csrf_token": token}, follow_redirects=True
        )
    assert "name: Er is al een token met de naam Dubbel." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).where(ApiToken.name == "Dubbel")) == 1


def test_last_login_is_listed_in_dutch_time(admin_client, db, admin_user):
    import datetime as dt

    admin_user.last_login_at = dt.datetime(2026, 7, 1, 6, 30)  # UTC; Amsterdam is UTC+2 in summer
    db.session.flush()
    page = admin_client.get("/admin/users/").get_data(as_text=True)
    assert "01-07-2026 08:30" in page and "06:30" not in page
