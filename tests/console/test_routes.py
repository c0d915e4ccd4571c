"""Every route needs a role: each one refuses an anonymous request (login, static, API, Slack and the providers'
upload links excepted)."""

from __future__ import annotations

import pytest

from .conftest import csrf_token

# /calendar/<token>.ics: a calendar app cannot sign in; the random token is the key (casework.calendar_feed).
# /aanleveren/<token>: a provider's upload link needs no account; the signed link is the key (casework.uploads).
# /favicon.ico: the browser asks it before anyone signs in; a static image.
OPEN = (
    "/favicon.ico",
    "/login",
    "/static/",
    "/admin/static/",
    "/api/v1",
    "/slack/events",
    "/api/docs",
    "/calendar/",
    "/aanleveren/",
)


def anonymous_routes(app):
    """Every rule outside the open doors, with dummy values for its arguments."""
    for rule in app.url_map.iter_rules():
        if rule.rule == "/" or rule.rule.startswith(OPEN):
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<{argument}>", "1")
            for converter in ("int", "string", "path"):
                path = path.replace(f"<{converter}:{argument}>", "1")
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        yield rule.endpoint, path, method


def test_every_route_refuses_an_anonymous_request(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)  # prove the role check, not the CSRF check
    checked = []
    for endpoint, path, method in anonymous_routes(app):
        response = client.open(path, method=method)
        refused = response.status_code in (401, 403) or (
            response.status_code == 302 and "/login" in response.headers["Location"]
        )
        assert refused, f"{endpoint} {method} {path} answered {response.status_code} to an anonymous request"
        checked.append(endpoint)
    assert "admin.index" in checked and "regions.index_view" in checked and "auth.logout" in checked
    assert "about.index" in checked and "dossiers.index" in checked  # issue 12: Over Traject, BSN search
    assert len(checked) > 50


def test_the_open_doors_are_exactly_login_static_api_and_slack(app):
    open_rules = {r.rule for r in app.url_map.iter_rules() if r.rule == "/" or r.rule.startswith(OPEN)}
    assert "/login" in open_rules and "/slack/events" in open_rules
    assert "/aanleveren/<token>" in open_rules  # a provider's upload link: the signed link is the key
    assert all(r == "/" or r.startswith(OPEN) for r in open_rules)


def test_the_browser_gets_an_icon_without_signing_in(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
    assert response.data[:4] == b"\0\0\1\0" and b"PNG" in response.data[:40]  # an icon holding a PNG


def test_root_shows_the_sign_in_page_without_version_or_database(client):
    page = client.get("/").get_data(as_text=True)
    assert '<input type="password" name="password"' in page and "<h1>Traject</h1>" in page
    assert 'id="database"' not in page and 'id="version"' not in page


def test_security_headers_on_console_pages(admin_client):
    response = admin_client.get("/admin/regions/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'nonce-" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.get_data(as_text=True)  # Flask-Admin's inline scripts run
    assert "http://" not in response.get_data(as_text=True).split("<footer")[0].replace(
        "http://localhost", ""
    )
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_secure_outside_testing(make_app):
    app = make_app(TESTING=False, DEBUG=False)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_case_manager_gets_dashboard_but_not_users(cm_client):
    assert cm_client.get("/admin/").status_code == 200
    assert cm_client.get("/admin/users/").status_code == 403


@pytest.mark.parametrize("language,word", [("nl", "Zoeken"), ("en", "Search")])
def test_flask_admin_strings_follow_the_users_language(client, db, admin_user, language, word):
    from .conftest import sign_in

    admin_user.language = language
    db.session.flush()
    sign_in(client, admin_user)
    assert word in client.get("/admin/regions/").get_data(as_text=True)
    assert csrf_token(client)
