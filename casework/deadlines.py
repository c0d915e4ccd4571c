"""The Wet verbetering poortwachter timeline of a sick report (SPEC §6), each date with its rule in words.

Weeks. Week 1 starts on the first sick day, so week N runs from count day 7(N−1) to count day 7N − 1, and
"uiterlijk in week N" is its LAST day. Count days are days of illness: after samentelling the days worked between
two periods do not count (see `SickCount`). First sick day Monday 5-1-2026 gives probleemanalyse 15-2-2026
(week 6), plan van aanpak 1-3-2026 (week 8), ziekmelding bij UWV 26-10-2026 (week 42 ends on Sunday 25-10: the
first working day after it), eerstejaarsevaluatie 3-1-2027 (week 52), re-integratieverslag and WIA-aanvraag
3-10-2027 (target week 91; the aanvraag uiterlijk 17-10-2027, week 93), einde wachttijd 2-1-2028 (after 104 weeks).

The steps:
- ziekmelding bij arbodienst/bedrijfsarts: in week 1 of EVERY sick report, also one summed up with an earlier one;
- probleemanalyse: uiterlijk week 6;
- plan van aanpak: within 2 weeks after the probleemanalyse was made, and uiterlijk week 8;
- evaluatie plan van aanpak: at least every 6 weeks (of illness) after the last evaluation moment done (the plan
  van aanpak, an evaluation, a bijstelling, the eerstejaarsevaluatie), or after the plan's deadline while there
  is none, through the whole waiting time; numbered evaluatie_1, evaluatie_2, ...;
- bijstelling plan van aanpak: event-driven, recorded when it happens (bijstelling_1, ...), no deadline;
- ziekmelding bij UWV: on the first working day after week 42 (casework.calendar, the console's holiday list);
- eerstejaarsevaluatie: uiterlijk week 52 (with the spoor-2 decision);
- re-integratieverslag (with eindevaluatie and an actueel oordeel of the bedrijfsarts): target week 91;
- WIA-aanvraag: target week 91, uiterlijk week 93;
- einde wachttijd: after 104 weeks, a date and not a task. A loonsanctie (UWV sets its end date) or a voluntary
  extension of sick pay recorded on the report moves it, and the re-integratieverslag and WIA-aanvraag with it
  (they are counted back from the end of the waiting time); evaluations continue until the new end.

Status relative to `today`: "done" or "waived" when recorded (casework.poortwachter); "paused" when the report
ended (recovery date, the first day fit again, on or before the due date; or closed before it); "missed" when the
last allowed day has passed; "due_soon" within 7 days (today up to today + 7); else "upcoming". The WIA-aanvraag
is dated on its last allowed day (week 93) with its target (week 91) in words: the re-integratieverslag, due at the
target, warns in time. A missed step stays missed until it is recorded: a later deadline never hides it.

Samentelling (art. 7:629 lid 10 BW, art. 29 lid 10 ZW): periods of illness with an interruption of less than
4 weeks count as one. A report's recovery date is its first day fit again. Steps recorded in an earlier period of
the chain stay done (shown with their date and "vorige periode"); a step whose date falls before this report's
first sick day fell during the earlier period of illness, so it is shown as missed only when it was missed there
(not recorded). The week-1 ziekmelding is this report's own. Closed reports without a recovery date do not chain.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from models import SickReport

from .calendar import dutch_date, first_working_day_after
from .i18n import N_
from .i18n import gettext as _

SAMENTELLING_DAYS = 28  # an interruption shorter than 4 weeks joins two periods of illness
DUE_SOON_DAYS = 7  # SPEC §6: a deadline within 7 days raises a signal
EVALUATION_INTERVAL_DAYS = 42  # at least every 6 weeks
WAITING_WEEKS = 104

STEP_LABELS: dict[str, str] = {
    "ziekmelding_bedrijfsarts": N_("Ziekmelding bij arbodienst/bedrijfsarts"),
    "probleemanalyse": N_("Probleemanalyse"),
    "plan_van_aanpak": N_("Plan van aanpak"),
    "evaluatie": N_("Evaluatie plan van aanpak"),
    "bijstelling": N_("Bijstelling plan van aanpak"),
    "melding_uwv": N_("Ziekmelding bij UWV"),
    "eerstejaarsevaluatie": N_("Eerstejaarsevaluatie"),
    "re_integratieverslag": N_("Re-integratieverslag"),
    "wia_aanvraag": N_("WIA-aanvraag"),
    "einde_wachttijd": N_("Einde wachttijd"),
    # What the re-integratieverslag asks beyond the steps above (casework.riv): recorded when it happens, no
    # deadline of its own; a missing one is signalled from week 85.
    "spoor_2_besluit": N_("Besluit spoor 2"),
    "arbeidsdeskundig_onderzoek": N_("Arbeidsdeskundig onderzoek"),
    "eindevaluatie": N_("Eindevaluatie"),
    "actueel_oordeel": N_("Actueel oordeel bedrijfsarts"),
}
RIV_ONLY = ("spoor_2_besluit", "arbeidsdeskundig_onderzoek", "eindevaluatie", "actueel_oordeel")
# The open-step rows (casework.timeline) of an item missing from the re-integratieverslag: "riv_<step>".
RIV_MISSING_PREFIX = "riv_"
REPEATING = ("evaluatie", "bijstelling")  # recorded as evaluatie_1, evaluatie_2, ...
RECORDABLE = tuple(k for k in STEP_LABELS if k != "einde_wachttijd")  # einde wachttijd is a date, not a task
_NUMBERED = re.compile(r"^(evaluatie|bijstelling)_(\d+)$")
# What counts as an evaluation moment for the next evaluation's 6 weeks.
_EVALUATION_MOMENTS = ("plan_van_aanpak", "evaluatie", "bijstelling", "eerstejaarsevaluatie")


def step_label(key: str) -> str:
    """The name of a step key in the reader's language (casework.i18n), numbered ones included ("Evaluatie plan
    van aanpak 2"), and of a missing item of the re-integratieverslag ("Re-integratieverslag: eindevaluatie
    ontbreekt")."""
    if match := _NUMBERED.match(key):
        return f"{_(STEP_LABELS[match.group(1)])} {match.group(2)}"
    if key.startswith(RIV_MISSING_PREFIX) and key[len(RIV_MISSING_PREFIX) :] in RIV_ONLY:
        item = _(STEP_LABELS[key[len(RIV_MISSING_PREFIX) :]])
        return _("Re-integratieverslag: %(item)s ontbreekt", item=item[:1].lower() + item[1:])
    return _(STEP_LABELS[key]) if key in STEP_LABELS else key


