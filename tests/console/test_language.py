"""Languages: Dutch by default, English by the user's choice — our strings and Flask-Admin's own."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from casework.reports_export import GROUPING_NAMES, HEADERS
from console.admin.report_words import GROUPINGS, HEADINGS
from models import DocumentTemplate, Label, LogEntry, Programme, Provider, Region, TrajectoryTemplate

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


# --- Every area of the console follows the language (issue 5 point 8) ---


@pytest.fixture
def english(client, db, admin_user):
    """A client signed in as an administrator who chose English."""
    admin_user.language = "en"
    db.session.flush()
    return sign_in(client, admin_user)


def first(db, model):
    return db.session.scalars(sa.select(model).order_by(model.id)).first()


def areas(db) -> list[tuple[str, set[str], set[str]]]:
    """(page, English words it shows, Dutch words it must not show) for a page of each area."""
    region, label = first(db, Region), first(db, Label)
    document, template = first(db, DocumentTemplate), first(db, TrajectoryTemplate)
    return [
        (
            "/admin/regions/",
            {"<title>Configuration - Regions", "Description", "Deactivate"},
            {"Omschrijving", "Deactiveren", "Volgorde"},
        ),
        (
            f"/admin/regions/edit/?id={region.id}",
            {"Name", "Description", "Position"},
            {"Omschrijving", "Volgorde"},
        ),
        (
            "/admin/programmes/new/",
            {"Price", "Duration (weeks)", "Provider", "Characteristics"},
            {"Prijs", "Duur (weken)", "Aanbieder", "Kenmerken"},
        ),
        (
            f"/admin/triggers/new/?template={template.id}",
            {
                "New trigger",
                "When",
                "Add condition",
                "Add action",
                "Condition 1",
                "Trajectory started",
                "Add a task",
                "— choose an event —",
            },
            {"Nieuwe trigger", "Voorwaarde toevoegen", "Actie toevoegen", "Traject gestart", "— kies"},
        ),
        (
            f"/admin/triggers/?template={template.id}",
            {"Dry run", "Task is", "If", "Then"},
            {"Proefdraai", "Taak is", "Nieuwe trigger"},
        ),
        (
            f"/admin/document_templates/edit/?id={document.id}",
            {"Subject", "View a preview on demo data", "s house style"},
            {"Onderwerp", "Voorbeeld bekijken", "Huisstijl van het label"},
        ),
        (
            f"/admin/labels/edit/?id={label.id}",
            {"Main colour", "Font", "Letterhead", "View the house style on a sample letter"},
            {"Hoofdkleur", "Lettertype", "Briefhoofd", "Huisstijl bekijken"},
        ),
        (
            "/admin/reports/",
            {"From", "Up to and including", "Grouping", "Month", "Show", "Explanation:"},
            {"Groepering", "Tot en met", "Maand", "Uitleg:"},
        ),
        (
            "/admin/configio/",
            {"Download configuration", "Configuration file (JSON)", "Check only (dry run)"},
            {"Exporteren", "Importeren", "Alleen controleren"},
        ),
        (
            "/admin/users/",
            {"E-mail address", "Role", "Last signed in", "New user", "Deactivate these users?"},
            {"E-mailadres", "Laatst aangemeld", "Nieuwe gebruiker", "Deactiveren"},
        ),
        (
            "/admin/new_user/",
            {"Password (at least 12 characters)", "Functional administrator"},
            {"Wachtwoord", "Functioneel beheerder"},
        ),
        (
            "/admin/tokens/",
            {"Create token", "Prefix", "Last used", "Revoke these tokens?"},
            {"Token aanmaken", "Laatst gebruikt", "intrekken"},
        ),
    ]


def test_every_area_speaks_english_for_an_english_user(english, db):
    for path, shown, hidden in areas(db):
        page = english.get(path).get_data(as_text=True)
        assert not {word for word in shown if word not in page}, path
        assert not {word for word in hidden if word in page}, path


def test_a_dutch_user_still_sees_dutch_in_every_area(admin_client, db):
    for path, english_words, dutch_words in areas(db):
        page = admin_client.get(path).get_data(as_text=True)
        assert not {word for word in dutch_words if word not in page}, path
        assert not {word for word in english_words if word in page}, path


def test_validation_and_flash_messages_follow_the_language(english, db):
    provider = Provider(name="Taalaanbieder")
    db.session.add(provider)
    db.session.flush()
    path = "/admin/programmes/new/"
    data = {"name": "Taaltest", "provider": str(provider.id), "duration_weeks": "0", "position": "0"}
    page = english.post(path, data={"csrf_token": csrf_token(english, path), **data}).get_data(as_text=True)
    assert "Price: please fill in this field." in page and "Duration (weeks): must be greater than 0." in page
    assert "vul dit veld in" not in page
    assert db.session.scalar(sa.select(Programme.id).where(Programme.name == "Taaltest")) is None
    template = first(db, TrajectoryTemplate)
    path = f"/admin/triggers/new/?template={template.id}"
    page = english.post(
        path, data={"csrf_token": csrf_token(english, path), "c-rows": "0", "a-rows": "0", "name": ""}
    ).get_data(as_text=True)
    assert (
        "Not saved." in page and "Name: please fill in a name." in page and "When: choose an event." in page
    )
    region = first(db, Region)
    token = csrf_token(english, "/admin/regions/")
    page = english.post(
        "/admin/regions/action/",
        data={"action": "deactivate", "rowid": [str(region.id)], "csrf_token": token},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 item(s) deactivated." in page
    db.session.refresh(region)
    assert region.active is False


def test_the_report_page_headings_follow_the_language_and_the_files_stay_dutch(english, db):
    page = english.get("/admin/reports/?van=abc").get_data(as_text=True)
    assert "From: “abc” is not a valid date; use yyyy-mm-dd." in page
    page = english.get("/admin/reports/?per=nergens").get_data(as_text=True)
    assert "Grouping: “nergens” does not exist; choose one of: Total, Month, Region" in page
    assert "Groepering:" not in page


def test_the_pages_dutch_report_words_are_the_engines():
    assert {key: str(text) for key, text in HEADINGS.items()} == HEADERS
    assert {key: str(text) for key, text in GROUPINGS.items()} == GROUPING_NAMES
