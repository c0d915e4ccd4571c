"""Outcome reports (MIS, SPEC §7): every figure for a period, grouped one way, in ONE aggregating SQL statement.

Definitions, for a period `date_from`..`date_to` (both inclusive):
- population: trajectories started on or before `date_to` and not closed before `date_from`; a case manager
  (`viewer` with role casemanager) sees only trajectories of employees in their caseload
  (Employee.case_manager_id, the rule of casework.registration.ensure_can_see).
- opened: started_on in the period. closed: closed_on in the period. open_at_end: started on or before `date_to`
  and not closed on or before it.
- work_outflow: closed with an end reason marked work_resumption; other_outflow: closed - work_outflow;
  work_outflow_rate = work_outflow / closed.
- goal_achieved: closed with EndReason.end_goal_id equal to the trajectory's end goal; goal_rate = / closed.
- throughput_mean / throughput_median: days from started_on to closed_on of the closed trajectories.
- interventions_ended: interventions of the population whose actual_end lies in the period;
  interventions_success: those with an end reason of outcome "success"; intervention_success_rate = success / ended;
  intervention_days_mean: mean days started_on..actual_end; intervention_prognosis_days_mean: mean days
  started_on..prognosis_end of the same interventions (realised against prognosis).
- timeliness (tijdigheid): among trajectories opened in the period, the share whose first recorded contact with
  the employee (a Contact with the werknemer, on or after the start) lies on or before the 11th Dutch working day
  after the start (casework.calendar.add_working_days(start, 11): weekends and the configured holidays skipped).
  A contact's day is the Dutch calendar day it was recorded for, so a conversation at 00:30 Dutch time counts
  for that day, not the UTC day before. The mapping start day → deadline is built in Python for the days of the
  period and joined in SQL.
- programme_cost, expected_benefit, reduction_days: sums over the cost/benefit analyses of trajectories opened in
  the period: CostBenefit.programme_price, the expected benefit (override if set, else computed), the predicted
  absence days saved. Beside them per programme/provider the realised outcome is the closed/outflow/goal and
  throughput figures of the same group.
Groupings: none (one row "Totaal"), month (the month the trajectory started, a cohort), region (the region of the
trajectory's programme: its first region in the configured order when it works in several, so each trajectory
counts once and the rows add up to the total; no programme or a programme without regions is "(geen)"),
case_manager (Trajectory.case_manager_id), label (the employer's label), employer, category, programme, provider
(the programme's provider). Every grouping puts each trajectory in exactly one row.
Medians are computed in SQL with ROW_NUMBER/COUNT windows (the mean of the one or two middle values), the same on
SQLite and PostgreSQL. Rates are None when their denominator is 0.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from models import (
    Category,
    Contact,
    ContactWith,
    CostBenefit,
    Employee,
    Employer,
    EndReason,
    Intervention,
    Label,
    Programme,
    Provider,
    Region,
    Role,
    Trajectory,
    User,
    db,
)
from models.providers import programme_regions

from .calendar import add_working_days, is_working_day
from .errors import Invalid

GROUPINGS = (
    "none",
    "month",
    "region",
    "case_manager",
    "label",
    "employer",
    "category",
    "programme",
    "provider",
)
TIMELINESS_WORKING_DAYS = 11
MAX_PERIOD_DAYS = 366 * 20
CENT = Decimal("0.01")
COLUMNS = (
    "group",
    "opened",
    "closed",
    "open_at_end",
    "work_outflow",
    "other_outflow",
    "work_outflow_rate",
    "goal_achieved",
    "goal_rate",
    "throughput_mean",
    "throughput_median",
    "interventions_ended",
    "interventions_success",
    "intervention_success_rate",
    "intervention_days_mean",
    "intervention_prognosis_days_mean",
    "timely",
    "timeliness",
    "programme_cost",
    "expected_benefit",
    "reduction_days",
)


@dataclass
class Report:
    """One report: its period, grouping and rows (dicts keyed by COLUMNS)."""

    date_from: dt.date
    date_to: dt.date
    grouping: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    columns: tuple[str, ...] = COLUMNS


def _days(dialect: str, later: Any, earlier: Any) -> Any:
    """Whole days between two date expressions."""
    if dialect == "sqlite":
        return sa.cast(sa.func.julianday(later) - sa.func.julianday(earlier), sa.Integer)
    return later - earlier


def _month(dialect: str, day: Any) -> Any:
    """'YYYY-MM' of a date expression."""
    return sa.func.strftime("%Y-%m", day) if dialect == "sqlite" else sa.func.to_char(day, "YYYY-MM")


def _group_source(grouping: str, dialect: str, query: sa.Select) -> tuple[sa.Select, Any]:
    """Add the joins of a grouping to the base query; returns it and the group's label expression."""
    none = sa.literal("(geen)")
    if grouping == "none":
        return query, sa.literal("Totaal")
    if grouping == "month":
        return query, _month(dialect, Trajectory.started_on)
    if grouping == "case_manager":
        query = query.outerjoin(User, User.id == Trajectory.case_manager_id)
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
    # One region per programme (its first in the configured order): a trajectory counts in one row only.
    ranked = (
        sa.select(
            programme_regions.c.programme_id,
            programme_regions.c.region_id,
            sa.func.row_number()
            .over(partition_by=programme_regions.c.programme_id, order_by=(Region.position, Region.name))
            .label("rn"),
        )
        .join(Region, Region.id == programme_regions.c.region_id)
        .cte("programme_region")
    )
    query = query.outerjoin(
        ranked, sa.and_(ranked.c.programme_id == Programme.id, ranked.c.rn == 1)
    ).outerjoin(Region, Region.id == ranked.c.region_id)
    return query, sa.func.coalesce(Region.name, none)


