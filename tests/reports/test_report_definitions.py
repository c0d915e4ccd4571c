"""Issue 16: figures that mean what they say. Every grouping puts a trajectory in one row, so the rows add up to
the total; tijdigheid is the first recorded contact with the employee within 11 Dutch working days, counted on
the Dutch day it was recorded for and with the configured holidays skipped."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.reports import GROUPINGS, outcome_report

D = dt.date
COUNTED = (
    "sick_opened",
    "sick_closed",
    "sick_open_at_end",
    "work_outflow",
    "other_outflow",
    "sick_erroneous",
    "opened",
    "closed",
    "open_at_end",
    "no_approval",
    "trajectory_erroneous",
    "successful",
    "goal_achieved",
    "first_interventions",
    "timely",
    "interventions_ended",
    "interventions_success",
    "saving_cases",
)


@pytest.mark.parametrize("grouping", [g for g in GROUPINGS if g != "none"])
def test_the_rows_of_every_grouping_add_up_to_the_total(dataset, db, create_programme, grouping):
    # A programme active in three regions: a trajectory with it still counts in one region only.
    from models import Provider, Trajectory

    wide = create_programme(
        name="Rapport breed",
        provider=Provider(name="Rapport Z"),
        regions=("Utrecht", "Gelderland", "Zeeland"),
    )
    moved = db.session.scalars(sa.select(Trajectory).where(Trajectory.started_on == D(2026, 3, 10))).one()
    moved.programme = wide
    db.session.flush()
    [total] = outcome_report(D(2026, 1, 1), D(2026, 3, 31)).rows
    rows = outcome_report(D(2026, 1, 1), D(2026, 3, 31), grouping).rows
    for figure in COUNTED:
        assert sum(row[figure] for row in rows) == total[figure], (grouping, figure)
    for figure in ("programme_cost", "expected_benefit", "reduction_days"):
        assert sum(row[figure] for row in rows) == total[figure], (grouping, figure)
    report = outcome_report(D(2026, 1, 1), D(2026, 3, 31), grouping)
    assert sum(r["count"] for r in report.end_reasons) == sum(
        r["count"] for r in outcome_report(D(2026, 1, 1), D(2026, 3, 31)).end_reasons
    )
    if grouping == "region":
        # Gelderland comes before Utrecht and Zeeland in the seed's order of the provinces
        opened = {row["group"]: row["opened"] for row in rows}
        assert opened == {"Gelderland": 3, "Utrecht": 2, "(geen)": 1}  # T2, T7, T5 (the wide one); T1, T8; T6


@pytest.fixture
def started(db, create_employee):
    """Factory: a trajectory of a new employee started on a day; returns (trajectory, employee)."""
    from models import Trajectory, TrajectoryStatus, TrajectoryTemplate

    template = db.session.scalars(sa.select(TrajectoryTemplate).order_by(TrajectoryTemplate.id)).first()

    def make(day: dt.date):
        employee = create_employee()
        trajectory = Trajectory(
            template=template, employee=employee, started_on=day, status=TrajectoryStatus.OPEN
        )
        db.session.add(trajectory)
        db.session.flush()
        return trajectory, employee

    return make


def _contact(employee, now: dt.datetime, admin_user) -> None:
    """Record a phone call with the employee "today", as the console does: the Dutch day of `now`."""
    from casework.calendar import local_day
    from casework.contacts import add_contact
    from casework.logbook import Actor

    data = {"kind": "telefoon", "with_whom": "werknemer", "day": local_day(now).isoformat()}
    add_contact(employee, data, actor=Actor(admin_user), now=now)


def _timely(day_from: dt.date, day_to: dt.date) -> tuple[int, int]:
    [row] = outcome_report(day_from, day_to).rows
    return row["timely"], row["opened"]


def test_timeliness_counts_the_dutch_day_of_the_first_contact(db, started, admin_user):
    # Started Monday 5 Jan 2026: the 11th working day after it is Tuesday 20 Jan.
    on_time, a = started(D(2026, 1, 5))
    late, b = started(D(2026, 1, 5))
    _contact(a, dt.datetime(2026, 1, 20, 22, 59), admin_user)  # 23:59 on the 20th in the Netherlands
    _contact(
        b, dt.datetime(2026, 1, 20, 23, 30), admin_user
    )  # 00:30 on the 21st: the UTC date is still the 20th
    assert (on_time.employee.last_contact_on, late.employee.last_contact_on) == (
        D(2026, 1, 20),
        D(2026, 1, 21),
    )
    assert _timely(D(2026, 1, 1), D(2026, 1, 31)) == (1, 2)


def test_timeliness_skips_the_configured_holidays(db, started, admin_user):
    # Started Monday 20 Apr 2026. Koningsdag (27 Apr) and Bevrijdingsdag (5 May) are holidays of the seed, so the
    # 11th working day is Thursday 7 May (without them it would be Tuesday 5 May).
    in_time, a = started(D(2026, 4, 20))
    too_late, b = started(D(2026, 4, 20))
    _contact(a, dt.datetime(2026, 5, 7, 9, 0), admin_user)
    _contact(b, dt.datetime(2026, 5, 8, 9, 0), admin_user)
    assert _timely(D(2026, 4, 1), D(2026, 5, 31)) == (1, 2)
    # a contact with the employer does not count, however early
    from casework.contacts import add_contact
    from casework.logbook import Actor

    other, c = started(D(2026, 4, 20))
    add_contact(
        c,
        {"kind": "telefoon", "with_whom": "werkgever", "day": "2026-04-21"},
        actor=Actor(admin_user),
        now=dt.datetime(2026, 4, 21, 9, 0),
    )
    assert _timely(D(2026, 4, 1), D(2026, 5, 31)) == (1, 3)
