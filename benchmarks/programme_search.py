"""Programme search over 10,000 programmes of 500 providers: `search_programmes` against hand-written SQL.

Run with `python -m benchmarks.programme_search [--scale 0.1] [--sqlite-only|--postgresql-only]` (the scale shrinks
the programmes and providers alike). SQLite in a temporary file, then PostgreSQL as in benchmarks.common
(BENCH_POSTGRES_URL or a private server). Prints the median time of each filter combination (timed with
benchmarks.common.timed after one warm-up run) and its ratio to the hand-written statement measured in the same
run; nothing here asserts on time.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from benchmarks.common import NOW, on_each_database, scale_arguments, timed

PROGRAMMES = 10_000
PROVIDERS = 500
REPEAT = 15


def _generate(db: Any, rng: random.Random, programmes: int, providers: int) -> dict[str, list[int]]:
    """Bulk-insert providers, programmes and their regions, characteristics and service types."""
    from models import Characteristic, Programme, Provider, Region, ServiceType
    from models.providers import (
        programme_characteristics,
        programme_regions,
        programme_service_types,
        provider_regions,
    )

    ids = lambda model: list(db.session.scalars(sa.select(model.id).order_by(model.id)))  # noqa: E731
    regions, characteristics, services = ids(Region), ids(Characteristic), ids(ServiceType)
    db.session.execute(
        sa.insert(Provider),
        [{"name": f"Bench provider {n:04d}", "active": rng.random() > 0.03} for n in range(providers)],
    )
    providers = list(
        db.session.scalars(
            sa.select(Provider.id).where(Provider.name.like("Bench provider %")).order_by(Provider.id)
        )
    )
    db.session.execute(
        provider_regions.insert(),
        [
            {"provider_id": p, "region_id": r}
            for p in providers
            for r in rng.sample(regions, rng.randint(1, 4))
        ],
    )
    db.session.execute(
        sa.insert(Programme),
        [
            {
                "name": f"Programma {n:05d}",
                "provider_id": rng.choice(providers),
                "active": rng.random() > 0.05,
                "price": Decimal(rng.randint(50_000, 900_000)) / 100,
                "duration_weeks": rng.randint(4, 52),
            }
            for n in range(programmes)
        ],
    )
    programme_ids = list(
        db.session.scalars(
            sa.select(Programme.id).where(Programme.name.like("Programma %")).order_by(Programme.id)
        )
    )
    links = {programme_regions: [], programme_characteristics: [], programme_service_types: []}
    for p in programme_ids:
        if rng.random() > 0.1:  # one in ten has no regions of its own: it works where its provider does
            links[programme_regions] += [
                {"programme_id": p, "region_id": r} for r in rng.sample(regions, rng.randint(1, 3))
            ]
        links[programme_characteristics] += [
            {"programme_id": p, "characteristic_id": c}
            for c in rng.sample(characteristics, rng.randint(0, 4))
        ]
        links[programme_service_types] += [
            {"programme_id": p, "service_type_id": s}
            for s in rng.sample(services, rng.randint(1, min(2, len(services))))
        ]
    for table, rows in links.items():
        db.session.execute(table.insert(), rows)
    db.session.commit()
    if (
        db.engine.dialect.name == "postgresql"
    ):  # as autovacuum keeps a live database: statistics, visibility map
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    return {
        "regions": regions,
        "characteristics": characteristics,
        "services": services,
        "providers": providers,
    }


def _hand_written(dialect: str, criteria: dict[str, Any], limit: int) -> tuple[sa.TextClause, dict[str, Any]]:
    """The same search as one statement written by hand (GROUP BY ... HAVING), names aggregated in SQL."""
    agg = "group_concat(name, '|')" if dialect == "sqlite" else "string_agg(name, '|')"
    regions, chars = criteria.get("region_ids", []), criteria.get("characteristic_ids", [])
    params: dict[str, Any] = {"limit": limit, "provider": criteria.get("provider_id") or 0, "yes": True}
    ctes, joins, where, binds = [], [], ["p.active = :yes", "v.active = :yes"], []
    if criteria.get("service_type_id") is not None:
        where.append(
            "EXISTS (SELECT 1 FROM programme_service_types s WHERE s.programme_id = p.id"
            " AND s.service_type_id = :service)"
        )
        params["service"] = criteria["service_type_id"]
    if regions:
        ctes.append("""region_hits AS (
            SELECT programme_id, count(*) AS matched FROM (
                SELECT programme_id FROM programme_regions WHERE region_id IN :regions
                UNION ALL
                SELECT i.id FROM programmes i JOIN provider_regions y ON y.provider_id = i.provider_id
                WHERE y.region_id IN :regions
                  AND NOT EXISTS (SELECT 1 FROM programme_regions x WHERE x.programme_id = i.id)
            ) hit GROUP BY programme_id)""")
        joins.append("JOIN region_hits rh ON rh.programme_id = p.id")
        params["regions"] = regions
        binds.append(sa.bindparam("regions", expanding=True))
    if chars:
        ctes.append("""having_all AS (
            SELECT programme_id FROM programme_characteristics WHERE characteristic_id IN :chars
            GROUP BY programme_id HAVING count(*) = :n)""")
        joins.append("JOIN having_all ha ON ha.programme_id = p.id")
        params.update(chars=chars, n=len(chars))
        binds.append(sa.bindparam("chars", expanding=True))
    order = "preferred DESC, matched DESC, lower(name), lower(provider_name), id"
    ctes.append(f"""page AS (
            SELECT p.id, p.name, p.provider_id, v.name AS provider_name, p.price, p.duration_weeks,
                   CASE WHEN p.provider_id = :provider THEN 1 ELSE 0 END AS preferred,
                   {"rh.matched" if regions else "0"} AS matched
            FROM programmes p JOIN providers v ON v.id = p.provider_id {" ".join(joins)}
            WHERE {" AND ".join(where)}
            ORDER BY preferred DESC, matched DESC, lower(p.name), lower(v.name), p.id LIMIT :limit)""")
    sql = f"""
        WITH {", ".join(ctes)}
        SELECT page.*,
            (SELECT {agg} FROM regions r WHERE r.id IN (SELECT region_id FROM programme_regions WHERE programme_id = page.id)
                OR (NOT EXISTS (SELECT 1 FROM programme_regions WHERE programme_id = page.id)
                    AND r.id IN (SELECT region_id FROM provider_regions WHERE provider_id = page.provider_id))
            ) AS region_names,
            (SELECT {agg} FROM characteristics c WHERE c.id IN
                (SELECT characteristic_id FROM programme_characteristics WHERE programme_id = page.id)
            ) AS characteristic_names
        FROM page ORDER BY {order}
    """
    return sa.text(sql).bindparams(*binds), params


def _median(run: Callable[[], object]) -> float:
    """Median seconds of REPEAT runs, after one that warms the statement cache and the database's pages."""
    run()
    return timed(run, REPEAT)[0]


