"""A trajectory with a spoor-2 programme chosen and approved, its T5 (which starts the programme) open, while the
plan van aanpak of the employee's sick report is not recorded: shared by the doors' tests of issue 14 item 8."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.cautions import take_cautions
from casework.logbook import Actor
from casework.process import complete_task, skip_task, start_trajectory
from models import Task, TaskStatus, TrajectoryTemplate, db

T0 = dt.datetime(2026, 3, 2, 9, 30)
WARNING = (
    "Let op: Outplacement Plus is een spoor-2-programma en het plan van aanpak is nog niet vastgelegd. "
    "UWV zal vragen waarom spoor 2 vóór het plan van aanpak is gestart."
)


def open_task(trajectory, key: str) -> Task:
    [task] = [t for t in trajectory.tasks if t.key == key and t.status is TaskStatus.OPEN]
    return task


def spoor_2_at_t5(employee, create_sick_report, create_programme) -> Task:
    """Report `employee` sick, choose and approve a spoor-2 programme; the open T5."""
    actor = Actor(employee.case_manager)
    create_sick_report(employee)
    programme = create_programme(name="Outplacement Plus", spoor_2=True)
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=actor, now=T0)
    skip_task(open_task(trajectory, "T1"), "Alles al vastgelegd bij de start", actor=actor, now=T0)
    complete_task(open_task(trajectory, "T2"), {"programme_id": programme.id}, actor=actor, now=T0)
    skip_task(open_task(trajectory, "T3"), "Werkgever betaalt zelf", actor=actor, now=T0)
    complete_task(open_task(trajectory, "T4"), {"approval": "accepted"}, actor=actor, now=T0)
    take_cautions()  # the warning at the choice (T2) was given already; the doors test the one at the start
    db.session.commit()
    return open_task(trajectory, "T5")
