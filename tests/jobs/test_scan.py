"""The signal scan: each kind raised, not raised, de-duplicated and resolved, with the clock pinned."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.deadlines import DeadlineStatus, poortwachter_deadlines
from casework.errors import Invalid
from casework.logbook import Actor
from casework.signals import snooze_signal
from jobs.scan import scan_signals
from models import Notification, Signal, SignalStatus, TaskStatus

from .conftest import MONDAY

TODAY = MONDAY.date()


def at(days: int) -> dt.datetime:
    return MONDAY + dt.timedelta(days=days)


def signals(db, kind: str, status: str | None = "open") -> list[Signal]:
    query = sa.select(Signal).where(Signal.kind == kind).order_by(Signal.id)
    if status:
        query = query.where(Signal.status == status)
    return list(db.session.scalars(query))


def notifications(db, signal: Signal) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.signal_id == signal.id)))


def test_task_overdue_is_raised_once_for_assignee_and_case_manager(db, create_task, create_user):
    colleague = create_user(name="Piet Collega")
    task = create_task(TODAY - dt.timedelta(days=1), assignee=colleague)
    create_task(TODAY)  # due today: not overdue yet

    first = scan_signals(MONDAY)
    again = scan_signals(at(0) + dt.timedelta(minutes=5))

    [signal] = signals(db, "task_overdue")
    assert (signal.subject_type, signal.subject_id, signal.due_date) == ("task", task.id, task.due_date)
    assert first.raised["task_overdue"] == 1 and again.rows_written == 0
    recipients = {n.recipient_id for n in notifications(db, signal)}
    assert recipients == {colleague.id, task.trajectory.employee.case_manager_id}
    [text] = {n.text for n in notifications(db, signal)}
    assert "is over de deadline van 01-03-2026" in text and task.trajectory.employee.last_name in text


def test_one_notification_when_assignee_is_the_case_manager(db, create_task):
    create_task(TODAY - dt.timedelta(days=3))
    scan_signals(MONDAY)
    [signal] = signals(db, "task_overdue")
    assert len(notifications(db, signal)) == 1


def test_task_overdue_is_resolved_when_done_and_raised_anew_when_moved(db, create_task, now):
    done, moved = create_task(TODAY - dt.timedelta(days=2)), create_task(TODAY - dt.timedelta(days=2))
    scan_signals(MONDAY)
    done.status, done.completed_at = TaskStatus.DONE, MONDAY
    moved.due_date = TODAY - dt.timedelta(days=1)
    report = scan_signals(at(0))
    assert report.resolved["task_overdue"] == 2 and report.raised["task_overdue"] == 1
    [open_one] = signals(db, "task_overdue")
    assert (open_one.subject_id, open_one.due_date) == (moved.id, moved.due_date)
    resolved = signals(db, "task_overdue", status="resolved")
    assert all(s.resolved_at == at(0) for s in resolved)


def test_rtw_target_passed(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager)
    late = create_sick_report(employee, target_rtw_date=dt.date(2026, 2, 27))
    create_sick_report(
        create_employee(case_manager=casemanager), target_rtw_date=TODAY + dt.timedelta(days=9)
    )
    scan_signals(MONDAY)
    scan_signals(at(1))
    [signal] = signals(db, "rtw_target_passed")
    assert (signal.subject_id, signal.due_date, signal.employee_id) == (
        late.id,
        late.target_rtw_date,
        employee.id,
    )
    assert [n.recipient_id for n in notifications(db, signal)] == [casemanager.id]

    late.recovery_date = TODAY  # the employee recovered
    assert scan_signals(at(2)).resolved["rtw_target_passed"] == 1
    assert signals(db, "rtw_target_passed") == []


def test_prognosis_passed(db, create_intervention, casemanager):
    running = create_intervention(dt.date(2026, 3, 1))
    create_intervention(dt.date(2026, 3, 9))  # not passed
    scan_signals(MONDAY)
    scan_signals(MONDAY)
    [signal] = signals(db, "prognosis_passed")
    assert (signal.subject_type, signal.subject_id, signal.trajectory_id) == (
        "intervention",
        running.id,
        running.trajectory_id,
    )

    running.prognosis_end = dt.date(2026, 4, 1)  # extended
    assert scan_signals(at(1)).resolved["prognosis_passed"] == 1
    assert signals(db, "prognosis_passed") == []


@pytest.mark.parametrize(("weight", "days"), [("low", 42), ("medium", 21), ("high", 7)])
def test_not_contacted_follows_client_weight(
    db, create_trajectory, create_employee, casemanager, weight, days
):
    last = TODAY - dt.timedelta(days=days)
    employee = create_employee(case_manager=casemanager, client_weight=weight, last_contact_on=last)
    create_trajectory(employee, started_on=dt.date(2025, 6, 1))
    assert scan_signals(MONDAY).raised["not_contacted"] == 0  # exactly the allowed interval
    assert scan_signals(at(1)).raised["not_contacted"] == 1
    assert scan_signals(at(2)).raised["not_contacted"] == 0
    [signal] = signals(db, "not_contacted")
    assert (signal.subject_type, signal.subject_id, signal.due_date) == ("employee", employee.id, TODAY)

    employee.last_contact_on = at(2).date()  # contact made
    assert scan_signals(at(2)).resolved["not_contacted"] == 1
    assert signals(db, "not_contacted") == []


def test_not_contacted_counts_from_trajectory_start_and_needs_an_open_trajectory(
    db, create_trajectory, create_employee, casemanager
):
    never = create_employee(case_manager=casemanager, client_weight="high")
    create_trajectory(never, started_on=TODAY - dt.timedelta(days=8))
    no_trajectory = create_employee(case_manager=casemanager, client_weight="high")
    scan_signals(MONDAY)
    [signal] = signals(db, "not_contacted")
    assert signal.subject_id == never.id and signal.due_date == TODAY - dt.timedelta(days=1)
    assert no_trajectory.id not in {s.subject_id for s in signals(db, "not_contacted")}


def _expected_poortwachter(report, today):
    """What the engine's timeline says should be signalled: every step due soon or missed, never dropped."""
    others = [r for r in report.employee.sick_reports if r is not report]
    deadlines = poortwachter_deadlines(report, today=today, earlier_reports=others)
    return sorted(
        (d.key, d.due) for d in deadlines if d.status in (DeadlineStatus.DUE_SOON, DeadlineStatus.MISSED)
    )