def step_kind(key: str) -> str:
    """The step a key belongs to: "evaluatie_2" → "evaluatie"; other keys themselves."""
    match = _NUMBERED.match(key)
    return match.group(1) if match else key


class DeadlineStatus(enum.StrEnum):
    """Where a step stands relative to today."""

    DONE = "done"
    WAIVED = "waived"
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    MISSED = "missed"
    PAUSED = "paused"
    DATE = "date"  # einde wachttijd: a date to know, nothing to do


OPEN_STATUSES = (DeadlineStatus.UPCOMING, DeadlineStatus.DUE_SOON, DeadlineStatus.MISSED)


class StepRecord(NamedTuple):
    """A step recorded as done (or waived) in this report or an earlier one of its samentelling chain."""

    key: str
    day: dt.date
    waived: bool = False
    reason: str = ""
    own: bool = True  # recorded on this report, not in an earlier period


@dataclass(frozen=True)
class Deadline:
    """One line of the timeline: a step with its date and rule, or the end of the waiting time."""

    key: str
    label: str
    due: dt.date | None
    rule: str
    status: DeadlineStatus
    week: int | None = None
    target: dt.date | None = None  # a target before the last allowed day `due` (WIA-aanvraag: week 91)
    record: StepRecord | None = None

    @property
    def done_on(self) -> dt.date | None:
        """The day it was done or waived, if recorded."""
        return self.record.day if self.record else None

    @property
    def sort_day(self) -> dt.date:
        return self.due or self.done_on or dt.date.max