def _bench(url: str, label: str, scale: float) -> None:
    from flask_migrate import upgrade

    from casework.search import search_programmes
    from casework.seed import load_seed_configuration
    from console import create_app
    from models import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        db.session.commit()
        started = time.perf_counter()
        programmes, providers = max(int(PROGRAMMES * scale), 100), max(int(PROVIDERS * scale), 10)
        data = _generate(db, random.Random(42), programmes, providers)
        print(
            f"\n{label}: {programmes:,} programmes of {providers} providers generated in "
            f"{time.perf_counter() - started:.1f} s"
        )
        service = data["services"][0]
        combos = {
            "service only": {"service_type_id": service},
            "service + 2 regions": {"service_type_id": service, "region_ids": data["regions"][:2]},
            "service + 3 regions + 2 kenmerken": {
                "service_type_id": service,
                "region_ids": data["regions"][2:5],
                "characteristic_ids": data["characteristics"][:2],
            },
            "1 region + 1 kenmerk + provider preference": {
                "service_type_id": service,
                "region_ids": data["regions"][:1],
                "characteristic_ids": data["characteristics"][:1],
                "provider_id": data["providers"][7],
            },
            "no filters": {"service_type_id": None},
        }
        dialect = db.engine.dialect.name
        for name, criteria in combos.items():
            statement, params = _hand_written(dialect, criteria, 200)

            def by_hand(statement=statement, params=params) -> list[Any]:
                rows = db.session.execute(statement, params).all()
                return [
                    (r.id, (r.region_names or "").split("|"), (r.characteristic_names or "").split("|"))
                    for r in rows
                ]

            def engine(criteria=criteria) -> list[Any]:
                return search_programmes(**criteria, limit=200)

            ours, reference = engine(), by_hand()
            if [m.id for m in ours] != [r[0] for r in reference]:
                raise RuntimeError(f"{name}: search_programmes and the hand-written SQL disagree")
            t_engine, t_hand = _median(engine), _median(by_hand)
            print(
                f"  {name:<44} {len(ours):>4} results  search_programmes {t_engine * 1000:7.2f} ms"
                f"  hand-written {t_hand * 1000:7.2f} ms  ratio {t_engine / t_hand:.1f}x"
            )
        db.session.remove()
        db.engine.dispose()


def run(argv: list[str] | None = None) -> None:
    """Benchmark on SQLite and PostgreSQL."""
    args = scale_arguments("python -m benchmarks.programme_search", argv)
    print(
        f"Programme search at scale {args.scale:g}: median of {REPEAT} runs, limit 200"
        " (ratio = search_programmes / hand-written SQL)"
    )
    on_each_database(args, lambda url, label: _bench(url, label, args.scale))


if __name__ == "__main__":
    run(sys.argv[1:])
