"""A small hand-built data set for the outcome reports; the expected figures are worked out in the tests.

Period 2026-01-01..2026-03-31. Trajectories (employee, start-close, end reason, end goal, programme):
T1 e1 5 Jan-4 Feb "succesvol" goal P1 (sick report S1) · T2 e2 2 Feb-6 Mar "gestopt" goal P2 (S2) · T3 e3 open
since 1 Dec 2025 (S3) · T4 e1 Oct-Dec 2025 (outside) · T5 e3 open since 10 Mar (S3) · T6 e2 12-22 Jan "hersteld"
· T7 e3 15-20 Jan "geen akkoord" P2 · T8 e5 1-28 Feb "hersteld" goal P1 (S7) · T9 e4 2-3 Mar "ten onrechte"
(class erroneous, with a cost/benefit, an intervention and a contact that must all count nowhere).
Sick reports (employee, first sick day-end, end reason class): S1 e1 2 Jan-10 Feb own work · S2 e2 15 Dec-5 Mar
other outflow · S3 e3 1 Nov 2025 open · S4 e4 20-25 Mar entered in error · S5 e1 Sep-15 Dec 2025 (outside) ·
S6 e4 3-27 Feb retirement · S7 e5 20 Jan-20 Mar adapted work · S8 e5 25 Mar open.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

D = dt.date


@pytest.fixture
def dataset(db, create_employer, create_employee, create_programme, create_user):
    """Six trajectories around the period 2026-01-01..2026-03-31 (see test_reports.py for the sums)."""
    from models import (
        Category,
        Contact,
        ContactKind,
        ContactWith,
        CostBenefit,
        EndGoal,
        EndReason,
        Intervention,
        Outcome,
        Provider,
        SickReport,
        SickReportEndReason,
        SickReportOutcome,
        Task,
        TaskStatus,
        TaskTemplate,
        Trajectory,
        TrajectoryStatus,
        TrajectoryTemplate,
    )

    s = db.session
    cm = create_user(name="Rapport Casemanager")
    goal = EndGoal(name="Rapport werkhervatting eigen werk")
    other_goal = EndGoal(name="Rapport ander werk")
    work = EndReason(name="Rapport hersteld", outcome=Outcome.SUCCESS, work_resumption=True, end_goal=goal)
    stop = EndReason(name="Rapport gestopt", outcome=Outcome.NOT_SUCCESSFUL, end_goal=other_goal)
    success = EndReason(name="Rapport succesvol", outcome=Outcome.SUCCESS)  # as the T7 trigger closes
    rejected = EndReason(name="Rapport geen akkoord", outcome=Outcome.NO_APPROVAL)
    wrong = EndReason(name="Rapport ten onrechte", outcome=Outcome.ERRONEOUS)
    category = Category(name="Rapport categorie")
    s.add_all([goal, other_goal, work, stop, success, rejected, wrong, category])
    sick_reason = {
        outcome: SickReportEndReason(name=f"Rapport {name}", outcome=outcome, end_goal=end_goal)
        for outcome, name, end_goal in (
            (SickReportOutcome.OWN_WORK, "hersteld eigen werk", goal),
            (SickReportOutcome.ADAPTED_WORK, "aangepast werk", other_goal),
            (SickReportOutcome.OTHER_OUTFLOW, "uit dienst", None),
            (SickReportOutcome.RETIREMENT, "pensioen", None),
            (SickReportOutcome.ERRONEOUS, "foutief", None),
        )
    }
    s.add_all(sick_reason.values())
    employer_a = create_employer(name="Rapport A B.V.")
    employer_b = create_employer(name="Rapport B B.V.")
    e1 = create_employee(employer_a, case_manager=cm)
    e2 = create_employee(employer_a)
    e3 = create_employee(employer_b)
    e4 = create_employee(employer_b)
    e5 = create_employee(employer_a)

    def sick(employee, first, end=None, outcome=None, recovered=True):
        report = SickReport(employee=employee, first_sick_day=first, percentage=Decimal("100"))
        if end is not None:
            report.end_reason = sick_reason[outcome]
            if recovered:
                report.recovery_date = end
            else:
                report.closed_on = end
        s.add(report)
        return report

    s1 = sick(e1, D(2026, 1, 2), D(2026, 2, 10), SickReportOutcome.OWN_WORK)
    s2 = sick(e2, D(2025, 12, 15), D(2026, 3, 5), SickReportOutcome.OTHER_OUTFLOW, recovered=False)
    s3 = sick(e3, D(2025, 11, 1))
    sick(e4, D(2026, 3, 20), D(2026, 3, 25), SickReportOutcome.ERRONEOUS, recovered=False)
    sick(e1, D(2025, 9, 1), D(2025, 12, 15), SickReportOutcome.OWN_WORK)
    sick(e4, D(2026, 2, 3), D(2026, 2, 27), SickReportOutcome.RETIREMENT)
    s7 = sick(e5, D(2026, 1, 20), D(2026, 3, 20), SickReportOutcome.ADAPTED_WORK)
    sick(e5, D(2026, 3, 25))
    p1 = create_programme(name="Rapport P1", provider=Provider(name="Rapport X"), regions=("Utrecht",))
    p2 = create_programme(name="Rapport P2", provider=Provider(name="Rapport Y"), regions=("Gelderland",))
    template = s.scalars(sa.select(TrajectoryTemplate).order_by(TrajectoryTemplate.id)).first()
    task_template = s.scalars(
        sa.select(TaskTemplate).where(TaskTemplate.trajectory_template_id == template.id)
    ).first()

    def trajectory(employee, started, closed=None, reason=None, **fields):
        t = Trajectory(
            template=template,
            employee=employee,
            started_on=started,
            closed_on=closed,
            end_reason=reason,
            status=TrajectoryStatus.CLOSED if closed else TrajectoryStatus.OPEN,
            **fields,
        )
        s.add(t)
        return t

    def done(t, at):
        s.add(
            Task(
                trajectory=t,
                task_template=task_template,
                key="T1",
                name="Taak",
                kind=task_template.kind,
                status=TaskStatus.DONE,
                due_date=t.started_on,
                completed_at=at,
            )
        )

    t1 = trajectory(
        e1,
        D(2026, 1, 5),
        D(2026, 2, 4),
        success,
        end_goal=goal,
        programme=p1,
        category=category,
        case_manager=cm,
        sick_report=s1,
    )
    t2 = trajectory(e2, D(2026, 2, 2), D(2026, 3, 6), stop, end_goal=goal, programme=p2, sick_report=s2)
    t3 = trajectory(e3, D(2025, 12, 1), sick_report=s3)
    trajectory(e1, D(2025, 10, 1), D(2025, 12, 20), work, end_goal=goal, programme=p1, case_manager=cm)
    t5 = trajectory(e3, D(2026, 3, 10), sick_report=s3)
    trajectory(e2, D(2026, 1, 12), D(2026, 1, 22), work)
    t7 = trajectory(e3, D(2026, 1, 15), D(2026, 1, 20), rejected, programme=p2)
    t8 = trajectory(e5, D(2026, 2, 1), D(2026, 2, 28), work, end_goal=goal, programme=p1, sick_report=s7)
    t9 = trajectory(e4, D(2026, 3, 2), D(2026, 3, 3), wrong, programme=p2)  # entered in error: counts nowhere
    done(t1, dt.datetime(2026, 1, 6, 10, 0))  # tasks do not count for timeliness, contacts do
    done(t2, dt.datetime(2026, 2, 3, 10, 0))

    def contact(employee, day, with_whom=ContactWith.EMPLOYEE):
        s.add(Contact(employee=employee, kind=ContactKind.PHONE, with_whom=with_whom, day=day))

    contact(e1, D(2026, 1, 19))  # T1: deadline (11th working day after 5 Jan) is 20 Jan: in time
    contact(e1, D(2026, 3, 1))  # a later contact does not matter
    contact(e1, D(2025, 12, 30))  # nor one before the start
    contact(e2, D(2026, 2, 10), ContactWith.EMPLOYER)  # T2: the employer is not the employee
    contact(e2, D(2026, 2, 18))  # T2: deadline 17 Feb: late
    contact(e5, D(2026, 2, 3))  # T8: in time
    contact(e4, D(2026, 3, 3))  # T9's would be in time, but T9 does not count
    money = dict(
        dossier_cost=Decimal("0"),
        daily_wage=Decimal("200"),
        gross_benefit=Decimal("0"),
        cost=Decimal("0"),
        net_benefit=Decimal("0"),
    )
    s.add(
        CostBenefit(
            trajectory=t1,
            reduction_days=Decimal("20"),
            programme_price=Decimal("1500.00"),
            expected_benefit_computed=Decimal("2000.00"),
            expected_rtw_date=D(2026, 3, 1),  # S1 ended 10 Feb: 19 days earlier than expected
            **money,
        )
    )
    s.add(
        CostBenefit(
            trajectory=t2,
            reduction_days=Decimal("10.5"),
            programme_price=Decimal("1000.00"),
            expected_benefit_computed=Decimal("500.00"),
            expected_benefit_override=Decimal("800.00"),
            expected_rtw_date=D(2026, 4, 1),  # S2 ended in other outflow: no saving case
            **money,
        )
    )
    s.add(
        CostBenefit(
            trajectory=t8,
            reduction_days=Decimal("15"),
            programme_price=Decimal("1000.00"),
            expected_benefit_computed=Decimal("1000.00"),
            expected_rtw_date=D(2026, 3, 10),  # S7 ended 20 Mar: 10 days later than expected
            **money,
        )
    )
    s.add(
        CostBenefit(
            trajectory=t9,
            reduction_days=Decimal("99"),
            programme_price=Decimal("999.00"),
            expected_benefit_computed=Decimal("999.00"),
            **money,
        )
    )
    s.add(
        Intervention(
            trajectory=t9,
            programme=p2,
            price=Decimal("999"),
            started_on=D(2026, 3, 2),
            prognosis_end=D(2026, 3, 30),
            actual_end=D(2026, 3, 3),
            end_reason=wrong,
        )
    )
    s.add(
        Intervention(
            trajectory=t3,
            programme=p2,
            price=Decimal("900"),
            started_on=D(2025, 12, 10),
            prognosis_end=D(2026, 1, 31),
            actual_end=D(2026, 2, 10),
            end_reason=work,
        )
    )
    s.add(
        Intervention(
            trajectory=t1,
            programme=p1,
            price=Decimal("1500"),
            started_on=D(2026, 1, 10),
            prognosis_end=D(2026, 2, 1),
            actual_end=D(2026, 2, 1),
            end_reason=stop,
        )
    )
    s.add(
        Intervention(
            trajectory=t5,
            programme=p1,
            price=Decimal("1500"),
            started_on=D(2026, 3, 12),
            prognosis_end=D(2026, 4, 30),
        )
    )  # still running: not ended
    s.flush()
    return SimpleNamespace(
        cm=cm,
        t1=t1,
        t2=t2,
        t3=t3,
        t5=t5,
        t7=t7,
        t8=t8,
        s1=s1,
        s7=s7,
        employer_a=employer_a,
        employer_b=employer_b,
    )
