"""Spoor 2 in order (issue 14 item 8): a spoor-2 programme chosen or started before the plan van aanpak is
recorded warns the case manager — a warning, never a refusal — and the log book keeps it."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.cautions import SPOOR_2_EARLY, take_cautions
from casework.interventions import start_intervention
from casework.logbook import Actor
from casework.poortwachter import record_step_done, waive_step
from casework.process import complete_task, skip_task, start_trajectory
from models import LogEntry, Task, TaskStatus, TrajectoryTemplate

T0 = dt.datetime(2026, 3, 2, 9, 30)  # sick since 05-01-2026 (create_sick_report): week 9, plan due 01-03-2026


@pytest.fixture
def template(db):
    """The seed's "Inzet interventie" template."""
    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


@pytest.fixture
def case(db, create_employee, create_sick_report, casemanager):
    """An employee with an open sick report (first sick day 05-01-2026) and nothing recorded yet."""
    employee = create_employee(case_manager=casemanager)
    take_cautions()  # start clean: the test session lives across the test
    return employee, create_sick_report(employee), Actor(casemanager)


def open_task(trajectory, key: str) -> Task:
    [task] = [t for t in trajectory.tasks if t.key == key and t.status is TaskStatus.OPEN]
    return task


def choose(trajectory, programme, actor) -> None:
    skip_task(open_task(trajectory, "T1"), "Alles al vastgelegd bij de start", actor=actor, now=T0)
    complete_task(open_task(trajectory, "T2"), {"programme_id": programme.id}, actor=actor, now=T0)


def cautions_logged(db) -> list[str]:
    return db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action == "caution.spoor_2").order_by(LogEntry.id)
    ).all()


def test_choosing_and_starting_spoor_2_before_the_plan_warns_but_goes_through(
    db, template, case, create_programme
):
    employee, _report, actor = case
    outplacement = create_programme(name="Outplacement Plus", spoor_2=True)
    trajectory = start_trajectory(employee, template, actor=actor, now=T0)
    choose(trajectory, outplacement, actor)
    expected = (
        "Let op: Outplacement Plus is een spoor-2-programma en het plan van aanpak is nog niet vastgelegd. "
        "UWV zal vragen waarom spoor 2 vóór het plan van aanpak is gestart."
    )
    assert take_cautions() == [expected]
    assert trajectory.programme == outplacement  # chosen: a warning, not a refusal
    start_intervention(trajectory, started_on=dt.date(2026, 3, 2), actor=actor, now=T0)
    assert take_cautions() == [expected]
    assert [i.programme for i in trajectory.interventions] == [outplacement]
    assert cautions_logged(db) == [expected, expected]
    assert take_cautions() == []  # taken once


def test_no_warning_once_the_plan_is_recorded(db, template, case, create_programme):
    employee, report, actor = case
    outplacement = create_programme(spoor_2=True)
    record_step_done(report, "plan_van_aanpak", dt.date(2026, 2, 20), actor=actor, now=T0)
    trajectory = start_trajectory(employee, template, actor=actor, now=T0)
    choose(trajectory, outplacement, actor)
    start_intervention(trajectory, started_on=dt.date(2026, 3, 2), actor=actor, now=T0)
    assert take_cautions() == [] and cautions_logged(db) == []


def test_a_waived_plan_is_no_plan(db, template, case, create_programme):
    employee, report, actor = case
    waive_step(report, "plan_van_aanpak", "hersteld vóór week 8", actor=actor, now=T0)
    trajectory = start_trajectory(employee, template, actor=actor, now=T0)
    choose(trajectory, create_programme(spoor_2=True), actor)
    assert [SPOOR_2_EARLY in text for text in take_cautions()] == [True]


def test_spoor_1_or_no_sick_report_gives_no_warning(db, template, case, create_programme, create_employee):
    employee, _report, actor = case
    trajectory = start_trajectory(employee, template, actor=actor, now=T0)
    choose(trajectory, create_programme(spoor_2=False), actor)
    healthy = create_employee(case_manager=actor.user)  # preventive: no sick report, no Poortwachter
    preventive = start_trajectory(healthy, template, actor=actor, now=T0)
    choose(preventive, create_programme(spoor_2=True), actor)
    assert take_cautions() == [] and cautions_logged(db) == []
