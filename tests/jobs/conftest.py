"""Fixtures of the scheduler tests: a fake Slack, settings without quiet hours, and cases with tasks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from jobs.settings import Settings
from models import (
    Intervention,
    Programme,
    Provider,
    Task,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    TrajectoryTemplate,
)

MONDAY = dt.datetime(2026, 3, 2, 9, 30)  # 10:30 in Amsterdam, a working day


@pytest.fixture
def settings() -> Callable[..., Settings]:
    """Factory: the scheduler settings with no quiet hours and no rate limit, overridable per test."""

    def make(**changes: object) -> Settings:
        base = Settings.load(
            {"TRAJECT_QUIET_HOURS": "", "TRAJECT_QUIET_WEEKENDS": "0", "TRAJECT_SLACK_RATE": "0"}
        )
        return dataclasses.replace(base, **changes)

    return make


@pytest.fixture
def slack_client(fake_slack):
    """A Slack WebClient pointed at the fake."""
    from jobs.slack import make_client

    return make_client({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url})


@pytest.fixture
def template(db) -> TrajectoryTemplate:
    """The seed's "Inzet interventie" template."""
    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


def _held_consult(employee: object, user: object) -> None:
    """A consult held on 1 March 2026, so "Tijd voor een praatje" is not due."""
    from models import Consult, ConsultStatus, ConsultType

    consult_type = db_session().scalars(sa.select(ConsultType).order_by(ConsultType.id)).first()
    start = dt.datetime(2026, 3, 1, 9)
    db_session().add(
        Consult(
            employee=employee,
            consult_type=consult_type,
            status=ConsultStatus.DONE,
            user=user,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=45),
        )
    )


def db_session():
    from models import db

    return db.session


@pytest.fixture
def create_trajectory(db, template, create_employee, casemanager) -> Callable[..., Trajectory]:
    """Factory: an open trajectory (started 01-02-2026) of an employee in the case manager's caseload."""

    def make(
        employee: object | None = None, started_on: dt.date = dt.date(2026, 2, 1), **fields: object
    ) -> Trajectory:
        if employee is None:
            employee = create_employee(
                case_manager=casemanager,
                last_contact_on=dt.date(2026, 3, 1),
                client_weight_assessed_on=dt.date(2026, 2, 1),  # contacted, assessed, and (below) a consult
            )  # held the day before MONDAY: only the tasks signal
            _held_consult(employee, casemanager)
        trajectory = Trajectory(
            template=template,
            employee=employee,
            case_manager=employee.case_manager,
            status=TrajectoryStatus.OPEN,
            started_on=started_on,
            **fields,
        )
        db.session.add(trajectory)
        db.session.flush()
        return trajectory

    return make


@pytest.fixture
def create_task(db, template, create_trajectory) -> Callable[..., Task]:
    """Factory: an open task due on a date (of a new trajectory unless given), assigned to the case manager."""

    def make(due_date: dt.date, trajectory: Trajectory | None = None, **fields: object) -> Task:
        trajectory = trajectory or create_trajectory()
        task_template = template.task_templates[0]
        task = Task(
            trajectory=trajectory,
            task_template=task_template,
            key=task_template.key,
            name=task_template.name,
            kind=task_template.kind,
            status=TaskStatus.OPEN,
            due_date=due_date,
            assignee=fields.pop("assignee", trajectory.case_manager),
            **fields,
        )
        db.session.add(task)
        db.session.flush()
        return task

    return make


@pytest.fixture
def create_intervention(db, create_trajectory) -> Callable[..., Intervention]:
    """Factory: a running intervention with a prognosis end date."""

    def make(prognosis_end: dt.date, trajectory: Trajectory | None = None) -> Intervention:
        trajectory = trajectory or create_trajectory()
        programme = Programme(
            name=f"Programma {trajectory.id}",
            provider=Provider(name=f"Provider {trajectory.id}"),
            price=1000,
            duration_weeks=8,
        )
        intervention = Intervention(
            trajectory=trajectory,
            programme=programme,
            price=1000,
            started_on=dt.date(2026, 1, 1),
            prognosis_end=prognosis_end,
        )
        db.session.add(intervention)
        db.session.flush()
        return intervention

    return make
