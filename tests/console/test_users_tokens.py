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
    assert "E-mailadres: Geef een geldig e-mailadres." in page
    assert "Wachtwoord: Een wachtwoord heeft minstens 12 tekens." in page
    assert "Slack-id:" in page and "slack_user_id:" not in page
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
    assert "Naam: Er is al een token met de naam Dubbel." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).where(ApiToken.name == "Dubbel")) == 1


def test_last_login_is_listed_in_dutch_time(admin_client, db, admin_user):
    import datetime as dt

    admin_user.last_login_at = dt.datetime(2026, 7, 1, 6, 30)  # UTC; Amsterdam is UTC+2 in summer
    db.session.flush()
    page = admin_client.get("/admin/users/").get_data(as_text=True)
    assert "01-07-2026 08:30" in page and "06:30" not in page


def test_edit_form_shows_the_stored_role_and_language_and_saving_keeps_them(admin_client, db, create_user):
    user = create_user(role="casemanager", language="en")
    page = admin_client.get(f"/admin/users/edit/?id={user.id}").get_data(as_text=True)
    assert '<option selected value="casemanager">' in page or 'value="casemanager" selected' in page
    assert '<option selected value="en">' in page or 'value="en" selected' in page
    token = csrf_token(admin_client, f"/admin/users/edit/?id={user.id}")
    response = admin_client.post(
        f"/admin/users/edit/?id={user.id}",
        data={"name": "Andere Naam", "role": "casemanager", "language": "en", "csrf_token": token},
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.name, str(user.role), str(user.language)) == ("Andere Naam", "casemanager", "en")


def test_edit_refuses_an_unknown_role_and_changes_nothing(admin_client, db, casemanager):
    token = csrf_token(admin_client, f"/admin/users/edit/?id={casemanager.id}")
    admin_client.post(
        f"/admin/users/edit/?id={casemanager.id}",
        data={"name": "X", "role": "root", "language": "nl", "csrf_token": token},
    )
    db.session.refresh(casemanager)
    assert (casemanager.name, str(casemanager.role)) == ("Sanne de Wit", "casemanager")


def _token_for(db, user, name):
    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM
    from tests.conftest import NOW

    _row, secret = create_api_token(name=name, user=user, actor=SYSTEM, now=NOW)
    db.session.commit()
    return secret


def test_deactivating_a_user_kills_their_api_tokens(admin_client, client, db, casemanager):
    secret = _token_for(db, casemanager, "sanne-koppeling")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/employees/", headers=headers).status_code == 200
    token = csrf_token(admin_client, "/admin/users/")
    admin_client.post(
        "/admin/users/action/",
        data={"action": "deactivate", "rowid": [str(casemanager.id)], "csrf_token": token},
    )
    assert client.get("/api/v1/employees/", headers=headers).status_code == 401
    token = csrf_token(admin_client, "/admin/users/")
    admin_client.post(
        "/admin/users/action/",
        data={"action": "activate", "rowid": [str(casemanager.id)], "csrf_token": token},
    )
    assert client.get("/api/v1/employees/", headers=headers).status_code == 401  # revoked for good
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "sanne-koppeling"))
    assert row.active is False


def test_changing_a_users_role_kills_their_api_tokens_but_other_edits_do_not(
    admin_client, client, db, casemanager
):
    secret = _token_for(db, casemanager, "sanne-2")
    headers = {"Authorization": f"Bearer {secret}"}
    token = csrf_token(admin_client, f"/admin/users/edit/?id={casemanager.id}")
    admin_client.post(
        f"/admin/users/edit/?id={casemanager.id}",
        data={"name": "Sanne", "role": "casemanager", "language": "nl", "csrf_token": token},
    )
    assert client.get("/api/v1/employees/", headers=headers).status_code == 200
    token = csrf_token(admin_client, f"/admin/users/edit/?id={casemanager.id}")
    admin_client.post(
        f"/admin/users/edit/?id={casemanager.id}",
        data={"name": "Sanne", "role": "admin", "language": "nl", "csrf_token": token},
    )
    assert client.get("/api/v1/employees/", headers=headers).status_code == 401


def test_create_a_token_for_a_user_with_an_expiry_in_the_console(admin_client, db, casemanager):
    token = csrf_token(admin_client, "/admin/tokens/")
    response = admin_client.post(
        "/admin/tokens/create-token",
        data={"name": "Met einde", "user_id": str(casemanager.id), "expires_days": "30", "csrf_token": token},
    )
    assert response.headers["Cache-Control"] == "no-store"
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Met einde"))
    assert row.user_id == casemanager.id
    assert (row.expires_at - row.created_at).days == 30
    assert "Verloopt" in admin_client.get("/admin/tokens/").get_data(as_text=True)


def test_a_bad_expiry_in_the_console_names_the_field_and_creates_nothing(admin_client, db):
    token = csrf_token(admin_client, "/admin/tokens/")
    response = admin_client.post(
        "/admin/tokens/create-token",
        data={"name": "Fout", "expires_days": "morgen", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Geldigheid (dagen): Geef de geldigheid als een aantal dagen." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Fout")) is None
