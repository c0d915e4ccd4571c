"""Small SQL fragments that differ between SQLite and PostgreSQL, for the scheduler's hand-written statements."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

_TYPES = {
    "now": sa.DateTime(),
    "today": sa.Date(),
    "soon": sa.Date(),
    "year_ago": sa.Date(),
    "cutoff": sa.Date(),
    "stale": sa.DateTime(),
    "until": sa.DateTime(),
}


class Dialect:
    """Date arithmetic and formatting for one database dialect."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sqlite = name == "sqlite"

    def plus_days(self, day: str, days: str) -> str:
        """`day` + `days` (a non-negative integer expression) as a date."""
        if self.sqlite:
            return f"date({day}, '+' || ({days}) || ' days')"
        return f"(({day}) + ({days}))"

    def plus_months(self, day: str, months: int) -> str:
        """`day` + whole months, a month end clamped as PostgreSQL does (30-11 + 3 months = 28-2, not 2-3)."""
        if self.sqlite:
            return (
                f"min(date({day}, '+{months} months'),"
                f" date({day}, 'start of month', '+{months + 1} months', '-1 day'))"
            )
        return f"CAST(({day}) + INTERVAL '{months} months' AS DATE)"

    def day_number(self, day: str) -> str:
        """A date as a number of days that integers can be added to (SQLite: the Julian day; PG: the date)."""
        return f"julianday({day})" if self.sqlite else f"({day})"

    def from_day_number(self, number: str) -> str:
        """Back from `day_number` to a date."""
        return f"date({number})" if self.sqlite else f"({number})"

    def days_between(self, later: str, earlier: str) -> str:
        """Whole days from `earlier` to `later`."""
        if self.sqlite:
            return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
        return f"(({later}) - ({earlier}))"

    def dutch_date(self, day: str) -> str:
        """A date as casework.calendar.dutch_date writes it: 05-01-2026."""
        if self.sqlite:
            # Dates are stored as 'YYYY-MM-DD' text: cutting is cheaper than strftime's parsing.
            return f"(substr({day}, 9, 2) || '-' || substr({day}, 6, 2) || '-' || substr({day}, 1, 4))"
        return f"to_char({day}, 'DD-MM-YYYY')"

    def skip_locked(self) -> str:
        """Row locking for a claim: SKIP LOCKED on PostgreSQL; SQLite serialises writers anyway."""
        return "" if self.sqlite else " FOR UPDATE SKIP LOCKED"


def literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def statement(sql: str) -> sa.TextClause:
    """A text statement whose date and time parameters are typed (so SQLite stores them as it does for the ORM)."""
    names = set(re.findall(r"(?<!:):([a-z_]+)\b", sql))
    clause = sa.text(sql)
    typed = [sa.bindparam(n, type_=t) for n, t in _TYPES.items() if n in names]
    return clause.bindparams(*typed) if typed else clause


def execute(session: Any, sql: str, params: dict[str, Any]) -> int:
    """Run one statement, returning the number of rows it wrote."""
    result = session.execute(statement(sql), params)
    count = result.rowcount
    if count is None or count < 0:  # Python's sqlite3 before 3.12 counts no statement that starts with WITH
        count = session.execute(sa.text("SELECT changes()")).scalar()
    return int(count or 0)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def sql_sentence(template: str, **parts: str) -> str:
    """A sentence (translated, with named placeholders) as a SQL concatenation: its words become literals and
    each `%(name)s` the SQL expression `parts[name]`, so a set-based statement writes it in any language."""
    pieces: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > at:
            pieces.append(literal(template[at : match.start()].replace("%%", "%")))
        pieces.append(parts[match.group(1)])
        at = match.end()
    if at < len(template):
        pieces.append(literal(template[at:].replace("%%", "%")))
    return "(" + " || ".join(pieces) + ")"
