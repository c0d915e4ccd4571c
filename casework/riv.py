"""The re-integratieverslag check (issue 14 item 6): from week 80, per sick report, what UWV expects in the RIV.

UWV judges the re-integration effort on the re-integratieverslag it receives with the WIA-aanvraag (target week
91; its letter comes around week 88). A missing part costs a loonsanctie. From week 80 of illness the dossier,
the API and Slack show per sick report a checklist, computed from the recorded Poortwachter steps
(models.PoortwachterStepDone, along the samentelling chain), each item present with its date(s) or missing:

| item                               | present when                                   | missing when                       |
| ---------------------------------- | ---------------------------------------------- | ---------------------------------- |
| probleemanalyse                    | recorded (or waived, with its reason)          | not recorded                       |
| plan van aanpak + every bijstelling| the plan recorded; bijstellingen listed        | the plan not recorded              |
| evaluaties                         | at least one recorded and none overdue         | none, or the next one is overdue   |
| eerstejaarsevaluatie               | recorded                                       | not recorded                       |
| besluit spoor 2                    | recorded                                       | not recorded                       |
| arbeidsdeskundig onderzoek         | recorded, or waived ("er was er geen")         | never: only where there was one    |
| eindevaluatie                      | recorded                                       | not recorded                       |
| actueel oordeel bedrijfsarts       | recorded                                       | not recorded                       |

From week 85 a missing item is signalled by the scan. Items that are Poortwachter steps with a deadline of their
own (probleemanalyse, plan van aanpak, evaluations, eerstejaarsevaluatie) already are: a missed step stays
signalled until recorded. The items only the RIV asks (besluit spoor 2, eindevaluatie, actueel oordeel) get an
open-step row "riv_<step>" dated on the first day of week 85 (casework.timeline), raised by the scan from that
day (jobs.scan), never earlier. A loonsanctie or voluntary extension moves weeks 80 and 85 with the waiting time.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from models import SickReport

from .calendar import dutch_date
from .deadlines import (
    RIV_MISSING_PREFIX,
    STEP_LABELS,
    Deadline,
    DeadlineStatus,
    SickCount,
    StepRecord,
    poortwachter_deadlines,
    records_of,
    sick_count,
    step_kind,
    waiting_time_end,
)

SHOWN_FROM_WEEK = 80
SIGNALLED_FROM_WEEK = 85
# The items only the RIV asks that the scan signals (arbeidsdeskundig onderzoek only where there was one).
SIGNALLED = ("spoor_2_besluit", "eindevaluatie", "actueel_oordeel")


class RivStatus(enum.StrEnum):
    """Where an item of the re-integratieverslag stands."""

    PRESENT = "present"
    WAIVED = "waived"  # recorded as not needed, with its reason
    MISSING = "missing"
    NOT_APPLICABLE = (
        "not_applicable"  # arbeidsdeskundig onderzoek not recorded: only needed where there was one
    )


RIV_STATUS_WORDS = {
    RivStatus.PRESENT: "aanwezig",
    RivStatus.WAIVED: "niet nodig",
    RivStatus.MISSING: "ontbreekt",
    RivStatus.NOT_APPLICABLE: "alleen als er een was",
}


@dataclass(frozen=True)
class RivItem:
    """One part of the re-integratieverslag: its status, the day(s) it was recorded and a remark."""

    key: str
    label: str
    status: RivStatus
    days: tuple[dt.date, ...] = ()
    remark: str = ""

    @property
    def words(self) -> str:
        """The line as a case manager reads it: "Plan van aanpak: aanwezig, 01-03-2026"."""
        days = ", ".join(dutch_date(d) for d in self.days)
        text = f"{self.label}: {RIV_STATUS_WORDS[self.status]}"
        if days:
            text += f", {days}"
        return f"{text} ({self.remark})" if self.remark else text


@dataclass(frozen=True)
class RivCheck:
    """The checklist of one sick report, with the weeks it counts from."""

    report_id: int
    week: int  # the week of illness on `today` (or on the report's last day of illness)
    shown_from: dt.date  # the first day of week 80 (moved with the waiting time)
    signalled_from: dt.date  # the first day of week 85
    shown: bool  # week 80 has come (on `today`, or before the report ended)
    items: tuple[RivItem, ...]

    @property
    def missing(self) -> list[RivItem]:
        """The items still missing."""
        return [i for i in self.items if i.status is RivStatus.MISSING]

    @property
    def complete(self) -> bool:
        """Nothing missing."""
        return not self.missing


def _weeks(report: SickReport, count: SickCount) -> tuple[dt.date, dt.date]:
    """The first days of weeks 80 and 85, moved by a loonsanctie or extension like the RIV itself."""
    regular, end, _why = waiting_time_end(report, count)
    shift = end - regular
    return (
        count.day(7 * (SHOWN_FROM_WEEK - 1)) + shift,
        count.day(7 * (SIGNALLED_FROM_WEEK - 1)) + shift,
    )


def _single(key: str, records: Sequence[StepRecord], *, optional: bool = False) -> RivItem:
    record = next((r for r in records if r.key == key), None)
    label = STEP_LABELS[key]
    if record is None:
        return RivItem(key, label, RivStatus.NOT_APPLICABLE if optional else RivStatus.MISSING)
    remark = "vorige verzuimperiode" if not record.own else ""
    if record.waived:
        remark = "; ".join(p for p in (record.reason, remark) if p)
        return RivItem(key, label, RivStatus.WAIVED, (record.day,), remark)
    return RivItem(key, label, RivStatus.PRESENT, (record.day,), remark)


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def _numbered(kind: str, records: Sequence[StepRecord]) -> list[StepRecord]:
    return sorted(
        (r for r in records if step_kind(r.key) == kind and not r.waived), key=lambda r: (r.day, r.key)
    )


def riv_check(
    report: SickReport,
    *,
    today: dt.date,
    earlier_reports: Sequence[SickReport] = (),
    deadlines: Sequence[Deadline] | None = None,
) -> RivCheck:
    """The re-integratieverslag checklist of `report` on `today` (pure: reads only loaded rows).

    `earlier_reports` are the employee's other reports (samentelling); `deadlines` the report's timeline on
    `today` when the caller has it already (the dossier), else it is computed.
    """
    count = sick_count(report, earlier_reports)
    records = records_of(report, count.chained)
    if deadlines is None:
        deadlines = poortwachter_deadlines(
            report, today=today, earlier_reports=earlier_reports, records=records
        )
    last_day = min(d for d in (today, report.recovery_date, report.closed_on) if d is not None)
    week = count.count(last_day) // 7 + 1
    shown_from, signalled_from = _weeks(report, count)

    plan = _single("plan_van_aanpak", records)
    bijstellingen = _numbered("bijstelling", records)
    if bijstellingen:
        plan = RivItem(
            plan.key,
            "Plan van aanpak en bijstellingen",
            plan.status,
            plan.days + tuple(r.day for r in bijstellingen),
            "; ".join(
                p for p in (plan.remark, _count(len(bijstellingen), "bijstelling", "bijstellingen")) if p
            ),
        )
    evaluations = _numbered("evaluatie", records)
    overdue = next(
        (d for d in deadlines if step_kind(d.key) == "evaluatie" and d.status is DeadlineStatus.MISSED), None
    )
    if not evaluations:
        evaluation = RivItem(
            "evaluatie", "Evaluaties plan van aanpak", RivStatus.MISSING, (), "geen vastgelegd"
        )
    elif overdue is not None:
        evaluation = RivItem(
            "evaluatie",
            "Evaluaties plan van aanpak",
            RivStatus.MISSING,
            tuple(r.day for r in evaluations),
            f"de volgende was uiterlijk {dutch_date(overdue.due)} nodig",
        )
    else:
        evaluation = RivItem(
            "evaluatie", "Evaluaties plan van aanpak", RivStatus.PRESENT, tuple(r.day for r in evaluations)
        )
    items = (
        _single("probleemanalyse", records),
        plan,
        evaluation,
        _single("eerstejaarsevaluatie", records),
        _single("spoor_2_besluit", records),
        _single("arbeidsdeskundig_onderzoek", records, optional=True),
        _single("eindevaluatie", records),
        _single("actueel_oordeel", records),
    )
    return RivCheck(report.id, week, shown_from, signalled_from, last_day >= shown_from, items)


def riv_open_steps(report: SickReport, earlier_reports: Sequence[SickReport]) -> list[tuple[str, dt.date]]:
    """(open-step key, due date) for each RIV-only item of `report` not recorded: what the scan signals from
    week 85. Independent of today, like every open-step row."""
    count = sick_count(report, earlier_reports)
    recorded = {r.key for r in records_of(report, count.chained)}
    _shown, signalled_from = _weeks(report, count)
    return [(f"{RIV_MISSING_PREFIX}{key}", signalled_from) for key in SIGNALLED if key not in recorded]
