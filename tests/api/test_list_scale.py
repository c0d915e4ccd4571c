"""API lists scale (issue 15, item 3): a bounded number of statements per call, counting capped past the page,
the filters read from their indexes, and no write on a read.

Statements are counted with SQLAlchemy's `before_cursor_execute` event (the test harness's savepoints left out),
with an empty identity map as a fresh request has. Plans are asked of the database for the very statements a call
sent. Deterministic: nothing here is timed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.process import start_trajectory
from models import Signal, SignalKind, Task, TrajectoryTemplate

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
BOUND = 6
EMPLOYEES = 24


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@contextmanager
def counted(db) -> Iterator[list[tuple[str, object]]]:
    """The SQL statements (with their parameters) sent while the block runs, savepoints left out."""
    statements: list[tuple[str, object]] = []
    connection = db.session.connection()

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        if "SAVEPOINT" not in statement.upper():
            statements.append((statement, parameters))

    sa.event.listen(connection, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        sa.event.remove(connection, "before_cursor_execute", remember)


def call(db, caller, path: str):
    """GET through the API with an empty identity map; the response and the statements it sent."""
    db.session.commit()
    db.session.expunge_all()
    with counted(db) as statements:
        response = caller.get(path)
    return response, statements


@pytest.fixture
def caseload(db, create_user, create_employer, create_employee):
    """Several case managers, employees with an open trajectory each, some tasks overdue, open signals."""
    now = NOW.replace(tzinfo=None)
    managers = [create_user(name=f"Casemanager {i}") for i in range(4)]
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    employees = []
    for i in range(EMPLOYEES):
        employee = create_employee(employer=create_employer(), case_manager=managers[i % 4])
        employees.append(employee)
        trajectory = start_trajectory(employee, template, actor=Actor(managers[i % 4]), now=now)
        first = trajectory.tasks[0]
        for n in range(1, 5):
            db.session.add(
                Task(
                    trajectory=trajectory,
                    task_template=first.task_template,
                    key=f"X{n}",
                    name=f"Extra taak {n}",
                    kind=first.kind,
                    due_date=first.due_date,
                )
            )
        db.session.flush()
        for n, task in enumerate(trajectory.tasks):
            task.assignee = managers[(i + n) % 4]
            task.due_date = dt.date(2026, 2, 1) + dt.timedelta(days=n + i) if n % 2 else dt.date(2026, 5, 1)
        db.session.add(
            Signal(
                kind=SignalKind.NOT_CONTACTED,
                subject_type="employee",
                subject_id=employee.id,
                due_date=dt.date(2026, 2, 1) + dt.timedelta(days=i),
                employee=employee,
            )
        )
    db.session.flush()
    return {"managers": managers, "assignee": managers[1].id, "employees": [e.id for e in employees]}


def _paths(caseload) -> list[str]:
    employee = caseload["employees"][1]  # the assignee's, so both tokens may read it
    assignee = caseload["assignee"]
    return [
        "/tasks/?overdue=true",
        "/tasks/?overdue=true&page=2&page_size=5",
        f"/tasks/?assignee={assignee}",
        f"/tasks/?assignee={assignee}&status=open",
        "/tasks/?status=open",
        "/tasks/",
        "/signals/",
        "/trajectories/?status=open",
        "/employees/",
        "/employers/",
        f"/employees/{employee}",
    ]


def test_every_list_call_is_bounded(db, api, make_token, caseload):
    case_manager = make_token(user=caseload["managers"][1])
    paths = _paths(caseload)
    for caller in (api, case_manager):
        for path in paths:
            response, statements = call(db, caller, path)
            assert response.status_code == 200, (path, response.json)
            assert len(statements) <= BOUND, f"{path}: {len(statements)}\n" + "\n".join(
                s for s, _ in statements
            )


def test_overdue_list_is_right_for_both_kinds_of_token(db, api, make_token, caseload):
    from models import Employee, Trajectory

    today = NOW.date()
    manager = caseload["managers"][1]
    expected = db.session.execute(
        sa.select(Task.id, Employee.case_manager_id)
        .join(Trajectory, Task.trajectory_id == Trajectory.id)
        .join(Employee, Trajectory.employee_id == Employee.id)
        .where(Task.status == "open", Task.due_date < today)
        .order_by(Task.due_date, Task.id)
    ).all()
    assert len(expected) > 20
    everyone = api.get("/tasks/?overdue=true&page_size=100")
    assert [t["id"] for t in everyone.json] == [i for i, _ in expected]
    assert json.loads(everyone.headers["X-Pagination"])["total"] == len(expected)
    mine = make_token(user=manager).get("/tasks/?overdue=true&page_size=100")
    assert [t["id"] for t in mine.json] == [i for i, m in expected if m == manager.id]


def test_counting_stops_past_the_page(db, api, caseload, monkeypatch):
    from console.api import common

    total = db.session.scalar(sa.select(sa.func.count()).select_from(Task))
    assert total > 100
    assert json.loads(api.get("/tasks/").headers["X-Pagination"])["total"] == total  # exact below the cap
    monkeypatch.setattr(common, "COUNT_AHEAD", 3)
    response = api.get("/tasks/?page=2&page_size=5")
    header = json.loads(response.headers["X-Pagination"])
    assert header["total"] == 5 + 5 + 3 < total  # counted up to 3 rows past page 2, no further
    assert header["total_capped"] is True and "last_page" not in header and "total_pages" not in header
    assert (header["page"], header["previous_page"], header["next_page"]) == (2, 1, 3)
    assert len(response.json) == 5
    last = api.get(f"/tasks/?page={(total - 1) // 5 + 1}&page_size=5")
    header = json.loads(last.headers["X-Pagination"])
    assert header["total"] == total and "total_capped" not in header and "next_page" not in header


def test_a_read_writes_the_token_use_at_most_once_a_minute(db, api, caseload):
    first, statements = call(db, api, "/tasks/?overdue=true")
    assert first.status_code == 200
    assert [s for s, _ in statements if s.lstrip().upper().startswith("UPDATE")]  # first use noted
    for path in ("/tasks/?overdue=true", "/signals/", "/employers/"):
        response, statements = call(db, api, path)
        writes = [s for s, _ in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
        assert response.status_code == 200 and writes == [], (path, writes)


def _plan(db, statement: str, parameters: object) -> str:
    """The plan of a statement the API sent (PostgreSQL told to avoid sequential scans and sorts if it can)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
        return "\n".join(str(row[-1]) for row in rows)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL enable_sort = off")
    try:
        return "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters))
    finally:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = on")
        connection.exec_driver_sql("SET LOCAL enable_sort = on")


