"""Configuration export/import: round trip into an empty database, dry run, every error by path, all or nothing."""

from __future__ import annotations

import copy
import json

import pytest
import sqlalchemy as sa

from casework.configio import dump_json, export_configuration, import_configuration, parse_json
from casework.errors import Invalid
from casework.logbook import SYSTEM, Actor
from models import (
    ContractModel,
    LogEntry,
    Programme,
    Provider,
    Region,
    SeedRecord,
    TaskTemplate,
    TrajectoryTemplate,
    Trigger,
)


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _region(db, name: str) -> Region | None:
    return db.session.scalar(sa.select(Region).where(Region.name == name))


@pytest.fixture
def exported(db, create_programme) -> dict:
    """The seed configuration plus one provider with a programme, exported."""
    create_programme(
        name="Werkfit Plus",
        regions=("Utrecht", "Gelderland"),
        characteristics=("Coaching", "Looptijd kort"),
        service_types=("Interventies en re-integratie",),
        price="1250.50",
        duration_weeks=10,
    )
    return export_configuration()


def test_export_names_everything_by_name_in_a_fixed_order(exported):
    assert exported["format"] == "traject-configuration" and exported["version"] == 1
    names = [r["name"] for r in exported["regions"]]
    assert names == sorted(names) and "Utrecht" in names
    template = next(t for t in exported["trajectory_templates"] if t["name"] == "Inzet interventie")
    assert [t["key"] for t in template["tasks"]] == ["T1", "T2", "T3", "T4", "T4V", "T5", "T6", "T7"]
    rejected = next(
        t for t in template["triggers"] if t["name"] == "T4 geen akkoord → brief en traject sluiten"
    )
    assert {"kind": "task_template", "task": "T4"}.items() <= rejected["conditions"][0].items()
    assert any(
        a["document_template"] == "Geen inzet interventie i.v.m. geen akkoord klant"
        for a in rejected["actions"]
    )
    programme = exported["providers"][0]["programmes"][0]
    assert programme["regions"] == ["Gelderland", "Utrecht"] and programme["price"] == "1250.50"
    text = dump_json(exported)
    assert '"id"' not in text and '_id"' not in text
    assert text.startswith('{\n  "absence_causes": [') and text.endswith("}\n")


def test_round_trip_into_an_empty_database_gives_the_same_file(exported, make_app):
    from flask_migrate import upgrade

    from models import db as _db

    first = dump_json(exported)
    empty = make_app()
    with empty.app_context():
        upgrade()
        assert _count(_db, Region) == 0
        report = import_configuration(json.loads(first), actor=SYSTEM, now=_now(), dry_run=False)
        _db.session.commit()
        assert "Utrecht" in report.created["regions"]
        assert report.created["programmes"] == [f"{exported['providers'][0]['name']} / Werkfit Plus"]
        second = dump_json(export_configuration())
        again = import_configuration(json.loads(second), actor=SYSTEM, now=_now(), dry_run=False)
        assert not again.has_changes
    assert second == first


def _now():
    import datetime as dt

    return dt.datetime(2026, 3, 2, 9, 30)


def test_dry_run_changes_nothing_and_lists_what_would_change(db, exported, now):
    data = copy.deepcopy(exported)
    utrecht = next(r for r in data["regions"] if r["name"] == "Utrecht")
    utrecht["description"] = "Provincie Utrecht en omstreken"
    data["regions"].append({"name": "Zeeuws-Vlaanderen", "description": "Zuidelijk Zeeland"})
    logs = _count(db, LogEntry)
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=True)
    assert report.dry_run
    assert report.created == {"regions": ["Zeeuws-Vlaanderen"]}
    assert report.changed == {"regions": [("Utrecht", ["description"])]}
    assert _region(db, "Zeeuws-Vlaanderen") is None
    assert _region(db, "Utrecht").description != "Provincie Utrecht en omstreken"
    assert _count(db, LogEntry) == logs
    assert "Regio's: Utrecht wordt gewijzigd: omschrijving" in report.lines()


