"""Bad input is a 4xx, never a 500: body size, JSON nesting, control characters, list arguments; ProxyFix."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from casework.accounts import create_api_token
from casework.logbook import SYSTEM
from console.cli import cli
from console.config import ConfigError, from_environment, validate

from .conftest import PASSWORD, csrf_token

DEEP = "[" * 50_000 + "]" * 50_000  # beyond Python's recursion limit
DEEPISH = '{"a":' * 100 + "1" + "}" * 100  # parses, but deeper than any real request
TOO_DEEP = "De JSON is te diep genest (hoogstens 64 niveaus)."


@pytest.fixture
def bearer(db, now) -> dict[str, str]:
    """Authorization headers of a token linked to nobody."""
    _row, secret = create_api_token(name="limieten", actor=SYSTEM, now=now)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_a_body_over_2_mb_answers_413_in_dutch(client, bearer):
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    api = client.post("/api/v1/employers/", data=big, headers={**bearer, "Content-Type": "application/json"})
    assert api.status_code == 413
    assert api.get_json() == {
        "code": "too_large",
        "message": "Het verzoek is te groot: hoogstens 2 MB.",
        "errors": {"_": "Het verzoek is te groot: hoogstens 2 MB."},
    }
    page = client.post("/login", data={"email": "a@example.nl", "password": "x" * (3 * 1024 * 1024)})
    assert page.status_code == 413 and page.mimetype == "text/html"
    assert "Het verzoek is te groot: hoogstens 2 MB." in page.get_data(as_text=True)


def multipart(token: str, content: bytes) -> bytes:
    """A form with the CSRF token and a file, encoded here: for bodies over 500 kB the test client would use a
    temporary file of its own that it never closes."""
    return (
        b'--grens\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        + token.encode()
        + b'\r\n--grens\r\nContent-Disposition: form-data; name="file"; filename="c.json"\r\n\r\n'
        + content
        + b"\r\n--grens--\r\n"
    )


def test_the_configuration_upload_may_be_10_mb_not_more(admin_client):
    token = csrf_token(admin_client, "/admin/configio/")
    kind = "multipart/form-data; boundary=grens"
    five = admin_client.post(
        "/admin/configio/", data=multipart(token, b" " * (5 * 1024 * 1024) + b"{"), content_type=kind
    )
    assert five.status_code == 200 and "Geen geldige JSON" in five.get_data(as_text=True)
    eleven = admin_client.post(
        "/admin/configio/", data=multipart(token, b" " * (11 * 1024 * 1024)), content_type=kind
    )
    assert eleven.status_code == 413
    assert "Het verzoek is te groot: hoogstens 10 MB." in eleven.get_data(as_text=True)


@pytest.mark.parametrize("body", [DEEP, DEEPISH, '{"name": ' + DEEP + "}"])
def test_deeply_nested_json_is_refused_by_the_api(client, bearer, body):
    for path in ("/api/v1/employers/", "/api/v1/trajectories/", "/api/v1/tasks/1/complete"):
        response = client.post(path, data=body, headers={**bearer, "Content-Type": "application/json"})
        assert response.status_code == 422, path
        assert response.get_json()["message"] == TOO_DEEP


def test_deeply_nested_configuration_is_refused_on_upload_and_on_the_command_line(
    app, admin_client, db, tmp_path
):
    token = csrf_token(admin_client, "/admin/configio/")
    page = admin_client.post(
        "/admin/configio/", data={"csrf_token": token, "file": (io.BytesIO(DEEP.encode()), "c.json")}
    )
    assert page.status_code == 200 and TOO_DEEP in page.get_data(as_text=True)
    path = tmp_path / "diep.json"
    path.write_text(DEEPISH)
    result = app.test_cli_runner().invoke(cli, ["config", "import", str(path), "--dry-run"])
    assert result.exit_code == 1 and TOO_DEEP in result.output


@pytest.mark.parametrize("name", ["Nul\x00B.V.", "Regel\nB.V.", "Tab\tB.V.", "Half \ud800 B.V."])
def test_names_with_control_characters_or_lone_surrogates_get_a_field_error(client, db, bearer, name):
    from models import Employer, Label

    label = db.session.scalar(sa.select(Label.id).order_by(Label.id))
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Employer))
    response = client.post("/api/v1/employers/", json={"name": name, "label_id": label}, headers=bearer)
    assert response.status_code == 422
    assert response.get_json()["errors"]["name"] == "Deze tekst bevat ongeldige tekens."
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employer)) == before


def test_console_names_with_control_characters_are_refused(admin_client, db, casemanager):
    from models import Region, User

    token = csrf_token(admin_client, "/admin/new_user/")
    page = admin_client.post(
        "/admin/new_user/",
        data={"email": "n@example.nl", "name": "Bel\x07", "role": "casemanager", "csrf_token": token},
    ).get_data(as_text=True)
    assert "Naam: Deze tekst bevat ongeldige tekens." in page
    assert db.session.scalar(sa.select(User).where(User.email == "n@example.nl")) is None
    token = csrf_token(admin_client, f"/admin/users/edit/?id={casemanager.id}")
    admin_client.post(
        f"/admin/users/edit/?id={casemanager.id}",
        data={"name": "Sanne\x1b[31m", "role": "casemanager", "language": "nl", "csrf_token": token},
    )
    db.session.refresh(casemanager)
    assert casemanager.name == "Sanne de Wit"
    token = csrf_token(admin_client, "/admin/regions/new/")
    page = admin_client.post(
        "/admin/regions/new/", data={"name": "Regio\x01", "position": "0", "csrf_token": token}
    ).get_data(as_text=True)
    assert "Naam: deze tekst bevat ongeldige tekens." in page
    assert db.session.scalar(sa.select(Region).where(Region.name == "Regio\x01")) is None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/users/?flt0_0=xyz",
        "/admin/users/?flt9_99=1",
        "/admin/users/?page=99999999999999999999",
        "/admin/users/?sort=abc",
        "/admin/regions/?page=-1",
        "/admin/dossiers/?filter=bestaat-niet",
        "/admin/dossiers/?signal=bestaat-niet",
    ],
)
def test_bad_values_in_list_filters_answer_400(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Ongeldig verzoek" in page and ("Ongeldige waarde voor" in page or "Onbekend filter" in page)


def test_good_list_filters_still_work(admin_client, casemanager):
    assert admin_client.get("/admin/users/?flt0_0=CASEMANAGER&page=0&sort=1").status_code == 200
    assert admin_client.get("/admin/dossiers/?filter=overdue").status_code in (200,)


def test_proxy_hops_must_be_a_small_number():
    settings = from_environment("/tmp", {"TRAJECT_PROXY_HOPS": "twee", "SECRET_KEY": "x"})
    with pytest.raises(ConfigError, match="TRAJECT_PROXY_HOPS"):
        validate(settings)


def _failures_from(app, client, address: str, count: int) -> None:
    for n in range(count):
        client.post(
            "/login",
            data={"email": f"onbekend{n}@example.nl", "password": "fout"},
            headers={"X-Forwarded-For": address},
        )


def test_behind_a_proxy_the_sign_in_lock_counts_the_real_client(make_app, with_password, db):
    from flask_migrate import upgrade

    from models import LogEntry, Role, User
    from models import db as _db

    app = make_app(TRAJECT_PROXY_HOPS=1, WTF_CSRF_ENABLED=False)
    with app.app_context():
        upgrade()
        user = User(email="echt@example.nl", name="Echt", role=Role.CASEMANAGER)
        _db.session.add(user)
        with_password(user)
        _db.session.commit()
        client = app.test_client()
        _failures_from(app, client, "203.0.113.5", 10)
        addresses = set(_db.session.scalars(sa.select(LogEntry.details["address"].as_string())))
        assert addresses == {"203.0.113.5"}
        locked = client.post(
            "/login",
            data={"email": "echt@example.nl", "password": PASSWORD},
            headers={"X-Forwarded-For": "203.0.113.5"},
        )
        assert locked.status_code == 401
        other = client.post(
            "/login",
            data={"email": "echt@example.nl", "password": PASSWORD},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )
        assert other.status_code == 302


def test_without_proxy_hops_a_forwarded_address_is_not_believed(client, db, monkeypatch, app):
    from models import LogEntry

    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    client.post(
        "/login",
        data={"email": "x@example.nl", "password": "fout"},
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    address = db.session.scalar(
        sa.select(LogEntry.details["address"].as_string())
        .where(LogEntry.action == "login.failed")
        .order_by(LogEntry.id.desc())
    )
    assert address == "127.0.0.1"
