"""Wet verbetering poortwachter deadlines of a sick report (SPEC §6), counted from the first sick day.

Convention. The law and UWV name a week ("de probleemanalyse is uiterlijk in week 6 klaar", "ziekmelding bij UWV
uiterlijk in de 42e week"). Week 1 starts on the first sick day, so week N runs from first sick day + 7(N−1) days
to first sick day + 7N − 1 days, and "uiterlijk in week N" is due on its LAST day: first sick day + N weeks − 1 day.
First sick day Monday 5-1-2026: probleemanalyse by Sunday 15-2-2026, plan van aanpak (week 8) by 1-3-2026,
melding UWV (week 42) by 25-10-2026, end of the second sick year (week 104) on 2-1-2028, the last day of the
104-week waiting time. POORTWACHTER_STEPS holds every step with its `days_offset` (= 7 × week − 1) so the
scheduler can compute the same dates in SQL: due = count start + days_offset.

Evaluations ("bijstelling/evaluatie plan van aanpak") follow every 6 weeks after the plan van aanpak (weeks 14,
20, 26, 32, 38) until the melding UWV in week 42.

Status relative to `today`: "done" when the caller says the step was done (`done` keys; Traject records no
Poortwachter step completions of its own yet), "paused" when the absence ended (recovery date, or the report
was closed) before the due date, "missed" when the due date has passed, "due_soon" when it falls within 7 days
(today up to and including today + 7), else "upcoming".

Samentelling (art. 7:629 lid 10 BW, art. 29 lid 10 ZW): periods of incapacity that follow each other with an
interruption of less than 4 weeks count as one. A report's `recovery_date` is the first day the employee is fit
again; the days from it up to (not including) the next first sick day were worked. When an earlier report of the
same employee recovered 0–27 days before this report's first sick day, the count starts at that earlier first
sick day shifted forward by the worked days, so the weeks of illness add up; this repeats along a chain of such
reports. Closed reports without a recovery date do not chain.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from models import SickReport

from .calendar import dutch_date

SAMENTELLING_DAYS = 28  # an interruption shorter than 4 weeks joins two periods of illness
DUE_SOON_DAYS = 7  # SPEC §6: a deadline within 7 days raises a signal
EVALUATION_INTERVAL_WEEKS = 6


class PoortwachterStep(NamedTuple):
    """One Poortwachter step: due on count start + `days_offset`, the last day of week `week`."""

    key: str
    label: str
    week: int
    days_offset: int


def _step(key: str, label: str, week: int) -> PoortwachterStep:
    return PoortwachterStep(key, label, week, 7 * week - 1)


_PLAN_WEEK, _UWV_WEEK = 8, 42
POORTWACHTER_STEPS: tuple[PoortwachterStep, ...] = (
    _step("ziekmelding_bedrijfsarts", "Ziekmelding bedrijfsarts", 1),
    _step("probleemanalyse", "Probleemanalyse", 6),
    _step("plan_van_aanpak", "Plan van aanpak", _PLAN_WEEK),
    *(
        _step(f"evaluatie_{n}", f"Bijstelling/evaluatie plan van aanpak {n}", week)
        for n, week in enumerate(
            range(_PLAN_WEEK + EVALUATION_INTERVAL_WEEKS, _UWV_WEEK, EVALUATION_INTERVAL_WEEKS), 1
        )
    ),
    _step("melding_uwv", "Melding UWV (42e ziekteweek)", _UWV_WEEK),
    _step("eerstejaarsevaluatie", "Eerstejaarsevaluatie", 52),
    _step("wia_aanvraag", "WIA-aanvraag", 91),
    _step("einde_tweede_ziektejaar", "Einde tweede ziektejaar", 104),
)


class DeadlineStatus(enum.StrEnum):
    """Where a deadline stands relative to today."""

    DONE = "done"
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    MISSED = "missed"
    PAUSED = "paused"


@dataclass(frozen=True)
class Deadline:
    """One Poortwachter deadline of a sick report, with the Dutch rule that produced it."""

    key: str
    label: str
    due: dt.date
    rule: str
    status: DeadlineStatus
    week: int


@dataclass(frozen=True)
class CountStart:
    """Where the weeks are counted from: this report's first sick day, or an earlier one after samentelling."""

    day: dt.date
    chained: tuple[SickReport, ...] = ()  # the earlier reports counted with, latest first
    worked_days: int = 0  # days worked between the chained periods


