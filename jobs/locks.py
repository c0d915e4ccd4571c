"""One scheduler per database: a PostgreSQL advisory lock, or on SQLite the `scheduler_locks` row.

PostgreSQL: a dedicated connection, outside the pool, holds `pg_advisory_lock` for the life of the process;
a second scheduler blocks on it and takes over the moment the first one's connection goes away.
SQLite: the lock row names its holder and carries a heartbeat; a holder whose heartbeat is older than the
stale time is presumed dead and the row is taken over.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models import SchedulerLock, utcnow

logger = logging.getLogger("traject.jobs.locks")
ADVISORY_KEY = 0x7472616A656374  # "traject"


class SchedulerLockHeld(RuntimeError):
    """The lock was lost (heartbeat overtaken or connection gone): this scheduler must stop."""


class DatabaseLock:
    """The scheduler's lock on one database (engine); `acquire`, `heartbeat`, `release`."""

    def __init__(self, engine: sa.Engine, name: str = "scheduler", stale_seconds: float = 60.0) -> None:
        self.engine = engine
        self.name = name
        self.stale = dt.timedelta(seconds=stale_seconds)
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.postgres = engine.dialect.name == "postgresql"
        self._connection: Any = None
        self.held = False

    # ---- PostgreSQL ------------------------------------------------------------------------------------------
    def _pg_acquire(self, blocking: bool) -> bool:
        if self._connection is None:
            connection = self.engine.raw_connection()
            connection.detach()  # never returned to the pool: it lives (and holds the lock) as long as we do
            connection.dbapi_connection.autocommit = True
            self._connection = connection
        cursor = self._connection.cursor()
        try:
            if blocking:
                cursor.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_KEY,))
                return True
            cursor.execute("SELECT pg_try_advisory_lock(%s)", (ADVISORY_KEY,))
            return bool(cursor.fetchone()[0])
        finally:
            cursor.close()

    # ---- SQLite ----------------------------------------------------------------------------------------------
    def _row_acquire(self, now: dt.datetime) -> bool:
        table = SchedulerLock.__table__
        with self.engine.begin() as connection:
            # Two schedulers starting together may both find no row: the second insert is a no-op.
            connection.execute(
                sqlite_insert(table).values(name=self.name, holder=None).on_conflict_do_nothing()
            )
            taken = connection.execute(
                table.update()
                .where(
                    table.c.name == self.name,
                    sa.or_(
                        table.c.holder.is_(None),
                        table.c.holder == self.holder,
                        table.c.heartbeat_at < now - self.stale,
                    ),
                )
                .values(holder=self.holder, acquired_at=now, heartbeat_at=now)
            )
            return taken.rowcount == 1

    # ---- both ------------------------------------------------------------------------------------------------
    def acquire(
        self, blocking: bool = True, poll_seconds: float = 2.0, now: dt.datetime | None = None
    ) -> bool:
        """Take the lock; with `blocking`, wait for it (logging once that another scheduler holds it)."""
        if self.postgres:
            self.held = self._pg_acquire(False)
            if not self.held and blocking:
                logger.warning("Another scheduler holds the database lock; waiting for it to stop.")
                self.held = self._pg_acquire(True)
            return self.held
        warned = False
        while True:
            self.held = self._row_acquire(now or utcnow())
            if self.held or not blocking:
                return self.held
            if not warned:
                logger.warning("Another scheduler holds the lock row %r; waiting for it to stop.", self.name)
                warned = True
            time.sleep(poll_seconds)

    def heartbeat(self, now: dt.datetime | None = None) -> None:
        """Prove this holder is alive; raises SchedulerLockHeld when the lock was lost."""
        if not self.held:
            raise SchedulerLockHeld("the scheduler lock is not held")
        if self.postgres:
            try:
                cursor = self._connection.cursor()
                cursor.execute("SELECT 1")
                cursor.close()
            except Exception as error:  # the connection (and with it the lock) is gone
                self.held = False
                raise SchedulerLockHeld(f"lock connection lost: {error}") from error
            return
        table = SchedulerLock.__table__
        with self.engine.begin() as connection:
            kept = connection.execute(
                table.update()
                .where(table.c.name == self.name, table.c.holder == self.holder)
                .values(heartbeat_at=now or utcnow())
            )
        if kept.rowcount != 1:
            self.held = False
            raise SchedulerLockHeld("another scheduler took over the lock row")

    def release(self) -> None:
        """Give the lock up (also safe when not held)."""
        if self.postgres:
            if self._connection is not None:
                try:
                    self._connection.close()  # closing the session releases the advisory lock
                finally:
                    self._connection = None
        elif self.held:
            table = SchedulerLock.__table__
            with self.engine.begin() as connection:
                connection.execute(
                    table.update()
                    .where(table.c.name == self.name, table.c.holder == self.holder)
                    .values(holder=None, heartbeat_at=None)
                )
        self.held = False

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