def test_import_updates_by_name_reports_fields_and_writes_the_log_book(db, exported, admin_user, now):
    data = copy.deepcopy(exported)
    next(r for r in data["regions"] if r["name"] == "Utrecht")["description"] = "Nieuw"
    programme = data["providers"][0]["programmes"][0]
    programme["regions"] = ["Utrecht"]
    programme["price"] = "999"
    template = next(t for t in data["trajectory_templates"] if t["name"] == "Inzet interventie")
    next(t for t in template["tasks"] if t["key"] == "T3")["due_offset_days"] = 4
    before_regions = _count(db, Region)
    report = import_configuration(data, actor=Actor(admin_user), now=now, dry_run=False)
    assert report.changed["regions"] == [("Utrecht", ["description"])]
    assert report.changed["programmes"] == [
        (f"{data['providers'][0]['name']} / Werkfit Plus", ["price", "regions"])
    ]
    assert report.changed["tasks"] == [("Inzet interventie / T3", ["due_offset_days"])]
    assert _region(db, "Utrecht").description == "Nieuw"
    row = db.session.scalar(sa.select(Programme).where(Programme.name == "Werkfit Plus"))
    assert str(row.price) == "999.00" and [r.name for r in row.regions] == ["Utrecht"]
    assert _count(db, Region) == before_regions  # nothing deleted, nothing duplicated
    entry = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "config.imported")).one()
    assert entry.actor_id == admin_user.id and entry.details["regions"] == {"created": 0, "changed": 1}


def test_rows_absent_from_the_file_are_left_alone(db, exported, now):
    data = {
        "format": "traject-configuration",
        "version": 1,
        "regions": [{"name": "Drenthe", "active": False}],
    }
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.changed == {"regions": [("Drenthe", ["active"])]}
    assert _region(db, "Drenthe").active is False and _region(db, "Utrecht").active is True
    assert _count(db, Provider) == 1


@pytest.mark.parametrize(
    "change,path,reason",
    [
        (
            lambda d: d["providers"][0]["programmes"][0]["regions"].append("Zeeuws-Vlaanderen"),
            "providers[0].programmes[0].regions[2]",
            'onbekende regio "Zeeuws-Vlaanderen"',
        ),
        (
            lambda d: d["regions"].append(dict(d["regions"][0])),
            "regions[12]",
            'dubbel: "Drenthe" staat ook in regions[0]',
        ),
        (
            lambda d: d["regions"][1].update(position="eerste"),
            "regions[1].position",
            "Geef een geheel getal.",
        ),
        (lambda d: d["regions"][1].update(colour="rood"), "regions[1].colour", "Onbekend veld."),
        (lambda d: d["regions"][2].pop("name"), "regions[2].name", "Dit veld is verplicht."),
        (lambda d: d["labels"][0].update(colour_primary="blauw"), "labels[0].colour_primary", "#1f4e79"),
        (
            lambda d: _inzet(d)["tasks"].append(dict(_inzet(d)["tasks"][0], name="Andere naam")),
            "trajectory_templates[0].tasks[8]",
            'dubbel: "T1" staat ook in trajectory_templates[0].tasks[0]',
        ),
        (
            lambda d: _inzet(d)["triggers"][0]["actions"][0].update(task="T99"),
            "trajectory_templates[0].triggers[0].actions[0].task",
            'onbekende taak "T99"',
        ),
        (
            lambda d: _inzet(d)["triggers"][0]["actions"][0].update(kind="close_trajectory", end_reason=None),
            "trajectory_templates[0].triggers[0].actions[0].end_reason",
            "Verplicht bij soort close_trajectory.",
        ),
        (
            lambda d: d["document_templates"][0].update(body="Beste {{ werknemer.schoenmaat }}"),
            "document_templates[0].body",
            "Onbekend samenvoegveld: werknemer",
        ),
        (
            lambda d: d["contract_models"][0]["prices"].append(
                {"template": "Inzet interventie", "task": "T42", "price": "1"}
            ),
            "contract_models[0].prices",
            'onbekende taak "T42"',
        ),
        (lambda d: d.update(version=2), "version", "Onbekende versie 2"),
    ],
)
def test_each_kind_of_error_is_named_with_its_path_and_nothing_changes(
    db, exported, now, change, path, reason
):
    data = copy.deepcopy(exported)
    next(r for r in data["regions"] if r["name"] == "Utrecht")["description"] = "Zou gewijzigd worden"
    change(data)
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    matches = {p: r for p, r in refused.value.errors.items() if p.startswith(path)}
    assert matches, refused.value.errors
    assert any(reason in r for r in matches.values()), matches
    assert _region(db, "Utrecht").description != "Zou gewijzigd worden"


def _inzet(data: dict) -> dict:
    return next(t for t in data["trajectory_templates"] if t["name"] == "Inzet interventie")


