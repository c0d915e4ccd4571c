"""Console fixtures: signed-in test clients and a CSRF token helper."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from casework.accounts import hash_password

PASSWORD = "correct horse battery staple"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """A valid CSRF token for this client's session, read from a page's form."""
    page = client.get(path).get_data(as_text=True)
    match = TOKEN_RE.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def sign_in(client: FlaskClient, user: object) -> FlaskClient:
    """Start a server-side session for the user and put its Flask-Login id into the client's session
    (the real form is tested on its own)."""
    from casework.sessions import start_session
    from models import utcnow

    key = start_session(user, utcnow())
    with client.session_transaction() as session:
        session["_user_id"] = f"{user.id}:{user.session_token}:{key}"
        session["_fresh"] = True
    return client


@pytest.fixture
def with_password(db) -> Callable[[object], object]:
    """Give a user the test password."""

    def give(user: object) -> object:
        user.password_hash = hash_password(PASSWORD)
        db.session.flush()
        return user

    return give


@pytest.fixture
def admin_client(client, admin_user) -> FlaskClient:
    """A client signed in as a functional administrator."""
    return sign_in(client, admin_user)


@pytest.fixture
def cm_client(client, casemanager) -> FlaskClient:
    """A client signed in as a case manager."""
    return sign_in(client, casemanager)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Flask-Admin 2.2's select fields yield tuples, which WTForms 3.3 deprecates (not ours to fix)."""
    here = str(__import__("pathlib").Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.filterwarnings("ignore:Yielding raw tuples:DeprecationWarning"))
            item.add_marker(
                pytest.mark.filterwarnings("ignore:Passing SelectField choices:DeprecationWarning")
            )
