"""Behind the outcome report's figures: the counts per end reason, and the cases behind one count of one row.

Both read the same base rows as the figures (casework.reports.trajectory_rows, casework.report_sick.sick_rows),
so a listed case is exactly one the count counted, and the counts per end reason add up to the closed ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from models import Employee, EndReason, SickReport, SickReportEndReason, Trajectory, User, db

from .errors import Invalid
from .i18n import M_
from .report_sick import sick_rows
from .reports import SICK_FLAGS, TRAJECTORY_FLAGS, check_period, trajectory_rows

MAX_CASES = 500


def end_reason_counts(
    date_from: dt.date, date_to: dt.date, grouping: str, *, viewer: User | None, dialect: str
) -> list[dict[str, Any]]:
    """Per group: the trajectories closed and the sick reports ended in the period, counted per end reason
    (kind "trajectory" or "sick_report", the reason's name and outcome class), in one statement."""
    trajectories = trajectory_rows(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    sick = sick_rows(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    by_trajectory = (
        sa.select(
            sa.literal("trajectory").label("kind"),
            trajectories.c.g,
            trajectories.c.reason,
            trajectories.c.reason_outcome,
            sa.func.count().label("n"),
        )
        .where(sa.or_(trajectories.c.closed == 1, trajectories.c.trajectory_erroneous == 1))
        .group_by(trajectories.c.g, trajectories.c.reason, trajectories.c.reason_outcome)
    )
    by_sick_report = (
        sa.select(
            sa.literal("sick_report").label("kind"),
            sick.c.g,
            sick.c.reason,
            sick.c.reason_outcome,
            sa.func.count().label("n"),
        )
        .where(sick.c.ended_in, sick.c.reason.is_not(None))
        .group_by(sick.c.g, sick.c.reason, sick.c.reason_outcome)
    )
    both = sa.union_all(by_trajectory, by_sick_report).subquery()
    rows = db.session.execute(sa.select(both).order_by(both.c.kind.desc(), both.c.g, both.c.reason))
    return [
        {
            "kind": r.kind,
            "group": r.g,
            "end_reason": r.reason,
            "outcome": _value(r.reason_outcome),
            "count": int(r.n),
        }
        for r in rows
    ]


def _value(outcome: Any) -> str | None:
    """An outcome class as its code (the union of two enum columns may hand back the enum or its text)."""
    return None if outcome is None else str(getattr(outcome, "value", outcome))


@dataclass
class Case:
    """One case behind a count: a trajectory or a sick report of an employee."""

    kind: str  # "trajectory" or "sick_report"
    id: int
    employee_id: int
    employee: str
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str | None


def report_cases(
    date_from: dt.date,
    date_to: dt.date,
    grouping: str,
    group: str,
    figure: str,
    *,
    viewer: User | None = None,
    limit: int = MAX_CASES,
) -> list[Case]:
    """The cases one count of one row counts (at most `limit`), oldest first; Invalid names `figure` when it is
    not a count that has cases."""
    check_period(date_from, date_to, grouping)
    if figure not in TRAJECTORY_FLAGS + SICK_FLAGS:
        raise Invalid({"figure": M_("Bij dit cijfer horen geen afzonderlijke dossiers.")})
    dialect = db.session.get_bind().dialect.name
    name = sa.func.trim(
        Employee.first_name + " " + sa.func.trim(Employee.name_prefix + " " + Employee.last_name)
    )
    if figure in TRAJECTORY_FLAGS:
        rows = trajectory_rows(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
        statement = (
            sa.select(
                sa.literal("trajectory"),
                Trajectory.id,
                Employee.id,
                name,
                Trajectory.started_on,
                Trajectory.closed_on,
                EndReason.name,
            )
            .select_from(rows)
            .join(Trajectory, Trajectory.id == rows.c.tid)
            .join(Employee, Employee.id == Trajectory.employee_id)
            .outerjoin(EndReason, EndReason.id == Trajectory.end_reason_id)
            .order_by(Trajectory.started_on, Trajectory.id)
        )
    else:
        rows = sick_rows(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
        statement = (
            sa.select(
                sa.literal("sick_report"),
                SickReport.id,
                Employee.id,
                name,
                SickReport.first_sick_day,
                sa.func.coalesce(SickReport.recovery_date, SickReport.closed_on),
                SickReportEndReason.name,
            )
            .select_from(rows)
            .join(SickReport, SickReport.id == rows.c.sid)
            .join(Employee, Employee.id == SickReport.employee_id)
            .outerjoin(SickReportEndReason, SickReportEndReason.id == SickReport.end_reason_id)
            .order_by(SickReport.first_sick_day, SickReport.id)
        )
    statement = statement.where(rows.c.g == group, rows.c[figure] == 1).limit(limit)
    return [Case(*r) for r in db.session.execute(statement)]
