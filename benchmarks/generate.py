"""A realistic data set for the scheduler benchmarks, bulk-loaded: COPY on PostgreSQL, executemany on SQLite.

Default size (issue 7): 100,000 employees with one open trajectory each, 1,000,000 open tasks of which 5% are
past due, 30% of the employees on sick leave with an open report (some with earlier, chained reports) and 20% with
a running intervention. For the absence figures every employee has an employment start (3% left in the last 200
days) and contract hours (5% unknown); 70% of the employees without an open report have one to five ended reports
of the last two years (short, medium, long and a few extra long; some of them three in a year: frequent absence),
and every report has its percentage history, with a partial recovery to 50% in some. Rows are streamed in chunks,
so memory stays flat whatever the size. Ids are given
explicitly (the sequences are moved past them on PostgreSQL). Needs a migrated database with the seed loaded.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

import sqlalchemy as sa

CHUNK = 50_000


@dataclass(frozen=True)
class Size:
    """How much to generate."""

    employees: int = 100_000
    tasks: int = 1_000_000
    past_due: float = 0.05
    case_managers: int = 200
    employers: int = 1_000

    def scaled(self, factor: float) -> Size:
        """A smaller (or larger) data set of the same shape."""
        return Size(
            employees=max(int(self.employees * factor), 10),
            tasks=max(int(self.tasks * factor), 100),
            past_due=self.past_due,
            case_managers=max(int(self.case_managers * factor), 2),
            employers=max(int(self.employers * factor), 2),
        )


def _load(connection: Any, dialect: str, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Bulk-insert rows through the driver: COPY on PostgreSQL, executemany on SQLite."""
    count = 0
    cursor = connection.cursor()
    iterator: Iterator[tuple] = iter(rows)
    try:
        while chunk := list(islice(iterator, CHUNK)):
            if dialect == "postgresql":
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in columns)
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", chunk)
            count += len(chunk)
    finally:
        cursor.close()
    return count


