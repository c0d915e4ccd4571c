"""The employee dossier as a person reads it: everything in one place, the read itself in the log book."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import defer, joinedload

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
from .errors import Invalid
from .i18n import M_
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
    log: list[LogEntry] = field(default_factory=list)  # the newest LOG_SHOWN lines
    log_more: bool = False  # the log book holds older lines (casework.dossier.logbook_page shows them all)
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


LOG_SHOWN = 25  # the log book lines a dossier shows; the whole log book is a page of its own
LOGBOOK_PAGE = 100  # lines per page of the whole log book


def open_dossier(
    employee: Employee, *, viewer: User, now: dt.datetime, log_limit: int = LOG_SHOWN
) -> Dossier:
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
    log_lines = list(db.session.scalars(_log_lines(employee.id).limit(log_limit + 1)))
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
        documents=list(db.session.scalars(dossier_documents(employee.id).options(defer(Document.html)))),
        signals=list(
            db.session.scalars(
                sa.select(Signal)
                .where(Signal.employee_id == employee.id, Signal.status == SignalStatus.OPEN)
                .order_by(Signal.due_date)
            )
        ),
        log=log_lines[:log_limit],
        log_more=len(log_lines) > log_limit,
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


def _log_lines(employee_id: int) -> sa.Select:
    """An employee's log book lines, newest first (read from the index on employee and moment)."""
    return (
        sa.select(LogEntry)
        .where(LogEntry.employee_id == employee_id)
        .order_by(LogEntry.at.desc(), LogEntry.id.desc())
    )


@dataclass
class LogbookPage:
    """One page of an employee's whole log book, newest first, and the line the next (older) page starts below."""

    employee: Employee
    lines: list[LogEntry]
    older_than: int | None  # the id of this page's last line when there are older lines, else None


def logbook_page(
    employee: Employee, *, viewer: User, now: dt.datetime, before: int | None = None, size: int = LOGBOOK_PAGE
) -> LogbookPage:
    """A page of the whole log book for `viewer` (caseload checked; the read is logged, as a dossier read is):
    the newest `size` lines, or with `before` (a line's id) the `size` lines older than that line. A page is
    read from the index whatever the length of the log book (keyset on moment and id, no offset)."""
    ensure_can_see(employee, viewer)
    query = _log_lines(employee.id)
    if before is not None:
        mark = db.session.execute(
            sa.select(LogEntry.at, LogEntry.id).where(
                LogEntry.id == before, LogEntry.employee_id == employee.id
            )
        ).first()
        if mark is None:
            raise Invalid({"voor": M_("Deze logboekregel hoort niet bij dit dossier.")})
        query = query.where(
            sa.or_(LogEntry.at < mark.at, sa.and_(LogEntry.at == mark.at, LogEntry.id < mark.id))
        )
    log(
        Actor(viewer),
        now,
        "dossier.logbook_read",
        f"Logboek van {employee.full_name} ingezien",
        employee_id=employee.id,
        subject=employee,
    )
    lines = list(db.session.scalars(query.limit(size + 1)))
    return LogbookPage(employee, lines[:size], lines[size - 1].id if len(lines) > size else None)


def dossier_documents(employee_id: int) -> sa.Select:
    """The documents of an employee's dossier, of its trajectories and its consults, newest first."""
    return (
        sa.select(Document)
        .outerjoin(Trajectory, Trajectory.id == Document.trajectory_id)
        .outerjoin(Consult, Consult.id == Document.consult_id)
        .where(sa.or_(Trajectory.employee_id == employee_id, Consult.employee_id == employee_id))
        .order_by(Document.created_at.desc(), Document.id.desc())
    )