@dataclass(frozen=True)
class SickCount:
    """Days of illness along a samentelling chain: count day k ↔ a calendar day of illness.

    `periods` are (first sick day, recovery date) of the chained reports, earliest first; the last one (this
    report) is open-ended for counting.
    """

    periods: tuple[tuple[dt.date, dt.date | None], ...]
    chained: tuple[SickReport, ...] = ()  # the earlier reports counted with, latest first

    @property
    def start(self) -> dt.date:
        """The day the weeks count from: the calendar day count day 0 would be in this report's period."""
        return self.periods[-1][0] - dt.timedelta(days=self.count(self.periods[-1][0]))

    @property
    def worked_days(self) -> int:
        """Days worked between the chained periods (they do not count)."""
        return (self.start - self.periods[0][0]).days

    def _lengths(self) -> Iterable[tuple[dt.date, dt.date | None, int | None]]:
        last = len(self.periods) - 1
        for i, (first, recovered) in enumerate(self.periods):
            yield first, recovered, None if i == last else (recovered - first).days

    def day(self, count_day: int) -> dt.date:
        """The calendar day of count day `count_day` (0 = the first sick day of the chain)."""
        rest = count_day
        for first, _recovered, length in self._lengths():
            if length is None or rest < length:
                return first + dt.timedelta(days=rest)
            rest -= length
        raise AssertionError("unreachable: the last period is open-ended")

    def count(self, day: dt.date) -> int:
        """The count day of a calendar day; a worked day counts as the first day of the next period."""
        before = 0
        for first, _recovered, length in self._lengths():
            if day < first:
                return before if before else (day - first).days
            if length is None or (day - first).days < length:
                return before + (day - first).days
            before += length
        raise AssertionError("unreachable: the last period is open-ended")

    def week_end(self, week: int) -> dt.date:
        """The last day of week `week` of illness."""
        return self.day(7 * week - 1)


def chain(report: SickReport, earlier_reports: Sequence[SickReport] = ()) -> list[SickReport]:
    """The earlier reports summed up with `report` (samentelling), latest first."""
    current, chained = report, []
    while True:
        joined = [
            r
            for r in earlier_reports
            if r is not current
            and r is not report
            and r not in chained
            and r.recovery_date is not None
            and r.first_sick_day < current.first_sick_day
            and (r.employee_id is None or report.employee_id is None or r.employee_id == report.employee_id)
            and 0 <= (current.first_sick_day - r.recovery_date).days < SAMENTELLING_DAYS
        ]
        if not joined:
            return chained
        current = max(joined, key=lambda r: (r.recovery_date, r.first_sick_day))
        chained.append(current)


def sick_count(report: SickReport, earlier_reports: Sequence[SickReport] = ()) -> SickCount:
    """The count of days of illness of `report`, with samentelling applied."""
    chained = chain(report, earlier_reports)
    periods = [(r.first_sick_day, r.recovery_date) for r in reversed(chained)]
    periods.append((report.first_sick_day, None))
    return SickCount(tuple(periods), tuple(chained))


def records_of(report: SickReport, chained: Sequence[SickReport] = ()) -> list[StepRecord]:
    """The recorded steps of `report` and of the earlier reports it is summed up with."""
    return [
        StepRecord(s.step_key, s.done_on, bool(s.waived), s.reason or "", r is report)
        for r in (report, *chained)
        for s in r.steps_done
    ]


def waiting_time_end(report: SickReport, count: SickCount) -> tuple[dt.date, dt.date, str]:
    """(regular end after 104 weeks, actual end, the words for why it moved)."""
    regular = count.week_end(WAITING_WEEKS)
    end, why = regular, ""
    if report.loonsanctie_until and report.loonsanctie_until > end:
        end, why = (
            report.loonsanctie_until,
            f"verlengd door een loonsanctie tot {dutch_date(report.loonsanctie_until)}",
        )
    if report.extended_until and report.extended_until > end:
        end = report.extended_until
        why = f"verlengd door vrijwillige verlenging van de loondoorbetaling tot {dutch_date(report.extended_until)}"
    return regular, end, why