def count_start(report: SickReport, earlier_reports: Sequence[SickReport] = ()) -> CountStart:
    """The day the Poortwachter weeks count from, applying samentelling with earlier reports."""
    current, chained, worked = report, [], 0
    while True:
        joined = [
            r
            for r in earlier_reports
            if r is not current
            and r.recovery_date is not None
            and r.first_sick_day < current.first_sick_day
            and (r.employee_id is None or report.employee_id is None or r.employee_id == report.employee_id)
            and 0 <= (current.first_sick_day - r.recovery_date).days < SAMENTELLING_DAYS
        ]
        if not joined:
            break
        previous = max(joined, key=lambda r: (r.recovery_date, r.first_sick_day))
        worked += (current.first_sick_day - previous.recovery_date).days
        chained.append(previous)
        current = previous
    return CountStart(current.first_sick_day + dt.timedelta(days=worked), tuple(chained), worked)


def _basis(report: SickReport, start: CountStart) -> tuple[str, str]:
    """The Dutch words for where the count starts, and the samentelling note (empty without one)."""
    if not start.chained:
        return f"eerste ziektedag {dutch_date(report.first_sick_day)}", ""
    first = start.chained[-1].first_sick_day
    return (
        f"telling vanaf {dutch_date(start.day)}",
        f"; samengeteld met verzuim vanaf {dutch_date(first)}, {start.worked_days} gewerkte dagen tellen niet mee",
    )


def _status(
    due: dt.date, key: str, *, today: dt.date, ended: dt.date | None, done: Collection[str]
) -> DeadlineStatus:
    if key in done:
        return DeadlineStatus.DONE
    if ended is not None and due > ended:
        return DeadlineStatus.PAUSED
    if due < today:
        return DeadlineStatus.MISSED
    if (due - today).days <= DUE_SOON_DAYS:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.UPCOMING


def poortwachter_deadlines(
    report: SickReport,
    *,
    today: dt.date | None = None,
    earlier_reports: Sequence[SickReport] = (),
    done: Collection[str] = (),
) -> list[Deadline]:
    """Every Poortwachter deadline of a sick report, in date order, with its status relative to `today`."""
    today = today or dt.date.today()
    start = count_start(report, earlier_reports)
    basis, joined = _basis(report, start)
    ended = report.recovery_date or report.closed_on
    why = "hersteld" if report.recovery_date else "melding gesloten"
    deadlines = []
    for step in POORTWACHTER_STEPS:
        due = start.day + dt.timedelta(days=step.days_offset)
        status = _status(due, step.key, today=today, ended=ended, done=done)
        weeks = "week" if step.week == 1 else "weken"
        rule = (
            f"{step.label}: uiterlijk in week {step.week}, op of vóór {dutch_date(due)}"
            f" ({basis} + {step.week} {weeks} − 1 dag){joined}"
        )
        if status is DeadlineStatus.PAUSED:
            rule += f"; gepauzeerd: {why} per {dutch_date(ended)}"
        deadlines.append(Deadline(step.key, step.label, due, rule, status, step.week))
    return deadlines


def next_deadline(
    report: SickReport,
    *,
    today: dt.date | None = None,
    earlier_reports: Sequence[SickReport] = (),
    done: Collection[str] = (),
) -> Deadline | None:
    """The first deadline still ahead (due today or later, not done, not paused), or None."""
    ahead = (DeadlineStatus.DUE_SOON, DeadlineStatus.UPCOMING)
    deadlines = poortwachter_deadlines(report, today=today, earlier_reports=earlier_reports, done=done)
    return next((d for d in deadlines if d.status in ahead), None)
