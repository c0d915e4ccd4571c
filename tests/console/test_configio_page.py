"""The console's "Configuratie export/import" page: download, upload with dry run, errors, CSRF and roles."""

from __future__ import annotations

import io
import json

import sqlalchemy as sa

from models import Region

from .conftest import csrf_token

PAGE = "/admin/configio/"


def _region(db, name: str) -> Region | None:
    return db.session.scalar(sa.select(Region).where(Region.name == name))


def _download(client) -> dict:
    response = client.get(f"{PAGE}export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="traject-configuratie-')
    return json.loads(response.get_data(as_text=True))


def _upload(client, data: dict | bytes, *, dry_run: bool, token: str | None = "fetch"):  # noqa: S107  (a test form field)
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    form = {"file": (io.BytesIO(body), "config.json")}
    if dry_run:
        form["dry_run"] = "1"
    if token == "fetch":
        token = csrf_token(client, PAGE)
    if token:
        form["csrf_token"] = token
    return client.post(PAGE, data=form, content_type="multipart/form-data")


def test_page_shows_download_and_upload_form_in_dutch(admin_client):
    page = admin_client.get(PAGE).get_data(as_text=True)
    assert "Configuratie export/import" in page
    assert "Configuratie downloaden" in page
    assert "Alleen controleren (proefdraai)" in page
    assert 'enctype="multipart/form-data"' in page and 'name="csrf_token"' in page


def test_dry_run_upload_lists_changes_and_changes_nothing(admin_client, db):
    data = _download(admin_client)
    next(r for r in data["regions"] if r["name"] == "Limburg")["description"] = (
        "Zuid-Limburg en Noord-Limburg"
    )
    response = _upload(admin_client, data, dry_run=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Proefdraai: er is niets opgeslagen" in page
    assert "Limburg: omschrijving" in page
    assert _region(db, "Limburg").description != "Zuid-Limburg en Noord-Limburg"


def test_real_upload_imports_and_reports(admin_client, db):
    data = _download(admin_client)
    data["regions"].append({"name": "Waddeneilanden", "description": "Texel tot Schiermonnikoog"})
    response = _upload(admin_client, data, dry_run=False)
    page = response.get_data(as_text=True)
    assert "De configuratie is geïmporteerd." in page and "Waddeneilanden" in page
    assert _region(db, "Waddeneilanden").description == "Texel tot Schiermonnikoog"


def test_errors_are_shown_with_path_and_reason_and_nothing_changes(admin_client, db):
    data = _download(admin_client)
    data["regions"].append({"name": "Waddeneilanden"})
    data["providers"] = [{"name": "Nieuwe provider", "regions": ["Atlantis"]}]
    response = _upload(admin_client, data, dry_run=False)
    page = response.get_data(as_text=True)
    assert "Het bestand is geweigerd; er is niets gewijzigd." in page
    assert "<code>providers[0].regions[0]</code>: onbekende regio &#34;Atlantis&#34;" in page
    assert _region(db, "Waddeneilanden") is None


def test_upload_without_a_file_or_with_bad_json_is_refused(admin_client):
    token = csrf_token(admin_client, PAGE)
    page = admin_client.post(PAGE, data={"csrf_token": token}).get_data(as_text=True)
    assert "Kies een configuratiebestand (JSON)." in page
    page = _upload(admin_client, b"{geen json", dry_run=True).get_data(as_text=True)
    assert "Geen geldige JSON: regel 1, kolom 2" in page


def test_upload_without_csrf_token_is_refused(admin_client, db):
    data = _download(admin_client)
    data["regions"].append({"name": "Waddeneilanden"})
    response = _upload(admin_client, data, dry_run=False, token=None)
    assert response.status_code == 400
    assert _region(db, "Waddeneilanden") is None


def test_case_manager_and_anonymous_are_refused(cm_client, app):
    assert cm_client.get(PAGE).status_code == 403
    assert cm_client.get(f"{PAGE}export").status_code == 403
    anonymous = app.test_client().get(f"{PAGE}export")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
