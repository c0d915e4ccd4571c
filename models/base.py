"""The declarative base, the `db` extension and the column helpers every model module shares."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

# Constraint names are fixed so that migrations (and batch mode on SQLite) can address them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = sa.Numeric(12, 2, asdecimal=True)
Percentage = sa.Numeric(5, 2, asdecimal=True)
JsonDoc = sa.JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    """Declarative base with the naming convention and Decimal/date type map."""

    registry = registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            Decimal: Money,
            dt.datetime: sa.DateTime(timezone=False),
            dict[str, Any]: JsonDoc,
        },
    )


db = SQLAlchemy(model_class=Base)


def utcnow() -> dt.datetime:
    """The current time in UTC, naive (all stored datetimes are UTC)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def enum_column(enum_cls: type[enum.Enum], name: str, **kw: Any) -> Any:
    """A VARCHAR column holding an enum's values, with a CHECK constraint listing them."""
    return mapped_column(
        sa.Enum(
            enum_cls,
            name=name,
            native_enum=False,
            create_constraint=True,
            length=max(len(m.value) for m in enum_cls),
            values_callable=lambda cls: [m.value for m in cls],
            validate_strings=True,
        ),
        **kw,
    )


class ConfigListMixin:
    """What every configurable list has (SPEC §3): name, description, active flag, position.

    Items are deactivated, never deleted, so history stays intact.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    position: Mapped[int] = mapped_column(default=0, server_default="0")

    def __str__(self) -> str:
        return self.name


def name_not_blank() -> sa.CheckConstraint:
    """CHECK that a list item's name is not empty or only spaces."""
    return sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank")


def fk(target: str, ondelete: str = "RESTRICT", **kw: Any) -> sa.ForeignKey:
    """A foreign key that refuses deleting a referenced row unless told otherwise."""
    return sa.ForeignKey(target, ondelete=ondelete, **kw)


def association(name: str, left: str, lcol: str, right: str, rcol: str) -> sa.Table:
    """A many-to-many table: rows go with their `left` owner; a `right` item in use cannot be deleted."""
    return sa.Table(
        name,
        Base.metadata,
        sa.Column(lcol, sa.ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(rcol, sa.ForeignKey(f"{right}.id", ondelete="RESTRICT"), primary_key=True, index=True),
    )
