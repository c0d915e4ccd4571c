"""A trigger's log book line names the due date the task really got (also when it counts from a prognosis end
the same trigger has just set)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.calendar import dutch_date
from casework.logbook import Actor
from casework.process import complete_task, start_trajectory
from models import Category, EndGoal, LogEntry, Task, TaskStatus, TrajectoryTemplate


def _open(db, trajectory, key):
    return db.session.scalars(
        sa.select(Task).where(
            Task.trajectory_id == trajectory.id, Task.key == key, Task.status == TaskStatus.OPEN
        )
    ).one()


def test_t5_trigger_line_shows_the_t7_due_date(
    db, casemanager, create_employee, create_sick_report, create_programme, now
):
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    employee = create_employee(case_manager=casemanager)
    create_sick_report(employee)
    programme = create_programme(name="Lang traject", price="2500.00", duration_weeks=20)
    actor = Actor(casemanager)
    trajectory = start_trajectory(employee, template, actor=actor, now=now)
    first = {
        "category_id": db.session.scalar(sa.select(Category.id)),
        "end_goal_id": db.session.scalar(sa.select(EndGoal.id)),
    }
    complete_task(_open(db, trajectory, "T1"), first, actor=actor, now=now)
    complete_task(_open(db, trajectory, "T2"), {"programme_id": programme.id}, actor=actor, now=now)
    figures = {"reduction_days": "27", "daily_wage": "150", "dossier_cost": "300", "programme_price": "2500"}
    complete_task(_open(db, trajectory, "T3"), figures, actor=actor, now=now)
    complete_task(_open(db, trajectory, "T4"), {"approval": "accepted"}, actor=actor, now=now)
    later = now + dt.timedelta(days=3)
    complete_task(_open(db, trajectory, "T5"), {}, actor=actor, now=later)
    t7 = _open(db, trajectory, "T7")
    assert t7.due_date == later.date() + dt.timedelta(weeks=20)
    line = db.session.scalar(
        sa.select(LogEntry.message).where(
            LogEntry.trajectory_id == trajectory.id,
            LogEntry.action == "trigger.fired",
            LogEntry.message.contains("T7"),
        )
    )
    assert f"Taak T7 Eindrapportage ontvangen toevoegen, deadline {dutch_date(t7.due_date)}" in line
    assert dutch_date(t7.due_date) == "23-07-2026"  # 05-03-2026 + 20 weeks, not the day of the event
