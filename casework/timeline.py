"""Keep the open Poortwachter steps of an employee's sick reports where the signal scan reads them.

The timeline is computed in one place (casework.deadlines). Whatever changes it — a sick report registered,
changed, recovered or closed, a step recorded, waived or undone, a loonsanctie or extension, the holiday list —
calls `refresh_open_steps` in the same transaction, which rewrites the rows of models.PoortwachterOpenStep for
the employee (samentelling ties their reports together). The timeline itself does not depend on today, only its
statuses do, so the rows stay right until one of those changes. The scan (jobs.scan) then raises and resolves
poortwachter_due signals with one set-based statement each. Only open reports have rows: a recovered or closed
report pauses its steps. The items only the re-integratieverslag asks (casework.riv) have rows "riv_<step>" dated
on the first day of week 85 while they are not recorded; the scan raises those from that day, not 7 days before.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import Employee, PoortwachterOpenStep, SickReport, db

from .deadlines import open_steps, poortwachter_deadlines, step_label
from .riv import riv_open_steps

_ANY_DAY = dt.date(2000, 1, 1)  # statuses are not stored: any day gives the same open steps


def refresh_open_steps(employee: Employee) -> int:
    """Rewrite the open steps of `employee`'s open sick reports; returns how many there are. Flushes."""
    session = db.session
    session.flush()
    session.execute(sa.delete(PoortwachterOpenStep).where(PoortwachterOpenStep.employee_id == employee.id))
    reports = list(employee.sick_reports)
    rows = []
    for report in reports:
        if not report.is_open:
            continue
        others = [r for r in reports if r is not report]
        for step in open_steps(poortwachter_deadlines(report, today=_ANY_DAY, earlier_reports=others)):
            rows.append(
                PoortwachterOpenStep(
                    sick_report_id=report.id,
                    employee_id=employee.id,
                    step_key=step.key,
                    label=step.label,
                    due_date=step.due,
                )
            )
        for key, due in riv_open_steps(report, others):  # signalled from week 85 (casework.riv)
            rows.append(
                PoortwachterOpenStep(
                    sick_report_id=report.id,
                    employee_id=employee.id,
                    step_key=key,
                    label=step_label(key),
                    due_date=due,
                )
            )
    session.add_all(rows)
    session.flush()
    return len(rows)


def refresh_all_open_steps() -> int:
    """Rewrite the open steps of every employee with an open sick report (after the holiday list changed)."""
    employees = db.session.scalars(
        sa.select(Employee)
        .where(
            Employee.id.in_(
                sa.select(SickReport.employee_id).where(
                    SickReport.recovery_date.is_(None), SickReport.closed_on.is_(None)
                )
            )
        )
        .order_by(Employee.id)
    )
    return sum(refresh_open_steps(e) for e in employees)
