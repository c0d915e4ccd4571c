"""Outcome reports (MIS, SPEC §7, seed 004 slides 59–62): every figure for a period, grouped one way.

One aggregating SQL statement for the trajectory figures, one for the sick-report figures, one for the counts per
end reason (casework.report_sick, casework.report_cases). The words below are the definitions; the console page
("Definities", console/admin/report_words.py) and the README say the same in Dutch.

Period `date_from`..`date_to`, both inclusive, in days (a Dutch calendar day wherever a day is recorded). A case
manager (`viewer` with role casemanager) sees only cases of employees in their caseload (Employee.case_manager_id).

Sick reports (verzuimmeldingen; PACTA's "aanpak re-integratie"): a report ends on its recovery date, or on its
closing date when it was closed without one; its end reason has an outcome class (models.SickReportOutcome).
A report whose end reason is "foutief opgevoerd" (class erroneous) counts in no figure but its own column
`sick_erroneous` (ended in the period).
- sick_opened: first sick day in the period. sick_closed: ended in the period. sick_open_at_end: first sick day
  on or before `date_to` and not ended on or before it.
- work_outflow (arbeidsuitstroom): closed with a work-resumption class (own work, adapted work, other employer);
  work_outflow_rate = work_outflow / sick_closed.
- other_outflow (overige uitstroom): closed with class other_outflow (not work, not end of waiting time / WIA,
  not retirement); other_outflow_rate = other_outflow / sick_closed.
Trajectories (PACTA's "diensten"):
- population: started on or before `date_to` and not closed before `date_from` (or whose sick report ended in
  the period, for the realised savings). opened: started in the period. closed: closed in the period.
  open_at_end: started on or before `date_to` and not closed on or before it.
- no_approval: closed with an end reason of class no_approval (the offer was not accepted, no intervention
  started): shown apart, not in the slagingspercentage. A trajectory closed with class erroneous (foutief
  opgevoerd) counts in no figure but its own column `trajectory_erroneous` (closed in the period).
- successful: closed with class success; success_rate (slagingspercentage) = successful / (closed − no_approval).
- goal_achieved (einddoel bereikt): closed, with an end goal, and that end goal is the one the outcome reached:
  the end goal of its sick report's end reason (ended on or before `date_to`) or of its own end reason;
  goal_rate = goal_achieved / closed.
- throughput_mean / throughput_median: days from start to closing of the closed ones. open_age_mean: days from
  start to `date_to` of the ones open at the end.
- first_interventions: trajectories whose first intervention started in the period;
  first_intervention_days_mean: their mean days from the trajectory's start to that intervention's start.
- interventions_ended: interventions of the population whose actual end lies in the period;
  interventions_success: those with an end reason of class success; intervention_success_rate = success / ended;
  intervention_days_mean / intervention_prognosis_days_mean: mean days from start to the actual end and to the
  prognosis end of the same interventions (realised against prognosis).
- timely / timeliness (tijdigheid): among the trajectories opened in the period, the share whose first recorded
  contact with the employee (a Contact with the werknemer, on or after the start) lies on or before the 11th
  Dutch working day after the start (weekends and the configured holidays skipped). A contact's day is the
  Dutch day it was recorded for (00:30 Dutch time counts for that day, not the UTC day before).
- programme_cost, expected_benefit, reduction_days: sums over the cost/benefit analyses of the trajectories
  opened in the period (programme price; expected benefit, the override when given; predicted days saved).
- realised days saved (gerealiseerde besparing): for each "saving case" — a trajectory with a chosen programme,
  not closed for no approval, with a cost/benefit analysis that recorded its sick report's target return-to-work
  date on the day of the analysis (CostBenefit.expected_rtw_date), whose sick report ended in the period with a
  work-resumption class — realised = that target date − the day the report ended (negative: later than
  expected). saving_cases counts them; saving_predicted_mean is the mean predicted reduction (reduction_days) of
  the same cases; saving_realised_mean / _min / _median / _max the spread of the realised days. Grouped per
  programme or provider this is "predicted beside realised per programme / provider".
Groupings: none (one row "Totaal"), month (a trajectory's month of start, a sick report's month of its first
sick day), region (the region of the trajectory's programme: its first region in the configured order), case
manager (the trajectory's; for a sick report the employee's), label, employer, category, programme, provider.
A sick report takes the category, programme and region of its latest trajectory ("(geen)" without one). Every
grouping puts each case in exactly one row, so the rows add up to the total. Rates are None when their
denominator is 0; means and medians None without cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from models import (
    Contact,
    ContactWith,
    CostBenefit,
    Employee,
    Employer,
    EndReason,
    Intervention,
    Outcome,
    Role,
    SickReport,
    SickReportEndReason,
    Trajectory,
    User,
    db,
)
from models.catalog import WORK_RESUMPTION_OUTCOMES

from .errors import Invalid
from .i18n import M_
from .report_sql import TIMELINESS_WORKING_DAYS, days_between, deadline, flag, group_source, median

__all__ = ["GROUPINGS", "TIMELINESS_WORKING_DAYS", "Report", "outcome_report", "check_period"]

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
MAX_PERIOD_DAYS = 366 * 20
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
SICK_COLUMNS = (
    "sick_opened",
    "sick_closed",
    "sick_open_at_end",
    "work_outflow",
    "work_outflow_rate",
    "other_outflow",
    "other_outflow_rate",
    "sick_erroneous",
)
TRAJECTORY_COLUMNS = (
    "opened",
    "closed",
    "open_at_end",
    "no_approval",
    "trajectory_erroneous",
    "successful",
    "success_rate",
    "goal_achieved",
    "goal_rate",
    "throughput_mean",
    "throughput_median",
    "open_age_mean",
    "first_interventions",
    "first_intervention_days_mean",
    "timely",
    "timeliness",
)
INTERVENTION_COLUMNS = (
    "interventions_ended",
    "interventions_success",
    "intervention_success_rate",
    "intervention_days_mean",
    "intervention_prognosis_days_mean",
)
SAVING_COLUMNS = (
    "programme_cost",
    "expected_benefit",
    "reduction_days",
    "saving_cases",
    "saving_predicted_mean",
    "saving_realised_mean",
    "saving_realised_min",
    "saving_realised_median",
    "saving_realised_max",
)
SECTIONS = (
    ("sick_reports", SICK_COLUMNS),
    ("trajectories", TRAJECTORY_COLUMNS),
    ("interventions", INTERVENTION_COLUMNS),
    ("savings", SAVING_COLUMNS),
)
COLUMNS = ("group", *SICK_COLUMNS, *TRAJECTORY_COLUMNS, *INTERVENTION_COLUMNS, *SAVING_COLUMNS)
# The counts whose cases can be listed (casework.report_cases), each a 0/1 column of a statement's base rows.
TRAJECTORY_FLAGS = (
    "opened",
    "closed",
    "open_at_end",
    "no_approval",
    "trajectory_erroneous",
    "successful",
    "goal_achieved",
    "first_interventions",
    "timely",
    "saving_cases",
)
SICK_FLAGS = (
    "sick_opened",
    "sick_closed",
    "sick_open_at_end",
    "work_outflow",
    "other_outflow",
    "sick_erroneous",
)


@dataclass
class Report:
    """One report: its period, grouping, rows (dicts keyed by COLUMNS) and counts per end reason."""

    date_from: dt.date
    date_to: dt.date
    grouping: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    columns: tuple[str, ...] = COLUMNS
    end_reasons: list[dict[str, Any]] = field(default_factory=list)


def sick_end_day() -> Any:
    """The day a sick report ended: its recovery date, else its closing date."""
    return sa.func.coalesce(SickReport.recovery_date, SickReport.closed_on)


def trajectory_rows(
    date_from: dt.date, date_to: dt.date, grouping: str, *, viewer: User | None, dialect: str
) -> Any:
    """The trajectory base rows as a CTE: group `g`, `tid`, the 0/1 flags of TRAJECTORY_FLAGS, the day counts
    and amounts each figure sums, and the end reason's name and class."""
    started_in = Trajectory.started_on.between(date_from, date_to)
    closed_in = Trajectory.closed_on.between(date_from, date_to)
    end_day = sick_end_day()
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
    first_iv = (
        sa.select(Intervention.trajectory_id, sa.func.min(Intervention.started_on).label("day"))
        .group_by(Intervention.trajectory_id)
        .having(sa.func.min(Intervention.started_on).between(date_from, date_to))
        .cte("first_intervention")
    )
    base = (
        sa.select(Trajectory.id)
        .join(Employee, Employee.id == Trajectory.employee_id)
        .join(Employer, Employer.id == Employee.employer_id)
        .outerjoin(EndReason, EndReason.id == Trajectory.end_reason_id)
        .outerjoin(CostBenefit, CostBenefit.trajectory_id == Trajectory.id)
        .outerjoin(first_contact, first_contact.c.trajectory_id == Trajectory.id)
        .outerjoin(first_iv, first_iv.c.trajectory_id == Trajectory.id)
        .outerjoin(SickReport, SickReport.id == Trajectory.sick_report_id)
        .outerjoin(SickReportEndReason, SickReportEndReason.id == SickReport.end_reason_id)
        .where(
            Trajectory.started_on <= date_to,
            sa.or_(
                Trajectory.closed_on.is_(None),
                Trajectory.closed_on >= date_from,
                end_day.between(date_from, date_to),
            ),
        )
    )
    if viewer is not None and viewer.role != Role.ADMIN:
        base = base.where(Employee.case_manager_id == viewer.id)
    base, group = group_source(
        grouping,
        dialect,
        base,
        month_day=Trajectory.started_on,
        case_manager=Trajectory.case_manager_id,
        prefix="trajectory",
    )
    # A trajectory closed with an end reason of class erroneous (foutief opgevoerd) counts in no figure.
    erroneous = EndReason.outcome == Outcome.ERRONEOUS
    counted = sa.or_(EndReason.outcome.is_(None), ~erroneous)
    closed = sa.and_(counted, closed_in, Trajectory.end_reason_id.is_not(None))
    open_at_end = sa.and_(counted, sa.or_(Trajectory.closed_on.is_(None), Trajectory.closed_on > date_to))
    goal = sa.and_(
        closed,
        Trajectory.end_goal_id.is_not(None),
        sa.or_(
            sa.and_(SickReportEndReason.end_goal_id == Trajectory.end_goal_id, end_day <= date_to),
            EndReason.end_goal_id == Trajectory.end_goal_id,
        ),
    )
    saving = sa.and_(
        counted,
        Trajectory.programme_id.is_not(None),
        sa.or_(EndReason.outcome.is_(None), EndReason.outcome != Outcome.NO_APPROVAL),
        CostBenefit.expected_rtw_date.is_not(None),
        end_day.between(date_from, date_to),
        SickReportEndReason.outcome.in_(sorted(WORK_RESUMPTION_OUTCOMES)),
    )
    opened = sa.and_(counted, started_in)
    opened_cost = lambda col: sa.case((opened, col), else_=None)  # noqa: E731
    return (
        base.with_only_columns(
            group.label("g"),
            Trajectory.id.label("tid"),
            flag(counted).label("counted"),
            flag(opened).label("opened"),
            flag(closed).label("closed"),
            flag(open_at_end).label("open_at_end"),
            flag(sa.and_(closed, EndReason.outcome == Outcome.NO_APPROVAL)).label("no_approval"),
            flag(sa.and_(closed_in, erroneous)).label("trajectory_erroneous"),
            flag(sa.and_(closed, EndReason.outcome == Outcome.SUCCESS)).label("successful"),
            flag(goal).label("goal_achieved"),
            sa.case((closed, days_between(dialect, Trajectory.closed_on, Trajectory.started_on))).label(
                "dur"
            ),
            sa.case(
                (open_at_end, days_between(dialect, sa.literal(date_to, sa.Date), Trajectory.started_on))
            ).label("age"),
            flag(sa.and_(counted, first_iv.c.day.is_not(None))).label("first_interventions"),
            sa.case((counted, days_between(dialect, first_iv.c.day, Trajectory.started_on))).label(
                "to_first"
            ),
            flag(sa.and_(opened, first_contact.c.day <= deadline(dialect, date_from, date_to))).label(
                "timely"
            ),
            opened_cost(CostBenefit.programme_price).label("price"),
            opened_cost(
                sa.func.coalesce(CostBenefit.expected_benefit_override, CostBenefit.expected_benefit_computed)
            ).label("benefit"),
            opened_cost(CostBenefit.reduction_days).label("reduction"),
            flag(saving).label("saving_cases"),
            sa.case((saving, CostBenefit.reduction_days)).label("predicted"),
            sa.case((saving, days_between(dialect, CostBenefit.expected_rtw_date, end_day))).label(
                "realised"
            ),
            EndReason.name.label("reason"),
            sa.cast(EndReason.outcome, sa.String).label("reason_outcome"),
        )
    ).cte("trajectory_base")


