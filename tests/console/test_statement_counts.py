"""Console pages run a bounded number of SQL statements, whatever the data size (issue 15, item 1).

Every page is requested on a data set with many employers, case managers, employees, tasks, signals and log
lines, with an empty identity map (as a fresh request in production has), and the statements sent to the database
are counted with SQLAlchemy's `before_cursor_execute` event. The test harness's own savepoints (a commit in a test
is a savepoint release) are not counted. Deterministic: nothing here is timed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import pytest
import sqlalchemy as sa
import time_machine
from flask_admin.contrib.sqla import ModelView

from casework.calendar import forget_holidays
from casework.logbook import Actor, log
from casework.process import start_trajectory
from models import (
    Document,
    Employee,
    EndReason,
    Intervention,
    LogEntry,
    Note,
    PoortwachterStepDone,
    Programme,
    Provider,
    SickReportEndReason,
    Signal,
    SignalKind,
    Task,
    TaskStatus,
    TrajectoryStatus,
    TrajectoryTemplate,
)

from .conftest import sign_in as sign_in_user

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
BOUND = 10
EMPLOYERS = 12
MANAGERS = 8
EMPLOYEES = 36
LOG_LINES = 260  # more than the dossier shows (25) and than two pages of the whole log book (100 each)


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass(frozen=True)
class Who:
    """A user as the session cookie names them (kept apart from the ORM object, which the test expunges)."""

    id: int
    session_token: str


@contextmanager
def counted(db) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs (savepoints of the test harness left out)."""
    statements: list[str] = []
    connection = db.session.connection()

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        if "SAVEPOINT" not in statement.upper():
            statements.append(statement)

    sa.event.listen(connection, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        sa.event.remove(connection, "before_cursor_execute", remember)


@pytest.fixture
def big(db, create_user, create_employer, create_employee, create_sick_report):
    """Many employers and case managers; every employee with a trajectory, tasks, a signal, a note."""
    now = NOW.replace(tzinfo=None)
    managers = [create_user(name=f"Casemanager {i:02d}") for i in range(MANAGERS)]
    employers = [create_employer(name=f"Werkgever {i:02d} B.V.") for i in range(EMPLOYERS)]
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    provider = Provider(name="Aanbieder Telling")
    programme = Programme(name="Programma Telling", provider=provider, price=Decimal("900"), duration_weeks=8)
    reason = db.session.scalars(sa.select(EndReason).order_by(EndReason.id)).first()
    sick_report_reason = db.session.scalars(
        sa.select(SickReportEndReason).order_by(SickReportEndReason.id)
    ).first()
    employees = []
    for i in range(EMPLOYEES):
        manager = managers[i % MANAGERS]
        employee = create_employee(
            employer=employers[i % EMPLOYERS],
            case_manager=manager,
            first_name="Kees",
            last_name=f"{'ab'[i % 2]}Telling{i:03d}",
        )
        employees.append(employee)
        earlier = create_sick_report(
            employee, first_sick_day=dt.date(2024, 1, 8), recovery_date=dt.date(2024, 2, 5)
        )  # an earlier one: what the page shows per report is loaded for all reports at once
        earlier.end_reason = sick_report_reason
        # In week 92 on NOW: the re-integratieverslag check is shown, from what was loaded already.
        report = create_sick_report(employee, first_sick_day=dt.date(2024, 6, 3))
        db.session.add(
            PoortwachterStepDone(sick_report=report, step_key="probleemanalyse", done_on=dt.date(2025, 7, 20))
        )
        for closed in (True, False):
            trajectory = start_trajectory(employee, template, actor=Actor(manager), now=now)
            for n, task in enumerate(trajectory.tasks):
                task.assignee = managers[(i + n) % MANAGERS]
                task.due_date = dt.date(2026, 2, 1) if n % 2 else dt.date(2026, 4, 1)
            db.session.add(
                Intervention(
                    trajectory=trajectory,
                    programme=programme,
                    price=Decimal("900"),
                    started_on=dt.date(2025, 12, 1),
                    prognosis_end=dt.date(2026, 2, 1),
                )
            )
            if closed:
                for task in trajectory.tasks:
                    task.status, task.completed_at = TaskStatus.DONE, now
                trajectory.started_on = dt.date(2025, 11, 1)
                trajectory.status, trajectory.closed_on, trajectory.end_reason = (
                    TrajectoryStatus.CLOSED,
                    dt.date(2026, 1, 15),
                    reason,
                )
            db.session.add(
                Document(trajectory=trajectory, title=f"Plan {i}", html="<p>Plan</p>", created_by=manager)
            )
        db.session.add_all(
            [
                Note(employee=employee, author=managers[(i + 1) % MANAGERS], text=f"Gesproken {i}"),
                Note(employee=employee, author=managers[(i + 2) % MANAGERS], text=f"Gebeld {i}"),
                Signal(
                    kind=SignalKind.NOT_CONTACTED,
                    subject_type="employee",
                    subject_id=employee.id,
                    due_date=dt.date(2026, 2, 20),
                    employee=employee,
                ),
            ]
        )
    long_read = employees[0]
    for n in range(LOG_LINES):
        log(
            Actor(managers[n % MANAGERS]),
            now - dt.timedelta(minutes=n),
            "note.added",
            f"Regel {n}",
            employee_id=long_read.id,
        )
    db.session.flush()
    return {
        "managers": [Who(m.id, m.session_token) for m in managers],
        "long_read": long_read.id,
        "long_read_manager": Who(managers[0].id, managers[0].session_token),
    }


def sign_in(client, who: Who) -> None:
    """Sign the client in as `who` (a fresh row: the test expunges the session between requests)."""
    from models import User, db

    sign_in_user(client, db.session.get(User, who.id))


def _request(db, client, path: str) -> tuple[int, list[str], str]:
    """GET a page with an empty identity map; its status, statements and body."""
    db.session.commit()
    db.session.expunge_all()  # as a request's fresh session has: nothing loaded,
    forget_holidays()  # and nothing cached in the session (the calendar's holidays)
    with counted(db) as statements:
        response = client.get(path)
    return response.status_code, list(statements), response.get_data(as_text=True)


def _assert_bounded(db, client, path: str) -> str:
    status, statements, body = _request(db, client, path)
    assert status == 200, path
    assert len(statements) <= BOUND, f"{path}: {len(statements)} statements\n" + "\n".join(statements)
    return body


def _case_manager_pages(big) -> list[str]:
    employee = big["long_read"]
    return [
        "/admin/",
        "/admin/dossiers/",
        "/admin/dossiers/?filter=open",
        "/admin/dossiers/?filter=overdue",
        "/admin/dossiers/?signal=not_contacted",
        "/admin/dossiers/?q=aTell",
        "/admin/dossiers/?q=bTell&filter=overdue",
        f"/admin/dossiers/{employee}/",
        "/admin/reports/",
        "/admin/reports/?per=case_manager",
        "/admin/absence/",
        "/admin/absence/?van=2025-01-01&tot=2026-03-01",
        "/admin/absence/csv",
    ]


def test_case_manager_pages_are_bounded(db, client, big):
    sign_in(client, big["managers"][0])
    for path in _case_manager_pages(big):
        _assert_bounded(db, client, path)


def _todo_tasks(db, big) -> None:
    """Own tasks for the first case manager: open ones about clients and not, done and cancelled ones."""
    from casework.agenda_tasks import cancel_task, complete_task, create_task
    from models import User

    manager = db.session.get(User, big["managers"][0].id)
    clients = db.session.scalars(sa.select(Employee).where(Employee.case_manager_id == manager.id)).all()
    now = NOW.replace(tzinfo=None)
    for n in range(30):
        about = clients[n % len(clients)].id if n % 3 else None
        task = create_task({"title": f"Taak {n}", "employee_id": about}, actor=Actor(manager), now=now)
        if n % 5 == 1:
            complete_task(task, actor=Actor(manager), now=now)
        elif n % 5 == 2:
            cancel_task(task, {"reason": "Niet meer nodig"}, actor=Actor(manager), now=now)
    db.session.flush()


def test_the_to_do_list_is_bounded(db, client, big, admin_user):
    admin = Who(admin_user.id, admin_user.session_token)
    _todo_tasks(db, big)
    sign_in(client, big["managers"][0])
    page = _assert_bounded(db, client, "/admin/todo/")
    assert "Taak 29" in page and "trajecttaak" in page
    closed = _assert_bounded(db, client, "/admin/todo/?toon=afgerond")
    assert "Niet meer nodig" in closed
    sign_in(client, admin)
    _assert_bounded(db, client, f"/admin/todo/?user={big['managers'][0].id}")


def test_admin_pages_are_bounded(db, client, big, admin_user):
    sign_in(client, Who(admin_user.id, admin_user.session_token))
    for path in _case_manager_pages(big):
        _assert_bounded(db, client, path)


def test_absence_and_workforce_pages_are_bounded_with_workforce_figures(db, client, big, admin_user):
    """Every employer with two workforce periods: the figures stay one statement, the employer's pages bounded."""
    from models import Employer, EmployerWorkforce

    employers = db.session.scalars(sa.select(Employer).where(Employer.name.like("Werkgever %"))).all()
    for n, employer in enumerate(employers):
        db.session.add_all(
            [
                EmployerWorkforce(
                    employer=employer,
                    valid_from=dt.date(2025, 1, 1),
                    valid_until=dt.date(2025, 12, 31),
                    headcount=40 + n,
                    fte=Decimal(30 + n),
                ),
                EmployerWorkforce(
                    employer=employer, valid_from=dt.date(2026, 1, 1), headcount=42 + n, fte=Decimal(31 + n)
                ),
            ]
        )
    db.session.flush()
    first = employers[0].id  # the test expunges the session between requests
    sign_in(client, Who(admin_user.id, admin_user.session_token))
    page = _assert_bounded(db, client, "/admin/absence/?van=2025-06-01&tot=2026-03-01")
    assert (
        page.count('<td class="text-right text-nowrap">personeelsbestand</td>') == EMPLOYERS + 1
    )  # and the total
    _assert_bounded(db, client, "/admin/absence/csv?van=2025-06-01&tot=2026-03-01")
    _assert_bounded(db, client, f"/admin/employers/{first}/workforce")
    # The employer page shows the figures with one statement, however many there are.
    before = len(_request(db, client, f"/admin/employers/{first}/")[1])
    db.session.add_all(
        EmployerWorkforce(
            employer_id=first,
            valid_from=dt.date(2020 + n, 1, 1),
            valid_until=dt.date(2020 + n, 12, 31),
            headcount=9,
            fte=8,
        )
        for n in range(4)
    )
    status, statements, body = _request(db, client, f"/admin/employers/{first}/")
    assert status == 200 and body.count("01-01-202") >= 6
    assert len(statements) == before


def test_dossier_page_shows_what_it_loaded_after_logging_the_read(db, client, big):
    """The read-logging commit does not expire what was loaded: the page is complete in a bounded count."""
    employee = big["long_read"]
    sign_in(client, big["long_read_manager"])
    body = _assert_bounded(db, client, f"/admin/dossiers/{employee}/")
    logbook = body.split('id="logbook"')[1].split("</table>")[0]
    assert logbook.count("<tr><td>") == 25  # the 25 newest lines
    first_line = logbook.split("<tr><td>")[1]
    assert "Dossier van Kees aTelling000 ingezien" in first_line  # this read, logged before the log was read
    shown = [int(n) for n in re.findall(r"Regel (\d+)<", logbook)]
    assert shown == list(range(len(shown))) and len(shown) >= 15  # the newest lines, newest first
    assert 'id="logbook-all"' in body and "De nieuwste 25 regels." in body
    assert body.count('class="card mb-3 trajectory"') == 2
    assert "Programma Telling (Aanbieder Telling)" in body
    assert "Gesproken 0" in body and "Gebeld 0" in body
    assert '<span class="end-reason">Hersteld eigen werk</span>' in body  # the earlier report's end reason
    assert 'class="riv-check mb-3"' in body and '<tr class="riv-present"><td>Probleemanalyse</td>' in body
    reads = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LogEntry)
        .where(LogEntry.employee_id == employee, LogEntry.action == "dossier.read")
    )
    assert reads == 1