def test_all_errors_are_collected_not_just_the_first(db, exported, now):
    data = copy.deepcopy(exported)
    data["categories"][0]["service_type"] = "Bestaat niet"
    data["providers"][0]["regions"] = ["Atlantis"]
    data["service_variations"][0]["templates"] = ["Geen trajecttype"]
    data["end_goals"][1]["active"] = "ja"  # a structural error does not hide the reference errors
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert refused.value.errors == {
        "end_goals[1].active": "Geef true of false.",
        "categories[0].service_type": 'onbekende dienstverleningssoort "Bestaat niet"',
        "service_variations[0].templates[0]": 'onbekend trajecttype "Geen trajecttype"',
        "providers[0].regions[0]": 'onbekende regio "Atlantis"',
    }


def test_a_trigger_refused_by_the_engine_rules_undoes_the_whole_import(db, exported, now):
    data = copy.deepcopy(exported)
    data["regions"].append({"name": "Waddeneilanden"})
    template = _inzet(data)
    t2 = next(t for t in template["tasks"] if t["key"] == "T2")
    t2["active"] = False  # a trigger adds T2: the engine refuses adding a deactivated task
    tasks_before = {t.key: t.active for t in db.session.scalars(sa.select(TaskTemplate))}
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    paths = list(refused.value.errors)
    assert any(
        p.startswith("trajectory_templates[0].triggers[") and p.endswith("].actions[0].task_template")
        for p in paths
    )
    assert "gedeactiveerd" in " ".join(refused.value.errors.values())
    assert _region(db, "Waddeneilanden") is None
    assert {t.key: t.active for t in db.session.scalars(sa.select(TaskTemplate))} == tasks_before


def test_new_trigger_and_task_reference_each_other_by_key(db, exported, now):
    data = copy.deepcopy(exported)
    template = _inzet(data)
    template["tasks"].append({"key": "T8", "name": "Nazorggesprek", "kind": "plain", "due_offset_days": 14})
    template["triggers"].append(
        {
            "name": "T7 afgerond → nazorg",
            "event": "task_completed",
            "conditions": [{"kind": "task_template", "task": "T7"}],
            "actions": [{"kind": "add_task", "task": "T8", "due_in_days": 14}],
        }
    )
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.created == {
        "tasks": ["Inzet interventie / T8"],
        "triggers": ["Inzet interventie / T7 afgerond → nazorg"],
    }
    trigger = db.session.scalar(sa.select(Trigger).where(Trigger.name == "T7 afgerond → nazorg"))
    assert trigger.template.name == "Inzet interventie"
    assert trigger.conditions[0].task_template.key == "T7" and trigger.actions[0].task_template.key == "T8"
    assert trigger.actions[0].task_template.trajectory_template_id == trigger.template.id


def test_import_into_a_seeded_database_keeps_seed_bookkeeping(db, exported, now):
    data = copy.deepcopy(exported)
    data["seed_records"].append({"kind": "region", "key": "Oude regio"})
    seeds = _count(db, SeedRecord)
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.created == {"seed_records": ["region: Oude regio"]}
    assert _count(db, SeedRecord) == seeds + 1
    assert _count(db, TrajectoryTemplate) == 1 and _count(db, ContractModel) == 2


def test_a_file_that_is_not_json_is_refused_with_line_and_column():
    with pytest.raises(Invalid) as refused:
        parse_json(b'{"format": "traject-configuration",\n  "version": }')
    assert refused.value.errors == {"(bestand)": "Geen geldige JSON: regel 2, kolom 14: Expecting value."}


def test_changing_a_trigger_action_replaces_its_actions_and_is_reported(db, exported, now):
    data = copy.deepcopy(exported)
    name = "T1 afgerond → T2 programmaselectie"
    trig = next(t for t in _inzet(data)["triggers"] if t["name"] == name)
    assert trig["actions"][0]["kind"] == "add_task"
    trig["actions"][0]["due_in_days"] = 5
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.changed == {"triggers": [(f"Inzet interventie / {name}", ["actions"])]}
    db.session.expire_all()
    row = db.session.scalar(sa.select(Trigger).where(Trigger.name == name))
    assert [(a.kind.value, a.task_template.key, a.due_in_days) for a in row.actions] == [
        ("add_task", "T2", 5)
    ]


