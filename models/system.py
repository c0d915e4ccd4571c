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
