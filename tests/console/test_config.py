"""The application factory reads the environment and refuses a configuration that cannot work."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from console import ConfigError, create_app
from console.config import from_environment, validate
from models import db


def test_missing_secret_key_outside_debug_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("TRAJECT_DEBUG", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ConfigError, match="SECRET_KEY is niet ingesteld"):
        create_app()


def test_debug_and_testing_may_run_without_secret_key(tmp_path):
    app = create_app(
        {"TESTING": True, "SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'a.db'}"}
    )
    assert len(app.config["SECRET_KEY"]) == 64


def test_environment_is_read(tmp_path):
    settings = from_environment(
        str(tmp_path),
        {
            "DATABASE_URL": "postgres://u:p@db.internal/traject",
            "SECRET_KEY": "s3cret",
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "sig",
            "SLACK_APP_TOKEN": "xapp-1",
            "SLACK_API_URL": "http://127.0.0.1:1234/api/",
            "TRAJECT_LANGUAGE": "EN",
        },
    )
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal/traject"
    assert settings["SLACK_API_URL"] == "http://127.0.0.1:1234/api/"
    assert settings["TRAJECT_LANGUAGE"] == "en"
    assert (settings["SLACK_BOT_TOKEN"], settings["SLACK_SIGNING_SECRET"], settings["SLACK_APP_TOKEN"]) == (
        "xoxb-1",
        "sig",
        "xapp-1",
    )


def test_defaults(tmp_path):
    settings = from_environment(str(tmp_path), {})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'traject.db'}"
    assert settings["SLACK_API_URL"] == "https://slack.com/api/"
    assert settings["TRAJECT_LANGUAGE"] == "nl"
    assert settings["TRAJECT_SLACK_THREADS"] == 10
    assert settings["TRAJECT_REPORT_MAX_AGE"] == 300


def test_slack_threads_come_from_the_environment(tmp_path):
    settings = from_environment(str(tmp_path), {"SECRET_KEY": "k", "TRAJECT_SLACK_THREADS": "24"})
    validate(settings)
    assert settings["TRAJECT_SLACK_THREADS"] == 24


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"TRAJECT_LANGUAGE": "de"}, "TRAJECT_LANGUAGE moet 'nl' of 'en' zijn"),
        ({"SQLALCHEMY_DATABASE_URI": "mysql://x/y"}, "DATABASE_URL moet een"),
        ({"BABEL_DEFAULT_TIMEZONE": "Europe/Atlantis"}, "TRAJECT_TIMEZONE moet een tijdzone zijn"),
        ({"TRAJECT_SLACK_THREADS": 0}, "TRAJECT_SLACK_THREADS moet een heel getal van 1 tot en met 100 zijn"),
        (
            {"TRAJECT_SLACK_THREADS": "veel"},
            "TRAJECT_SLACK_THREADS moet een heel getal van 1 tot en met 100 zijn",
        ),
        (
            {"TRAJECT_REPORT_MAX_AGE": -1},
            "TRAJECT_REPORT_MAX_AGE moet een heel getal van 0 tot en met 3600 zijn",
        ),
        (
            {"TRAJECT_REPORT_MAX_AGE": "even"},
            "TRAJECT_REPORT_MAX_AGE moet een heel getal van 0 tot en met 3600 zijn",
        ),
    ],
)
def test_bad_settings_are_refused_naming_the_variable(tmp_path, override, message):
    settings = from_environment(str(tmp_path), {"SECRET_KEY": "k"})
    settings.update(override)
    with pytest.raises(ConfigError, match=message):
        validate(settings)


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"})
    with app.app_context():
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        db.engine.dispose()


def test_home_page_shows_the_name_and_over_traject_the_version_and_database(client, app, admin_user):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Traject</h1>" in page
    url = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    assert "0.1.0" not in page and url.render_as_string(hide_password=True) not in page  # not for anonymous
    from tests.console.conftest import sign_in

    about = sign_in(client, admin_user).get("/admin/about/").get_data(as_text=True)
    assert '<dd id="version">0.1.0</dd>' in about
    assert url.render_as_string(hide_password=True) in about


def test_secure_cookies_can_be_turned_off_for_plain_http(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("TRAJECT_DEBUG", raising=False)
    monkeypatch.delenv("TRAJECT_SECURE_COOKIES", raising=False)
    secure = create_app()
    assert secure.config["SESSION_COOKIE_SECURE"] is True
    monkeypatch.setenv("TRAJECT_SECURE_COOKIES", "0")
    plain = create_app()
    assert plain.config["SESSION_COOKIE_SECURE"] is False and plain.config["REMEMBER_COOKIE_SECURE"] is False
    for app in (secure, plain):
        with app.app_context():
            db.engine.dispose()


def test_cli_help_and_a_missing_secret_key_answer_without_a_traceback(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from console.cli import cli

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.delenv("TRAJECT_DEBUG", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    runner = CliRunner()
    shown = runner.invoke(cli, ["--help"])
    assert shown.exit_code == 0
    assert "Traceback" not in shown.output
    assert "init" in shown.output and "tokens" in shown.output
    refused = runner.invoke(cli, ["init"])
    assert refused.exit_code == 1
    assert "SECRET_KEY is niet ingesteld" in refused.output
    assert "Traceback" not in refused.output
    assert not (tmp_path / "x.db").exists()
