"""Finding things: intervention programmes for task T2 (SPEC §4) and clients by name, number, postcode or BSN.

Matching, scoring and ordering are one SQL statement each, never a filter over rows in Python; the programme
search adds one statement to check the ids it was given and one to fetch the names shown on its page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import joinedload

from models import (
    AbsenceCause,
    Characteristic,
    Employee,
    Programme,
    Provider,
    Region,
    Role,
    ServiceType,
    User,
    db,
)
from models.providers import (
    programme_characteristics,
    programme_regions,
    programme_service_types,
    provider_regions,
)

from .bsn import normalise_bsn
from .errors import Invalid
from .i18n import M_, N_, nM_

# ---- programme search ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeMatch:
    """One programme found, with what the case manager compares: provider, price, duration, regions, kenmerken.

    `score` is higher for a better match: a programme of the preferred provider outranks any other, then the
    number of chosen regions the programme is active in counts.
    """

    id: int
    name: str
    provider_id: int
    provider_name: str
    price: Decimal
    duration_weeks: int
    score: int
    preferred: bool
    regions_matched: int
    regions: tuple[str, ...] = ()
    characteristics: tuple[str, ...] = ()
    description: str = ""


_UNKNOWN = {
    "service_type_id": N_("Onbekende dienstverlening: {}."),
    "region_ids": N_("Onbekende regio: {}."),
    "characteristic_ids": N_("Onbekend kenmerk: {}."),
    "provider_id": N_("Onbekende provider: {}."),
}


def _check_known(wanted: dict[str, tuple[type, list[int]]]) -> None:
    """Refuse ids that do not exist, naming the field; one statement for all lists."""
    parts = [
        sa.select(sa.literal(name).label("field"), model.id).where(model.id.in_(ids))
        for name, (model, ids) in wanted.items()
        if ids
    ]
    if not parts:
        return
    found: dict[str, set[int]] = {}
    for name, id_ in db.session.execute(sa.union_all(*parts)):
        found.setdefault(name, set()).add(id_)
    errors = {}
    for name, (_model, ids) in wanted.items():
        missing = sorted(set(ids) - found.get(name, set()))
        if missing:
            errors[name] = _UNKNOWN[name].format(", ".join(str(i) for i in missing))
    if errors:
        raise Invalid(errors)


def _region_hits(region_ids: sa.BindParameter) -> sa.Subquery:
    """Per programme, how many chosen regions it is active in: its own regions, or its provider's when it has
    none of its own (SPEC §3: a programme's regions default to its provider's). Programmes in none are absent."""
    inheriting = Programme.__table__.alias("inheriting")
    own = sa.select(programme_regions.c.programme_id).where(programme_regions.c.region_id.in_(region_ids))
    inherited = (
        sa.select(inheriting.c.id.label("programme_id"))
        .join(provider_regions, provider_regions.c.provider_id == inheriting.c.provider_id)
        .where(
            provider_regions.c.region_id.in_(region_ids),
            ~sa.exists().where(programme_regions.c.programme_id == inheriting.c.id),
        )
    )
    hits = sa.union_all(own, inherited).subquery("region_hit")
    return (
        sa.select(hits.c.programme_id, sa.func.count().label("matched"))
        .group_by(hits.c.programme_id)
        .subquery("region_hits")
    )


@functools.cache
def _search_statement(
    service: bool, regions: bool, characteristics: bool, preference: bool, provider_only: bool
) -> sa.Select:
    """The matching and ordering statement for one combination of filters, built once; values are bound."""
    zero = sa.literal_column("0", sa.Integer)
    provider_id = sa.bindparam("provider_id", type_=sa.Integer)
    query = (
        sa.select(
            Programme.id,
            Programme.name,
            Programme.provider_id,
            Provider.name.label("provider_name"),
            Programme.price,
            Programme.duration_weeks,
            Programme.description,
        )
        .join(Provider, Provider.id == Programme.provider_id)
        .where(Programme.active == sa.true(), Provider.active == sa.true())
    )
    if service:
        query = query.where(
            sa.exists().where(
                programme_service_types.c.programme_id == Programme.id,
                programme_service_types.c.service_type_id == sa.bindparam("service_type_id"),
            )
        )
    if characteristics:  # ALL chosen: as many matching rows as chosen characteristics
        having_all = (
            sa.select(programme_characteristics.c.programme_id)
            .where(
                programme_characteristics.c.characteristic_id.in_(
                    sa.bindparam("characteristic_ids", expanding=True)
                )
            )
            .group_by(programme_characteristics.c.programme_id)
            .having(sa.func.count() == sa.bindparam("characteristic_count", type_=sa.Integer))
            .subquery("having_all")
        )
        query = query.join(having_all, having_all.c.programme_id == Programme.id)
    matched: sa.ColumnElement[int] = zero
    if regions:  # ANY chosen: the join keeps programmes active in at least one
        hits = _region_hits(sa.bindparam("region_ids", expanding=True))
        query = query.join(hits, hits.c.programme_id == Programme.id)
        matched = hits.c.matched
    if provider_only:
        query = query.where(Programme.provider_id == provider_id)
    # The match score: a preferred provider's programme first, then the number of chosen regions it serves.
    preferred = sa.case((Programme.provider_id == provider_id, 1), else_=0) if preference else zero
    preferred_col, matched_col = preferred.label("preferred"), matched.label("regions_matched")
    return (
        query.add_columns(preferred_col, matched_col)
        .order_by(
            preferred_col.desc(),
            matched_col.desc(),
            sa.func.lower(Programme.name),
            sa.func.lower(Provider.name),
            Programme.id,
        )
        .limit(sa.bindparam("limit", type_=sa.Integer))
    )


def _names_statement(array_ids: bool) -> sa.CompoundSelect:
    """Region names (own, or the provider's) and characteristic names of the programmes with the given ids.

    On PostgreSQL the ids go as one array (`= ANY(:ids)`): a page of 200 ids as 600 separate parameters made
    this statement five times slower there.
    """
    if array_ids:
        ids = sa.bindparam("ids", type_=postgresql.ARRAY(sa.Integer))
        among = lambda column: column == sa.any_(ids)  # noqa: E731
    else:
        ids = sa.bindparam("ids", expanding=True)
        among = lambda column: column.in_(ids)  # noqa: E731
    own = (
        sa.select(
            programme_regions.c.programme_id.label("pid"), sa.literal_column("'r'").label("kind"), Region.name
        )
        .join(Region, Region.id == programme_regions.c.region_id)
        .where(among(programme_regions.c.programme_id))
    )
    inherited = (
        sa.select(Programme.id.label("pid"), sa.literal_column("'r'").label("kind"), Region.name)
        .join(provider_regions, provider_regions.c.provider_id == Programme.provider_id)
        .join(Region, Region.id == provider_regions.c.region_id)
        .where(among(Programme.id), ~sa.exists().where(programme_regions.c.programme_id == Programme.id))
    )
    characteristics = (
        sa.select(
            programme_characteristics.c.programme_id.label("pid"),
            sa.literal_column("'c'").label("kind"),
            Characteristic.name,
        )
        .join(Characteristic, Characteristic.id == programme_characteristics.c.characteristic_id)
        .where(among(programme_characteristics.c.programme_id))
    )
    return sa.union_all(own, inherited, characteristics)


_NAMES = {False: _names_statement(array_ids=False), True: _names_statement(array_ids=True)}


def search_programmes(
    *,
    service_type_id: int | None,
    region_ids: Sequence[int] = (),
    characteristic_ids: Sequence[int] = (),
    provider_id: int | None = None,
    provider_only: bool = False,
    limit: int = 200,
) -> list[ProgrammeMatch]:
    """Active programmes of active providers allowed for the service, active in ANY chosen region and having ALL
    chosen characteristics; the preferred provider's first (or only theirs with `provider_only`), best match
    first, then by name."""
    regions, characteristics = sorted(set(region_ids)), sorted(set(characteristic_ids))
    if limit < 1:
        raise Invalid({"limit": M_("Vraag om minstens één resultaat.")})
    if provider_only and provider_id is None:
        raise Invalid({"provider_id": M_("Kies een provider om alleen diens programma's te tonen.")})
    _check_known(
        {
            "service_type_id": (ServiceType, [] if service_type_id is None else [service_type_id]),
            "region_ids": (Region, regions),
            "characteristic_ids": (Characteristic, characteristics),
            "provider_id": (Provider, [] if provider_id is None else [provider_id]),
        }
    )
    statement = _search_statement(
        service_type_id is not None,
        bool(regions),
        bool(characteristics),
        provider_id is not None,
        provider_only,
    )
    rows = db.session.execute(
        statement,
        {
            "service_type_id": service_type_id,
            "region_ids": regions,
            "characteristic_ids": characteristics,
            "characteristic_count": len(characteristics),
            "provider_id": provider_id,
            "limit": limit,
        },
    ).all()
    names: dict[int, tuple[list[str], list[str]]] = {row.id: ([], []) for row in rows}
    if rows:
        statement = _NAMES[db.session.get_bind().dialect.name == "postgresql"]
        for pid, kind, name in db.session.execute(statement, {"ids": list(names)}).all():
            names[pid][0 if kind == "r" else 1].append(name)
    weight = len(regions) + 1  # more than any region count, so a preferred provider always ranks first
    return [
        ProgrammeMatch(
            **{**row._asdict(), "preferred": bool(row.preferred)},
            score=row.preferred * weight + row.regions_matched,
            regions=tuple(sorted(names[row.id][0], key=str.casefold)),
            characteristics=tuple(sorted(names[row.id][1], key=str.casefold)),
        )
        for row in rows
    ]


# ---- client search (PACTA "Zoekfunctie cliënt") ----------------------------------------------------------

CLIENT_LIMIT = 500
_POSTCODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})$")
_ESCAPE = "\\"


@dataclass
class ClientSearchResult:
    """The employees found (at most the limit), whether there were more, and what to tell the person."""

    employees: list[Employee] = field(default_factory=list)
    truncated: bool = False
    message: str = ""


def absence_causes() -> list[tuple[str, int]]:
    """(name, id) of the active non-medical causes of absence, in the configured order."""
    rows = db.session.execute(
        sa.select(AbsenceCause.name, AbsenceCause.id)
        .where(AbsenceCause.active.is_(True))
        .order_by(AbsenceCause.position, AbsenceCause.name)
    )
    return [(name, id_) for name, id_ in rows]


def cause_characteristic_ids(cause: AbsenceCause | None) -> list[int]:
    """The active characteristics that fit a non-medical cause of absence: T2's search starts filtered on them
    (seed 002: the underlying reason decides which intervention fits); the case manager can widen it."""
    if cause is None:
        return []
    return [c.id for c in cause.characteristics if c.active]


def _like_pattern(term: str) -> str:
    """A term as a LIKE pattern: `%` stays a wildcard, `_` and `\\` are literal, and it always matches a prefix
    (PACTA: "bak%er" finds names starting with bak and having er after it; "%bak" finds bak anywhere)."""
    escaped = term.replace(_ESCAPE, _ESCAPE * 2).replace("_", _ESCAPE + "_")
    return escaped if escaped.endswith("%") else escaped + "%"


def _client_conditions(term: str) -> list[sa.ColumnElement[bool]]:
    """What a term can mean: a name (prefix), a personnel number, a postcode, or a BSN (exact without `%`)."""
    lowered = term.lower()
    pattern = _like_pattern(lowered)
    prefix_last = sa.case(
        (Employee.name_prefix != "", Employee.name_prefix + " " + Employee.last_name),
        else_=Employee.last_name,
    )
    full_name = sa.case(
        (Employee.first_name != "", Employee.first_name + " " + prefix_last), else_=prefix_last
    )
    conditions = [
        sa.func.lower(column).like(pattern, escape=_ESCAPE)
        for column in (Employee.last_name, Employee.first_name, prefix_last, full_name)
    ]
    postcode = sa.func.upper(sa.func.replace(Employee.postcode, " ", ""))
    if "%" in term:
        compact = _like_pattern(term.replace(" ", "").upper())
        conditions.append(sa.func.lower(Employee.personnel_number).like(pattern, escape=_ESCAPE))
        conditions.append(postcode.like(compact, escape=_ESCAPE))
        return conditions  # a BSN is only ever found whole
    conditions.append(sa.func.lower(Employee.personnel_number) == lowered)
    if match := _POSTCODE.match(term):
        conditions.append(postcode == (match.group(1) + match.group(2)).upper())
    elif re.fullmatch(r"\d{4}", term):
        conditions.append(postcode.like(term + "%"))  # the numeric part of a postcode, in full
    bsn = normalise_bsn(term)
    if len(bsn) == 9 and bsn.isdigit():
        conditions.append(Employee.bsn == bsn)
    return conditions


def search_clients(term: str, *, viewer: User, limit: int = CLIENT_LIMIT) -> ClientSearchResult:
    """Employees matching a term, within the viewer's caseload unless an admin asks; at most `limit` of them."""
    term = " ".join((term or "").split())
    if not term.replace("%", "").strip():
        raise Invalid({"term": M_("Geef een zoekterm: een naam, personeelsnummer, postcode of BSN.")})
    if limit < 1:
        raise Invalid({"limit": M_("Vraag om minstens één resultaat.")})
    query = (
        sa.select(Employee)
        .options(joinedload(Employee.employer), joinedload(Employee.case_manager))
        .where(sa.or_(*_client_conditions(term)))
        .order_by(sa.func.lower(Employee.last_name), sa.func.lower(Employee.first_name), Employee.id)
        .limit(limit + 1)
    )
    if viewer.role is not Role.ADMIN:
        query = query.where(Employee.case_manager_id == viewer.id)  # a case manager sees their caseload only
    employees = list(db.session.scalars(query))
    truncated = len(employees) > limit
    del employees[limit:]
    if truncated:
        message = M_("Meer dan %(limit)s resultaten; verfijn de zoekopdracht.", limit=limit)
    elif not employees:
        message = M_("Geen werknemers gevonden.")
    else:
        message = nM_("%(num)s werknemer gevonden.", "%(num)s werknemers gevonden.", len(employees))
    return ClientSearchResult(employees=employees, truncated=truncated, message=message)
