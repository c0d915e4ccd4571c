"""Connection set-up per database: SQLite gets WAL, foreign keys, a busy timeout and real transactions.

SQLite lets one connection write at a time. A transaction that begins as a reader (plain `BEGIN`) and writes later
must upgrade its lock, and in WAL mode it cannot when another connection committed since it began: SQLite answers
"database is locked" at once, whatever the busy timeout. So every transaction takes the write lock when it begins
(`BEGIN IMMEDIATE`, waiting up to the busy timeout for it), except where the door has declared that what runs now
only reads (`reading()`, e.g. a console page fetched with GET): those begin deferred and never block a writer. A
write inside a declared read is a bug; it is reported with a `ReadPathWriteWarning` (an error in the tests).
"""

from __future__ import annotations

import contextvars
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_BUSY, SQLITE_LOCKED = 5, 6  # primary result codes; extended codes keep them in the low byte
# PostgreSQL's ways of saying "another transaction holds what you need": serialization failure, deadlock,
# lock not available (lock_timeout).
POSTGRES_LOCK_STATES = {"40001", "40P01", "55P03"}
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

_reading: contextvars.ContextVar[bool] = contextvars.ContextVar("traject_reading", default=False)


class ReadPathWriteWarning(RuntimeWarning):
    """Something wrote to the database while the door had declared a read."""


def normalise_database_url(url: str) -> str:
    """Point PostgreSQL URLs at psycopg 3, whatever spelling the environment uses."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def declare_reading(flag: bool) -> contextvars.Token:
    """Declare whether the transactions begun from here on only read; returns the token to undo it."""
    return _reading.set(flag)


def reading_declared() -> bool:
    """Whether the transactions begun now only read."""
    return _reading.get()


def undeclare_reading(token: contextvars.Token) -> None:
    """Undo a declare_reading."""
    _reading.reset(token)


@contextmanager
def reading() -> Iterator[None]:
    """Within this block, transactions that begin only read (SQLite: a deferred BEGIN)."""
    token = declare_reading(True)
    try:
        yield
    finally:
        undeclare_reading(token)


def is_lock_timeout(error: BaseException) -> bool:
    """Whether a database error means: another transaction held a lock too long (try again later)."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    if getattr(original, "sqlstate", None) in POSTGRES_LOCK_STATES:
        return True
    return type(original).__module__ == "sqlite3" and "database is locked" in str(original)


def configure_engine(engine: sa.Engine) -> None:
    """Install the per-connection settings the dialect needs, and the check that reads do not write."""

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _reading.get() and statement.lstrip()[:7].upper().startswith(WRITES):
            warnings.warn(
                f"a write where only reads were declared: {statement.split(None, 3)[:3]}",
                ReadPathWriteWarning,
                stacklevel=2,
            )

    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the pysqlite driver, decide when a transaction begins, so that
        # SAVEPOINT and transactional DDL work (SQLAlchemy's documented pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN" if _reading.get() else "BEGIN IMMEDIATE")
