"""The dossier read (logged, caseload) and interventions started, extended and ended."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.dossier import open_dossier
from casework.errors import Forbidden, Invalid
from casework.interventions import end_intervention, extend_intervention, start_intervention
from casework.logbook import Actor
from casework.notes import add_note
from casework.process import start_trajectory
from models import EndReason, LogEntry, TrajectoryTemplate

NOW = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def trajectory(db, create_employee, create_sick_report, casemanager, create_programme):
    """An open "Inzet interventie" trajectory with a chosen programme of 8 weeks."""
    employee = create_employee(case_manager=casemanager, bsn="111222333")
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 5))
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=NOW)
    trajectory.programme = create_programme(duration_weeks=8)
    return trajectory


def test_dossier_read_is_logged_and_limited_to_the_caseload(
    db, trajectory, casemanager, create_user, admin_user
):
    employee = trajectory.employee
    add_note(employee, "Gebeld", actor=Actor(casemanager), now=NOW)
    dossier = open_dossier(employee, viewer=casemanager, now=NOW)
    assert dossier.trajectories == [trajectory]
    assert [n.text for n in dossier.notes] == ["Gebeld"]
    [deadlines] = dossier.deadlines.values()
    plan = next(d for d in deadlines if d.key == "plan_van_aanpak")
    assert plan.due == dt.date(2026, 3, 1) and plan.rule.startswith(
        "Binnen 2 weken na de probleemanalyse, uiterlijk in week 8"
    )
    reads = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "dossier.read")).all()
    assert [(r.actor_id, r.employee_id) for r in reads] == [(casemanager.id, employee.id)]
    assert all("111222333" not in r.message for r in reads)
    with pytest.raises(Forbidden):
        open_dossier(employee, viewer=create_user(name="Ander"), now=NOW)
    open_dossier(employee, viewer=admin_user, now=NOW)
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(LogEntry).where(LogEntry.action == "dossier.read")
        )
        == 2
    )


def test_intervention_start_extend_end(db, trajectory, casemanager):
    actor = Actor(casemanager)
    intervention = start_intervention(trajectory, started_on=dt.date(2026, 3, 2), actor=actor, now=NOW)
    assert intervention.prognosis_end == dt.date(2026, 4, 27)
    assert intervention.price == trajectory.programme.price
    with pytest.raises(Invalid, match="loopt al"):
        start_intervention(trajectory, started_on=dt.date(2026, 3, 2), actor=actor, now=NOW)
    with pytest.raises(Invalid) as earlier:
        extend_intervention(intervention, dt.date(2026, 4, 1), "langer", actor=actor, now=NOW)
    assert earlier.value.errors == {"prognosis_end": "De nieuwe prognose-einddatum ligt niet na de huidige."}
    with pytest.raises(Invalid) as no_reason:
        extend_intervention(intervention, dt.date(2026, 5, 11), " ", actor=actor, now=NOW)
    assert "reason" in no_reason.value.errors
    extend_intervention(intervention, dt.date(2026, 5, 11), "Extra sessies nodig", actor=actor, now=NOW)
    assert intervention.prognosis_end == dt.date(2026, 5, 11)
    reason = db.session.scalars(sa.select(EndReason)).first()
    later = NOW + dt.timedelta(days=30)
    with pytest.raises(Invalid, match="toekomst"):
        end_intervention(
            intervention, actual_end=dt.date(2026, 4, 2), end_reason=reason, actor=actor, now=NOW
        )
    end_intervention(intervention, actual_end=dt.date(2026, 3, 30), end_reason=reason, actor=actor, now=later)
    assert (intervention.actual_end, intervention.end_reason) == (dt.date(2026, 3, 30), reason)
    with pytest.raises(Invalid, match="al beëindigd"):
        end_intervention(
            intervention, actual_end=dt.date(2026, 3, 31), end_reason=reason, actor=actor, now=later
        )
    messages = db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.trajectory_id == trajectory.id)
    ).all()
    assert "Prognose einde van 27-04-2026 naar 11-05-2026: Extra sessies nodig" in messages
