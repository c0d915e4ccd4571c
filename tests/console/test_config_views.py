"""The configuration views beyond plain lists: Dutch enum names, filters, validation naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from models import (
    Characteristic,
    ContractModel,
    EndGoal,
    EndReason,
    Outcome,
    Programme,
    Provider,
    ServiceType,
    ServiceVariation,
    TaskTemplate,
    TrajectoryTemplate,
)

from .conftest import csrf_token


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def first(db, model, **where):
    query = sa.select(model).filter_by(**where).order_by(model.id)
    return db.session.scalars(query).first()


def post(client, endpoint, data, path="new/"):
    data = {"csrf_token": csrf_token(client, f"/admin/{endpoint}/{path}"), **data}
    return client.post(f"/admin/{endpoint}/{path}", data=data)


def filter_arg(app, endpoint, name):
    """The URL argument of a view's "equals" filter called `name` (e.g. flt0_3=...)."""
    [view] = [v for v in app.extensions["admin"][0]._views if v.endpoint == endpoint]
    view.index_view  # noqa: B018 - the filters are built with the view
    for arg, (_index, flt) in view._filter_args.items():
        if flt.name == name and type(flt).__name__ in ("FilterEqual", "EnumEqualFilter"):
            return f"flt0_{arg}"
    raise AssertionError(f"no filter {name} on {endpoint}")


