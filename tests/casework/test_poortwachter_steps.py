"""Poortwachter steps recorded as done: validated in Dutch naming the field, logged, undone, shown in the dossier."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.deadlines import DeadlineStatus
from casework.dossier import open_dossier
from casework.errors import Forbidden, Invalid
from casework.logbook import Actor
from casework.poortwachter import record_step_done, undo_step_done
from models import LogEntry, PoortwachterStepDone

NOW = dt.datetime(2026, 3, 2, 9, 30)  # Monday 02-03-2026
FIRST_SICK_DAY = dt.date(2026, 1, 13)  # probleemanalyse due 23-02-2026, plan van aanpak due 09-03-2026


@pytest.fixture
def report(create_employee, create_sick_report, casemanager):
    """An open sick report of an employee in the case manager's caseload."""
    employee = create_employee(case_manager=casemanager, first_name="Piet", last_name="Pietersen")
    return create_sick_report(employee, first_sick_day=FIRST_SICK_DAY)


@pytest.fixture
def me(casemanager) -> Actor:
    """The employee's case manager acting."""
    return Actor(casemanager)


def stored(db) -> list[tuple[int, str, dt.date, int | None]]:
    rows = db.session.execute(
        sa.select(
            PoortwachterStepDone.sick_report_id,
            PoortwachterStepDone.step_key,
            PoortwachterStepDone.done_on,
            PoortwachterStepDone.recorded_by_id,
        ).order_by(PoortwachterStepDone.id)
    )
    return [tuple(r) for r in rows]


def entries(db, action: str) -> list[LogEntry]:
    return list(
        db.session.scalars(sa.select(LogEntry).where(LogEntry.action == action).order_by(LogEntry.id))
    )


def test_record_stores_the_step_and_writes_the_log_book(db, report, me, casemanager):
    done = record_step_done(report, "plan_van_aanpak", "2026-02-12", actor=me, now=NOW)

    assert stored(db) == [(report.id, "plan_van_aanpak", dt.date(2026, 2, 12), casemanager.id)]
    assert done.recorded_at == NOW
    [entry] = entries(db, "poortwachter.step_done")
    assert entry.message == "Poortwachter: Plan van aanpak afgerond op 12-02-2026"
    assert (entry.employee_id, entry.subject_type, entry.subject_id) == (
        report.employee_id,
        "sick_reports",
        report.id,
    )
    assert entry.actor_id == casemanager.id
    assert entry.details == {"step": "plan_van_aanpak", "done_on": "2026-02-12"}


@pytest.mark.parametrize(
    ("step", "done_on", "field", "message"),
    [
        ("diagnose", "2026-02-12", "step", "Onbekende Poortwachter-stap."),
        ("probleemanalyse", "2026-03-03", "done_on", "Deze datum ligt in de toekomst."),
        ("probleemanalyse", "2026-01-12", "done_on", "vóór de eerste ziektedag (13-01-2026)"),
        ("probleemanalyse", "12 februari", "done_on", ""),
        ("probleemanalyse", "", "done_on", ""),
    ],
)
def test_refusals_name_the_field_and_change_nothing(db, report, me, step, done_on, field, message):
    with pytest.raises(Invalid) as refused:
        record_step_done(report, step, done_on, actor=me, now=NOW)

    assert list(refused.value.errors) == [field]
    assert message in refused.value.errors[field]
    assert stored(db) == []
    assert entries(db, "poortwachter.step_done") == []


def test_a_step_cannot_be_recorded_twice(db, report, me):
    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 20), actor=me, now=NOW)

    with pytest.raises(Invalid) as refused:
        record_step_done(report, "probleemanalyse", dt.date(2026, 2, 27), actor=me, now=NOW)

    assert refused.value.errors == {"step": "Probleemanalyse is al afgerond op 20-02-2026."}
    assert [row[1:3] for row in stored(db)] == [("probleemanalyse", dt.date(2026, 2, 20))]
    assert len(entries(db, "poortwachter.step_done")) == 1


def test_today_and_the_first_sick_day_are_allowed(db, report, me):
    record_step_done(report, "ziekmelding_bedrijfsarts", FIRST_SICK_DAY, actor=me, now=NOW)
    record_step_done(report, "probleemanalyse", NOW.date(), actor=me, now=NOW)
    assert [row[1:3] for row in stored(db)] == [
        ("ziekmelding_bedrijfsarts", FIRST_SICK_DAY),
        ("probleemanalyse", NOW.date()),
    ]


def test_another_case_manager_is_refused(db, report, create_user):
    stranger = Actor(create_user(name="Andere casemanager"))
    record_step_done(
        report, "probleemanalyse", dt.date(2026, 2, 20), actor=Actor(report.employee.case_manager), now=NOW
    )

    with pytest.raises(Forbidden):
        record_step_done(report, "plan_van_aanpak", dt.date(2026, 2, 20), actor=stranger, now=NOW)
    with pytest.raises(Forbidden):
        undo_step_done(report, "probleemanalyse", actor=stranger, now=NOW)

    assert [row[1] for row in stored(db)] == ["probleemanalyse"]


def test_an_administrator_may_record(db, report, admin_user):
    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 20), actor=Actor(admin_user), now=NOW)
    assert [row[1:] for row in stored(db)] == [("probleemanalyse", dt.date(2026, 2, 20), admin_user.id)]


def test_undo_removes_the_record_and_is_logged(db, report, me):
    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 20), actor=me, now=NOW)

    undo_step_done(report, "probleemanalyse", actor=me, now=NOW)

    assert stored(db) == []
    [entry] = entries(db, "poortwachter.step_undone")
    assert entry.message == "Poortwachter: vastlegging van Probleemanalyse (20-02-2026) ongedaan gemaakt"
    assert entry.employee_id == report.employee_id
    with pytest.raises(Invalid) as refused:
        undo_step_done(report, "probleemanalyse", actor=me, now=NOW)
    assert refused.value.errors == {"step": "Probleemanalyse is niet als afgerond vastgelegd."}
    assert len(entries(db, "poortwachter.step_undone")) == 1


def test_the_dossier_shows_a_recorded_step_as_done_with_its_date(db, report, me, casemanager):
    before = open_dossier(report.employee, viewer=casemanager, now=NOW)
    status = {d.key: d.status for d in before.deadlines[report.id]}
    assert status["probleemanalyse"] is DeadlineStatus.MISSED

    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 25), actor=me, now=NOW)
    after = open_dossier(report.employee, viewer=casemanager, now=NOW)

    status = {d.key: d.status for d in after.deadlines[report.id]}
    assert status["probleemanalyse"] is DeadlineStatus.DONE
    assert status["plan_van_aanpak"] is DeadlineStatus.DUE_SOON
    assert after.steps_done[report.id] == {"probleemanalyse": dt.date(2026, 2, 25)}


def test_the_steps_go_with_the_sick_report(db, report, me):
    record_step_done(report, "probleemanalyse", dt.date(2026, 2, 20), actor=me, now=NOW)
    db.session.execute(sa.text("DELETE FROM sick_reports WHERE id = :id"), {"id": report.id})
    db.session.expunge_all()
    assert stored(db) == []
