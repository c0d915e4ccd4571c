"""Browser fixtures: the console served for real on loopback and driven by the OS's headless Chromium.

Each test module gets its own database (migrated, seed configuration loaded, one administrator and one case
manager with known passwords) behind a real HTTP server in a thread. `admin_page` is a Playwright page signed in
through the login form; `shot(name)` saves a screenshot in the test's output folder (test-results/<test>/).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from casework.accounts import create_user
from casework.logbook import SYSTEM
from models import db as _db

CHROMIUM = os.environ.get("TRAJECT_CHROMIUM", "/usr/bin/chromium")
ADMIN_EMAIL = "beheer@browser.test"
CASEMANAGER_EMAIL = "casemanager@browser.test"
PASSWORD = "browser-test-password-2026"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.filterwarnings("ignore:Yielding raw tuples:DeprecationWarning"))
            item.add_marker(
                pytest.mark.filterwarnings("ignore:Passing SelectField choices:DeprecationWarning")
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Never a downloaded browser: the OS's Chromium, headless."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it with apt-get")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox"],
    }


@pytest.fixture(scope="module")
def live_app(app_factory, request) -> Iterator[Flask]:
    """An app on its own migrated database with the seed configuration and two users with passwords.

    The administrator needs no second factor here (TRAJECT_REQUIRE_TOTP=none), unless the test module sets
    REQUIRE_TOTP (tests/e2e/test_totp.py walks through setting it up)."""
    from flask_migrate import upgrade

    from casework.seed import load_seed_configuration

    application = app_factory(
        TRAJECT_SECURE_COOKIES=False,
        WTF_CSRF_TIME_LIMIT=None,
        TRAJECT_REQUIRE_TOTP=getattr(request.module, "REQUIRE_TOTP", "none"),
    )
    now = dt.datetime.now(dt.UTC)
    with application.app_context():
        upgrade()
        load_seed_configuration(now)
        create_user(
            email=ADMIN_EMAIL, role="admin", actor=SYSTEM, now=now, name="Bea Beheer", password=PASSWORD
        )
        create_user(
            email=CASEMANAGER_EMAIL,
            role="casemanager",
            actor=SYSTEM,
            now=now,
            name="Cas Manager",
            password=PASSWORD,
        )
        _db.session.commit()
        _db.session.remove()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(scope="module")
def live_server(live_app: Flask) -> Iterator[str]:
    """The console served on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-console", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def sign_in_page(page, base_url: str, email: str, password: str = PASSWORD) -> None:
    """Fill in the real login form."""
    page.goto(f"{base_url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def admin_page(page, live_server: str):
    """A Playwright page signed in as the functional administrator (page.base_url is the server)."""
    page.set_default_timeout(15_000)
    sign_in_page(page, live_server, ADMIN_EMAIL)
    return page


@pytest.fixture
def shot(page, output_path: str) -> Callable[[str], Path]:
    """shot(name): a full-page screenshot saved as test-results/<test>/<name>.png."""

    def take(name: str) -> Path:
        folder = Path(output_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
