"""Configuration lists: list, create, edit, deactivate; refusals change nothing."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from models import LogEntry, Programme, Region

from .conftest import csrf_token

LISTS = [
    "categories",
    "end_goals",
    "regions",
    "characteristics",
    "end_reasons",
    "labels",
    "service_types",
    "service_variations",
    "insurers",
    "insurance_products",
    "referrers",
    "contract_models",
    "providers",
    "programmes",
    "trajectory_templates",
    "document_templates",
]


def count_regions(db):
    return db.session.scalar(sa.select(sa.func.count()).select_from(Region))


@pytest.mark.parametrize("endpoint", LISTS)
def test_every_list_and_its_create_form_open_in_dutch(admin_client, endpoint):
    page = admin_client.get(f"/admin/{endpoint}/").get_data(as_text=True)
    assert "Deactiveren" in page and "Naam" in page
    assert "Verwijderen" not in page and "Delete" not in page
    form = admin_client.get(f"/admin/{endpoint}/new/")
    assert form.status_code == 200
    assert 'name="csrf_token"' in form.get_data(as_text=True)


def test_region_list_searches_the_seed_provinces(admin_client):
    page = admin_client.get("/admin/regions/?search=Utrecht").get_data(as_text=True)
    assert "Utrecht" in page and "Limburg" not in page


def test_create_edit_and_deactivate_a_region(admin_client, db):
    token = csrf_token(admin_client, "/admin/regions/new/")
    response = admin_client.post(
        "/admin/regions/new/",
        data={"name": "Caribisch Nederland", "position": "20", "active": "y", "csrf_token": token},
    )
    assert response.status_code == 302
    region = db.session.scalar(sa.select(Region).where(Region.name == "Caribisch Nederland"))
    assert region.active
    token = csrf_token(admin_client, f"/admin/regions/edit/?id={region.id}")
    response = admin_client.post(
        f"/admin/regions/edit/?id={region.id}",
        data={"name": "Bonaire", "position": "20", "active": "y", "csrf_token": token},
    )
    assert response.status_code == 302
    db.session.refresh(region)
    assert region.name == "Bonaire"
    token = csrf_token(admin_client, "/admin/regions/")
    response = admin_client.post(
        "/admin/regions/action/",
        data={"action": "deactivate", "rowid": [str(region.id)], "csrf_token": token},
    )
    assert response.status_code == 302
    db.session.refresh(region)
    assert region.active is False
    assert db.session.get(Region, region.id) is not None  # deactivated, not deleted
    actions = db.session.scalars(sa.select(LogEntry.action).where(LogEntry.subject_id == region.id)).all()
    assert {"config.created", "config.changed", "config.deactivated"} <= set(actions)


def test_duplicate_name_is_refused_naming_the_field_and_nothing_changes(admin_client, db):
    before = count_regions(db)
    token = csrf_token(admin_client, "/admin/regions/new/")
    response = admin_client.post(
        "/admin/regions/new/", data={"name": "Utrecht", "position": "0", "csrf_token": token}
    )
    assert response.status_code == 200
    assert "Naam: er is al een item met de naam Utrecht." in response.get_data(as_text=True)
    assert count_regions(db) == before


def test_post_without_csrf_token_is_refused_and_nothing_changes(admin_client, db):
    before = count_regions(db)
    response = admin_client.post("/admin/regions/new/", data={"name": "Zonder token", "position": "0"})
    assert response.status_code == 400
    assert count_regions(db) == before


def test_case_manager_may_not_open_configuration(cm_client, db):
    assert cm_client.get("/admin/regions/").status_code == 403
    token = csrf_token(cm_client)
    before = count_regions(db)
    response = cm_client.post(
        "/admin/regions/new/", data={"name": "Stiekem", "position": "0", "csrf_token": token}
    )
    assert response.status_code == 403
    assert count_regions(db) == before


def test_programme_with_regions_and_characteristics(admin_client, db, create_programme):
    existing = create_programme()
    page = admin_client.get(f"/admin/programmes/edit/?id={existing.id}").get_data(as_text=True)
    provider_id = re.search(r'<option selected value="(\\d+)">|<option value="(\\d+)" selected', page)
    token = csrf_token(admin_client, "/admin/programmes/new/")
    region = db.session.scalar(sa.select(Region).where(Region.name == "Utrecht"))
    from models import Characteristic

    characteristic = db.session.scalar(sa.select(Characteristic).order_by(Characteristic.id))
    response = admin_client.post(
        "/admin/programmes/new/",
        data={
            "name": "Werkfit Utrecht",
            "provider": str(existing.provider_id),
            "price": "1250.00",
            "duration_weeks": "12",
            "regions": [str(region.id)],
            "characteristics": [str(characteristic.id)],
            "position": "0",
            "active": "y",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    programme = db.session.scalar(sa.select(Programme).where(Programme.name == "Werkfit Utrecht"))
    assert [r.name for r in programme.regions] == ["Utrecht"]
    assert programme.characteristics == [characteristic]
    assert provider_id is None or provider_id