def _sqlite(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def generate(engine: sa.Engine, now: dt.datetime, size: Size = Size(), seed: int = 42) -> dict[str, int]:
    """Fill the database; returns the number of rows per table."""
    from models import Label, TrajectoryTemplate

    rng = random.Random(seed)
    today = now.date()
    dialect = engine.dialect.name
    with engine.connect() as c:
        label_id = c.scalar(sa.select(Label.id).order_by(Label.id))
        template_id = c.scalar(
            sa.select(TrajectoryTemplate.id).where(TrajectoryTemplate.name == "Inzet interventie")
        )
        templates = c.execute(
            sa.text(
                "SELECT id, key, name, kind FROM task_templates WHERE trajectory_template_id = :t ORDER BY id"
            ),
            {"t": template_id},
        ).all()
        base = {t: (c.scalar(sa.text(f"SELECT coalesce(max(id), 0) FROM {t}")) or 0) for t in _TABLES}
    n = size.employees
    users = range(base["users"] + 1, base["users"] + size.case_managers + 1)
    employers = range(base["employers"] + 1, base["employers"] + size.employers + 1)
    employees = range(base["employees"] + 1, base["employees"] + n + 1)
    trajectory_of = {e: base["trajectories"] + i + 1 for i, e in enumerate(employees)}
    manager_of = lambda e: users[e % len(users)]  # noqa: E731
    weights = ("low", "medium", "high")

    def days(a: int, b: int) -> dt.date:
        return today + dt.timedelta(days=rng.randint(a, b))

    tables: dict[str, tuple[tuple[str, ...], Iterable[tuple]]] = {
        "users": (
            (
                "id",
                "email",
                "name",
                "role",
                "slack_user_id",
                "language",
                "session_token",
                "active",
                "created_at",
            ),
            (
                (
                    u,
                    f"cm{u}@bench.example",
                    f"Casemanager {u}",
                    "casemanager",
                    f"UB{u:07d}",
                    "nl",
                    "x" * 32,
                    True,
                    now,
                )
                for u in users
            ),
        ),
        "employers": (
            ("id", "name", "label_id", "active", "created_at"),
            ((e, f"Bench werkgever {e}", label_id, True, now) for e in employers),
        ),
        "employees": (
            (
                "id",
                "employer_id",
                "personnel_number",
                "last_name",
                "case_manager_id",
                "client_weight",
                "last_contact_on",
                "legal_hold",
                "created_at",
                "employment_start",
                "employment_end",
                "contract_hours",
            ),
            (
                (
                    e,
                    employers[e % len(employers)],
                    f"B{e}",
                    f"Werknemer{e}",
                    manager_of(e),
                    rng.choice(weights),
                    days(-70, 0),
                    False,
                    now,
                    days(-6000, -800),  # before any generated report
                    days(-200, -1) if e % 3 and rng.random() < 0.03 else None,
                    None if rng.random() < 0.05 else rng.choice(HOURS),
                )
                for e in employees
            ),
        ),
        "trajectories": (
            ("id", "template_id", "employee_id", "case_manager_id", "status", "started_on", "created_at"),
            (
                (trajectory_of[e], template_id, e, manager_of(e), "open", days(-300, -30), now)
                for e in employees
            ),
        ),
        "tasks": (
            (
                "id",
                "trajectory_id",
                "task_template_id",
                "key",
                "name",
                "kind",
                "status",
                "due_date",
                "assignee_id",
                "created_at",
                "chain_depth",
            ),
            _tasks(rng, size, base["tasks"], trajectory_of, manager_of, templates, today, now, employees),
        ),
        "sick_reports": (
            (
                "id",
                "employee_id",
                "first_sick_day",
                "percentage",
                "target_rtw_date",
                "recovery_date",
                "reported_at",
            ),
            _reports(rng, base["sick_reports"], employees, today, now),
        ),
    }
    history = (
        ("id", "employee_id", "first_sick_day", "percentage", "recovery_date", "reported_at"),
        _history(rng, base["sick_reports"] + 2 * len(employees), employees, today, now),
    )
    counts: dict[str, int] = {}
    raw = engine.raw_connection()
    try:
        for table, (columns, rows) in tables.items():
            if dialect == "sqlite":
                rows = (tuple(_sqlite(v) for v in row) for row in rows)
            counts[table] = _load(raw, dialect, table, columns, rows)
        columns, rows = history
        if dialect == "sqlite":
            rows = (tuple(_sqlite(v) for v in row) for row in rows)
        counts["sick_reports"] += _load(raw, dialect, "sick_reports", columns, rows)
        raw.commit()
    finally:
        raw.close()
    holidays = _holidays(today)
    with engine.begin() as c:
        _interventions(c, rng, size, trajectory_of, today)
        counts["interventions"] = int(c.scalar(sa.text("SELECT count(*) FROM interventions")))
        counts["poortwachter_open_steps"] = _open_steps(c, dialect, base["sick_reports"], today, holidays)
        counts["sick_report_percentages"] = _percentages(c, dialect, base["sick_reports"], today, now)
        if dialect == "postgresql":
            for table in (*_TABLES, "interventions", "programmes", "providers"):
                c.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
    if dialect == "postgresql":  # as autovacuum keeps a live database: statistics, visibility map
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as c:
            c.exec_driver_sql("ANALYZE")
    return counts


_TABLES = (
    "users",
    "employers",
    "employees",
    "trajectories",
    "tasks",
    "sick_reports",
    "sick_report_percentages",
)
HOURS = (
    Decimal("16"),
    Decimal("20"),
    Decimal("24"),
    Decimal("32"),
    Decimal("36"),
    Decimal("38"),
    Decimal("40"),
)
# Durations of the ended reports: (share, shortest, longest) in days; short, medium, long, extra long.
_DURATIONS = ((0.6, 1, 7), (0.25, 8, 42), (0.12, 43, 365), (0.03, 366, 500))


def _tasks(rng, size, base, trajectory_of, manager_of, templates, today, now, employees) -> Iterator[tuple]:
    """Open tasks spread over the trajectories; `past_due` of them due before today."""
    ids = list(employees)
    for i in range(size.tasks):
        employee = ids[i % len(ids)]
        template = templates[i % len(templates)]
        due = (
            today - dt.timedelta(days=rng.randint(1, 60))
            if rng.random() < size.past_due
            else (today + dt.timedelta(days=rng.randint(0, 120)))
        )
        yield (
            base + i + 1,
            trajectory_of[employee],
            template.id,
            template.key,
            template.name,
            template.kind,
            "open",
            due,
            manager_of(employee),
            now,
            0,
        )


def _reports(rng, base, employees, today, now) -> Iterator[tuple]:
    """Every third employee is on sick leave; one in ten of those had an earlier report that chains."""
    n = base
    for e in employees:
        if e % 3:
            continue
        first = today - dt.timedelta(days=rng.randint(0, 700))
        if rng.random() < 0.1:
            earlier = first - dt.timedelta(days=rng.randint(40, 120))
            n += 1
            yield (n, e, earlier, Decimal("100"), None, first - dt.timedelta(days=rng.randint(5, 20)), now)
        n += 1
        target = first + dt.timedelta(days=rng.randint(14, 400))
        yield (n, e, first, Decimal("100"), target, None, now)


def _history(rng, base, employees, today, now) -> Iterator[tuple]:
    """Ended reports of the last two years for 70% of the employees without an open report (e % 3 != 0, so no
    open report's samentelling or Poortwachter steps change): one to four, one after the other, never overlapping."""
    n = base
    for e in employees:
        if not e % 3 or rng.random() < 0.3:
            continue
        first = today - dt.timedelta(days=rng.randint(100, 730))
        for _ in range(rng.randint(1, 5)):
            pick, duration = rng.random(), 1
            for share, shortest, longest in _DURATIONS:
                if pick < share:
                    duration = rng.randint(shortest, longest)
                    break
                pick -= share
            end = first + dt.timedelta(days=duration)
            if end >= today:
                break
            n += 1
            yield (n, e, first, Decimal("100"), end, now)
            first = end + dt.timedelta(days=rng.randint(10, 150))


def _percentages(c: sa.Connection, dialect: str, base: int, today: dt.date, now: dt.datetime) -> int:
    """Every generated report's percentage history: 100% from its first day and, for one in five reports of 14
    days or more (ended, or open so far), a partial recovery to 50% halfway; an open report then is 50% now."""
    from jobs.sqlparts import Dialect

    d = Dialect(dialect)
    until = f"COALESCE(recovery_date, {':today' if d.sqlite else 'CAST(:today AS DATE)'})"
    length = d.days_between(until, "first_sick_day")
    params = {
        "base": base,
        "now": _sqlite(now) if d.sqlite else now,
        "today": _sqlite(today) if d.sqlite else today,
    }
    c.execute(
        sa.text(
            "INSERT INTO sick_report_percentages (sick_report_id, percentage, from_date, recorded_at)"
            " SELECT id, 100, first_sick_day, :now FROM sick_reports WHERE id > :base"
        ),
        params,
    )
    partial = f"id > :base AND {length} >= 14 AND id - 5 * (id / 5) = 0"
    c.execute(
        sa.text(
            "INSERT INTO sick_report_percentages (sick_report_id, percentage, from_date, recorded_at)"
            f" SELECT id, 50, {d.plus_days('first_sick_day', f'({length}) / 2')}, :now FROM sick_reports"
            f" WHERE {partial}"
        ),
        params,
    )
    c.execute(
        sa.text(f"UPDATE sick_reports SET percentage = 50 WHERE {partial} AND recovery_date IS NULL"), params
    )
    return int(c.scalar(sa.text("SELECT count(*) FROM sick_report_percentages")))


# The open Poortwachter steps of a generated report (nothing is recorded on it): (key, count day, kind). "own"
# counts from the report's own first sick day; "count" is a day of illness along the samentelling chain; "uwv"
# is the first working day after that count day. casework.deadlines computes the same lines (tested in
# tests/jobs/test_generate_open_steps.py against casework.timeline.refresh_all_open_steps).
_STEPS = (
    ("ziekmelding_bedrijfsarts", 6, "own"),
    ("probleemanalyse", 7 * 6 - 1, "count"),
    ("plan_van_aanpak", 7 * 8 - 1, "count"),
    ("evaluatie_1", 7 * 8 - 1 + 42, "count"),  # 6 weeks after the plan's deadline, none being recorded
    ("melding_uwv", 7 * 42 - 1, "uwv"),
    ("eerstejaarsevaluatie", 7 * 52 - 1, "count"),
    ("riv_spoor_2_besluit", 7 * 84, "count"),  # the first day of week 85 (casework.riv)
    ("riv_eindevaluatie", 7 * 84, "count"),
    ("riv_actueel_oordeel", 7 * 84, "count"),
    ("re_integratieverslag", 7 * 91 - 1, "count"),
    ("wia_aanvraag", 7 * 93 - 1, "count"),
)


def _holidays(today: dt.date) -> list[dt.date]:
    """The working-day calendar's holidays around the generated dates (the console's list, else the law's)."""
    from casework.calendar import holiday_dates
    from models import db

    days = holiday_dates(today - dt.timedelta(days=800), today + dt.timedelta(days=800))
    db.session.rollback()  # end the session's read: the generator writes on connections of its own
    return days


def _open_steps(c: sa.Connection, dialect: str, base: int, today: dt.date, holidays: list[dt.date]) -> int:
    """Fill poortwachter_open_steps for the generated open reports with one INSERT … SELECT (as
    casework.timeline would, row by row), so the scan's Poortwachter kind has real work to do."""
    from casework.deadlines import step_label
    from jobs.sqlparts import Dialect

    d = Dialect(dialect)

    def day(text: str) -> str:
        return f"'{text}'" if d.sqlite else f"DATE '{text}'"

    def weekday(expr: str) -> str:  # 0 = Sunday … 6 = Saturday
        return f"CAST(strftime('%w', {expr}) AS INTEGER)" if d.sqlite else f"EXTRACT(DOW FROM {expr})"

    not_holiday = f" AND {{c}} NOT IN ({', '.join(day(h.isoformat()) for h in holidays)})" if holidays else ""
    steps = ", ".join(f"('{k}', {n}, '{kind}')" for k, n, kind in _STEPS)
    # The day of count day k: in the earlier period when it is that long, else in this report's period.
    on_count = (
        f"CASE WHEN r.len IS NOT NULL AND s.n < r.len THEN {d.plus_days('r.e_first', 's.n')}"
        f" ELSE {d.plus_days('r.first', 's.n - COALESCE(r.len, 0)')} END"
    )
    candidate = d.plus_days("b.due", "o.o")
    labels = " ".join(f"WHEN '{k}' THEN :label_{i}" for i, (k, _n, _kind) in enumerate(_STEPS))
    sql = (
        "WITH r AS (SELECT sr.id AS report_id, sr.employee_id, sr.first_sick_day AS first,"
        " e.first_sick_day AS e_first, "
        f"{d.days_between('e.recovery_date', 'e.first_sick_day')} AS len"
        " FROM sick_reports sr LEFT JOIN sick_reports e ON e.employee_id = sr.employee_id AND e.id <> sr.id"
        " AND e.recovery_date IS NOT NULL AND e.first_sick_day < sr.first_sick_day"
        f" AND {d.days_between('sr.first_sick_day', 'e.recovery_date')} BETWEEN 0 AND 27"
        " WHERE sr.id > :base AND sr.recovery_date IS NULL AND sr.closed_on IS NULL),"
        f" s(step_key, n, kind) AS (VALUES {steps}),"
        " o(o) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)),"
        f" b AS (SELECT r.report_id, r.employee_id, s.step_key, s.kind, CASE s.kind"
        f" WHEN 'own' THEN {d.plus_days('r.first', 's.n')} ELSE {on_count} END AS due FROM r CROSS JOIN s)"
        " INSERT INTO poortwachter_open_steps (sick_report_id, employee_id, step_key, label, due_date)"
        f" SELECT report_id, employee_id, step_key, CASE step_key {labels} END, due FROM b WHERE kind <> 'uwv'"
        f" UNION ALL SELECT b.report_id, b.employee_id, b.step_key, CASE b.step_key {labels} END, min({candidate})"
        f" FROM b CROSS JOIN o WHERE b.kind = 'uwv' AND {weekday(candidate)} NOT IN (0, 6)"
        + not_holiday.format(c=candidate)
        + " GROUP BY b.report_id, b.employee_id, b.step_key"
    )
    params = {"base": base, **{f"label_{i}": step_label(k) for i, (k, _n, _kind) in enumerate(_STEPS)}}
    c.execute(sa.text(sql), params)
    return int(
        c.scalar(
            sa.text("SELECT count(*) FROM poortwachter_open_steps WHERE sick_report_id > :b"), {"b": base}
        )
    )


def _interventions(
    c: sa.Connection, rng: random.Random, size: Size, trajectory_of: dict, today: dt.date
) -> None:
    """One provider and programme; a running intervention in every fifth trajectory."""
    from models import Intervention, Programme, Provider

    provider = c.execute(
        sa.insert(Provider).values(name="Bench provider").returning(Provider.id)
    ).scalar_one()
    programme = c.execute(
        sa.insert(Programme)
        .values(name="Bench programma", provider_id=provider, price=Decimal("1500"), duration_weeks=12)
        .returning(Programme.id)
    ).scalar_one()
    rows = []
    for e, trajectory in trajectory_of.items():
        if e % 5 == 0:
            start = today - dt.timedelta(days=rng.randint(0, 200))
            rows.append(
                {
                    "trajectory_id": trajectory,
                    "programme_id": programme,
                    "price": Decimal("1500"),
                    "started_on": start,
                    "prognosis_end": start + dt.timedelta(days=84),
                }
            )
    for i in range(0, len(rows), CHUNK):
        c.execute(sa.insert(Intervention.__table__), rows[i : i + CHUNK])
