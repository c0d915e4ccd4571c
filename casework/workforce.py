"""Personeelsbestand: an employer's headcount and fte per period, the basis of its absence figures.

Traject knows the employees who were reported sick (and a few more), not an employer's whole workforce; the
absence figures (casework.absence_figures) count available days over these figures where they are known.
Periods of one employer never overlap. The fte is more than 0 and at most the headcount × 60/38: fte is contract
hours / 38 per person and no one works more than the Arbeidstijdenwet's 60 hours a week (the bound an
employee's contract hours have, casework.schemas.MAX_CONTRACT_HOURS). Every function validates, refuses
(Invalid, field → message) before anything changed, then changes, flushes and writes the log book.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from marshmallow import fields, validate

from models import Employer, EmployerWorkforce, db

from .calendar import dutch_date
from .errors import Invalid
from .i18n import M_, N_
from .logbook import Actor, log
from .schemas import MAX_CONTRACT_HOURS, Amount, Day, Input, _Dutch, load, thousands

FULL_TIME_HOURS = 38
MAX_HEADCOUNT = 1_000_000
THOUSANDS_RE = re.compile(r"^\d{1,3}(\.\d{3})+$")
# The Dutch names of the fields, for messages and the console's form.
FIELD_WORDS = {
    "valid_from": "Geldig vanaf",
    "valid_until": "Geldig tot en met",
    "headcount": "Aantal werknemers",
    "fte": "Fte",
}


class Headcount(_Dutch, fields.Integer):
    """A whole number of employees, 1 up to a million; "1.250" is read as Dutch writes it."""

    default_error_messages = {"invalid": N_("Geef een geheel aantal werknemers, bijvoorbeeld 250.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise self.make_error("invalid")
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if THOUSANDS_RE.match(value):
                value = value.replace(".", "")
            if not value.isascii() or not value.isdigit():
                raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class WorkforceInput(Input):
    """A workforce figure: its period (an open end: still valid), the number of employees and their fte."""

    valid_from = Day(required=True)
    valid_until = Day()
    headcount = Headcount(
        required=True,
        validate=validate.Range(
            min=1, max=MAX_HEADCOUNT, error=N_("Minstens 1 en hoogstens 1.000.000 werknemers.")
        ),
    )
    fte = Amount(
        required=True,
        allow_none=False,
        validate=validate.Range(min=0, min_inclusive=False, error=N_("Meer dan 0 fte.")),
    )


def max_fte(headcount: int) -> Decimal:
    """The most fte `headcount` employees can be: each at most 60 hours a week, 38 hours being 1 fte."""
    return (Decimal(headcount * MAX_CONTRACT_HOURS) / FULL_TIME_HOURS).quantize(
        Decimal("0.01"), rounding="ROUND_DOWN"
    )


def _until(day: dt.date | None) -> str:
    return dutch_date(day) if day else "doorlopend"


def _check(employer: Employer, values: dict[str, Any], current: EmployerWorkforce | None) -> None:
    """Refuse a reversed period, an fte above the headcount's bound, or a period overlapping another one."""
    errors: dict[str, str] = {}
    start, end = values["valid_from"], values["valid_until"]
    if end is not None and end < start:
        errors["valid_until"] = M_("Geldig tot en met ligt vóór geldig vanaf.")
    bound = max_fte(values["headcount"])
    if values["fte"] > bound:
        errors["fte"] = M_(
            "Hoogstens %(max)s fte bij %(count)s werknemers (60 uur per week per werknemer, 38 uur is 1 fte).",
            max=f"{bound}".replace(".", ","),
            count=thousands(values["headcount"]),
        )
    if "valid_until" not in errors:
        # One employer's figures in a stable order, the employer's row locked (PostgreSQL) so that two
        # administrators adding a period at once cannot both pass this check.
        db.session.execute(sa.select(Employer.id).where(Employer.id == employer.id).with_for_update())
        others = db.session.scalars(
            sa.select(EmployerWorkforce)
            .where(EmployerWorkforce.employer_id == employer.id)
            .order_by(EmployerWorkforce.valid_from)
        )
        for other in others:
            if current is not None and other.id == current.id:
                continue
            if (other.valid_until is None or other.valid_until >= start) and (
                end is None or other.valid_from <= end
            ):
                field = "valid_from" if other.valid_on(start) else "valid_until"
                errors[field] = M_(
                    "Deze periode overlapt met het personeelsbestand van %(from)s tot en met %(until)s;"
                    " periodes van één werkgever mogen niet overlappen.",
                    **{"from": dutch_date(other.valid_from), "until": _until(other.valid_until)},
                )
                break
    if errors:
        raise Invalid(errors)


def _describe(workforce: EmployerWorkforce) -> str:
    return (
        f"{thousands(workforce.headcount)} werknemers, {f'{workforce.fte}'.replace('.', ',')} fte,"
        f" {dutch_date(workforce.valid_from)} tot en met {_until(workforce.valid_until)}"
    )


def add_workforce(
    employer: Employer, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> EmployerWorkforce:
    """Record the employer's workforce (headcount and fte) for a period that overlaps none of its others."""
    values = load(WorkforceInput(), data)
    _check(employer, values, None)
    workforce = EmployerWorkforce(employer=employer, **values)
    db.session.add(workforce)
    db.session.flush()
    log(
        actor,
        now,
        "workforce.added",
        f"Personeelsbestand vastgelegd bij {employer.name}: {_describe(workforce)}",
        subject=workforce,
    )
    return workforce


def update_workforce(
    workforce: EmployerWorkforce, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> EmployerWorkforce:
    """Change the given fields of a workforce figure (the others stay), with the same checks as adding."""
    given = load(WorkforceInput(), data, partial=True)
    values = {
        key: given.get(key, getattr(workforce, key))
        for key in ("valid_from", "valid_until", "headcount", "fte")
    }
    _check(workforce.employer, values, workforce)
    for key, value in values.items():
        setattr(workforce, key, value)
    db.session.flush()
    log(
        actor,
        now,
        "workforce.changed",
        f"Personeelsbestand gewijzigd bij {workforce.employer.name}: {_describe(workforce)}",
        subject=workforce,
    )
    return workforce


def remove_workforce(workforce: EmployerWorkforce, *, actor: Actor, now: dt.datetime) -> None:
    """Delete a workforce figure (a figure entered in error); the absence figures fall back for its days."""
    log(
        actor,
        now,
        "workforce.removed",
        f"Personeelsbestand verwijderd bij {workforce.employer.name}: {_describe(workforce)}",
        subject=workforce,
    )
    db.session.delete(workforce)
    db.session.flush()
