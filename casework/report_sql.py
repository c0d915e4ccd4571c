"""SQL building blocks of the outcome reports (casework.reports): day arithmetic, groupings, medians, deadlines.

Each helper returns SQLAlchemy expressions that read the same on SQLite and PostgreSQL, so one statement per
figure set serves both databases.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import Grouping

from models import Category, Employer, Label, Programme, Provider, Region, Trajectory, User
from models.providers import programme_regions

from .calendar import add_working_days, is_working_day

TIMELINESS_WORKING_DAYS = 11
NONE = "(geen)"


def days_between(dialect: str, later: Any, earlier: Any) -> Any:
    """Whole days between two date expressions."""
    if dialect == "sqlite":
        return sa.cast(sa.func.julianday(later) - sa.func.julianday(earlier), sa.Integer)
    return later - earlier


def month_of(dialect: str, day: Any) -> Any:
    """'YYYY-MM' of a date expression."""
    return sa.func.strftime("%Y-%m", day) if dialect == "sqlite" else sa.func.to_char(day, "YYYY-MM")


def flag(condition: Any) -> Any:
    """1 when the condition holds, else 0 (summed into counts)."""
    return sa.case((condition, 1), else_=0)


def group_source(
    grouping: str, dialect: str, query: sa.Select, *, month_day: Any, case_manager: Any, prefix: str
) -> tuple[sa.Select, Any]:
    """Add the joins of a grouping to a query that has Trajectory (maybe outer-joined), Employee and Employer;
    returns it and the group's label expression. `month_day` is the day a case's month is taken from and
    `case_manager` the column naming its case manager; `prefix` keeps CTE names apart within one statement."""
    none = sa.literal(NONE)
    if grouping == "none":
        return query, sa.literal("Totaal")
    if grouping == "month":
        return query, month_of(dialect, month_day)
    if grouping == "case_manager":
        query = query.outerjoin(User, User.id == case_manager)
        return query, sa.func.coalesce(User.name, none)
    if grouping == "label":
        query = query.join(Label, Label.id == Employer.label_id)
        return query, Label.name
    if grouping == "employer":
        return query, Employer.name
    if grouping == "category":
        query = query.outerjoin(Category, Category.id == Trajectory.category_id)
        return query, sa.func.coalesce(Category.name, none)
    query = query.outerjoin(Programme, Programme.id == Trajectory.programme_id)
    if grouping == "programme":
        return query, sa.func.coalesce(Programme.name, none)
    if grouping == "provider":
        query = query.outerjoin(Provider, Provider.id == Programme.provider_id)
        return query, sa.func.coalesce(Provider.name, none)
    # One region per programme (its first in the configured order): a case counts in one row only.
    ranked = (
        sa.select(
            programme_regions.c.programme_id,
            programme_regions.c.region_id,
            sa.func.row_number()
            .over(partition_by=programme_regions.c.programme_id, order_by=(Region.position, Region.name))
            .label("rn"),
        )
        .join(Region, Region.id == programme_regions.c.region_id)
        .cte(f"{prefix}_programme_region")
    )
    query = query.outerjoin(
        ranked, sa.and_(ranked.c.programme_id == Programme.id, ranked.c.rn == 1)
    ).outerjoin(Region, Region.id == ranked.c.region_id)
    return query, sa.func.coalesce(Region.name, none)


def median(rows: Any, column: str, name: str) -> Any:
    """A CTE (g, median) of `rows.<column>` per group: the mean of the one or two middle values, in SQL with
    ROW_NUMBER/COUNT windows, the same on SQLite and PostgreSQL."""
    value = rows.c[column]
    ranked = (
        sa.select(
            rows.c.g,
            value.label("v"),
            sa.func.row_number().over(partition_by=rows.c.g, order_by=value).label("rn"),
            sa.func.count().over(partition_by=rows.c.g).label("n"),
        )
        .where(value.is_not(None))
        .cte(f"{name}_ranked")
    )
    return (
        sa.select(ranked.c.g, sa.func.avg(ranked.c.v * 1.0).label("median"))
        .where((2 * ranked.c.rn).between(ranked.c.n, ranked.c.n + 2))
        .group_by(ranked.c.g)
        .cte(name)
    )


def deadline_rows(date_from: dt.date, date_to: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every day of the period with its 11th working day after (one pass over the calendar)."""
    days = [date_from + dt.timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    last = add_working_days(date_to, TIMELINESS_WORKING_DAYS)
    span = range((last - date_from).days + 1)
    working = [d for d in (date_from + dt.timedelta(days=i) for i in span) if is_working_day(d)]
    return [(d, working[bisect_right(working, d) + TIMELINESS_WORKING_DAYS - 1]) for d in days]


def deadline(dialect: str, date_from: dt.date, date_to: dt.date) -> Any:
    """The tijdigheid deadline of a trajectory started in the period, as an SQL expression.

    The mapping day → deadline is one bound parameter of offsets indexed by the start's day number, so the
    statement compiles as fast for a year as for a week (a VALUES table of every day cost a third of a second of
    compiling per report on PostgreSQL, and SQLite cannot index one). On PostgreSQL it is an integer array (a
    subscript costs the same for every day; a substring of a long text is counted out character by character,
    which cost a second per 100,000 trajectories); on SQLite a string of two-digit offsets. Outside the period
    the offset is NULL, and so is the deadline.
    """
    offsets = [(end - day).days for day, end in deadline_rows(date_from, date_to)]
    if dialect == "sqlite":
        index = sa.cast(sa.func.julianday(Trajectory.started_on) - sa.func.julianday(date_from), sa.Integer)
        packed = sa.literal("".join(f"{offset:02d}" for offset in offsets))
        piece = sa.func.nullif(sa.func.substr(packed, 2 * index + 1, 2), "")
        days = sa.cast(sa.case((index >= 0, piece), else_=None), sa.Integer)
        return sa.func.date(Trajectory.started_on, sa.literal("+") + sa.cast(days, sa.String) + " days")
    index = sa.cast(Trajectory.started_on - sa.cast(sa.literal(date_from), sa.Date), sa.Integer)
    array = postgresql.ARRAY(sa.Integer)
    table = sa.type_coerce(Grouping(sa.literal(offsets, array)), array)  # (…)[i]: a bare literal takes none
    return Trajectory.started_on + table[index + 1]  # 1-based; a day outside the array gives NULL