def test_dossier_statements_do_not_grow_with_the_log_book(db, client, big):
    """A second read (one log line more) runs exactly as many statements as the first."""
    employee = big["long_read"]
    sign_in(client, big["long_read_manager"])
    path = f"/admin/dossiers/{employee}/"
    first = _request(db, client, path)[1]
    second = _request(db, client, path)[1]
    assert len(first) == len(second) <= BOUND


def test_the_whole_log_book_is_read_a_bounded_page_at_a_time(db, client, big):
    """Every page of the whole log book, however long, in a bounded count; together they hold every line once."""
    employee = big["long_read"]
    sign_in(client, big["long_read_manager"])
    path, seen, pages = f"/admin/dossiers/{employee}/logboek/", [], 0
    while path:
        body = _assert_bounded(db, client, path)
        pages += 1
        table = body.split('id="logbook"')[1].split("</table>")[0]
        seen += re.findall(r"Regel (\d+)<", table)
        older = re.search(r'href="([^"]+)" id="logbook-older"', body)
        path = older.group(1).replace("&amp;", "&") if older else None
    assert pages == 3  # 260 lines, the first page's read and the later pages' reads: 100 + 100 + the rest
    assert seen == [str(n) for n in range(LOG_LINES)]  # newest first, each once
    reads = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LogEntry)
        .where(LogEntry.employee_id == employee, LogEntry.action == "dossier.logbook_read")
    )
    assert reads == 3


