"""Reports computed a moment ago, shown again while nothing they count has changed (issue 15).

An outcome report reads every trajectory and sick report of its period: over the whole book of a large
arbodienst that is a second of database work, and the console's report page is opened far more often than the
figures change. The console's report page and its downloads therefore keep each report they computed (Slack's
`/traject rapport` and the API compute anew), per caseload (a case manager's own, everything for an administrator), period, grouping and day, and
show it again while it is fresh:

- it is at most TRAJECT_REPORT_MAX_AGE seconds old (default 300; 0 computes every report anew), and
- no session of this process has since written to a table a report may read (when it writes, and again when it
  commits). Every write through a session counts, written-out SQL included, except those to the tables below that
  no report reads (the log book, sign-in sessions, signals and their notifications): opening a dossier writes its
  read to the log book and so keeps the report.

A write made by another process (a second gunicorn worker, a scheduler elsewhere, `traject` on the command line)
shows after at most the maximum age. The page says when its figures were computed and offers to compute them
anew at once.

The kept reports live in the Flask app (one store per app, so tests and apps do not share them), at most
MAX_KEPT of them, the least recently used dropped first.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from models import Role, User

DEFAULT_MAX_AGE = 300  # seconds
MAX_KEPT = 256
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
        "api_tokens",
    }
)
_WRITE = re.compile(r"^\s*(?:WITH\b.*?\b)?(INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(
    r"^\s*(?:WITH\b.*?\b)?(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE | re.DOTALL
)
_STALE = "report_cache_stale"


class _Generation:
    """A counter raised by every commit that wrote a reported table; a kept report remembers the value it saw."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()

    def raise_(self) -> None:
        with self.lock:
            self.value += 1


GENERATION = _Generation()


def _mark(session: Session, tables: Any) -> None:
    """A write to a reported table makes kept reports stale at once (a report computed meanwhile by another
    request cannot see the write yet) and again at the commit (it can then)."""
    if any(name not in UNREPORTED for name in tables):
        GENERATION.raise_()
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
        table = getattr(getattr(statement, "table", None), "name", "?")
        _mark(state.session, {table})
    elif isinstance(statement, sa.TextClause) and _WRITE.match(statement.text):
        found = _TABLE.match(statement.text)
        _mark(state.session, {found.group(1).lower() if found else "?"})


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.info.pop(_STALE, False):
        GENERATION.raise_()


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_STALE, None)


@dataclass(frozen=True)
class Kept:
    """A report as it was computed, with when (UTC) and the generation it saw."""

    report: Any
    computed_at: dt.datetime
    generation: int


class ReportStore:
    """The reports one app keeps."""

    def __init__(self, max_age: int) -> None:
        self.max_age = max_age
        self.kept: OrderedDict[tuple, Kept] = OrderedDict()
        self.lock = threading.Lock()

    def get(
        self, key: tuple, compute: Callable[[], Any], *, now: dt.datetime, anew: bool = False
    ) -> tuple[Any, dt.datetime]:
        """The kept report under `key` while fresh, else `compute()` kept; with when it was computed."""
        generation = GENERATION.value
        if self.max_age > 0 and not anew:
            with self.lock:
                kept = self.kept.get(key)
                if kept is not None and kept.generation == generation and self._young(kept, now):
                    self.kept.move_to_end(key)
                    return kept.report, kept.computed_at
        report = compute()
        if self.max_age > 0:
            with self.lock:
                self.kept[key] = Kept(report, now, generation)
                self.kept.move_to_end(key)
                while len(self.kept) > MAX_KEPT:
                    self.kept.popitem(last=False)
        return report, now

    def _young(self, kept: Kept, now: dt.datetime) -> bool:
        return dt.timedelta(0) <= now - kept.computed_at <= dt.timedelta(seconds=self.max_age)


def store_of(app: Any) -> ReportStore:
    """The app's store, made on first use with the app's TRAJECT_REPORT_MAX_AGE."""
    store = app.extensions.get("traject_reports")
    if store is None:
        store = app.extensions.setdefault(
            "traject_reports", ReportStore(int(app.config.get("TRAJECT_REPORT_MAX_AGE", DEFAULT_MAX_AGE)))
        )
    return store


def scope_of(viewer: User | None) -> str | int:
    """Whose figures: everything for an administrator (or no viewer), else the case manager's own caseload."""
    return "all" if viewer is None or viewer.role == Role.ADMIN else viewer.id


def kept_report(
    app: Any,
    kind: str,
    parameters: tuple,
    viewer: User | None,
    compute: Callable[[], Any],
    *,
    now: dt.datetime,
    today: dt.date,
    anew: bool = False,
) -> tuple[Any, dt.datetime]:
    """A report of `kind` for `parameters` as `viewer` sees it on `today`, kept or computed by `compute()`."""
    key = (kind, scope_of(viewer), today, *parameters)
    return store_of(app).get(key, compute, now=now, anew=anew)