@dataclass
class _Builder:
    report: SickReport
    count: SickCount
    records: list[StepRecord]
    today: dt.date
    lines: list[Deadline] = field(default_factory=list)

    @property
    def basis(self) -> str:
        if not self.count.chained:
            return f"eerste ziektedag {dutch_date(self.report.first_sick_day)}"
        first = self.count.periods[0][0]
        return (
            f"telling vanaf {dutch_date(first)}, samengeteld; {self.count.worked_days} gewerkte dagen tellen"
            " niet mee"
        )

    def record(self, key: str, *, own_only: bool = False) -> StepRecord | None:
        return next((r for r in self.records if r.key == key and (r.own or not own_only)), None)

    def status(self, due: dt.date) -> DeadlineStatus:
        ended = self.report.recovery_date
        if ended is not None and due >= ended:
            return DeadlineStatus.PAUSED
        closed = self.report.closed_on
        if closed is not None and due > closed:
            return DeadlineStatus.PAUSED
        if due < self.today:
            return DeadlineStatus.MISSED
        if (due - self.today).days <= DUE_SOON_DAYS:
            return DeadlineStatus.DUE_SOON
        return DeadlineStatus.UPCOMING

    def add(
        self,
        key: str,
        due: dt.date | None,
        rule: str,
        *,
        week: int | None = None,
        target: dt.date | None = None,
        own_only: bool = False,
        record: StepRecord | None = None,
    ) -> None:
        record = record or self.record(key, own_only=own_only)
        if record is not None:
            status = DeadlineStatus.WAIVED if record.waived else DeadlineStatus.DONE
            if record.waived:
                rule += f"; niet nodig: {record.reason}"
            if not record.own:
                rule += "; vastgelegd in de vorige verzuimperiode"
        else:
            status = self.status(due)
            if status is DeadlineStatus.PAUSED:
                end = self.report.recovery_date or self.report.closed_on
                why = "hersteld" if self.report.recovery_date else "melding gesloten"
                rule += f"; gepauzeerd: {why} per {dutch_date(end)}"
            elif due < self.report.first_sick_day:
                rule += "; viel in de vorige verzuimperiode en is daar niet vastgelegd"
        self.lines.append(Deadline(key, step_label(key), due, rule, status, week, target, record))

    def week_step(self, key: str, week: int, rule: str) -> dt.date:
        due = self.count.week_end(week)
        self.add(
            key,
            due,
            f"{rule}: uiterlijk in week {week}, op of vóór {dutch_date(due)} ({self.basis})",
            week=week,
        )
        return due


