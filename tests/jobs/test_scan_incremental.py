"""A rescan recomputes only what changed (issue 15, item 6), and leaves exactly what a full scan leaves.

The property: after any sequence of changes and clock steps (minutes, hours, over a Dutch midnight, backwards),
the open signals and queued reminders after an incremental scan are those a full scan at the same moment would
leave; checked by running the full scan in a savepoint right after, which must find nothing to raise, resolve
or queue. Beside it: a rescan with nothing new runs one statement; a change or a threshold recomputes only the
kinds it feeds; every kind's declared tables are the tables its statements read, each watched by triggers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.timeline import refresh_open_steps
from jobs.scan import (
    CROSSINGS,
    OUTBOX,
    OUTBOX_READS,
    READS,
    SCANNED_KINDS,
    _outbox,
    _statements,
    scan_signals,
)
from jobs.settings import Settings
from jobs.sqlparts import Dialect
from models import (
    Consult,
    ConsultStatus,
    TaskStatus,
)

from .conftest import MONDAY

TODAY = MONDAY.date()


@contextmanager
def statements_run(db) -> Iterator[list[str]]:
    """The SQL statements sent to the database inside the block (savepoint bookkeeping left out)."""
    seen: list[str] = []
    engine = db.session.connection().engine

    def note(_conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def open_state(db) -> tuple[set, set]:
    """The open signals and the reminders queued for them, comparable across scans."""
    signals = db.session.execute(
        sa.text("SELECT kind, subject_type, subject_id, due_date FROM signals WHERE status = 'open'")
    ).all()
    notes = db.session.execute(
        sa.text(
            "SELECT s.kind, s.subject_type, s.subject_id, s.due_date, n.recipient_id, n.text FROM notifications n"
            " JOIN signals s ON s.id = n.signal_id WHERE s.status = 'open'"
        )
    ).all()
    return set(map(tuple, signals)), set(map(tuple, notes))


def assert_a_full_scan_changes_nothing(db, now: dt.datetime) -> None:
    """A full scan right after (in a savepoint, rolled back) raises, resolves and queues nothing."""
    before = open_state(db)
    savepoint = db.session.begin_nested()
    try:
        full = scan_signals(now, full_every=None)
        after = open_state(db)
    finally:
        savepoint.rollback()
    assert full.skipped == []
    assert after == before, (
        f"at {now}: the full scan differs: signals +{after[0] - before[0]} -{before[0] - after[0]},"
        f" reminders +{after[1] - before[1]} -{before[1] - after[1]}"
    )
    assert full.rows_written == 0, (full.raised, full.resolved, full.queued)


@pytest.fixture
def cases(
    db,
    agenda,
    casemanager,
    create_user,
    create_employee,
    create_trajectory,
    create_task,
    create_sick_report,
    create_intervention,
):
    """Two employees with trajectories, tasks, a sick report (Poortwachter steps), an intervention; a consult."""
    colleague = create_user(name="Piet Collega")
    employees = [
        create_employee(
            case_manager=casemanager,
            last_contact_on=TODAY - dt.timedelta(days=n * 9),
            client_weight_assessed_on=TODAY - dt.timedelta(days=80 + n * 20),
        )
        for n in range(2)
    ]
    trajectories = [create_trajectory(employee=e) for e in employees]
    tasks = [
        create_task(TODAY + dt.timedelta(days=d), trajectory=trajectories[n % 2], assignee=colleague)
        for n, d in enumerate((-3, 0, 2))
    ]
    reports = [
        create_sick_report(
            employees[0],
            first_sick_day=TODAY - dt.timedelta(days=40),
            target_rtw_date=TODAY + dt.timedelta(days=1),
        )
    ]
    interventions = [create_intervention(TODAY + dt.timedelta(days=1), trajectory=trajectories[1])]
    ends = MONDAY + dt.timedelta(minutes=20)  # a consult that ends while the clock runs on
    consults = [
        Consult(
            employee=agenda.employee,
            consult_type=agenda.consult_type,
            user=casemanager,
            status=ConsultStatus.PLANNED,
            starts_at=ends - dt.timedelta(minutes=45),
            ends_at=ends,
        )
    ]
    db.session.add_all(consults)
    db.session.flush()
    return {
        "agenda": agenda,
        "casemanager": casemanager,
        "colleague": colleague,
        "employees": employees,
        "trajectories": trajectories,
        "tasks": tasks,
        "reports": reports,
        "interventions": interventions,
        "consults": consults,
        "create_task": create_task,
    }


def _pick(items: list, i: int):
    return items[i % len(items)] if items else None


def apply(db, case: dict, op: str, i: int, offset: int, now: dt.datetime) -> None:
    """One change to the data, as the engine or a person might make it."""
    today = now.date()
    day = today + dt.timedelta(days=offset)
    if op == "task":
        case["tasks"].append(case["create_task"](day, trajectory=_pick(case["trajectories"], i)))
    elif op == "task_done":
        task = _pick(case["tasks"], i)
        if task.status == TaskStatus.OPEN:
            task.status, task.completed_at = TaskStatus.DONE, now
    elif op == "task_due":
        _pick(case["tasks"], i).due_date = day
    elif op == "trajectory":  # the start counts for contact and client weight
        _pick(case["trajectories"], i).started_on = today - dt.timedelta(days=abs(offset) * 12)
    elif op == "drop_task":
        task = _pick(case["tasks"], i)
        db.session.flush()
        db.session.execute(sa.text("DELETE FROM tasks WHERE id = :id"), {"id": task.id})
        case["tasks"].remove(task)
        db.session.expire_all()
    elif op == "contact":
        _pick(case["employees"], i).last_contact_on = today - dt.timedelta(days=abs(offset) * 4)
    elif op == "weight":
        employee = _pick(case["employees"], i)
        employee.client_weight_assessed_on = (
            None if offset == 0 else today - dt.timedelta(days=abs(offset) * 15)
        )
    elif op == "rtw_target":
        _pick(case["reports"], i).target_rtw_date = day
    elif op == "recover":
        report = _pick(case["reports"], i)
        report.recovery_date = None if report.recovery_date else today
        db.session.flush()
        refresh_open_steps(report.employee)
    elif op == "intervention":
        intervention = _pick(case["interventions"], i)
        if offset == 4:
            intervention.actual_end = None if intervention.actual_end else today
        else:
            intervention.prognosis_end = day
    elif op == "consult":
        ends = now + dt.timedelta(minutes=offset * 25)
        consult = Consult(
            employee=case["agenda"].employee,
            consult_type=case["agenda"].consult_type,
            user=case["casemanager"],
            status=ConsultStatus.PLANNED,
            starts_at=ends - dt.timedelta(minutes=45),
            ends_at=ends,
        )
        db.session.add(consult)
        case["consults"].append(consult)
    elif op == "consult_done":
        consult = _pick(case["consults"], i)
        if consult is not None:
            consult.status = ConsultStatus.DONE
    elif op == "slack":
        user = case["casemanager"] if i % 2 else case["colleague"]
        user.slack_user_id = None if user.slack_user_id else f"U0{user.id:08d}"
    elif op == "drop_signal":  # someone removes a signal (its reminders go with it)
        db.session.flush()
        db.session.execute(
            sa.text("DELETE FROM signals WHERE id = (SELECT min(id) FROM signals WHERE status = 'open')")
        )
    elif op == "drop_reminders":
        db.session.flush()
        db.session.execute(
            sa.text("DELETE FROM notifications WHERE signal_id = (SELECT max(signal_id) FROM notifications)")
        )
    db.session.flush()


OPS = (
    "nothing",
    "task",
    "task_done",
    "task_due",
    "trajectory",
    "drop_task",
    "contact",
    "weight",
    "rtw_target",
    "recover",
    "intervention",
    "consult",
    "consult_done",
    "slack",
    "drop_signal",
    "drop_reminders",
)
# Clock steps: a few minutes, hours, past a Dutch midnight (23:10 UTC is 00:10 in Amsterdam), backwards.
STEPS = ("5m", "40m", "3h", "midnight", "back", "0m")


def step(now: dt.datetime, how: str) -> dt.datetime:
    if how == "midnight":
        return dt.datetime.combine(now.date(), dt.time(23, 10)) + (
            dt.timedelta(days=1) if now.time() >= dt.time(23, 10) else dt.timedelta()
        )
    if how == "back":
        return now - dt.timedelta(minutes=30)
    amount, unit = int(how[:-1]), how[-1]
    return now + (dt.timedelta(hours=amount) if unit == "h" else dt.timedelta(minutes=amount))


NO_SAFETY_NET = dt.timedelta(days=3650)  # the periodic full scan would hide a kind skipped wrongly


@settings(max_examples=10)
@given(
    history=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 5), st.integers(-4, 4), st.sampled_from(STEPS)),
        min_size=1,
        max_size=5,
    )
)
def test_an_incremental_rescan_leaves_what_a_full_scan_leaves(cases, history):
    from models import (
        db,
    )  # the `db` fixture's object (cases uses it); not an argument: Hypothesis prints those

    saved = {name: list(cases[name]) for name in ("tasks", "reports", "interventions", "consults")}
    savepoint = db.session.begin_nested()  # each example starts from the same cases
    try:
        now = MONDAY
        scan_signals(now, full_every=NO_SAFETY_NET)
        assert_a_full_scan_changes_nothing(db, now)
        for op, i, offset, how in history:
            apply(db, cases, op, i, offset, now)
            now = step(now, how)
            scan_signals(now, full_every=NO_SAFETY_NET)
            assert_a_full_scan_changes_nothing(db, now)
            now = step(now, "5m")  # and once more with nothing new
            scan_signals(now, full_every=NO_SAFETY_NET)
            assert_a_full_scan_changes_nothing(db, now)
    finally:
        savepoint.rollback()
        for name, items in saved.items():
            cases[name][:] = items
        db.session.expire_all()


# The kinds that declare what they read; a kind without a declaration is computed at every scan.
DECLARED = tuple(k for k in SCANNED_KINDS if k in READS)


def scan(now: dt.datetime, **options: object):
    """A scan of the declared kinds (and the outbox)."""
    return scan_signals(now, kinds=DECLARED, **options)


def test_a_rescan_with_nothing_new_runs_one_statement(db, cases):
    scan(MONDAY)
    with statements_run(db) as seen:
        report = scan(MONDAY + dt.timedelta(minutes=5))
    assert report.rows_written == 0
    assert set(report.skipped) == {*DECLARED, OUTBOX}
    assert len(seen) == 1, seen
    assert "tasks" not in seen[0] and "scan_states" in seen[0]


def test_a_change_recomputes_only_the_kinds_that_read_it(db, cases):
    scan(MONDAY)
    later = MONDAY + dt.timedelta(minutes=5)
    cases["tasks"][1].due_date = TODAY - dt.timedelta(days=1)  # now overdue
    db.session.flush()
    report = scan(later)
    assert report.raised["task_overdue"] == 1 and report.queued == 2  # the case manager and the colleague
    computed = set(DECLARED) - set(report.skipped)
    assert computed == {"task_overdue"}  # the outbox ran too: it raised something
    assert OUTBOX not in report.skipped
    assert set(scan(later + dt.timedelta(minutes=5)).skipped) == {*DECLARED, OUTBOX}

    cases["casemanager"].name = "Karin Andersnaam"  # users feed only the outbox
    db.session.flush()
    assert set(scan(later + dt.timedelta(minutes=10)).skipped) == set(DECLARED)


def test_the_dutch_day_and_a_consult_end_recompute_their_kinds(db, cases):
    evening = dt.datetime(2026, 3, 2, 22, 50)  # 23:50 in Amsterdam
    scan(evening)
    cases["tasks"][1].due_date = TODAY  # overdue from tomorrow (Dutch time): no change needed then
    db.session.flush()
    scan(evening + dt.timedelta(minutes=1))
    assert scan(evening + dt.timedelta(minutes=5)).raised["task_overdue"] == 0
    after_midnight = dt.datetime(2026, 3, 2, 23, 5)  # 00:05 on Tuesday in Amsterdam, the same UTC date
    report = scan(after_midnight)
    assert report.raised["task_overdue"] == 1
    assert report.skipped == []  # every kind counts in Dutch days

    ends = after_midnight + dt.timedelta(minutes=20)
    db.session.add(
        Consult(
            employee=cases["agenda"].employee,
            consult_type=cases["agenda"].consult_type,
            user=cases["casemanager"],
            status=ConsultStatus.PLANNED,
            starts_at=ends - dt.timedelta(minutes=45),
            ends_at=ends,
        )
    )
    db.session.flush()
    assert scan(after_midnight + dt.timedelta(minutes=1)).raised["consult_pending"] == 0
    quiet = scan(after_midnight + dt.timedelta(minutes=10))
    assert "consult_pending" in quiet.skipped
    ended = scan(ends)  # nothing was written, but the consult's end has passed
    assert ended.raised["consult_pending"] == 1
    assert set(ended.skipped) == set(DECLARED) - {"consult_pending"}


def test_the_safety_net_recomputes_everything_after_full_every(db, cases):
    every = dt.timedelta(minutes=10)
    scan(MONDAY, full_every=every)
    assert set(scan(MONDAY + dt.timedelta(minutes=9), full_every=every).skipped) == {*DECLARED, OUTBOX}
    assert scan(MONDAY + dt.timedelta(minutes=10), full_every=every).skipped == []
    assert scan(MONDAY + dt.timedelta(minutes=11), full_every=dt.timedelta(0)).skipped == []
    assert scan(MONDAY + dt.timedelta(minutes=5)).skipped == []  # the clock went back


def test_a_changed_statement_recomputes_its_kind(db, cases, monkeypatch):
    import jobs.scan

    scan_signals(MONDAY)
    monkeypatch.setattr(jobs.scan, "DUE_SOON_DAYS", 8)
    report = scan_signals(MONDAY + dt.timedelta(minutes=5))
    assert "poortwachter_due" not in report.skipped and "task_overdue" not in report.skipped


def test_full_minutes_setting():
    assert Settings.load({}).scan_full_minutes == 60
    assert Settings.load({"TRAJECT_SCAN_FULL_MINUTES": "0"}).scan_full_minutes == 0
    with pytest.raises(ValueError, match="TRAJECT_SCAN_FULL_MINUTES moet een aantal minuten zijn"):
        Settings.load({"TRAJECT_SCAN_FULL_MINUTES": "een uur"})


_TABLE = re.compile(r"\b(?:FROM|JOIN)\s+([a-z_]+)\b")


def _tables(sql: str) -> set[str]:
    ctes = set(re.findall(r"\b([a-z_]+) AS (?:MATERIALIZED )?\(", sql))
    return {t for t in _TABLE.findall(sql) if t not in ctes} - {"wanted"}


def _watched(db, table: str) -> bool:
    """Whether the triggers of migration 6c1f0e9b7a42 note inserts and deletes on `table`."""
    if db.engine.dialect.name == "sqlite":
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t AND name LIKE 'data_changes%'"
    else:
        sql = (
            "SELECT count(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
            " WHERE c.relname = :t AND g.tgname LIKE 'data_changes%'"
        )
    return db.session.scalar(sa.text(sql), {"t": table}) >= 2


def test_each_kind_declares_the_tables_it_reads_and_each_is_watched(db):
    d = Dialect(db.engine.dialect.name)
    for kind, resolve, raise_ in _statements(d):
        if kind not in READS:
            continue  # computed at every scan
        read = _tables(resolve) | _tables(raise_)
        if kind == "consult_pending":
            read |= {"consults"}  # and its status update
        assert read <= READS[kind], (kind, read - READS[kind])
        assert "signals" in READS[kind]
        for table in READS[kind]:
            assert _watched(db, table), (kind, table)
        # a comparison with the clock beyond the day needs a crossing
        clock = re.sub(r"resolved_at = :now|'open', :now", "", resolve + raise_)
        assert (":now" in clock) == (kind in CROSSINGS), kind
    assert _tables(_outbox(d)) <= OUTBOX_READS | {"queued", "role"}
    assert all(_watched(db, t) for t in OUTBOX_READS)


def _notes(connection) -> list[str]:
    return sorted(connection.execute(sa.text("SELECT table_name FROM data_changes")).scalars())


def test_a_write_is_noted_once_with_its_commit_and_one_committed_after_a_scan_stays(make_app):
    """The triggers' notes on real commits: one per table and transaction, none for a statement that wrote
    nothing, invisible until the writer commits; on PostgreSQL a note committed while a scan runs is still
    there for the next scan."""
    from flask_migrate import upgrade

    from jobs.scan import _state_rows
    from models import db

    app = make_app()
    with app.app_context():
        upgrade()
        engine = db.engine
        user = (
            "INSERT INTO users (email, name, role, active, session_token, created_at)"
            " VALUES (:e, 'Drill', 'casemanager', :yes, :e, CURRENT_TIMESTAMP)"
        )
        with engine.begin() as writer:
            writer.execute(sa.text("DELETE FROM data_changes"))
            writer.execute(sa.text("UPDATE users SET name = 'x' WHERE id < 0"))  # writes no row
            assert _notes(writer) == []
            for n in range(3):
                writer.execute(sa.text(user), {"e": f"a{n}@example.nl", "yes": True})
            assert _notes(writer) == ["users"]
        if engine.dialect.name != "postgresql":
            return  # SQLite: a writer holds the one write lock from BEGIN IMMEDIATE, so a scan cannot overlap it
        with engine.connect() as writer:
            writer.execute(sa.text("DELETE FROM data_changes"))
            writer.commit()
            writer.execute(sa.text(user), {"e": "late@example.nl", "yes": True})  # not yet committed
            changed, _states = _state_rows(db.session, Dialect("postgresql"), MONDAY)
            db.session.commit()
            assert changed == set()
            writer.commit()
        changed, _states = _state_rows(db.session, Dialect("postgresql"), MONDAY)
        db.session.commit()
        assert changed == {"users"}
        db.session.remove()
