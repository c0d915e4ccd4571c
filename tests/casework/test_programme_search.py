"""Programme search for task T2 (SPEC §4): service, ANY region, ALL characteristics, provider preference."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.search import search_programmes
from models import Characteristic, Provider, Region, ServiceType


@pytest.fixture
def catalog(db) -> dict[str, object]:
    """Regions, characteristics and service types of this test only, by short name."""
    items = {}
    for model, names in (
        (Region, ("Noord", "Zuid", "Oost", "West")),
        (Characteristic, ("Mediation", "Kort", "Individueel")),
        (ServiceType, ("Arbo", "ZW")),
    ):
        for name in names:
            item = model(name=f"Test {name}")
            db.session.add(item)
            items[name] = item
    db.session.flush()
    return items


@pytest.fixture
def programme(create_programme, catalog):
    """Factory: a programme by short names; allowed for Arbo unless told otherwise."""

    def make(name, regions=("Noord",), characteristics=(), services=("Arbo",), **fields):
        return create_programme(
            name=name,
            regions=tuple(f"Test {r}" for r in regions),
            characteristics=tuple(f"Test {c}" for c in characteristics),
            service_types=tuple(f"Test {s}" for s in services),
            **fields,
        )

    return make


def ids(catalog, *names):
    return [catalog[n].id for n in names]


def names(matches):
    return [m.name for m in matches]


def test_service_type_alone(programme, catalog):
    programme("Arbo-programma")
    programme("ZW-programma", services=("ZW",))
    programme("Beide", services=("Arbo", "ZW"))
    assert names(search_programmes(service_type_id=catalog["Arbo"].id)) == ["Arbo-programma", "Beide"]
    assert names(search_programmes(service_type_id=catalog["ZW"].id)) == ["Beide", "ZW-programma"]


def test_regions_match_any_chosen_region(programme, catalog):
    programme("A", regions=("Noord",))
    programme("B", regions=("Zuid",))
    programme("C", regions=("Oost",))
    found = search_programmes(service_type_id=catalog["Arbo"].id, region_ids=ids(catalog, "Noord", "Zuid"))
    assert names(found) == ["A", "B"]
    assert [m.regions_matched for m in found] == [1, 1]


def test_characteristics_match_all_chosen(programme, catalog):
    programme("Beide kenmerken", characteristics=("Mediation", "Kort"))
    programme("Alleen mediation", characteristics=("Mediation",))
    programme("Alle drie", characteristics=("Mediation", "Kort", "Individueel"))
    arbo = catalog["Arbo"].id
    both = search_programmes(service_type_id=arbo, characteristic_ids=ids(catalog, "Mediation", "Kort"))
    assert names(both) == ["Alle drie", "Beide kenmerken"]
    one = search_programmes(service_type_id=arbo, characteristic_ids=ids(catalog, "Mediation", "Mediation"))
    assert names(one) == ["Alle drie", "Alleen mediation", "Beide kenmerken"]


def test_filters_combine(programme, catalog):
    programme("Raak", regions=("Noord", "Oost"), characteristics=("Mediation",))
    programme("Verkeerde regio", regions=("West",), characteristics=("Mediation",))
    programme("Mist kenmerk", regions=("Noord",))
    programme("Verkeerde dienst", regions=("Noord",), characteristics=("Mediation",), services=("ZW",))
    found = search_programmes(
        service_type_id=catalog["Arbo"].id,
        region_ids=ids(catalog, "Noord", "Zuid"),
        characteristic_ids=ids(catalog, "Mediation"),
    )
    assert names(found) == ["Raak"]


def test_without_filters_every_active_programme_shows(programme, catalog):
    programme("Arbo")
    programme("ZW", services=("ZW",))
    programme("Nergens toegestaan", services=())
    assert names(search_programmes(service_type_id=None)) == ["Arbo", "Nergens toegestaan", "ZW"]


def test_inactive_programme_and_inactive_provider_are_left_out(db, programme, catalog):
    programme("Actief")
    programme("Gestopt", active=False)
    stopped = Provider(name="Gestopte provider", active=False)
    programme("Van gestopte provider", provider=stopped)
    assert names(search_programmes(service_type_id=catalog["Arbo"].id)) == ["Actief"]


def test_result_shows_provider_price_duration_regions_and_characteristics(db, programme, catalog):
    provider = Provider(name="Vitaal Werk")
    programme(
        "Coaching",
        provider=provider,
        regions=("West", "Noord"),
        characteristics=("Kort", "Individueel"),
        price="2450.50",
        duration_weeks=12,
    )
    [match] = search_programmes(service_type_id=catalog["Arbo"].id)
    assert (match.name, match.provider_name, match.provider_id) == ("Coaching", "Vitaal Werk", provider.id)
    assert match.price == Decimal("2450.50") and type(match.price) is Decimal
    assert match.duration_weeks == 12
    assert match.regions == ("Test Noord", "Test West")
    assert match.characteristics == ("Test Individueel", "Test Kort")


def test_programme_without_regions_is_active_in_its_providers_regions(db, programme, catalog):
    provider = Provider(name="Landelijk", regions=[catalog["Zuid"], catalog["Oost"]])
    programme("Erft regio's", provider=provider, regions=())
    programme("Eigen regio", provider=provider, regions=("Noord",))
    found = search_programmes(service_type_id=catalog["Arbo"].id, region_ids=ids(catalog, "Zuid"))
    assert names(found) == ["Erft regio's"]
    assert found[0].regions == ("Test Oost", "Test Zuid")


def test_order_by_regions_matched_then_name_then_provider(db, programme, catalog):
    programme("beta", regions=("Noord",))
    programme("Alfa", regions=("Noord",), provider=Provider(name="Zeta zorg"))
    programme("Alfa", regions=("Noord",), provider=Provider(name="Alpha zorg"))
    programme("Zorg breed", regions=("Noord", "Zuid", "Oost"))
    programme("Twee", regions=("Noord", "Zuid"))
    found = search_programmes(
        service_type_id=catalog["Arbo"].id, region_ids=ids(catalog, "Noord", "Zuid", "Oost")
    )
    assert [(m.name, m.regions_matched) for m in found] == [
        ("Zorg breed", 3),
        ("Twee", 2),
        ("Alfa", 1),
        ("Alfa", 1),
        ("beta", 1),
    ]
    assert [m.provider_name for m in found[2:4]] == ["Alpha zorg", "Zeta zorg"]
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_preferred_provider_ranks_first_but_others_still_show(db, programme, catalog):
    favourite = Provider(name="Voorkeur B.V.")
    programme("Zwak", regions=("Noord",), provider=favourite)
    programme("Sterk", regions=("Noord", "Zuid"))
    programme("Ander", regions=("Noord",))
    found = search_programmes(
        service_type_id=catalog["Arbo"].id, region_ids=ids(catalog, "Noord", "Zuid"), provider_id=favourite.id
    )
    assert names(found) == ["Zwak", "Sterk", "Ander"]
    assert [m.preferred for m in found] == [True, False, False]
    strict = search_programmes(
        service_type_id=catalog["Arbo"].id,
        region_ids=ids(catalog, "Noord", "Zuid"),
        provider_id=favourite.id,
        provider_only=True,
    )
    assert names(strict) == ["Zwak"]


def test_limit_cuts_the_list(programme, catalog):
    for n in range(5):
        programme(f"P{n}")
    assert names(search_programmes(service_type_id=catalog["Arbo"].id, limit=2)) == ["P0", "P1"]
    with pytest.raises(Invalid) as error:
        search_programmes(service_type_id=catalog["Arbo"].id, limit=0)
    assert list(error.value.errors) == ["limit"]


def test_unknown_ids_are_refused_naming_the_field(db, catalog):
    missing = db.session.scalar(sa.select(sa.func.max(Region.id))) + 100
    with pytest.raises(Invalid) as error:
        search_programmes(service_type_id=catalog["Arbo"].id, region_ids=[catalog["Noord"].id, missing])
    assert error.value.errors == {"region_ids": f"Onbekende regio: {missing}."}
    with pytest.raises(Invalid) as error:
        search_programmes(service_type_id=999_999, characteristic_ids=[999_998], provider_id=999_997)
    assert set(error.value.errors) == {"service_type_id", "characteristic_ids", "provider_id"}
    with pytest.raises(Invalid) as error:
        search_programmes(service_type_id=None, provider_only=True)
    assert list(error.value.errors) == ["provider_id"]


def _statements(db, run) -> int:
    db.session.flush()
    connection = db.session.connection()
    seen = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    sa.event.listen(connection, "before_cursor_execute", count)
    try:
        run()
    finally:
        sa.event.remove(connection, "before_cursor_execute", count)
    return len(seen)


def test_number_of_statements_does_not_grow_with_results(db, programme, catalog):
    criteria = {
        "service_type_id": catalog["Arbo"].id,
        "region_ids": ids(catalog, "Noord", "Zuid"),
        "characteristic_ids": ids(catalog, "Mediation"),
    }
    for n in range(3):
        programme(f"Klein {n}", regions=("Noord", "Oost"), characteristics=("Mediation", "Kort"))
    few = _statements(db, lambda: search_programmes(**criteria))
    for n in range(30):
        programme(f"Groot {n}", regions=("Zuid",), characteristics=("Mediation",))
    results = []
    many = _statements(db, lambda: results.extend(search_programmes(**criteria)))
    assert len(results) == 33 and all(r.regions and r.characteristics for r in results)
    assert many == few <= 3  # the id check, the search, and one statement for all names
