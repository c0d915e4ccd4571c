"""The engine's refusals are shown in the reader's language at the console door too (casework.i18n follows the
signed-in user through Flask-Babel's locale selector): Dutch by default, English for a user who chose it."""

from __future__ import annotations

from .conftest import csrf_token, sign_in


def _refused_switch(client) -> str:
    token = csrf_token(client, "/admin/")
    client.post("/account/language", data={"language": "xx", "next": "/admin/", "csrf_token": token})
    return client.get("/admin/").get_data(as_text=True)


def test_an_engine_refusal_is_flashed_in_english_for_an_english_user(client, db, admin_user):
    admin_user.language = "en"
    db.session.flush()
    sign_in(client, admin_user)
    page = _refused_switch(client)
    assert "Choose Nederlands (nl) or English (en)." in page
    assert "Kies Nederlands (nl) of English (en)." not in page


def test_and_in_dutch_for_a_dutch_user(admin_client):
    page = _refused_switch(admin_client)
    assert "Kies Nederlands (nl) of English (en)." in page
    assert "Choose Nederlands" not in page