def _deadline_rows(date_from: dt.date, date_to: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every day of the period with its 11th working day after (one pass over the calendar)."""
    days = [date_from + dt.timedelta(days=i) for i in range((date_to - date_from).days + 1)]
    last = add_working_days(date_to, TIMELINESS_WORKING_DAYS)
    span = range((last - date_from).days + 1)
    working = [d for d in (date_from + dt.timedelta(days=i) for i in span) if is_working_day(d)]
    return [(d, working[bisect_right(working, d) + TIMELINESS_WORKING_DAYS - 1]) for d in days]


def _deadline(dialect: str, date_from: dt.date, date_to: dt.date) -> Any:
    """The deadline of a trajectory started in the period, as an SQL expression.

    The mapping day → deadline is packed into one string of two-digit offsets indexed by the start's day number:
    one bound parameter, so the statement compiles as fast for a year as for a week (a VALUES table of every day
    cost a third of a second of compiling per report on PostgreSQL, and SQLite cannot index one). Outside the
    period the offset is NULL, and so is the deadline.
    """
    offsets = "".join(f"{(deadline - day).days:02d}" for day, deadline in _deadline_rows(date_from, date_to))
    if dialect == "sqlite":
        index = sa.cast(sa.func.julianday(Trajectory.started_on) - sa.func.julianday(date_from), sa.Integer)
    else:
        index = sa.cast(Trajectory.started_on - sa.cast(sa.literal(date_from), sa.Date), sa.Integer)
    piece = sa.func.nullif(sa.func.substr(sa.literal(offsets), 2 * index + 1, 2), "")
    days = sa.cast(sa.case((index >= 0, piece), else_=None), sa.Integer)
    if dialect == "sqlite":
        return sa.func.date(Trajectory.started_on, sa.literal("+") + sa.cast(days, sa.String) + " days")
    return Trajectory.started_on + days


def report_statement(
    date_from: dt.date, date_to: dt.date, grouping: str, *, viewer: User | None, dialect: str
) -> sa.Select:
    """The one SELECT of a report (exposed for the benchmark and for inspection)."""
    started_in = Trajectory.started_on.between(date_from, date_to)
    closed_in = Trajectory.closed_on.between(date_from, date_to)
    # The first contact with the employee on or after the start, for the trajectories opened in the period.
    first_contact = (
        sa.select(Trajectory.id.label("trajectory_id"), sa.func.min(Contact.day).label("day"))
        .join(
            Contact,
            sa.and_(
                Contact.employee_id == Trajectory.employee_id,
                Contact.with_whom == ContactWith.EMPLOYEE,
                Contact.day >= Trajectory.started_on,
            ),
        )
        .where(started_in)
        .group_by(Trajectory.id)
        .cte("first_contact")
    )
    deadline = _deadline(dialect, date_from, date_to)
    base = (
        sa.select(Trajectory.id.label("tid"))
        .join(Employee, Employee.id == Trajectory.employee_id)
        .join(Employer, Employer.id == Employee.employer_id)
        .outerjoin(EndReason, EndReason.id == Trajectory.end_reason_id)
        .outerjoin(CostBenefit, CostBenefit.trajectory_id == Trajectory.id)
        .outerjoin(first_contact, first_contact.c.trajectory_id == Trajectory.id)
        .where(
            Trajectory.started_on <= date_to,
            sa.or_(Trajectory.closed_on.is_(None), Trajectory.closed_on >= date_from),
        )
    )
    if viewer is not None and viewer.role != Role.ADMIN:
        base = base.where(Employee.case_manager_id == viewer.id)
    base, group = _group_source(grouping, dialect, base)
    closed = sa.and_(closed_in, Trajectory.end_reason_id.is_not(None))
    flag = lambda cond: sa.case((cond, 1), else_=0)  # noqa: E731
    cost = lambda col: sa.case((started_in, col), else_=None)  # noqa: E731
    rows = base.with_only_columns(
        group.label("g"),
        Trajectory.id.label("tid"),
        flag(started_in).label("opened"),
        flag(closed).label("closed"),
        flag(sa.or_(Trajectory.closed_on.is_(None), Trajectory.closed_on > date_to)).label("open_at_end"),
        flag(sa.and_(closed, EndReason.work_resumption.is_(True))).label("work"),
        flag(sa.and_(closed, EndReason.end_goal_id == Trajectory.end_goal_id)).label("goal"),
        sa.case((closed, _days(dialect, Trajectory.closed_on, Trajectory.started_on)), else_=None).label(
            "dur"
        ),
        flag(sa.and_(started_in, first_contact.c.day <= deadline)).label("timely"),
        cost(CostBenefit.programme_price).label("price"),
        cost(
            sa.func.coalesce(CostBenefit.expected_benefit_override, CostBenefit.expected_benefit_computed)
        ).label("benefit"),
        cost(CostBenefit.reduction_days).label("reduction"),
    ).cte("base")
    ranked = (
        sa.select(
            rows.c.g,
            rows.c.dur,
            sa.func.row_number().over(partition_by=rows.c.g, order_by=rows.c.dur).label("rn"),
            sa.func.count().over(partition_by=rows.c.g).label("n"),
        )
        .where(rows.c.dur.is_not(None))
        .cte("ranked")
    )
    median = (
        sa.select(ranked.c.g, sa.func.avg(ranked.c.dur * 1.0).label("median"))
        .where((2 * ranked.c.rn).between(ranked.c.n, ranked.c.n + 2))
        .group_by(ranked.c.g)
        .cte("median")
    )
    ended = Intervention.actual_end.between(date_from, date_to)
    ier = sa.orm.aliased(EndReason)
    inter = (
        sa.select(
            rows.c.g,
            sa.func.count().label("ended"),
            sa.func.sum(flag(ier.outcome == "success")).label("success"),
            sa.func.avg(_days(dialect, Intervention.actual_end, Intervention.started_on) * 1.0).label("days"),
            sa.func.avg(_days(dialect, Intervention.prognosis_end, Intervention.started_on) * 1.0).label(
                "prog"
            ),
        )
        .join(Intervention, Intervention.trajectory_id == rows.c.tid)
        .outerjoin(ier, ier.id == Intervention.end_reason_id)
        .where(ended)
        .group_by(rows.c.g)
        .cte("inter")
    )
    totals = (
        sa.select(
            rows.c.g,
            sa.func.sum(rows.c.opened).label("opened"),
            sa.func.sum(rows.c.closed).label("closed"),
            sa.func.sum(rows.c.open_at_end).label("open_at_end"),
            sa.func.sum(rows.c.work).label("work"),
            sa.func.sum(rows.c.goal).label("goal"),
            sa.func.avg(rows.c.dur * 1.0).label("dur_mean"),
            sa.func.sum(rows.c.timely).label("timely"),
            sa.func.sum(rows.c.price).label("price"),
            sa.func.sum(rows.c.benefit).label("benefit"),
            sa.func.sum(rows.c.reduction).label("reduction"),
        )
        .group_by(rows.c.g)
        .cte("totals")
    )
    return (
        sa.select(
            totals,
            median.c.median,
            inter.c.ended,
            inter.c.success,
            inter.c.days,
            inter.c.prog,
        )
        .outerjoin(median, median.c.g == totals.c.g)
        .outerjoin(inter, inter.c.g == totals.c.g)
        .order_by(totals.c.g)
    )


def _ratio(part: Any, whole: Any) -> Decimal | None:
    """part / whole to four decimals, None when whole is 0."""
    return (Decimal(int(part or 0)) / Decimal(int(whole))).quantize(Decimal("0.0001")) if whole else None


def _dec(value: Any, exp: Decimal = CENT) -> Decimal | None:
    """A number as a Decimal rounded to `exp`, None stays None."""
    return None if value is None else Decimal(str(value)).quantize(exp)


def _row(r: Any) -> dict[str, Any]:
    """One result row as the report's dict."""
    closed, ended, opened = int(r.closed or 0), int(r.ended or 0), int(r.opened or 0)
    return {
        "group": r.g,
        "opened": opened,
        "closed": closed,
        "open_at_end": int(r.open_at_end or 0),
        "work_outflow": int(r.work or 0),
        "other_outflow": closed - int(r.work or 0),
        "work_outflow_rate": _ratio(r.work, closed),
        "goal_achieved": int(r.goal or 0),
        "goal_rate": _ratio(r.goal, closed),
        "throughput_mean": _dec(r.dur_mean, Decimal("0.1")),
        "throughput_median": _dec(r.median, Decimal("0.1")),
        "interventions_ended": ended,
        "interventions_success": int(r.success or 0),
        "intervention_success_rate": _ratio(r.success, ended),
        "intervention_days_mean": _dec(r.days, Decimal("0.1")),
        "intervention_prognosis_days_mean": _dec(r.prog, Decimal("0.1")),
        "timely": int(r.timely or 0),
        "timeliness": _ratio(r.timely, opened),
        "programme_cost": _dec(r.price or 0),
        "expected_benefit": _dec(r.benefit or 0),
        "reduction_days": _dec(r.reduction or 0, Decimal("0.1")),
    }


def check_period(date_from: dt.date | None, date_to: dt.date | None, grouping: str) -> None:
    """Refuse a missing or reversed period, one too long, or an unknown grouping."""
    errors = {}
    if date_from is None:
        errors["date_from"] = "Geef een begindatum."
    if date_to is None:
        errors["date_to"] = "Geef een einddatum."
    if date_from and date_to and date_to < date_from:
        errors["date_to"] = "De einddatum ligt voor de begindatum."
    elif date_from and date_to and (date_to - date_from).days > MAX_PERIOD_DAYS:
        errors["date_to"] = "Een periode is hoogstens 20 jaar."
    if grouping not in GROUPINGS:
        errors["group_by"] = "Kies een van: " + ", ".join(GROUPINGS) + "."
    if errors:
        raise Invalid(errors)


def outcome_report(
    date_from: dt.date, date_to: dt.date, grouping: str = "none", *, viewer: User | None = None
) -> Report:
    """The outcome report of a period, grouped one way; `viewer` limits a case manager to their caseload."""
    check_period(date_from, date_to, grouping)
    dialect = db.session.get_bind().dialect.name
    statement = report_statement(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    rows = [_row(r) for r in db.session.execute(statement)]
    return Report(date_from=date_from, date_to=date_to, grouping=grouping, rows=rows)
