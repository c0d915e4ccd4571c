"""Interventions: a programme deployed in a trajectory, from its start to its end."""

from __future__ import annotations

import datetime as dt

from models import EndReason, Intervention, Programme, Trajectory, TrajectoryStatus, db

from .calendar import dutch_date, local_day
from .cautions import warn_spoor_2
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log


def start_intervention(
    trajectory: Trajectory,
    *,
    started_on: dt.date,
    actor: Actor,
    now: dt.datetime,
    programme: Programme | None = None,
) -> Intervention:
    """Deploy the chosen programme (or `programme`): prognosis end = start + the programme's duration."""
    programme = programme or trajectory.programme
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise Invalid({"trajectory": M_("Dit traject is gesloten.")})
    if programme is None:
        raise Invalid({"programme": M_("Er is nog geen programma gekozen (taak T2).")})
    if any(i.actual_end is None and i.programme_id == programme.id for i in trajectory.interventions):
        raise Invalid({"programme": M_("Dit programma loopt al in dit traject.")})
    if started_on < trajectory.started_on:
        raise Invalid({"started_on": M_("De startdatum ligt vóór de start van het traject.")})
    intervention = Intervention(
        trajectory=trajectory,
        programme=programme,
        price=programme.price,
        started_on=started_on,
        prognosis_end=started_on + dt.timedelta(weeks=programme.duration_weeks),
        financier=trajectory.financier,
    )
    db.session.add(intervention)
    db.session.flush()
    log(
        actor,
        now,
        "intervention.started",
        f"Interventie \u201c{programme.name}\u201d gestart op {dutch_date(started_on)}, "
        f"prognose einde {dutch_date(intervention.prognosis_end)}",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=intervention,
    )
    warn_spoor_2(trajectory, programme, actor=actor, now=now)  # spoor 2 before the plan van aanpak: a warning
    return intervention


def extend_intervention(
    intervention: Intervention, prognosis_end: dt.date, reason: str, *, actor: Actor, now: dt.datetime
) -> Intervention:
    """Move a running intervention's prognosis end later, with a reason."""
    if intervention.actual_end is not None:
        raise Invalid({"intervention": M_("Deze interventie is al beëindigd.")})
    if prognosis_end <= intervention.prognosis_end:
        raise Invalid({"prognosis_end": M_("De nieuwe prognose-einddatum ligt niet na de huidige.")})
    if not (reason or "").strip():
        raise Invalid({"reason": M_("Geef een reden voor de verlenging.")})
    previous, intervention.prognosis_end = intervention.prognosis_end, prognosis_end
    db.session.flush()
    log(
        actor,
        now,
        "intervention.extended",
        f"Prognose einde van {dutch_date(previous)} naar {dutch_date(prognosis_end)}: {reason.strip()}",
        employee_id=intervention.trajectory.employee_id,
        trajectory_id=intervention.trajectory_id,
        subject=intervention,
    )
    return intervention


def end_intervention(
    intervention: Intervention, *, actual_end: dt.date, end_reason: EndReason, actor: Actor, now: dt.datetime
) -> Intervention:
    """End a running intervention on a date with an end reason."""
    if intervention.actual_end is not None:
        raise Invalid({"intervention": M_("Deze interventie is al beëindigd.")})
    if actual_end < intervention.started_on:
        raise Invalid({"actual_end": M_("De einddatum ligt vóór de startdatum.")})
    if actual_end > local_day(now):
        raise Invalid({"actual_end": M_("De einddatum ligt in de toekomst.")})
    if not end_reason.active:
        raise Invalid({"end_reason": M_("Deze beëindigingsreden is gedeactiveerd.")})
    intervention.actual_end, intervention.end_reason = actual_end, end_reason
    db.session.flush()
    log(
        actor,
        now,
        "intervention.ended",
        f"Interventie beëindigd: {end_reason.name}",
        employee_id=intervention.trajectory.employee_id,
        trajectory_id=intervention.trajectory_id,
        subject=intervention,
    )
    return intervention
