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
