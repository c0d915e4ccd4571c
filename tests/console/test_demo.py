"""`traject demo`: a realistic demo set, loaded once, with logins that work."""

from __future__ import annotations

import sqlalchemy as sa

from casework.accounts import check_password
from casework.calendar import local_day
from casework.demo import DEMO_USERS
from console.cli import cli
from models import (
    AgendaTask,
    Availability,
    Consult,
    Document,
    Employee,
    Employer,
    Intervention,
    LogEntry,
    Programme,
    Provider,
    ServiceAgreement,
    Task,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    User,
    db,
)


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_demo_loads_once_with_every_state_and_working_logins(make_app):
    app = make_app()
    runner = app.test_cli_runner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert "Demodata: toegevoegd" in first.output
    assert "beheer@traject.example  wachtwoord: demo-beheer-2026" in first.output
    with app.app_context():
        assert 90 <= count(Employee) <= 110  # 50 with eventful absence, 48 briefly ill (demo_absence.py)
        assert count(Employer) == 4
        assert count(Provider) >= 5 and count(Programme) >= 15
        # One employer has no agreement, so it may start nothing; another stacks two agreements.
        per_employer = dict(
            db.session.execute(
                sa.select(Employer.name, sa.func.count(ServiceAgreement.id))
                .outerjoin(ServiceAgreement)
                .group_by(Employer.name)
            ).all()
        )
        assert sorted(per_employer.values()) == [0, 1, 1, 2]
        assert count(Trajectory, Trajectory.status == TrajectoryStatus.OPEN) >= 8
        closed = db.session.scalars(sa.select(Trajectory).where(Trajectory.status == TrajectoryStatus.CLOSED))
        assert (
            {t.end_reason.outcome.value for t in closed}
            == {
                "success",
                "not_successful",
                "no_approval",
                "erroneous",  # one entered in error: the report shows it apart (tests/reports/test_demo_figures.py)
            }
        )
        # Open trajectories wait at every step of the process.
        waiting = set(db.session.scalars(sa.select(Task.key).where(Task.status == TaskStatus.OPEN)))
        assert waiting >= {"T1", "T2", "T3", "T4", "T5", "T6", "T7"}  # (and T4V where above the mandate)
        # The trajectories ran through the real process: documents were generated and triggers fired.
        assert count(Document) >= 10
        assert count(LogEntry, LogEntry.action == "trigger.fired") >= 30
        assert count(Intervention) >= 4
        # No spoor-2 programme (another employer) in a first year of illness: UWV would question it.
        from casework.demo import is_spoor_2

        chosen = db.session.scalars(sa.select(Trajectory).where(Trajectory.programme_id.is_not(None))).all()
        assert chosen and not [t for t in chosen if is_spoor_2(t.programme)]
        # The demo has spoor-2 programmes (flagged), it just does not start them: no warning was ever given.
        assert count(Programme, Programme.spoor_2.is_(True)) >= 2
        assert count(LogEntry, LogEntry.action == "caution.spoor_2") == 0
        # The agenda is in use: each case manager is available at the office, one consult planned, one in the tray.
        for manager in db.session.scalars(sa.select(User).where(User.role == "casemanager")):
            mine = db.session.scalars(sa.select(Consult).where(Consult.created_by_id == manager.id)).all()
            assert sorted(c.status.value for c in mine) == ["in_te_plannen", "ingepland"], manager.email
            planned = next(c for c in mine if c.status.value == "ingepland")
            assert planned.user_id == manager.id and planned.location.name == "Kantoor Utrecht"
        assert count(Availability) == 2
        # Own tasks: one about a client and overdue, one in the agenda (not over the consult), one done.
        for manager in db.session.scalars(sa.select(User).where(User.role == "casemanager")):
            tasks = db.session.scalars(
                sa.select(AgendaTask).where(AgendaTask.assignee_id == manager.id).order_by(AgendaTask.id)
            ).all()
            assert [t.status.value for t in tasks] == ["open", "open", "done"], manager.email
            assert tasks[0].employee.case_manager_id == manager.id and tasks[0].due_date < local_day(
                tasks[0].created_at
            )
            assert tasks[1].starts_at is not None and tasks[0].starts_at is None
            planned = db.session.scalars(
                sa.select(Consult).where(Consult.user_id == manager.id, Consult.starts_at.is_not(None))
            ).all()
            assert all(c.ends_at <= tasks[1].starts_at or c.starts_at >= tasks[1].ends_at for c in planned)
        for email, _name, role, _slack, password in DEMO_USERS:
            user = db.session.scalar(sa.select(User).where(User.email == email))
            assert user.role == role and check_password(user, password)
        before = count(Employee)
    second = runner.invoke(cli, ["demo"])
    assert "Demodata: al aanwezig, niets toegevoegd." in second.output
    with app.app_context():
        assert count(Employee) == before
