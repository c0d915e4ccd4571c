"""Cost/benefit shown whole: the task result carries gross, cost, net and ratio; the quote uses the T3 price.

Worked example: 27 days × € 150,00 = € 4.050,00 gross; € 2.500,00 + € 300,00 = € 2.800,00 cost;
€ 1.250,00 net; ratio 1,45.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.documents import merge_fields
from casework.logbook import Actor
from casework.process import complete_task, start_trajectory
from models import Category, EndGoal, Task, TaskStatus


def _open(db, trajectory, key):
    return db.session.scalars(
        sa.select(Task).where(
            Task.trajectory_id == trajectory.id, Task.key == key, Task.status == TaskStatus.OPEN
        )
    ).one()


def test_t3_result_and_quote_carry_the_whole_calculation(
    db, api, template, create_employee, create_sick_report, create_programme, casemanager, now
):
    from decimal import Decimal

    employee = create_employee(case_manager=casemanager, daily_wage=Decimal("150.00"))
    create_sick_report(employee)
    programme = create_programme(name="Coaching naar werk", price="1850.00")  # the catalogue price
    actor = Actor(casemanager)
    trajectory = start_trajectory(employee, template, actor=actor, now=now)
    complete_task(
        _open(db, trajectory, "T1"),
        {
            "category_id": db.session.scalar(sa.select(Category.id)),
            "end_goal_id": db.session.scalar(sa.select(EndGoal.id)),
        },
        actor=actor,
        now=now,
    )
    complete_task(_open(db, trajectory, "T2"), {"programme_id": programme.id}, actor=actor, now=now)
    t3 = _open(db, trajectory, "T3")
    done = api.post(
        f"/tasks/{t3.id}/complete",
        json={"reduction_days": "27", "daily_wage": "150", "dossier_cost": "300", "programme_price": "2500"},
    )
    assert done.status_code == 200, done.json
    result = done.json["result"]
    assert (result["gross_benefit"], result["cost"], result["net_benefit"], result["ratio"]) == (
        "4050.00",
        "2800.00",
        "1250.00",
        "1.45",
    )
    fields = merge_fields(trajectory, today=(now + dt.timedelta(days=1)).date())
    assert fields["programme"]["price"] == "€ 2.500,00"  # as entered at T3, so the quote's table adds up
    assert fields["programme"]["catalogue_price"] == "€ 1.850,00"
    assert (fields["cost_benefit"]["gross_benefit"], fields["cost_benefit"]["cost"]) == (
        "€ 4.050,00",
        "€ 2.800,00",
    )
    assert (fields["cost_benefit"]["net_benefit"], fields["cost_benefit"]["ratio"]) == ("€ 1.250,00", "1,45")
