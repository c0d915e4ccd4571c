"""Reports computed a moment ago, shown again while nothing they count has changed (issue 15).

An outcome report reads every trajectory and sick report of its period: over the whole book of a large
arbodienst that is a second of database work, and the console's report page is opened far more often than the
figures change. The report page and its downloads therefore keep each report they computed (Slack's
`/traject rapport` and the API compute anew) in the database, per caseload (a case manager's own, everything for
an administrator), period, grouping and day, for every worker and process to show again while:

- no transaction has since written a table a report may read. Every transaction through a session that writes
  such a table raises the one number in report_generations, in that same transaction, just before it commits
  (the last lock it takes, so two writers cannot deadlock on it); a kept report remembers the number it was
  computed under. Written-out SQL through a session counts too. Writes to the tables in UNREPORTED (the log book,
  sign-in sessions, signals and their notifications, the scan's bookkeeping) do not: opening a dossier writes its
  read to the log book and keeps the report. A transaction that wrote and has not committed yet computes anew,
  so it sees its own writes.
- it is at most TRAJECT_REPORT_MAX_AGE seconds old (default 300; 0 keeps nothing): the bound for writes that
  bypass the sessions (a database tool, a bulk load on a raw connection).

The page says when its figures were computed and offers to compute them anew at once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from models import ReportGeneration, ReportSnapshot, Role, User, db
from models.engine import reading_declared

DEFAULT_MAX_AGE = 300  # seconds
MAX_PAYLOAD = 4_000_000  # characters: a larger report is computed each time rather than kept
# Tables no report reads: a write to them keeps the kept reports.
UNREPORTED = frozenset(
    {
        "log_entries",
        "user_sessions",
        "signals",
        "notifications",
        "data_changes",
        "scan_states",
        "scheduler_locks",
        "slack_deliveries",
        "api_tokens",
        "report_generations",
        "report_snapshots",
    }
)
_WRITE = re.compile(
    r"^\s*(?:WITH\b.*?\b)?(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE | re.DOTALL
)
_STALE = "report_cache_stale"
_RAISE = sa.update(ReportGeneration).where(ReportGeneration.id == 1).values(value=ReportGeneration.value + 1)


def _mark(session: Session, tables: Any) -> None:
    if any(name not in UNREPORTED for name in tables):
        session.info[_STALE] = True


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    _mark(
        session,
        {
            getattr(getattr(obj, "__table__", None), "name", "?")
            for obj in (*session.new, *session.dirty, *session.deleted)
        },
    )


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    """Writes that bypass the unit of work: ORM-enabled update/delete/insert statements and written-out SQL."""
    statement = state.statement
    if state.is_update or state.is_delete or state.is_insert:
        _mark(state.session, {getattr(getattr(statement, "table", None), "name", "?")})
    elif isinstance(statement, sa.TextClause):
        found = _WRITE.match(statement.text)
        if found:
            _mark(state.session, {found.group(1).lower()})


@event.listens_for(Session, "before_commit")
def _committing(session: Session) -> None:
    """Raise the generation in the transaction that wrote, as its last statement before the commit."""
    session.flush()  # what the commit would flush, so that its writes are known
    if reading_declared():
        # A door that declared a read wrote nothing itself (the engine warns when it does); what the session
        # holds was written before, by a caller sharing it (a test), and is raised when that caller commits.
        return
    if session.info.pop(_STALE, False) and _generations_exist(session.connection()):
        session.execute(_RAISE)


def _generations_exist(connection: sa.Connection) -> bool:
    """Whether the database has report_generations (a database migrated to an older revision has not); known
    once per database connection."""
    info = connection.info
    if not info.get("report_generations"):
        info["report_generations"] = sa.inspect(connection).has_table("report_generations")
    return info["report_generations"]


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_STALE, None)


def scope_of(viewer: User | None) -> str:
    """Whose figures: everything for an administrator (or no viewer), else the case manager's own caseload."""
    return "all" if viewer is None or viewer.role == Role.ADMIN else f"user{viewer.id}"


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    raise TypeError(f"cannot keep {type(value).__name__} in a report")


def _decode(value: dict[str, Any]) -> Any:
    if value.keys() == {"n"}:
        return Decimal(value["n"])
    if value.keys() == {"d"}:
        return dt.date.fromisoformat(value["d"])
    return value


@dataclass
class Lookup:
    """What the store holds for one report: the report when fresh (else None), when it was computed, and what a
    report computed now is kept under."""

    key: str
    generation: int | None
    fields: dict[str, Any] | None = None
    computed_at: dt.datetime | None = None


def look_up(
    kind: str,
    parameters: tuple,
    viewer: User | None,
    *,
    now: dt.datetime,
    today: dt.date,
    max_age: int,
) -> Lookup:
    """The kept report of `kind` for `parameters` as `viewer` sees it on `today`, if fresh (one statement)."""
    key = "|".join(str(part) for part in (kind, scope_of(viewer), today, *parameters))[:300]
    if max_age <= 0 or db.session.info.get(_STALE):
        return Lookup(key, None)
    row = db.session.execute(
        sa.select(
            ReportGeneration.value,
            ReportSnapshot.generation,
            ReportSnapshot.computed_at,
            ReportSnapshot.payload,
        )
        .select_from(ReportGeneration)
        .outerjoin(ReportSnapshot, ReportSnapshot.key == key)
        .where(ReportGeneration.id == 1)
    ).first()
    if row is None:
        return Lookup(key, None)
    lookup = Lookup(key, row.value)
    age = now - row.computed_at if row.computed_at is not None else None
    if (
        row.generation == row.value
        and age is not None
        and dt.timedelta(0) <= age <= dt.timedelta(seconds=max_age)
    ):
        lookup.fields, lookup.computed_at = json.loads(row.payload, object_hook=_decode), row.computed_at
    return lookup


def keep(lookup: Lookup, fields: dict[str, Any], now: dt.datetime) -> None:
    """Keep a report just computed (its fields as plain data) under the generation read before computing it;
    flushed, the door commits. Nothing is kept without a generation, or when the report is very large."""
    if lookup.generation is None:
        return
    payload = json.dumps(fields, default=_encode, separators=(",", ":"))
    if len(payload) > MAX_PAYLOAD:
        return
    snapshot = db.session.get(ReportSnapshot, lookup.key)
    if snapshot is None:
        db.session.add(
            ReportSnapshot(key=lookup.key, generation=lookup.generation, computed_at=now, payload=payload)
        )
    else:
        snapshot.generation, snapshot.computed_at, snapshot.payload = lookup.generation, now, payload
    db.session.flush()