def test_who_carries_the_poortwachter_steps_moves_with_the_variation(db, exported, now):
    from models import PoortwachterCarrier, ServiceVariation

    def carrier_of(name: str) -> PoortwachterCarrier | None:
        return db.session.scalar(
            sa.select(ServiceVariation.poortwachter_carrier).where(ServiceVariation.name == name)
        )

    items = {v["name"]: v for v in exported["service_variations"]}
    assert items["WVP Op afroep"]["poortwachter_carrier"] == "employer"
    assert items["WVP De luxe"]["poortwachter_carrier"] == "arbodienst"
    assert items["WGA-begeleiding volledig"]["poortwachter_carrier"] is None
    data = copy.deepcopy(exported)
    bad = next(v for v in data["service_variations"] if v["name"] == "WVP De luxe")
    bad["poortwachter_carrier"] = "bedrijfsarts"
    at = data["service_variations"].index(bad)
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert refused.value.errors == {
        f"service_variations[{at}].poortwachter_carrier": "Kies uit: arbodienst, employer."
    }
    assert carrier_of("WVP De luxe") == PoortwachterCarrier.ARBODIENST
    bad["poortwachter_carrier"] = None  # not applicable
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.changed["service_variations"] == [
        ("Arbodienstverlening WVP / WVP De luxe", ["poortwachter_carrier"])
    ]
    assert carrier_of("WVP De luxe") is None
    del bad["poortwachter_carrier"]  # a file from before the field leaves it alone
    bad["description"] = "Alles overgenomen"
    import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert carrier_of("WVP De luxe") is None


def test_the_causes_of_absence_travel_with_their_characteristics(db, exported, now):
    from models import AbsenceCause

    causes = {c["name"]: c for c in exported["absence_causes"]}
    assert causes["Conflict"]["characteristics"] == ["Mediation"]
    data = copy.deepcopy(exported)
    conflict = next(c for c in data["absence_causes"] if c["name"] == "Conflict")
    at = data["absence_causes"].index(conflict)
    conflict["characteristics"] = ["Mediation", "Telepathie"]
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert refused.value.errors == {
        f"absence_causes[{at}].characteristics[1]": 'onbekend kenmerk "Telepathie"'
    }
    conflict["characteristics"] = ["Coaching", "Mediation"]
    data["absence_causes"].append({"name": "Reistijd", "characteristics": ["Looptijd kort"]})
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.changed["absence_causes"] == [("Conflict", ["characteristics"])]
    assert report.created["absence_causes"] == ["Reistijd"]
    row = db.session.scalar(sa.select(AbsenceCause).where(AbsenceCause.name == "Conflict"))
    assert [c.name for c in row.characteristics] == ["Coaching", "Mediation"]


def _field_names(schema: type, seen: set[type]) -> set[str]:
    """Every field name of a configuration schema and the schemas nested in it."""
    if schema in seen:
        return set()
    seen.add(schema)
    names = set(schema._declared_fields)
    for declared in schema._declared_fields.values():
        for candidate in (declared, getattr(declared, "inner", None)):
            nested = getattr(candidate, "nested", None)
            if nested is not None:
                names |= _field_names(nested if isinstance(nested, type) else type(nested), seen)
    return names


def test_every_field_the_report_can_name_has_dutch_words():
    from casework.configio import FIELD_WORDS
    from casework.configio_schemas import ConfigurationFile

    seen = {ConfigurationFile}  # the file's own keys are its sections, named by SECTION_WORDS
    names: set[str] = set()
    for declared in ConfigurationFile._declared_fields.values():
        nested = getattr(getattr(declared, "inner", None), "nested", None)
        if nested is not None:
            names |= _field_names(nested if isinstance(nested, type) else type(nested), seen)
    assert "name" in names and "colour_primary" in names
    assert sorted(names - set(FIELD_WORDS)) == []


@pytest.fixture
def agenda_config(db) -> dict:
    """The seed configuration plus a location, a consult type allowed under a variation with its own invitation
    template, and a contract model pricing it; exported."""
    from decimal import Decimal

    from models import (
        ConsultType,
        ContractConsultPrice,
        ContractModel,
        DocumentTemplate,
        Location,
        ServiceVariation,
    )

    variation = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).first()
    letter = DocumentTemplate(name="Uitnodiging kort", body="<p>{{ consult.date }}</p>")
    consult_type = ConsultType(
        name="Spreekuur arbeidsdeskundige",
        duration_minutes=30,
        price=Decimal("85.00"),
        variations=[variation],
        invitation_template=letter,
    )
    model = ContractModel(name="Spreekuren 2026")
    model.consult_prices.append(ContractConsultPrice(consult_type=consult_type, price=Decimal("2500.00")))
    db.session.add_all([Location(name="Kantoor Utrecht", description="Stationsplein 1"), letter, model])
    db.session.flush()
    return export_configuration()


