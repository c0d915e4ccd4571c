"""The employee dossier as a person reads it: everything in one place, the read itself in the log book."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from models import (
    Consult,
    Document,
    Employee,
    Employer,
    InsuranceProduct,
    Intervention,
    LogEntry,
    Note,
    Policy,
    Programme,
    ServiceAgreement,
    ServiceVariation,
    SickReport,
    Signal,
    SignalStatus,
    Task,
    Trajectory,
    User,
    db,
)

from .calendar import local_day
from .deadlines import Deadline, poortwachter_deadlines
from .logbook import Actor, log
from .poortwachter import done_steps
from .registration import ensure_can_see
from .riv import RivCheck, riv_check


@dataclass
class Dossier:
    """What a werknemersdossier shows."""

    employee: Employee
    trajectories: list[Trajectory] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    deadlines: dict[int, list[Deadline]] = field(default_factory=dict)  # per sick report id
    steps_done: dict[int, dict[str, dt.date]] = field(default_factory=dict)  # per sick report id: step → day
    riv: dict[int, RivCheck] = field(default_factory=dict)  # per sick report id, from week 80 (casework.riv)


# Load the employee with these (db.session.get(Employee, id, options=EMPLOYEE_OPTIONS)) and open_dossier reads
# everything else in a fixed number of statements, however long the dossier: the employee with the employer's
# policies and agreements (what the client view shows) and the sick reports with their steps and percentages
# (few rows each) in one, then the trajectories with their tasks and interventions, and notes, documents,
# signals and the log book, one statement each. tests/console/test_statement_counts.py holds the page to ten.
EMPLOYEE_OPTIONS = (
    joinedload(Employee.case_manager),
    joinedload(Employee.employer)
    .joinedload(Employer.policies)
    .joinedload(Policy.product)
    .joinedload(InsuranceProduct.insurer),
    joinedload(Employee.employer)
    .joinedload(Employer.agreements)
    .joinedload(ServiceAgreement.variation)
    .joinedload(ServiceVariation.service_type),
    joinedload(Employee.employer).joinedload(Employer.agreements).joinedload(ServiceAgreement.policy),
    joinedload(Employee.sick_reports).joinedload(SickReport.steps_done),
    joinedload(Employee.sick_reports).joinedload(SickReport.percentages),
    joinedload(Employee.sick_reports).joinedload(SickReport.end_reason),
)


def open_dossier(employee: Employee, *, viewer: User, now: dt.datetime, log_limit: int = 200) -> Dossier:
    """The dossier for `viewer` (caseload checked); logs "dossier.read" — every read by a person is recorded.

    Everything the dossier shows is loaded here (the log book after the read's own line), so a caller may commit
    the read with expire_on_commit off and render without another statement per row.
    """
    ensure_can_see(employee, viewer)
    log(
        Actor(viewer),
        now,
        "dossier.read",
        f"Dossier van {employee.full_name} ingezien",
        employee_id=employee.id,
        subject=employee,
    )
    reports = employee.sick_reports
    steps_done = {r.id: done_steps(r) for r in reports}
    today = local_day(now)
    deadlines = {
        r.id: poortwachter_deadlines(r, today=today, earlier_reports=[e for e in reports if e.id != r.id])
        for r in reports
    }
    return Dossier(
        employee=employee,
        trajectories=list(
            db.session.scalars(
                sa.select(Trajectory)
                .where(Trajectory.employee_id == employee.id)
                .order_by(Trajectory.started_on, Trajectory.id)
                .options(
                    joinedload(Trajectory.template),
                    joinedload(Trajectory.end_reason),
                    joinedload(Trajectory.interventions)
                    .joinedload(Intervention.programme)
                    .joinedload(Programme.provider),
                    joinedload(Trajectory.tasks).joinedload(Task.assignee),
                    joinedload(Trajectory.upload_links),
                )
            ).unique()
        ),
        notes=list(
            db.session.scalars(
                sa.select(Note)
                .options(joinedload(Note.author))
                .where(Note.employee_id == employee.id)
                .order_by(Note.created_at.desc(), Note.id.desc())
            )
        ),
        documents=list(db.session.scalars(dossier_documents(employee.id))),
        signals=list(
            db.session.scalars(
                sa.select(Signal)
                .where(Signal.employee_id == employee.id, Signal.status == SignalStatus.OPEN)
                .order_by(Signal.due_date)
            )
        ),
        log=list(
            db.session.scalars(
                sa.select(LogEntry)
                .where(LogEntry.employee_id == employee.id)
                .order_by(LogEntry.at.desc(), LogEntry.id.desc())
                .limit(log_limit)
            )
        ),
        deadlines=deadlines,
        steps_done=steps_done,
        riv={
            r.id: check
            for r in reports
            if (
                check := riv_check(
                    r,
                    today=today,
                    earlier_reports=[e for e in reports if e.id != r.id],
                    deadlines=deadlines[r.id],
                )
            ).shown
        },
    )


def dossier_documents(employee_id: int) -> sa.Select:
    """The documents of an employee's dossier, of its trajectories and its consults, newest first."""
    return (
        sa.select(Document)
        .outerjoin(Trajectory, Trajectory.id == Document.trajectory_id)
        .outerjoin(Consult, Consult.id == Document.consult_id)
        .where(sa.or_(Trajectory.employee_id == employee_id, Consult.employee_id == employee_id))
        .order_by(Document.created_at.desc(), Document.id.desc())
    )