OVERDUE = ("ix_tasks_open_due_date", "ix_tasks_due_date_id")  # the partial index, or the order's own
ASSIGNED = ("ix_tasks_open_assignee", "ix_tasks_assignee_due_date")


@pytest.mark.parametrize(
    ("path", "indexes"),
    [
        ("/tasks/?overdue=true", OVERDUE),
        ("/tasks/?status=open", OVERDUE),
        ("/tasks/?assignee={assignee}&status=open", ASSIGNED),
        ("/tasks/?assignee={assignee}", ("ix_tasks_assignee_due_date",)),
        ("/tasks/", ("ix_tasks_due_date_id",)),
        ("/signals/", ("ix_signals_open_due_date",)),
    ],
)
def test_a_list_and_its_count_read_their_index(db, api, caseload, path, indexes):
    response, statements = call(db, api, path.format(assignee=caseload["assignee"]))
    assert response.status_code == 200
    (count, count_parameters), (page, page_parameters) = [
        (s, p) for s, p in statements if "ORDER BY" in s or "count(" in s.lower()
    ]
    plan = _plan(db, page, page_parameters)
    assert any(index in plan for index in indexes), (page, plan)  # the page is read in order from an index,
    # not sorted after reading every match (PostgreSQL may order ties of one due date by id: Incremental Sort)
    assert not re.search(r"(^|->  )Sort  \(", plan, re.MULTILINE) and "B-TREE" not in plan, (page, plan)
    plan = _plan(db, count, count_parameters)
    # counted from an index, never from the table (which index, on a table this small, is the planner's choice)
    assert "index" in plan.lower() and "Seq Scan" not in plan, (count, plan)