def _plan(db, query: sa.Select) -> str:
    """The database's plan for a query, as text.

    PostgreSQL is told to avoid sequential scans and sorts where it can: on a small test table either is cheaper
    than an index, and the question is whether the index can serve the query (a plan keeps them if not).
    """
    sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
    if db.engine.dialect.name == "sqlite":
        rows = db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}")).all()
        return "\n".join(str(row[-1]) for row in rows)
    db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
    db.session.execute(sa.text("SET LOCAL enable_sort = off"))
    try:
        return "\n".join(row[0] for row in db.session.execute(sa.text(f"EXPLAIN {sql}")))
    finally:
        db.session.execute(sa.text("SET LOCAL enable_seqscan = on"))
        db.session.execute(sa.text("SET LOCAL enable_sort = on"))


def test_overdue_count_reads_the_partial_index_of_open_tasks(db, big):
    from console.admin.dashboard import overdue_tasks

    plan = _plan(db, overdue_tasks(NOW.date()))
    assert "ix_tasks_open_due_date" in plan, plan
    assert "trajectories" not in plan and "employees" not in plan, plan


def test_a_caseloads_counts_are_read_from_indexes(db, big):
    """The dashboard of a case manager: their open trajectories and overdue tasks from indexes, never from every
    row. SQLite's planner is told by the indexes alone: per employee of the caseload from
    ix_trajectories_employee_status, and the open tasks per trajectory from the partial ix_tasks_open_trajectory.
    PostgreSQL weighs the sizes, and on a test's few rows any index will do; migration e4b9d2a7c6f3 has its plans
    at 100,000 employees."""
    from console.admin.dashboard import open_trajectories, overdue_tasks

    manager = big["managers"][0].id
    trajectories = _plan(db, open_trajectories(manager))
    tasks = _plan(db, overdue_tasks(NOW.date(), manager))
    if db.engine.dialect.name == "sqlite":
        assert "ix_trajectories_employee_status" in trajectories, trajectories
        assert "ix_trajectories_employee_status" in tasks and "ix_tasks_open_trajectory" in tasks, tasks
        assert "SCAN trajectories" not in trajectories + tasks and "SCAN tasks" not in tasks
    else:
        assert "Seq Scan" not in trajectories + tasks, trajectories + tasks