def poortwachter_deadlines(
    report: SickReport,
    *,
    today: dt.date,
    earlier_reports: Sequence[SickReport] = (),
    records: Sequence[StepRecord] | None = None,
) -> list[Deadline]:
    """The timeline of a sick report in date order, each line with its rule in words and its status on `today`.

    `earlier_reports` are the employee's other reports (for samentelling); `records` the recorded steps of this
    report and its chain (by default read from the reports' `steps_done`).
    """
    count = sick_count(report, earlier_reports)
    if records is None:
        records = records_of(report, count.chained)
    b = _Builder(report, count, list(records), today)
    week1 = report.first_sick_day + dt.timedelta(days=6)
    b.add(
        "ziekmelding_bedrijfsarts",
        week1,
        f"In week 1 van elke verzuimmelding: op of vóór {dutch_date(week1)}"
        f" (eerste ziektedag {dutch_date(report.first_sick_day)} + 6 dagen)",
        week=1,
        own_only=True,
    )
    b.week_step("probleemanalyse", 6, "Probleemanalyse door de bedrijfsarts")
    week8 = count.week_end(8)
    analysis = b.record("probleemanalyse")
    if analysis is not None and not analysis.waived:
        two_weeks = count.day(count.count(analysis.day) + 14)
        plan_due = min(two_weeks, week8)
        rule = (
            f"Binnen 2 weken na de probleemanalyse ({dutch_date(analysis.day)}) en uiterlijk in week 8"
            f" ({dutch_date(week8)}): op of vóór {dutch_date(plan_due)}"
        )
    else:
        plan_due = week8
        rule = (
            f"Binnen 2 weken na de probleemanalyse, uiterlijk in week 8: op of vóór {dutch_date(week8)}"
            f" ({b.basis})"
        )
    b.add("plan_van_aanpak", plan_due, rule, week=8)
    regular_end, end, moved = waiting_time_end(report, count)
    _evaluations(b, plan_due, end)
    for r in sorted(b.records, key=lambda r: (r.day, r.key)):
        if step_kind(r.key) == "bijstelling":
            b.add(r.key, None, "Bijstelling van het plan van aanpak, vastgelegd toen die gebeurde", record=r)
        elif r.key in RIV_ONLY:
            b.add(
                r.key, None, "Onderdeel van het re-integratieverslag, vastgelegd toen het gebeurde", record=r
            )
    week42 = count.week_end(42)
    uwv = first_working_day_after(week42)
    b.add(
        "melding_uwv",
        uwv,
        f"Op de eerste werkdag na week 42 (week 42 eindigt op {dutch_date(week42)}): {dutch_date(uwv)} ({b.basis})",
        week=42,
    )
    b.week_step("eerstejaarsevaluatie", 52, "Eerstejaarsevaluatie, met het besluit over spoor 2")
    shift = end - regular_end
    shifted = f"; verschoven met het einde van de wachttijd ({moved})" if moved else ""
    riv = count.week_end(91) + shift
    b.add(
        "re_integratieverslag",
        riv,
        f"Compleet met eindevaluatie en actueel oordeel van de bedrijfsarts: streefdatum week 91,"
        f" {dutch_date(riv)}; UWV stuurt rond week 88 de brief over de WIA-aanvraag{shifted}",
        week=91,
    )
    wia_last = count.week_end(93) + shift
    b.add(
        "wia_aanvraag",
        wia_last,
        f"Door de werknemer, met steun van de casemanager: streefdatum week 91 ({dutch_date(riv)}),"
        f" uiterlijk in week 93 ({dutch_date(wia_last)}){shifted}",
        week=93,
        target=riv,
    )
    rule = f"Na 104 weken ziekte: {dutch_date(regular_end)} ({b.basis})"
    if moved:
        rule += f"; {moved}"
    b.lines.append(
        Deadline("einde_wachttijd", step_label("einde_wachttijd"), end, rule, DeadlineStatus.DATE, 104)
    )
    return sorted(b.lines, key=lambda d: (d.sort_day, d.key))


def _evaluations(b: _Builder, plan_due: dt.date, end: dt.date) -> None:
    """The evaluations done, and the next one: 6 weeks of illness after the last evaluation moment."""
    done = sorted(
        (r for r in b.records if step_kind(r.key) == "evaluatie"),
        key=lambda r: int(_NUMBERED.match(r.key)[2]),
    )
    for r in done:
        b.add(r.key, None, "Evaluatie van het plan van aanpak", record=r)
    moments = [r for r in b.records if step_kind(r.key) in _EVALUATION_MOMENTS]
    if moments:
        last = max(moments, key=lambda r: r.day)
        anchor, what = last.day, f"{step_label(last.key).lower()} op {dutch_date(last.day)}"
    else:
        anchor, what = plan_due, f"de termijn van het plan van aanpak, {dutch_date(plan_due)}"
    due = b.count.day(b.count.count(anchor) + EVALUATION_INTERVAL_DAYS)
    if due > end:
        return
    number = max((int(_NUMBERED.match(r.key)[2]) for r in done), default=0) + 1
    b.add(
        f"evaluatie_{number}",
        due,
        f"Ten minste elke 6 weken, gerekend vanaf de laatste evaluatie ({what}): op of vóór {dutch_date(due)}",
    )


def open_steps(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The steps neither done nor waived and not paused: what the signal scan watches."""
    return [d for d in deadlines if d.status in OPEN_STATUSES]


def next_deadline(
    report: SickReport, *, today: dt.date, earlier_reports: Sequence[SickReport] = ()
) -> Deadline | None:
    """The first step still ahead (due today or later, not recorded, not paused), or None."""
    ahead = (DeadlineStatus.DUE_SOON, DeadlineStatus.UPCOMING)
    deadlines = poortwachter_deadlines(report, today=today, earlier_reports=earlier_reports)
    return next((d for d in deadlines if d.status in ahead and d.due and d.due >= today), None)
