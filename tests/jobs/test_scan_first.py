"""The first scan on an empty outbox (issue 15, item 4): rows right, and no plan that rescans the outbox it fills."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from jobs.scan import _outbox, scan_signals
from jobs.sqlparts import Dialect
from models import Notification, NotificationStatus, Signal, SignalStatus

from .conftest import MONDAY

TODAY = MONDAY.date()


def test_first_scan_on_an_empty_outbox_queues_each_reminder_once(db, create_task, create_user):
    colleague = create_user(name="Piet Collega")
    tasks = [create_task(TODAY - dt.timedelta(days=n + 1), assignee=colleague) for n in range(6)]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
    first = scan_signals(MONDAY)
    assert first.raised["task_overdue"] == 6 and first.queued == 12  # assignee and case manager of each
    pairs = db.session.execute(sa.select(Notification.signal_id, Notification.recipient_id)).all()
    assert len(pairs) == len(set(pairs)) == 12
    signals = {s.subject_id: s.id for s in db.session.scalars(sa.select(Signal))}
    for task in tasks:
        recipients = {r for s, r in pairs if s == signals[task.id]}
        assert recipients == {colleague.id, task.trajectory.employee.case_manager_id}
    assert scan_signals(MONDAY + dt.timedelta(minutes=5)).rows_written == 0


def test_the_outbox_insert_reads_the_outbox_once_before_it_writes(db, create_task):
    """The already-queued signals come from a materialised CTE, so no nested loop rescans `notifications`."""
    for n in range(3):
        create_task(TODAY - dt.timedelta(days=n + 1))
    scan_signals(MONDAY, kinds=("task_overdue",))
    db.session.execute(sa.delete(Notification))
    connection = db.session.connection()
    d = Dialect(connection.dialect.name)
    params = {"now": MONDAY, "today": TODAY, "soon": TODAY, "yes": True}
    sql = _outbox(d)
    if d.sqlite:
        plan = "\n".join(str(r[-1]) for r in connection.execute(sa.text("EXPLAIN QUERY PLAN " + sql), params))
        assert "MATERIALIZE queued" in plan, plan
        reads = [line for line in plan.splitlines() if "notifications" in line]
        assert len(reads) == 1, plan  # read once, inside the materialised CTE
    else:
        connection.exec_driver_sql("SET LOCAL enable_hashjoin = off")  # push the planner towards nested loops
        plan = "\n".join(r[0] for r in connection.execute(sa.text("EXPLAIN " + sql), params))
        connection.exec_driver_sql("SET LOCAL enable_hashjoin = on")
        scans = [line for line in plan.splitlines() if " on notifications" in line and "Insert" not in line]
        assert len(scans) == 1, plan  # the CTE's one read; every anti-join probes the CTE's stored rows
        assert "CTE queued" in plan and "CTE Scan on queued" in plan, plan


def test_a_scan_after_every_signal_was_resolved_queues_each_reminder_once(db, create_task, create_user):
    """The state after a purge or a quiet spell: no open signal, a full outbox. The scan raises them all again and
    queues each once; on PostgreSQL it analyses the signals it raised before the outbox insert, so the planner
    does not take them for one row and anti-join them against every queued signal in a nested loop."""
    colleague = create_user(name="Piet Collega")
    tasks = [create_task(TODAY - dt.timedelta(days=n + 1), assignee=colleague) for n in range(4)]
    assert scan_signals(MONDAY).queued == 8
    db.session.execute(sa.update(Signal).values(status=SignalStatus.RESOLVED, resolved_at=MONDAY))
    db.session.execute(sa.update(Notification).values(status=NotificationStatus.SENT))
    connection = db.session.connection()
    statements: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement.strip())

    sa.event.listen(connection, "before_cursor_execute", remember)
    try:
        later = scan_signals(MONDAY + dt.timedelta(hours=1))
    finally:
        sa.event.remove(connection, "before_cursor_execute", remember)
    assert later.raised["task_overdue"] == 4 and later.queued == 8
    open_signals = {
        s.subject_id: s.id for s in db.session.scalars(sa.select(Signal).where(Signal.status == "open"))
    }
    assert set(open_signals) == {t.id for t in tasks}
    pairs = db.session.execute(
        sa.select(Notification.signal_id, Notification.recipient_id).where(
            Notification.signal_id.in_(open_signals.values())
        )
    ).all()
    assert len(pairs) == len(set(pairs)) == 8
    for task in tasks:
        recipients = {r for s, r in pairs if s == open_signals[task.id]}
        assert recipients == {colleague.id, task.trajectory.employee.case_manager_id}
    outbox = next(i for i, s in enumerate(statements) if s.startswith("WITH queued"))
    analysed = [i for i, s in enumerate(statements) if s == "ANALYZE signals"]
    if connection.dialect.name == "postgresql":
        assert analysed and analysed[0] < outbox, statements
    else:
        assert not analysed  # SQLite's planner has no such estimate to refresh