def test_dossier_list_is_read_in_order_from_the_sort_index(app, db, big):
    from console.admin.dossiers import list_query

    plan = _plan(db, list_query(sa.select(Employee), "", "", NOW.date()).limit(101))
    assert "ix_employees_sort_name" in plan, plan
    assert "TEMP B-TREE" not in plan.upper() and "Sort" not in plan, (
        plan
    )  # no sort step: the index is the order


def _configuration_lists(app) -> list[str]:
    """Every list page of the configuration and administration menus."""
    admin = app.extensions["admin"][0]
    paths = []
    with app.test_request_context():
        from flask import url_for

        for view in admin._views:
            if isinstance(view, ModelView):
                paths.append(url_for(f"{view.endpoint}.index_view"))
        paths.append(url_for("triggers.index"))
    return paths


@pytest.fixture
def many_config_rows(db, big, create_programme) -> Callable[[], None]:
    """More rows in the lists whose columns show related rows (providers, programmes, templates)."""
    for n in range(12):
        create_programme(name=f"Extra programma {n}", characteristics=())
    db.session.flush()


def test_every_configuration_list_is_bounded(app, db, client, admin_user, many_config_rows):
    sign_in(client, Who(admin_user.id, admin_user.session_token))
    paths = _configuration_lists(app)
    assert len(paths) > 15
    for path in paths:
        _assert_bounded(db, client, path)


def test_counting_sees_a_lazy_load(db, client, big):
    """The counter is honest: a lazy load per row is counted."""
    db.session.commit()
    db.session.expunge_all()
    with counted(db) as statements:
        tasks = db.session.scalars(sa.select(Task).limit(5)).all()
        for task in tasks:
            assert task.trajectory is not None
    assert len(statements) == 1 + len({t.trajectory_id for t in tasks})
