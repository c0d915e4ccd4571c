"""Create a region, a provider and a programme with two characteristics in Chromium; filter the list."""

from __future__ import annotations

import sqlalchemy as sa

from models import Characteristic
from models import db as _db


def csp_violations(page) -> list[str]:
    """Collect the browser's Content Security Policy complaints on this page."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def save(page) -> None:
    page.click("form.admin-form input[type=submit].btn-primary, form input[type=submit][value='Opslaan']")
    page.wait_for_load_state()


def test_region_then_programme_with_two_characteristics_filtered_in_the_list(
    admin_page, live_app, live_server, shot
):
    page = admin_page
    violations = csp_violations(page)
    with live_app.app_context():
        first, second = _db.session.scalars(sa.select(Characteristic.name).order_by(Characteristic.id)).all()[
            :2
        ]
        _db.session.remove()

    page.goto(f"{live_server}/admin/regions/new/")
    page.fill("#name", "Waddeneilanden")
    save(page)
    assert page.locator("text=Waddeneilanden").count() >= 1
    shot("region-created")

    page.goto(f"{live_server}/admin/providers/new/")
    page.fill("#name", "Eilandcoaching")
    save(page)

    page.goto(f"{live_server}/admin/programmes/new/")
    page.fill("#name", "Werkfit op de eilanden")
    page.select_option("#provider", label="Eilandcoaching", force=True)
    page.fill("#price", "-5")
    page.fill("#duration_weeks", "10")
    page.select_option("#regions", label="Waddeneilanden", force=True)
    page.select_option("#characteristics", label=[first, second], force=True)
    save(page)
    assert page.locator("text=Prijs: moet minstens 0 zijn.").count() == 1  # refused, the field named
    shot("programme-refused")
    page.fill("#price", "1450.00")
    page.select_option("#provider", label="Eilandcoaching", force=True)
    page.select_option("#regions", label="Waddeneilanden", force=True)
    page.select_option("#characteristics", label=[first, second], force=True)
    save(page)
    assert "/admin/programmes/" in page.url and "/new/" not in page.url

    [view] = [v for v in live_app.extensions["admin"][0]._views if v.endpoint == "programmes"]
    arg = next(
        a for a, (_i, f) in view._filter_args.items() if f.name == "Kenmerk" and "Equal" in type(f).__name__
    )
    page.goto(f"{live_server}/admin/programmes/?flt0_{arg}={second}")
    row = page.locator("table tr", has_text="Werkfit op de eilanden")
    assert row.count() == 1
    assert (
        "Waddeneilanden" in row.inner_text()
        and first in row.inner_text()
        and "€ 1.450,00" in row.inner_text()
    )
    shot("programmes-filtered")
    page.goto(f"{live_server}/admin/programmes/?flt0_{arg}=Bestaat-niet")
    assert page.locator("table tr", has_text="Werkfit op de eilanden").count() == 0
    assert violations == []
