"""Poortwachter steps recorded by a case manager (SPEC §6): done on a date, waived with a reason, or undone.

A recorded step shows as "afgerond" (or "niet nodig", with the reason) in the dossier (casework.deadlines) and
is no longer an open step (casework.timeline), so its poortwachter_due signal is resolved at the next scan. A
missed step stays signalled until one of these happens. Evaluations and bijstellingen repeat: each record gets
the next number (evaluatie_1, evaluatie_2, ...), counted along the samentelling chain. A loonsanctie or a
voluntary extension of sick pay moves the end of the waiting time. Only steps, dates and reasons are stored,
never medical content; every change is in the log book.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import PoortwachterStepDone, SickReport, db

from .calendar import dutch_date, local_day
from .deadlines import REPEATING, STEP_LABELS, chain, sick_count, step_kind, step_label, waiting_time_end
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log
from .registration import ensure_can_see
from .schemas import parse_day
from .timeline import refresh_open_steps

REASON_MAX_LENGTH = 500
MAX_EXTENSION_DAYS = 364  # a loonsanctie or a voluntary extension lasts at most 52 weeks


def done_steps(report: SickReport) -> dict[str, dt.date]:
    """The steps recorded on `report` itself (done or waived), with their day."""
    return {s.step_key: s.done_on for s in report.steps_done}


def _kind(step_key: Any) -> str:
    kind = step_kind(step_key) if isinstance(step_key, str) else None
    if kind not in STEP_LABELS or kind == "einde_wachttijd":
        raise Invalid({"step": M_("Onbekende Poortwachter-stap.")})
    return kind


def _check_caseload(report: SickReport, actor: Actor) -> None:
    if actor.user is not None:
        ensure_can_see(report.employee, actor.user)


def _chain_records(report: SickReport) -> list[tuple[SickReport, PoortwachterStepDone]]:
    reports = (report, *chain(report, [r for r in report.employee.sick_reports if r is not report]))
    return [(r, s) for r in reports for s in r.steps_done]


def _key_for(report: SickReport, kind: str) -> str:
    """The key a new record of `kind` gets: numbered for repeating steps; refused when already recorded."""
    records = _chain_records(report)
    if kind in REPEATING:
        numbers = [int(s.step_key.rsplit("_", 1)[1]) for _r, s in records if step_kind(s.step_key) == kind]
        return f"{kind}_{max(numbers, default=0) + 1}"
    for owner, s in records:
        if s.step_key == kind and (owner is report or kind != "ziekmelding_bedrijfsarts"):
            how = "als niet nodig vastgelegd" if s.waived else "al afgerond"
            where = "" if owner is report else " (in de vorige verzuimperiode)"
            raise Invalid(
                {
                    "step": M_(
                        "%(kind)s is %(how)s op %(done_on)s%(where)s.",
                        kind=STEP_LABELS[kind],
                        how=how,
                        done_on=dutch_date(s.done_on),
                        where=where,
                    )
                }
            )
    return kind


def _day(report: SickReport, value: dt.date | str, field: str, now: dt.datetime) -> dt.date:
    day = parse_day(value, field)
    if day > local_day(now):
        raise Invalid({field: M_("Deze datum ligt in de toekomst.")})
    earliest = sick_count(report, [r for r in report.employee.sick_reports if r is not report]).periods[0][0]
    if day < earliest:
        raise Invalid(
            {
                field: M_(
                    "Deze datum ligt vóór de eerste ziektedag (%(earliest)s).", earliest=dutch_date(earliest)
                )
            }
        )
    return day


def record_step_done(
    report: SickReport, step_key: str, done_on: dt.date | str, *, actor: Actor, now: dt.datetime
) -> PoortwachterStepDone:
    """Record that a Poortwachter step of `report` was done on `done_on`; a case manager only in their caseload."""
    _check_caseload(report, actor)
    kind = _kind(step_key)
    done_on = _day(report, done_on, "done_on", now)
    key = _key_for(report, kind)
    done = PoortwachterStepDone(
        sick_report=report, step_key=key, done_on=done_on, recorded_by=actor.user, recorded_at=now
    )
    db.session.add(done)
    refresh_open_steps(report.employee)
    log(
        actor,
        now,
        "poortwachter.step_done",
        f"Poortwachter: {step_label(key)} afgerond op {dutch_date(done_on)}",
        employee_id=report.employee_id,
        subject=report,
        details={"step": key, "done_on": done_on.isoformat()},
    )
    return done


def waive_step(
    report: SickReport, step_key: str, reason: str, *, actor: Actor, now: dt.datetime
) -> PoortwachterStepDone:
    """Record that a step is not needed (e.g. "hersteld vóór week 6"), with the reason in the log book."""
    _check_caseload(report, actor)
    kind = _kind(step_key)
    if kind == "bijstelling":
        raise Invalid({"step": M_("Een bijstelling heeft geen termijn; leg haar vast als ze gebeurt.")})
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise Invalid({"reason": M_("Geef de reden waarom deze stap niet nodig is.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise Invalid(
            {
                "reason": M_(
                    "De reden is te lang (hoogstens %(reason_max_length)s tekens).",
                    reason_max_length=REASON_MAX_LENGTH,
                )
            }
        )
    key = _key_for(report, kind)
    day = local_day(now)
    waived = PoortwachterStepDone(
        sick_report=report,
        step_key=key,
        done_on=day,
        waived=True,
        reason=reason,
        recorded_by=actor.user,
        recorded_at=now,
    )
    db.session.add(waived)
    refresh_open_steps(report.employee)
    log(
        actor,
        now,
        "poortwachter.step_waived",
        f"Poortwachter: {step_label(key)} niet nodig ({dutch_date(day)}): {reason}",
        employee_id=report.employee_id,
        subject=report,
        details={"step": key, "reason": reason},
    )
    return waived


def undo_step_done(report: SickReport, step_key: str, *, actor: Actor, now: dt.datetime) -> None:
    """Remove the record that a Poortwachter step of `report` was done or waived (a mistake); logged."""
    _check_caseload(report, actor)
    _kind(step_key)
    done = next((s for s in report.steps_done if s.step_key == step_key), None)
    if done is None:
        raise Invalid(
            {"step": M_("%(step_key)s is niet als afgerond vastgelegd.", step_key=step_label(step_key))}
        )
    done_on = done.done_on
    report.steps_done.remove(done)
    db.session.delete(done)
    refresh_open_steps(report.employee)
    log(
        actor,
        now,
        "poortwachter.step_undone",
        f"Poortwachter: vastlegging van {step_label(step_key)} ({dutch_date(done_on)}) ongedaan gemaakt",
        employee_id=report.employee_id,
        subject=report,
        details={"step": step_key, "done_on": done_on.isoformat()},
    )


EXTENSIONS = {"loonsanctie": "loonsanctie_until", "vrijwillig": "extended_until"}
_EXTENSION_WORDS = {"loonsanctie": "Loonsanctie", "vrijwillig": "Vrijwillige verlenging loondoorbetaling"}


def set_waiting_time_extension(
    report: SickReport, kind: str, until: dt.date | str | None, *, actor: Actor, now: dt.datetime
) -> SickReport:
    """Record (or clear, with `until` empty) a loonsanctie's end date or a voluntary extension of the waiting time."""
    _check_caseload(report, actor)
    if kind not in EXTENSIONS:
        raise Invalid({"kind": M_("Kies loonsanctie of vrijwillig.")})
    field = EXTENSIONS[kind]
    day = parse_day(until, field) if until not in (None, "") else None
    regular, _end, _why = waiting_time_end(
        report, sick_count(report, [r for r in report.employee.sick_reports if r is not report])
    )
    if day is not None and day <= regular:
        raise Invalid(
            {
                field: M_(
                    "Deze datum ligt niet na het einde van de wachttijd (%(regular)s).",
                    regular=dutch_date(regular),
                )
            }
        )
    if day is not None and (day - regular).days > MAX_EXTENSION_DAYS:
        raise Invalid(
            {
                field: M_(
                    "Hoogstens 52 weken na het einde van de wachttijd (%(regular)s).",
                    regular=dutch_date(regular),
                )
            }
        )
    if getattr(report, field) == day:
        return report
    setattr(report, field, day)
    refresh_open_steps(report.employee)
    words = _EXTENSION_WORDS[kind]
    message = f"{words} tot {dutch_date(day)} vastgelegd" if day else f"{words} verwijderd"
    log(
        actor,
        now,
        "sick_report.extension",
        message,
        employee_id=report.employee_id,
        subject=report,
        details={"kind": kind, "until": day.isoformat() if day else None},
    )
    return report
