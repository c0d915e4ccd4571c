"""`traject users create` and `traject tokens create`."""

from __future__ import annotations

import sqlalchemy as sa

from casework.accounts import check_password, find_token
from console.cli import cli
from models import ApiToken, User


def test_users_create_reads_password_from_stdin(app, db):
    result = app.test_cli_runner().invoke(
        cli,
        [
            "users",
            "create",
            "Els.de.Vries@Example.nl",
            "--role",
            "casemanager",
            "--slack-id",
            "U0ELS1",
            "--password-stdin",
        ],
        input="correct horse battery\n",
    )
    assert result.exit_code == 0, result.output
    assert "Gebruiker els.de.vries@example.nl aangemaakt met de rol casemanager." in result.output
    assert "Wachtwoord" not in result.output
    user = db.session.scalar(sa.select(User).where(User.email == "els.de.vries@example.nl"))
    assert user.slack_user_id == "U0ELS1"
    assert user.password_hash.startswith("$argon2id$")
    assert check_password(user, "correct horse battery")
    assert not check_password(user, "wrong")


def test_users_create_generates_and_prints_a_password_once(app, db):
    result = app.test_cli_runner().invoke(cli, ["users", "create", "beheer@example.nl", "--role", "admin"])
    assert result.exit_code == 0, result.output
    password = result.output.split("Wachtwoord (wordt één keer getoond): ")[1].strip()
    user = db.session.scalar(sa.select(User).where(User.email == "beheer@example.nl"))
    assert check_password(user, password)


def test_users_create_refuses_bad_input_and_changes_nothing(app, db):
    runner = app.test_cli_runner()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(User))
    bad_email = runner.invoke(cli, ["users", "create", "not-an-email", "--role", "admin"])
    assert bad_email.exit_code == 1
    assert "Fout: EMAIL: Geef een geldig e-mailadres." in bad_email.output
    short = runner.invoke(
        cli, ["users", "create", "a@example.nl", "--role", "admin", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 1
    assert "Fout: wachtwoord: Een wachtwoord heeft minstens 12 tekens." in short.output
    bad_slack = runner.invoke(
        cli, ["users", "create", "b@example.nl", "--role", "admin", "--slack-id", "nope"]
    )
    assert "Fout: --slack-id:" in bad_slack.output
    bad_role = runner.invoke(cli, ["users", "create", "c@example.nl", "--role", "root"])
    assert bad_role.exit_code == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == before
    runner.invoke(cli, ["users", "create", "d@example.nl", "--role", "admin"])
    duplicate = runner.invoke(cli, ["users", "create", "D@example.nl", "--role", "admin"])
    assert "Er is al een gebruiker met e-mailadres d@example.nl." in duplicate.output


def test_tokens_create_prints_once_and_stores_only_a_hash(app, db):
    result = app.test_cli_runner().invoke(cli, ["tokens", "create", "HR-koppeling"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("trj_") and len(token) > 40
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "HR-koppeling"))
    assert token not in (row.token_hash, row.prefix)
    assert find_token(token).id == row.id
    assert find_token(token + "x") is None
    again = app.test_cli_runner().invoke(cli, ["tokens", "create", "HR-koppeling"])
    assert again.exit_code == 1 and "Fout: naam: Er is al een token met de naam HR-koppeling." in again.output


def test_tokens_create_with_user_and_expiry_then_list_and_revoke(app, db, client, casemanager):
    runner = app.test_cli_runner()
    result = runner.invoke(
        cli, ["tokens", "create", "Sanne-HR", "--user", casemanager.email, "--expires-days", "90"]
    )
    assert result.exit_code == 0, result.output
    assert ", geldig tot " in result.output
    secret = result.output.strip().splitlines()[-1]
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Sanne-HR"))
    assert row.user_id == casemanager.id and (row.expires_at - row.created_at).days == 90
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/employees/", headers=headers).status_code == 200
    listing = runner.invoke(cli, ["tokens", "list"])
    line = next(x for x in listing.output.splitlines() if x.startswith("Sanne-HR\t"))
    assert f"\t{row.prefix}\t{casemanager.email}\tactief\t" in line and secret not in listing.output
    revoked = runner.invoke(cli, ["tokens", "revoke", "Sanne-HR"])
    assert revoked.exit_code == 0 and "API-token \u201cSanne-HR\u201d ingetrokken." in revoked.output
    assert client.get("/api/v1/employees/", headers=headers).status_code == 401
    listing = runner.invoke(cli, ["tokens", "list"])
    assert "\tingetrokken\t" in next(x for x in listing.output.splitlines() if x.startswith("Sanne-HR\t"))


def test_tokens_refuse_bad_expiry_and_unknown_names(app, db):
    runner = app.test_cli_runner()
    bad = runner.invoke(cli, ["tokens", "create", "Nul", "--expires-days", "0"])
    assert (
        bad.exit_code == 1 and "Fout: --expires-days: Geef een geldigheid van 1 tot 3650 dagen." in bad.output
    )
    assert db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Nul")) is None
    unknown = runner.invoke(cli, ["tokens", "revoke", "bestaat-niet"])
    assert unknown.exit_code == 1 and "Fout: naam: Geen API-token met de naam bestaat-niet." in unknown.output
