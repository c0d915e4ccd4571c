"""Warnings that do not refuse: the engine notes them, every door shows them to the person acting.

A caution is not an error: the change goes through, but the case manager should know what UWV will ask. The
engine adds it with `caution(text)` to the running session (db.session.info, so one request, one Slack
interaction or one job run keeps its own) and writes it in the log book; each door takes them with
`take_cautions()` after the engine call and shows them: the console as a flash, Slack in its reply, the API as
`warnings` in the response.

Spoor 2 in order (issue 14 item 8): a programme marked as spoor 2 (Programme.spoor_2) chosen or started while the
plan van aanpak of the employee's sick report (or of an earlier one it is summed up with) is not recorded as
done: UWV will ask why spoor 2 started before the plan van aanpak.
"""

from __future__ import annotations

import datetime as dt

from models import Programme, SickReport, Trajectory, db

from .deadlines import chain
from .i18n import N_
from .logbook import Actor, log

_KEY = "traject_cautions"
SPOOR_2_EARLY = N_("UWV zal vragen waarom spoor 2 vóór het plan van aanpak is gestart.")


def caution(text: str) -> None:
    """Note a warning for the door to show (once per text in one unit of work)."""
    notes = db.session.info.setdefault(_KEY, [])
    if text not in notes:
        notes.append(text)


def take_cautions() -> list[str]:
    """The warnings noted since the last take, in order; clears them."""
    return db.session.info.pop(_KEY, [])


def warn_spoor_2(
    trajectory: Trajectory, programme: Programme | None, *, actor: Actor, now: dt.datetime
) -> None:
    """Caution (and log) when a spoor-2 programme is chosen or started before the plan van aanpak."""
    text = spoor_2_caution(trajectory, programme)
    if text is None:
        return
    caution(text)
    log(
        actor,
        now,
        "caution.spoor_2",
        text,
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=trajectory,
        details={"programme_id": programme.id if programme else None},
    )


def _report(trajectory: Trajectory) -> SickReport | None:
    """The sick report the trajectory is about: its own, else the employee's open one."""
    if trajectory.sick_report is not None:
        return trajectory.sick_report
    return next((r for r in reversed(trajectory.employee.sick_reports) if r.is_open), None)


def plan_recorded(report: SickReport) -> bool:
    """Whether the plan van aanpak is recorded as done for `report` or an earlier report it is summed up with."""
    others = [r for r in report.employee.sick_reports if r is not report]
    return any(
        s.step_key == "plan_van_aanpak" and not s.waived
        for r in (report, *chain(report, others))
        for s in r.steps_done
    )


def spoor_2_caution(trajectory: Trajectory, programme: Programme | None) -> str | None:
    """The warning when `programme` is spoor 2 and the plan van aanpak is not recorded yet; else None."""
    if programme is None or not programme.spoor_2:
        return None
    report = _report(trajectory)
    if report is None or plan_recorded(report):
        return None
    return (
        f"Let op: {programme.name} is een spoor-2-programma en het plan van aanpak is nog niet vastgelegd. "
        + SPOOR_2_EARLY
    )