def test_poortwachter_due_matches_the_engine_deadlines(db, create_employee, create_sick_report, casemanager):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=dt.date(2026, 1, 20))  # week 6 ends 02-03-2026
    scan_signals(MONDAY)
    got = sorted((s.detail, s.due_date) for s in signals(db, "poortwachter_due"))
    assert got == _expected_poortwachter(report, TODAY)
    assert ("probleemanalyse", dt.date(2026, 3, 2)) in got
    assert scan_signals(MONDAY).rows_written == 0
    [analysis] = [s for s in signals(db, "poortwachter_due") if s.detail == "probleemanalyse"]
    [n] = notifications(db, analysis)
    assert n.text.startswith("Poortwachter: Probleemanalyse voor") and "uiterlijk 02-03-2026" in n.text


def test_poortwachter_counts_with_an_earlier_report_and_pauses_when_recovered(
    db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager)
    create_sick_report(employee, first_sick_day=dt.date(2025, 11, 3), recovery_date=dt.date(2025, 12, 1))
    report = create_sick_report(
        employee, first_sick_day=dt.date(2025, 12, 15)
    )  # 14 worked days: samentelling
    db.session.expire(employee, ["sick_reports"])
    scan_signals(MONDAY)
    got = sorted((s.detail, s.due_date) for s in signals(db, "poortwachter_due"))
    assert got and got == _expected_poortwachter(report, TODAY)
    assert got != _expected_poortwachter_without_chain(report, TODAY)

    report.recovery_date = TODAY
    scan_signals(at(1))
    assert signals(db, "poortwachter_due") == []


def _expected_poortwachter_without_chain(report, today):
    deadlines = poortwachter_deadlines(report, today=today)
    return sorted(
        (d.key, d.due) for d in deadlines if d.status in (DeadlineStatus.DUE_SOON, DeadlineStatus.MISSED)
    )


def test_catch_up_after_a_day_of_downtime_creates_each_missed_signal_once(
    db, create_task, create_intervention, create_employee, create_sick_report, casemanager
):
    # Due yesterday (while the scheduler was down) and the day before: one scan today sees all of them.
    create_task(TODAY - dt.timedelta(days=1))
    create_task(TODAY - dt.timedelta(days=2))
    create_intervention(TODAY - dt.timedelta(days=1))
    create_sick_report(
        create_employee(case_manager=casemanager), target_rtw_date=TODAY - dt.timedelta(days=1)
    )
    first = scan_signals(at(0))
    for minutes in (5, 10, 60):
        assert scan_signals(at(0) + dt.timedelta(minutes=minutes)).raised == {k: 0 for k in first.raised}
    assert first.raised["task_overdue"] == 2
    assert first.raised["prognosis_passed"] == 1 and first.raised["rtw_target_passed"] == 1
    keys = db.session.execute(sa.select(Signal.kind, Signal.subject_id, Signal.due_date)).all()
    assert len(keys) == len(set(keys))


def test_snoozed_signal_is_kept_and_its_reminder_requeued(db, create_task, casemanager):
    create_task(TODAY - dt.timedelta(days=1))
    scan_signals(MONDAY)
    [signal] = signals(db, "task_overdue")
    [n] = notifications(db, signal)
    n.status = "sent"
    snooze_signal(signal, 3, actor=Actor(casemanager), now=MONDAY)
    assert signal.snoozed_until == dt.date(2026, 3, 5)
    db.session.refresh(n)
    assert (n.status.value, n.next_attempt_at) == ("pending", dt.datetime(2026, 3, 5))
    assert scan_signals(at(1)).rows_written == 0  # still the same open signal
    with pytest.raises(Invalid):
        snooze_signal(signal, 0, actor=Actor(casemanager), now=MONDAY)


def test_user_without_slack_gets_no_notification(db, create_task, create_user):
    no_slack = create_user(slack_user_id=None)
    create_task(TODAY - dt.timedelta(days=1), assignee=no_slack)
    scan_signals(MONDAY)
    [signal] = signals(db, "task_overdue")
    assert no_slack.id not in {n.recipient_id for n in notifications(db, signal)}
    assert signal.status == SignalStatus.OPEN
