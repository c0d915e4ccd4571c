"""The working-day calendar: public holidays per year, a list the functional administrator keeps."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import db


class Holiday(db.Model):
    """A day off in the working-day calendar (e.g. Koningsdag 2026); deactivated, never deleted."""

    __tablename__ = "holidays"
    __table_args__ = (
        sa.UniqueConstraint("day"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column()
    name: Mapped[str] = mapped_column(sa.String(100))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    def __str__(self) -> str:
        return f"{self.name} {self.day:%d-%m-%Y}"
