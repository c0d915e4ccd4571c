"""Poortwachter steps recorded as done (SPEC §6): a case manager says "the plan van aanpak was made on …".

A recorded step shows as "afgerond" in the dossier (casework.deadlines, DeadlineStatus.DONE) and is no longer
wanted by the signal scan (jobs.scan), so its open poortwachter_due signal is resolved at the next scan. Only
the step and its date are stored, never medical content.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import PoortwachterStepDone, SickReport, db

from .calendar import dutch_date, local_day
from .deadlines import POORTWACHTER_STEPS, PoortwachterStep
from .errors import Invalid
from .logbook import Actor, log
from .registration import ensure_can_see
from .schemas import parse_day

STEPS: dict[str, PoortwachterStep] = {s.key: s for s in POORTWACHTER_STEPS}


def done_steps(report: SickReport) -> dict[str, dt.date]:
    """The steps of `report` recorded as done, with the day each was done."""
    return {s.step_key: s.done_on for s in report.steps_done}


def _step(step_key: Any) -> PoortwachterStep:
    step = STEPS.get(step_key) if isinstance(step_key, str) else None
    if step is None:
        raise Invalid({"step": "Onbekende Poortwachter-stap."})
    return step


def _check_caseload(report: SickReport, actor: Actor) -> None:
    if actor.user is not None:
        ensure_can_see(report.employee, actor.user)


def record_step_done(
    report: SickReport, step_key: str, done_on: dt.date | str, *, actor: Actor, now: dt.datetime
) -> PoortwachterStepDone:
    """Record that a Poortwachter step of `report` was done on `done_on`; a case manager only in their caseload."""
    _check_caseload(report, actor)
    step = _step(step_key)
    done_on = parse_day(done_on, "done_on")
    if done_on > local_day(now):
        raise Invalid({"done_on": "Deze datum ligt in de toekomst."})
    if done_on < report.first_sick_day:
        raise Invalid(
            {"done_on": f"Deze datum ligt vóór de eerste ziektedag ({dutch_date(report.first_sick_day)})."}
        )
    already = done_steps(report).get(step.key)
    if already is not None:
        raise Invalid({"step": f"{step.label} is al afgerond op {dutch_date(already)}."})
    done = PoortwachterStepDone(
        sick_report=report, step_key=step.key, done_on=done_on, recorded_by=actor.user, recorded_at=now
    )
    db.session.add(done)
    db.session.flush()
    log(
        actor,
        now,
        "poortwachter.step_done",
        f"Poortwachter: {step.label} afgerond op {dutch_date(done_on)}",
        employee_id=report.employee_id,
        subject=report,
        details={"step": step.key, "done_on": done_on.isoformat()},
    )
    return done


def undo_step_done(report: SickReport, step_key: str, *, actor: Actor, now: dt.datetime) -> None:
    """Remove the record that a Poortwachter step of `report` was done (a mistake); logged."""
    _check_caseload(report, actor)
    step = _step(step_key)
    done = next((s for s in report.steps_done if s.step_key == step.key), None)
    if done is None:
        raise Invalid({"step": f"{step.label} is niet als afgerond vastgelegd."})
    done_on = done.done_on
    report.steps_done.remove(done)
    db.session.delete(done)
    db.session.flush()
    log(
        actor,
        now,
        "poortwachter.step_undone",
        f"Poortwachter: afronding van {step.label} ({dutch_date(done_on)}) ongedaan gemaakt",
        employee_id=report.employee_id,
        subject=report,
        details={"step": step.key, "done_on": done_on.isoformat()},
    )