def test_end_reason_with_outcome_end_goal_and_work_resumption(app, admin_client, db):
    goal = first(db, EndGoal)
    response = post(
        admin_client,
        "end_reasons",
        {
            "name": "Werk hervat bij andere werkgever",
            "outcome": "success",
            "end_goal": str(goal.id),
            "work_resumption": "y",
            "active": "y",
            "position": "5",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    reason = first(db, EndReason, name="Werk hervat bij andere werkgever")
    assert (reason.outcome, reason.end_goal, reason.work_resumption) == (Outcome.SUCCESS, goal, True)
    form = admin_client.get("/admin/end_reasons/new/").get_data(as_text=True)
    assert ">Niet succesvol</option>" in form and ">Geen akkoord</option>" in form
    flt = filter_arg(app, "end_reasons", "Uitkomst")
    page = admin_client.get(f"/admin/end_reasons/?{flt}=success").get_data(as_text=True)
    assert "Werk hervat bij andere werkgever" in page and "Succesvol" in page
    assert "Interventie niet succesvol afgerond" not in page


def test_programme_price_and_duration_are_checked_naming_the_field(admin_client, db):
    provider = Provider(name="Fit & Werk")
    db.session.add(provider)
    db.session.flush()
    before = count(db, Programme)
    base = {"name": "Coaching", "provider": str(provider.id), "position": "0", "active": "y"}
    response = post(admin_client, "programmes", {**base, "price": "-1", "duration_weeks": "8"})
    assert "Prijs: moet minstens 0 zijn." in response.get_data(as_text=True)
    response = post(admin_client, "programmes", {**base, "price": "100", "duration_weeks": "0"})
    assert "Duur (weken): moet groter dan 0 zijn." in response.get_data(as_text=True)
    assert count(db, Programme) == before
    response = post(admin_client, "programmes", {**base, "price": "0", "duration_weeks": "4"})
    assert response.status_code == 302
    assert count(db, Programme) == before + 1


def test_programmes_filter_by_characteristic_region_and_service_type(app, admin_client, db, create_programme):
    names = [c.name for c in db.session.scalars(sa.select(Characteristic).order_by(Characteristic.id))][:2]
    create_programme(name="Met kenmerk", characteristics=(names[0],), regions=("Zeeland",))
    create_programme(name="Zonder kenmerk", characteristics=(names[1],), regions=("Utrecht",))
    page = admin_client.get(
        f"/admin/programmes/?{filter_arg(app, 'programmes', 'Kenmerk')}={names[0]}"
    ).get_data(as_text=True)
    assert "Met kenmerk" in page and "Zonder kenmerk" not in page
    page = admin_client.get(f"/admin/programmes/?{filter_arg(app, 'programmes', 'Regio')}=Utrecht").get_data(
        as_text=True
    )
    assert "Zonder kenmerk" in page and "Met kenmerk" not in page
    page = admin_client.get("/admin/programmes/?search=Met+kenmerk").get_data(as_text=True)
    assert "Met kenmerk" in page and "Zonder kenmerk" not in page
    page = admin_client.get("/admin/programmes/?sort=2&desc=1").get_data(as_text=True)
    assert page.count("<tr") >= 3


def test_variation_names_are_unique_per_service_type_and_primary_must_be_allowed(admin_client, db):
    existing = first(db, ServiceVariation)
    other_type = ServiceType(name="Preventie")
    db.session.add(other_type)
    db.session.flush()
    template = first(db, TrajectoryTemplate)
    before = count(db, ServiceVariation)
    same = {"name": existing.name, "position": "0", "active": "y"}
    response = post(
        admin_client, "service_variations", {**same, "service_type": str(existing.service_type_id)}
    )
    assert f"Naam: er is al een item met de naam {existing.name} bij deze dienstverleningssoort." in (
        response.get_data(as_text=True)
    )
    response = post(
        admin_client,
        "service_variations",
        {**same, "service_type": str(other_type.id), "primary_template": str(template.id)},
    )
    assert "Primair trajecttype: kies een trajecttype dat ook bij de toegestane trajecttypen staat." in (
        response.get_data(as_text=True)
    )
    assert count(db, ServiceVariation) == before
    response = post(
        admin_client,
        "service_variations",
        {
            **same,
            "service_type": str(other_type.id),
            "templates": [str(template.id)],
            "primary_template": str(template.id),
        },
    )
    assert response.status_code == 302
    created = first(db, ServiceVariation, service_type_id=other_type.id)
    assert created.templates == [template] and created.primary_template == template


def test_contract_model_with_prices_inline(admin_client, db):
    task = first(db, TaskTemplate)
    data = {"name": "Vaste prijs", "position": "0", "active": "y", "prices-0-task_template": str(task.id)}
    response = post(admin_client, "contract_models", {**data, "prices-0-price": "-10"})
    assert "Prijs: moet minstens 0 zijn." in response.get_data(as_text=True)
    assert first(db, ContractModel, name="Vaste prijs") is None
    response = post(admin_client, "contract_models", {**data, "prices-0-price": "350.00"})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    model = first(db, ContractModel, name="Vaste prijs")
    assert [(p.task_template, p.price) for p in model.prices] == [(task, Decimal("350.00"))]
    assert f"{task.key}: € 350,00" in admin_client.get("/admin/contract_models/").get_data(as_text=True)


def test_contract_model_prices_consult_types_inline(admin_client, db):
    from models import ConsultType

    intake, progress = db.session.scalars(sa.select(ConsultType).order_by(ConsultType.id).limit(2))
    data = {
        "name": "Spreekuren",
        "position": "0",
        "active": "y",
        "consult_prices-0-consult_type": str(intake.id),
    }
    response = post(admin_client, "contract_models", {**data, "consult_prices-0-price": "-1"})
    assert "Prijs: moet minstens 0 zijn." in response.get_data(as_text=True)
    twice = {**data, "consult_prices-0-price": "80", "consult_prices-1-consult_type": str(intake.id)}
    response = post(admin_client, "contract_models", {**twice, "consult_prices-1-price": "90"})
    assert "Prijzen spreekuursoorten: elke spreekuursoort mag maar één prijs hebben." in response.get_data(
        as_text=True
    )
    assert first(db, ContractModel, name="Spreekuren") is None
    both = {**twice, "consult_prices-1-consult_type": str(progress.id), "consult_prices-1-price": "2500"}
    response = post(admin_client, "contract_models", both)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    model = first(db, ContractModel, name="Spreekuren")
    assert sorted((p.consult_type.name, p.price) for p in model.consult_prices) == sorted(
        [(intake.name, Decimal("80.00")), (progress.name, Decimal("2500.00"))]
    )
    listed = admin_client.get("/admin/contract_models/").get_data(as_text=True)
    assert f"{progress.name}: € 2.500,00" in listed and "Prijzen spreekuursoorten" in listed


def test_task_templates_inline_duplicate_key_and_delete_refused(admin_client, db):
    template = first(db, TrajectoryTemplate, name="Inzet interventie")
    page = admin_client.get(f"/admin/trajectory_templates/edit/?id={template.id}").get_data(as_text=True)
    assert "Kosten/baten-analyse" in page and "T4 akkoord" in page  # Dutch kinds; its triggers linked
    data = {"name": "Kort traject", "position": "0", "active": "y"}
    row = {
        "key": "K1",
        "name": "Intake",
        "kind": "plain",
        "due_offset_days": "2",
        "position": "0",
        "active": "y",
    }
    tasks = {f"task_templates-0-{k}": v for k, v in row.items()}
    double = {f"task_templates-1-{k}": v for k, v in {**row, "name": "Tweede"}.items()}
    response = post(admin_client, "trajectory_templates", {**data, **tasks, **double})
    assert "Sleutel: K1 komt twee keer voor." in response.get_data(as_text=True)
    assert first(db, TrajectoryTemplate, name="Kort traject") is None
    late = {**tasks, "task_templates-0-due_offset_days": "4000"}
    response = post(admin_client, "trajectory_templates", {**data, **late})
    assert "Termijn (dagen): hoogstens 3650 dagen." in response.get_data(as_text=True)
    response = post(admin_client, "trajectory_templates", {**data, **tasks})
    assert response.status_code == 302
    created = first(db, TrajectoryTemplate, name="Kort traject")
    [task] = created.task_templates
    assert (task.key, task.kind.value, task.due_offset_days) == ("K1", "plain", 2)
    edit = f"edit/?id={created.id}"
    response = post(
        admin_client,
        "trajectory_templates",
        {**data, **tasks, "task_templates-0-id": str(task.id), "del-task_templates-0": "on"},
        path=edit,
    )
    assert "verwijder je niet; zet hem op niet actief" in response.get_data(as_text=True)
    assert db.session.get(TaskTemplate, task.id) is not None


@pytest.mark.parametrize(
    "path", ["/admin/programmes/new/", "/admin/labels/preview/?id=1", "/admin/contract_models/"]
)
def test_case_manager_is_refused(cm_client, path):
    assert cm_client.get(path).status_code == 403


def test_post_without_csrf_changes_nothing(admin_client, db):
    before = count(db, EndReason)
    response = admin_client.post("/admin/end_reasons/new/", data={"name": "Zonder token", "outcome": "other"})
    assert response.status_code == 400
    assert count(db, EndReason) == before


def test_deactivate_a_programme(admin_client, db, create_programme):
    programme = create_programme(name="Oud programma")
    token = csrf_token(admin_client, "/admin/programmes/")
    response = admin_client.post(
        "/admin/programmes/action/",
        data={"action": "deactivate", "rowid": [str(programme.id)], "csrf_token": token},
    )
    assert response.status_code == 302
    db.session.refresh(programme)
    assert programme.active is False


ENDPOINTS = {
    "categories": "Categorie",
    "end_reasons": "Uitkomst",
    "labels": "Hoofdkleur",
    "service_variations": "Primair trajecttype",
    "insurers": "Contactpersoon",
    "insurance_products": "Schadelastbeheer",
    "referrers": "Label",
    "contract_models": "Prijs (€)",
    "providers": "Contactpersoon",
    "programmes": "Duur (weken)",
    "trajectory_templates": "Termijn (dagen)",
    "document_templates": "Huisstijl van het label",
}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_every_view_edits_an_item_in_dutch_and_refuses_others(admin_client, db, create_programme, endpoint):
    create_programme()
    [view] = [v for v in admin_client.application.extensions["admin"][0]._views if v.endpoint == endpoint]
    row = first(db, view.model)
    page = admin_client.get(f"/admin/{endpoint}/edit/?id={row.id}").get_data(as_text=True)
    assert ENDPOINTS[endpoint] in page and 'name="csrf_token"' in page and "Opslaan" in page
    assert " onclick=" not in page  # nothing the CSP would refuse
    assert " onclick=" not in admin_client.get(f"/admin/{endpoint}/").get_data(as_text=True)
    response = admin_client.post(f"/admin/{endpoint}/edit/?id={row.id}", data={"name": "Zonder token"})
    assert response.status_code == 400
    db.session.refresh(row)
    assert row.name != "Zonder token"
