"""Languages: Dutch by default, English by the user's choice — our strings and Flask-Admin's own."""

from __future__ import annotations

import re

import sqlalchemy as sa

from models import LogEntry

from .conftest import csrf_token, sign_in


def menu(page: str) -> set[str]:
    """The navbar's menu items as a person reads them."""
    return set(re.findall(r'class="(?:nav-link|dropdown-item) [^"]*" href="[^"]*">\s*([^<]+?)</a>', page))


def test_dutch_by_default_for_menu_buttons_and_flask_admin(admin_client):
    page = admin_client.get("/admin/employers/").get_data(as_text=True)
    assert {"Werkgevers", "Dossiers", "Overzicht"} <= menu(page)
    assert "Nieuwe werkgever" in page and "Afmelden" in page
    assert "Zoeken" in page and "Filter toevoegen" in page  # Flask-Admin's own strings, in Dutch
    assert "Add Filter" not in page and "Employers" not in page


def test_english_when_the_user_chose_it(client, db, admin_user):
    admin_user.language = "en"
    db.session.flush()
    sign_in(client, admin_user)
    page = client.get("/admin/employers/").get_data(as_text=True)
    assert {"Employers", "Case files", "Overview"} <= menu(page)
    assert "New employer" in page and "Sign out" in page
    assert "Add Filter" in page and "Search" in page  # Flask-Admin's own strings follow
    assert "Nieuwe werkgever" not in page and "Filter toevoegen" not in page
    dashboard = client.get("/admin/").get_data(as_text=True)
    assert "Open trajectories" in dashboard and "Overdue tasks" in dashboard


def test_the_switch_stores_the_language_logged_and_the_next_page_speaks_it(admin_client, db, admin_user):
    token = csrf_token(admin_client, "/admin/")
    response = admin_client.post(
        "/account/language", data={"language": "en", "next": "/admin/employers/", "csrf_token": token}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/employers/")
    db.session.refresh(admin_user)
    assert str(admin_user.language) == "en"
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "user.language"))
    assert entry.actor_id == admin_user.id and "English" in entry.message
    page = admin_client.get("/admin/employers/").get_data(as_text=True)
    assert "Language saved." in page and "New employer" in page
    admin_client.post("/account/language", data={"language": "nl", "csrf_token": token})
    assert "Nieuwe werkgever" in admin_client.get("/admin/employers/").get_data(as_text=True)


def test_the_switch_refuses_without_csrf_token_unknown_languages_and_foreign_targets(
    admin_client, db, admin_user
):
    assert admin_client.post("/account/language", data={"language": "en"}).status_code == 400
    token = csrf_token(admin_client, "/admin/")
    response = admin_client.post(
        "/account/language",
        data={"language": "fr", "next": "https://elders.example/", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Kies Nederlands (nl) of English (en)." in response.get_data(as_text=True)
    assert response.request.path == "/admin/"  # never sent to another site
    db.session.refresh(admin_user)
    assert str(admin_user.language) == "nl"
    assert not db.session.scalar(sa.select(LogEntry.id).where(LogEntry.action == "user.language"))


def test_anonymous_pages_stay_dutch_and_the_switch_needs_a_sign_in(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Wachtwoord" in page or "wachtwoord" in page
    token = csrf_token(client, "/login")
    response = client.post("/account/language", data={"language": "en", "csrf_token": token})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_every_menu_category_and_entry_follows_the_language(client, db, admin_user):
    admin_user.language = "en"
    db.session.flush()
    sign_in(client, admin_user)
    page = client.get("/admin/").get_data(as_text=True)
    english = {"Configuration", "Regions", "Providers", "Programmes", "Processes", "Trajectory templates"}
    english |= {"Administration", "Users", "API tokens", "Reports", "Configuration export/import"}
    categories = re.findall(r"dropdown-toggle[^>]*>\s*([^<]+?)\s*<", re.sub(r"<!--.*?-->", "", page))
    assert english <= menu(page) | set(categories)
    assert not {"Regio's", "Beheer", "Configuratie"} & (menu(page) | set(categories))
    admin_user.language = "nl"
    db.session.flush()
    dutch = client.get("/admin/").get_data(as_text=True)
    words = menu(dutch) | set(
        re.findall(r"dropdown-toggle[^>]*>\s*([^<]+?)\s*<", re.sub(r"<!--.*?-->", "", dutch))
    )
    assert {"Regio's", "Beheer", "Configuratie"} <= words and "Administration" not in words