def report_statement(
    date_from: dt.date, date_to: dt.date, grouping: str, *, viewer: User | None, dialect: str
) -> sa.Select:
    """The one SELECT of the trajectory figures (exposed for the benchmark and for inspection)."""
    rows = trajectory_rows(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    throughput = median(rows, "dur", "throughput_median")
    realised = median(rows, "realised", "realised_median")
    ier = sa.orm.aliased(EndReason)
    inter = (
        sa.select(
            rows.c.g,
            sa.func.count().label("ended"),
            sa.func.sum(flag(ier.outcome == Outcome.SUCCESS)).label("success"),
            sa.func.avg(days_between(dialect, Intervention.actual_end, Intervention.started_on) * 1.0).label(
                "days"
            ),
            sa.func.avg(
                days_between(dialect, Intervention.prognosis_end, Intervention.started_on) * 1.0
            ).label("prog"),
        )
        .join(Intervention, Intervention.trajectory_id == rows.c.tid)
        .outerjoin(ier, ier.id == Intervention.end_reason_id)
        .where(rows.c.counted == 1, Intervention.actual_end.between(date_from, date_to))
        .group_by(rows.c.g)
        .cte("inter")
    )
    sums = [sa.func.sum(rows.c[name]).label(name) for name in TRAJECTORY_FLAGS]
    totals = (
        sa.select(
            rows.c.g,
            *sums,
            sa.func.avg(rows.c.dur * 1.0).label("dur_mean"),
            sa.func.avg(rows.c.age * 1.0).label("age_mean"),
            sa.func.avg(rows.c.to_first * 1.0).label("to_first_mean"),
            sa.func.sum(rows.c.price).label("price"),
            sa.func.sum(rows.c.benefit).label("benefit"),
            sa.func.sum(rows.c.reduction).label("reduction"),
            sa.func.avg(rows.c.predicted * 1.0).label("predicted_mean"),
            sa.func.avg(rows.c.realised * 1.0).label("realised_mean"),
            sa.func.min(rows.c.realised).label("realised_min"),
            sa.func.max(rows.c.realised).label("realised_max"),
        )
        .group_by(rows.c.g)
        .cte("totals")
    )
    return (
        sa.select(
            totals,
            throughput.c.median,
            realised.c.median.label("realised_median"),
            inter.c.ended,
            inter.c.success,
            inter.c.days,
            inter.c.prog,
        )
        .outerjoin(throughput, throughput.c.g == totals.c.g)
        .outerjoin(realised, realised.c.g == totals.c.g)
        .outerjoin(inter, inter.c.g == totals.c.g)
        .order_by(totals.c.g)
    )


def ratio(part: Any, whole: Any) -> Decimal | None:
    """part / whole to four decimals, None when whole is 0."""
    return (Decimal(int(part or 0)) / Decimal(int(whole))).quantize(Decimal("0.0001")) if whole else None


def dec(value: Any, exp: Decimal = CENT) -> Decimal | None:
    """A number as a Decimal rounded to `exp`, None stays None."""
    return None if value is None else Decimal(str(value)).quantize(exp)


def _count(value: Any) -> int:
    return int(value or 0)


def trajectory_figures(r: Any) -> dict[str, Any]:
    """One row of report_statement as the report's trajectory, intervention and saving figures."""
    closed, ended, opened = _count(r.closed), _count(r.ended), _count(r.opened)
    started = closed - _count(r.no_approval)
    return {
        "opened": opened,
        "closed": closed,
        "open_at_end": _count(r.open_at_end),
        "no_approval": _count(r.no_approval),
        "trajectory_erroneous": _count(r.trajectory_erroneous),
        "successful": _count(r.successful),
        "success_rate": ratio(r.successful, started),
        "goal_achieved": _count(r.goal_achieved),
        "goal_rate": ratio(r.goal_achieved, closed),
        "throughput_mean": dec(r.dur_mean, TENTH),
        "throughput_median": dec(r.median, TENTH),
        "open_age_mean": dec(r.age_mean, TENTH),
        "first_interventions": _count(r.first_interventions),
        "first_intervention_days_mean": dec(r.to_first_mean, TENTH),
        "timely": _count(r.timely),
        "timeliness": ratio(r.timely, opened),
        "interventions_ended": ended,
        "interventions_success": _count(r.success),
        "intervention_success_rate": ratio(r.success, ended),
        "intervention_days_mean": dec(r.days, TENTH),
        "intervention_prognosis_days_mean": dec(r.prog, TENTH),
        "programme_cost": dec(r.price or 0),
        "expected_benefit": dec(r.benefit or 0),
        "reduction_days": dec(r.reduction or 0, TENTH),
        "saving_cases": _count(r.saving_cases),
        "saving_predicted_mean": dec(r.predicted_mean, TENTH),
        "saving_realised_mean": dec(r.realised_mean, TENTH),
        "saving_realised_min": None if r.realised_min is None else int(r.realised_min),
        "saving_realised_median": dec(r.realised_median, TENTH),
        "saving_realised_max": None if r.realised_max is None else int(r.realised_max),
    }


def empty_row(group: str) -> dict[str, Any]:
    """A group without cases of one kind: its counts 0, its sums 0, its rates and means None."""
    unknown = ("_rate", "_mean", "_median", "_min", "_max")
    row: dict[str, Any] = {c: None if c.endswith(unknown) or c == "timeliness" else 0 for c in COLUMNS}
    row.update(group=group, programme_cost=Decimal("0.00"), expected_benefit=Decimal("0.00"))
    row.update(reduction_days=Decimal("0.0"))
    return row


def check_period(date_from: dt.date | None, date_to: dt.date | None, grouping: str) -> None:
    """Refuse a missing or reversed period, one too long, or an unknown grouping."""
    errors = {}
    if date_from is None:
        errors["date_from"] = M_("Geef een begindatum.")
    if date_to is None:
        errors["date_to"] = M_("Geef een einddatum.")
    if date_from and date_to and date_to < date_from:
        errors["date_to"] = M_("De einddatum ligt voor de begindatum.")
    elif date_from and date_to and (date_to - date_from).days > MAX_PERIOD_DAYS:
        errors["date_to"] = M_("Een periode is hoogstens 20 jaar.")
    if grouping not in GROUPINGS:
        errors["group_by"] = M_("Kies een van: ") + ", ".join(GROUPINGS) + "."
    if errors:
        raise Invalid(errors)


def outcome_report(
    date_from: dt.date, date_to: dt.date, grouping: str = "none", *, viewer: User | None = None
) -> Report:
    """The outcome report of a period, grouped one way; `viewer` limits a case manager to their caseload.
    Three statements: trajectory figures, sick-report figures, counts per end reason."""
    from .report_cases import end_reason_counts
    from .report_sick import sick_figures, sick_statement

    check_period(date_from, date_to, grouping)
    dialect = db.session.get_bind().dialect.name
    rows: dict[str, dict[str, Any]] = {}
    statement = report_statement(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    for r in db.session.execute(statement):
        rows.setdefault(r.g, empty_row(r.g)).update(trajectory_figures(r))
    for r in db.session.execute(sick_statement(date_from, date_to, grouping, viewer=viewer, dialect=dialect)):
        rows.setdefault(r.g, empty_row(r.g)).update(sick_figures(r))
    reasons = end_reason_counts(date_from, date_to, grouping, viewer=viewer, dialect=dialect)
    return Report(
        date_from=date_from,
        date_to=date_to,
        grouping=grouping,
        rows=[rows[g] for g in sorted(rows)],
        end_reasons=reasons,
    )
