"""The sick-report figures of the outcome report (arbeidsuitstroom, overige uitstroom; see casework.reports for
the definitions), in one aggregating statement grouped the same way as the trajectory figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from models import (
    Employee,
    Employer,
    Role,
    SickReport,
    SickReportEndReason,
    SickReportOutcome,
    Trajectory,
    User,
)
from models.catalog import WORK_RESUMPTION_OUTCOMES

from .report_sql import flag, group_source


def sick_rows(
    date_from: dt.date, date_to: dt.date, grouping: str, *, viewer: User | None, dialect: str
) -> Any:
    """The sick-report base rows as a CTE: group `g`, `sid`, the 0/1 flags of casework.reports.SICK_FLAGS, and
    the end reason's name and class. A report is grouped through its latest trajectory (category, programme,
    region) and its employee (case manager, employer, label); its month is that of its first sick day."""
    from .reports import sick_end_day

    end_day = sick_end_day()
    latest = (
        sa.select(Trajectory.sick_report_id, sa.func.max(Trajectory.id).label("tid"))
        .where(Trajectory.sick_report_id.is_not(None))
        .group_by(Trajectory.sick_report_id)
        .cte("latest_trajectory")
    )
    base = (
        sa.select(SickReport.id)
        .join(Employee, Employee.id == SickReport.employee_id)
        .join(Employer, Employer.id == Employee.employer_id)
        .outerjoin(SickReportEndReason, SickReportEndReason.id == SickReport.end_reason_id)
        .outerjoin(latest, latest.c.sick_report_id == SickReport.id)
        .outerjoin(Trajectory, Trajectory.id == latest.c.tid)
        .where(
            SickReport.first_sick_day <= date_to,
            sa.or_(end_day.is_(None), end_day >= date_from),
        )
    )
    if viewer is not None and viewer.role != Role.ADMIN:
        base = base.where(Employee.case_manager_id == viewer.id)
    base, group = group_source(
        grouping,
        dialect,
        base,
        month_day=SickReport.first_sick_day,
        case_manager=Employee.case_manager_id,
        prefix="sick",
    )
    erroneous = SickReportEndReason.outcome == SickReportOutcome.ERRONEOUS
    counted = sa.or_(SickReportEndReason.outcome.is_(None), ~erroneous)
    ended_in = end_day.between(date_from, date_to)
    closed = sa.and_(counted, ended_in)
    return base.with_only_columns(
        group.label("g"),
        SickReport.id.label("sid"),
        flag(sa.and_(counted, SickReport.first_sick_day >= date_from)).label("sick_opened"),
        flag(closed).label("sick_closed"),
        flag(sa.and_(counted, sa.or_(end_day.is_(None), end_day > date_to))).label("sick_open_at_end"),
        flag(sa.and_(closed, SickReportEndReason.outcome.in_(sorted(WORK_RESUMPTION_OUTCOMES)))).label(
            "work_outflow"
        ),
        flag(sa.and_(closed, SickReportEndReason.outcome == SickReportOutcome.OTHER_OUTFLOW)).label(
            "other_outflow"
        ),
        flag(sa.and_(ended_in, erroneous)).label("sick_erroneous"),
        SickReportEndReason.name.label("reason"),
        sa.cast(SickReportEndReason.outcome, sa.String).label("reason_outcome"),
        ended_in.label("ended_in"),
    ).cte("sick_base")


def sick_statement(
    date_from: dt.date, date_to: dt.date, grouping: str, *, viewer: User | None, dialect: str
) -> sa.Select:
    """One row per group with the summed sick-report flags."""
    from .reports import SICK_FLAGS

    rows = sick_rows(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    return (
        sa.select(rows.c.g, *(sa.func.sum(rows.c[name]).label(name) for name in SICK_FLAGS))
        .group_by(rows.c.g)
        .order_by(rows.c.g)
    )


def sick_figures(r: Any) -> dict[str, Any]:
    """One row of sick_statement as the report's sick-report figures."""
    from .reports import ratio

    closed = int(r.sick_closed or 0)
    return {
        "sick_opened": int(r.sick_opened or 0),
        "sick_closed": closed,
        "sick_open_at_end": int(r.sick_open_at_end or 0),
        "work_outflow": int(r.work_outflow or 0),
        "work_outflow_rate": ratio(r.work_outflow, closed),
        "other_outflow": int(r.other_outflow or 0),
        "other_outflow_rate": ratio(r.other_outflow, closed),
        "sick_erroneous": int(r.sick_erroneous or 0),
    }
