"""Issue 16 item 5: every console page of the demo reads as Dutch, as an administrator and as a case manager.

The test signs in on a database holding the seed configuration and `traject demo`, follows every link from the
dashboard (each kind of page a few times: list, edit form, dossier, task form, ...), and reads each page as a
user does: the visible text, tooltips and button texts. No enum value, snake_case key, `__None`, English status
word, amount in English form or date in another form than dd-mm-jjjj may be in it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.readable import internal_codes, read_page

PER_SHAPE = 2  # pages of one kind (same path with the numbers left out) read per role
NEVER_FOLLOWED = ("/static", "/admin/static", "/logout", "/api", "/slack", "/account/language")
NOT_PAGES = ("export", "format=", "/pdf", "/download", "/preview")


@pytest.fixture(scope="module")
def demo_app(app_factory) -> Iterator[Flask]:
    """An app on its own database with the seed configuration and the demo data (`traject init` + `traject demo`)."""
    from console.cli import cli
    from models import db

    application = app_factory(TRAJECT_REQUIRE_TOTP="none")
    runner = application.test_cli_runner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    loaded = runner.invoke(cli, ["demo"])
    assert loaded.exit_code == 0, loaded.output
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _client_of(application: Flask, email: str):
    """A test client signed in (server-side session) as the demo user with this e-mail address."""
    from casework.sessions import start_session
    from models import User, db, utcnow

    with application.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        key = start_session(user, utcnow())
        db.session.commit()
        user_id = f"{user.id}:{user.session_token}:{key}"
    client = application.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
    return client


def _shape(path: str) -> str:
    """The kind of page: its path and argument names with every number left out."""
    parts = urlsplit(path)
    return re.sub(r"\d+", "N", parts.path) + "?" + ",".join(sorted(k for k, _v in parse_qsl(parts.query)))


def _normal(link: str) -> str | None:
    """A link worth reading: on the console, a page (not a download), without Flask-Admin's return URL."""
    if not link.startswith("/") or link.startswith(NEVER_FOLLOWED) or any(n in link for n in NOT_PAGES):
        return None
    parts = urlsplit(link.split("#")[0])
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("url", "page_size", "sort", "desc")]
    return parts.path + ("?" + urlencode(query) if query else "")


def crawl(client) -> dict[str, str]:
    """Every page reachable from the dashboard (at most PER_SHAPE of a kind): path → visible text."""
    seen: dict[str, str] = {}
    shapes: Counter[str] = Counter()
    queue = ["/admin/"]
    while queue:
        path = queue.pop(0)
        if path in seen or shapes[_shape(path)] >= PER_SHAPE:
            continue
        shapes[_shape(path)] += 1
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            seen[path] = ""
            continue
        text, links = read_page(response.get_data(as_text=True))
        seen[path] = text
        queue += [n for n in map(_normal, links) if n and n not in seen]
    return seen


@pytest.mark.parametrize(
    "email,must_see",
    [
        ("beheer@traject.example", ["/admin/users/", "/admin/insurance_products/", "/admin/triggers/"]),
        ("sanne.casemanager@traject.example", ["/admin/dossiers/", "/admin/reports/"]),
    ],
)
def test_every_page_of_the_demo_reads_as_dutch(demo_app, email, must_see):
    pages = crawl(_client_of(demo_app, email))
    assert all(any(p.startswith(m) for p in pages) for m in must_see), sorted(pages)
    assert any(p.startswith("/admin/dossiers/") and p.rstrip("/").split("/")[-1].isdigit() for p in pages)
    found = {path: codes for path, text in pages.items() if (codes := internal_codes(text))}
    assert not found, "\n".join(f"{path}: {code}" for path, codes in found.items() for code in codes[:5])


def test_the_words_the_issue_names_are_gone(demo_app):
    """Aanmelders (as the seed and the wizard say), roles and amounts in Dutch, the empty choice not "__None"."""
    client = _client_of(demo_app, "beheer@traject.example")
    menu, _links = read_page(client.get("/admin/").get_data(as_text=True))
    assert "Aanmelders" in menu and "Verwijzers" not in menu
    users, _links = read_page(client.get("/admin/users/").get_data(as_text=True))
    assert "Functioneel beheerder" in users and "ADMIN" not in users
    products, _links = read_page(client.get("/admin/insurance_products/").get_data(as_text=True))
    assert "€ 2.500,00" in products and "2500.00" not in products
    form = client.get("/admin/categories/new/").get_data(as_text=True)
    assert "__None</option>" not in form and "— geen —</option>" in form
    page = client.get("/admin/end_reasons/").get_data(as_text=True)
    end_reasons, _links = read_page(page)
    assert "work_resumption" not in end_reasons and "Nee" in end_reasons
    # the choices of the yes/no filters (Flask-Admin's menu, drawn by its script from this data)
    assert '["0", "Nee"]' in page and '["0", "No"]' not in page


@pytest.mark.parametrize(
    "path,status,title",
    [("/admin/bestaat-niet/", 404, "Niet gevonden"), ("/admin/users/", 403, "Geen toegang")],
)
def test_error_pages_are_dutch(demo_app, path, status, title):
    client = _client_of(demo_app, "sanne.casemanager@traject.example")
    response = client.get(path)
    text, _links = read_page(response.get_data(as_text=True))
    assert response.status_code == status and response.mimetype == "text/html"
    assert title in text and not internal_codes(text)
    assert "Not Found" not in text and "Forbidden" not in text and "requested URL" not in text


def test_api_errors_are_json_with_a_dutch_message(demo_app):
    from console.cli import cli

    created = demo_app.test_cli_runner().invoke(cli, ["tokens", "create", "taaltest"])
    token = created.output.strip().splitlines()[-1]
    client = demo_app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    missing = client.get("/api/v1/bestaat-niet")
    assert missing.status_code == 404 and missing.json["code"] == "not_found"
    assert missing.json["message"] == "Deze pagina of dit gegeven bestaat niet (meer)."
    wrong = client.delete("/api/v1/openapi.json")
    assert wrong.status_code == 405 and wrong.json["message"] == "Deze handeling kan hier niet."
