"""Passwords: users change their own (giving the old one); common passwords and the e-mail address are refused;
an unknown e-mail costs the same argon2 work as a wrong password."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from casework import accounts
from casework.accounts import check_password
from models import LogEntry, User

from .conftest import PASSWORD, csrf_token, sign_in

NEW = "zeven kleine walvissen zingen"


def sign_in_form(client, email, password=PASSWORD):
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )


def change(client, old, new, repeat=None):
    token = csrf_token(client, "/admin/account/")
    data = {"old_password": old, "new_password": new, "repeat": new if repeat is None else repeat}
    return client.post("/admin/account/", data={**data, "csrf_token": token})


@pytest.fixture
def member(casemanager, with_password):
    """A case manager with the test password (e-mail sanne.dewit@example.nl)."""
    casemanager.email = "sanne.dewit@example.nl"
    return with_password(casemanager)


def test_a_user_changes_their_own_password_and_other_sessions_end(app, client, db, member):
    other_browser = sign_in(app.test_client(), member)
    sign_in_form(client, member.email)
    response = change(client, PASSWORD, NEW)
    assert response.status_code == 302
    assert "Wachtwoord gewijzigd" in client.get("/admin/account/").get_data(as_text=True)
    db.session.expire_all()
    assert check_password(db.session.get(User, member.id), NEW)
    assert other_browser.get("/admin/").status_code == 302  # signed out elsewhere
    assert client.get("/admin/").status_code == 200  # still signed in here
    assert db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "user.password_changed"))
    fresh = app.test_client()
    assert sign_in_form(fresh, member.email, PASSWORD).status_code == 401
    assert sign_in_form(fresh, member.email, NEW).status_code == 302


@pytest.mark.parametrize(
    "old,new,repeat,message",
    [
        ("wrong password here", NEW, NEW, "Huidig wachtwoord: Het huidige wachtwoord klopt niet."),
        (PASSWORD, "kort", "kort", "Nieuw wachtwoord: Een wachtwoord heeft minstens 12 tekens."),
        (PASSWORD, "wachtwoord123", "wachtwoord123", "Nieuw wachtwoord: Dit wachtwoord wordt veel gebruikt"),
        (PASSWORD, "Welkom2026!!!", "Welkom2026!!!", "Nieuw wachtwoord: Dit wachtwoord wordt veel gebruikt"),
        (PASSWORD, "qwertyuiop123", "qwertyuiop123", "Nieuw wachtwoord: Dit wachtwoord wordt veel gebruikt"),
        (PASSWORD, "Sanne.Dewit@example.nl!", "Sanne.Dewit@example.nl!", "mag uw e-mailadres niet bevatten"),
        (PASSWORD, "ik ben sanne.dewit, hoi", "ik ben sanne.dewit, hoi", "mag uw e-mailadres niet bevatten"),
        (PASSWORD, NEW, NEW + "x", "Herhaling nieuw wachtwoord: De herhaling is niet gelijk"),
    ],
)
def test_a_bad_new_password_is_refused_naming_the_field(client, db, member, old, new, repeat, message):
    sign_in_form(client, member.email)
    before = member.password_hash
    response = change(client, old, new, repeat)
    assert response.status_code == 422
    assert message in html.unescape(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(User, member.id).password_hash == before


def test_a_new_user_cannot_get_a_common_password(app, db):
    from console.cli import cli

    result = app.test_cli_runner().invoke(
        cli,
        ["users", "create", "nieuw@example.nl", "--role", "casemanager", "--password-stdin"],
        input="Password1234!\n",
    )
    assert result.exit_code != 0
    assert "Dit wachtwoord wordt veel gebruikt" in result.output
    assert db.session.scalar(sa.select(User).where(User.email == "nieuw@example.nl")) is None


def test_an_unknown_email_costs_the_same_argon2_work_as_a_wrong_password(client, db, member, monkeypatch):
    checks: list[str] = []
    real = accounts._hasher

    class Counting:
        def verify(self, stored, password):
            checks.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(accounts, "_hasher", Counting())
    assert sign_in_form(client, "niemand@example.nl", "wrong password here").status_code == 401
    assert sign_in_form(client, member.email, "wrong password here").status_code == 401
    assert len(checks) == 2
    assert all(stored.startswith("$argon2id$") for stored in checks)
