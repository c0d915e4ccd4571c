"""Bookkeeping of the installation itself."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import db, utcnow


class SeedRecord(db.Model):
    """One seed item that `traject init` has loaded once; never loaded again, so an administrator's
    renames, edits and deactivations survive every later `traject init`."""

    __tablename__ = "seed_records"
    __table_args__ = (sa.UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(60))
    key: Mapped[str] = mapped_column(sa.String(300))
    loaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SlackDelivery(db.Model):
    """A Slack request already acted on: an Events API event_id, a digest of a command or interaction, or a
    request signature. Kept in the database (not in a worker's memory) so a retry or a replay is recognised by
    every worker; rows older than a day are purged by the day change."""

    __tablename__ = "slack_deliveries"

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(index=True)


class ReportGeneration(db.Model):
    """One row: a number raised by every transaction that writes a table a report reads, in that transaction
    (casework.report_cache). A kept report is shown only while the number is the one it was computed under."""

    __tablename__ = "report_generations"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class ReportSnapshot(db.Model):
    """A report as computed for a caseload, period, grouping and day, kept for every worker and process to
    show while nothing it counts changed and it is younger than TRAJECT_REPORT_MAX_AGE (casework.report_cache)."""

    __tablename__ = "report_snapshots"

    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    generation: Mapped[int] = mapped_column(sa.BigInteger)
    computed_at: Mapped[dt.datetime] = mapped_column()
    payload: Mapped[str] = mapped_column(sa.Text)  # the report as JSON (dates and decimals tagged)