def test_the_agenda_lists_are_exported_by_name(agenda_config):
    assert [r["name"] for r in agenda_config["locations"]] == ["Kantoor Utrecht"]
    assert [r["name"] for r in agenda_config["unavailability_kinds"]] == [
        "Cursus",
        "Overleg",
        "Verlof",
        "Ziekte",
    ]
    consult_type = next(
        r for r in agenda_config["consult_types"] if r["name"] == "Spreekuur arbeidsdeskundige"
    )
    assert consult_type["duration_minutes"] == 30 and consult_type["price"] == "85.00"
    assert (
        consult_type["invitation_template"] == "Uitnodiging kort" and consult_type["report_template"] is None
    )
    assert len(consult_type["variations"]) == 1 and set(consult_type["variations"][0]) == {
        "service_type",
        "name",
    }
    model = next(r for r in agenda_config["contract_models"] if r["name"] == "Spreekuren 2026")
    assert model["consult_prices"] == [{"consult_type": "Spreekuur arbeidsdeskundige", "price": "2500.00"}]


def test_the_agenda_lists_round_trip_into_an_empty_database(agenda_config, make_app):
    from flask_migrate import upgrade

    from models import ConsultType, Location
    from models import db as _db

    first = dump_json(agenda_config)
    empty = make_app()
    with empty.app_context():
        upgrade()
        assert _count(_db, ConsultType) == 0 and _count(_db, Location) == 0
        report = import_configuration(json.loads(first), actor=SYSTEM, now=_now(), dry_run=False)
        _db.session.commit()
        assert report.created["locations"] == ["Kantoor Utrecht"]
        assert "Spreekuur arbeidsdeskundige" in report.created["consult_types"]
        assert report.created["consult_prices"] == ["Spreekuren 2026 / Spreekuur arbeidsdeskundige"]
        row = _db.session.scalar(
            sa.select(ConsultType).where(ConsultType.name == "Spreekuur arbeidsdeskundige")
        )
        assert row.invitation_template.name == "Uitnodiging kort" and len(row.variations) == 1
        second = dump_json(export_configuration())
        assert not import_configuration(
            json.loads(second), actor=SYSTEM, now=_now(), dry_run=False
        ).has_changes
    assert second == first


def test_agenda_list_changes_are_reported_and_bad_references_refused(db, agenda_config, now):
    from models import ConsultType, ContractConsultPrice

    data = copy.deepcopy(agenda_config)
    at = next(i for i, r in enumerate(data["consult_types"]) if r["name"] == "Spreekuur arbeidsdeskundige")
    model_at = next(i for i, r in enumerate(data["contract_models"]) if r["name"] == "Spreekuren 2026")
    data["consult_types"][at]["report_template"] = "Bestaat niet"
    data["consult_types"][at]["variations"] = [{"service_type": "Nergens", "name": "Niets"}]
    data["contract_models"][model_at]["consult_prices"].append({"consult_type": "Onbekend", "price": "10"})
    data["contract_models"][model_at]["consult_prices"].append(
        {"consult_type": "Spreekuur arbeidsdeskundige", "price": "11"}
    )
    data["consult_types"].append({"name": "Te lang", "duration_minutes": 600, "price": "1"})
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    errors = refused.value.errors
    assert errors[f"consult_types[{at}].report_template"] == 'onbekend documentsjabloon "Bestaat niet"'
    assert (
        errors[f"consult_types[{at}].variations[0]"] == 'onbekende dienstverleningsvariatie "Nergens / Niets"'
    )
    assert (
        errors[f"contract_models[{model_at}].consult_prices[1].consult_type"]
        == 'onbekende spreekuursoort "Onbekend"'
    )
    assert errors[f"contract_models[{model_at}].consult_prices[2]"].startswith(
        'dubbel: "Spreekuur arbeidsdeskundige"'
    )
    late = len(data["consult_types"]) - 1
    assert errors[f"consult_types[{late}].duration_minutes"] == "Een getal van 5 tot en met 480."
    assert _count(db, ConsultType) == len(agenda_config["consult_types"])  # nothing changed

    data = copy.deepcopy(agenda_config)
    data["consult_types"][at]["duration_minutes"] = 40
    data["contract_models"][model_at]["consult_prices"][0]["price"] = "2400.00"
    report = import_configuration(data, actor=SYSTEM, now=now, dry_run=False)
    assert report.changed["consult_types"] == [("Spreekuur arbeidsdeskundige", ["duration_minutes"])]
    assert report.changed["consult_prices"] == [("Spreekuren 2026 / Spreekuur arbeidsdeskundige", ["price"])]
    assert "Spreekuursoorten: Spreekuur arbeidsdeskundige gewijzigd: duur in minuten" in report.lines()
    price = db.session.scalars(sa.select(ContractConsultPrice)).one()
    assert str(price.price) == "2400.00"
