"""The signal scan on 100,000 employees and 1,000,000 open tasks (5% past due), beside one hand-written statement.

Run with `python -m benchmarks.signal_scan [--scale 0.1] [--sqlite-only]`. SQLite in a temporary file; PostgreSQL
on BENCH_POSTGRES_URL when set, else on a private server started with tests/postgres.py (skipped when PostgreSQL
is not installed). Printed per database, each time the median of three runs inside a rolled-back transaction:

- the hand-written reference: the single `INSERT … SELECT … ON CONFLICT DO NOTHING` for overdue tasks;
- the scan's task_overdue part (its resolve, its raise and the outbox insert), as a ratio to the reference;
- the whole scan (all five kinds, their resolves and the outbox), as a ratio to the reference;
- a second scan after a committed one: nothing new, so 0 rows written;
- the peak resident memory of the process (resource.getrusage), generation included.
Nothing here asserts on time; the targets of issue 7 are printed beside the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

NOW = dt.datetime(2026, 3, 2, 9, 30)
REPEAT = 3

HAND_WRITTEN = (
    "INSERT INTO signals (kind, subject_type, subject_id, due_date, employee_id, trajectory_id, detail, status,"
    " raised_at) SELECT 'task_overdue', 'task', t.id, t.due_date, tr.employee_id, t.trajectory_id, '', 'open', :now"
    " FROM tasks t JOIN trajectories tr ON tr.id = t.trajectory_id WHERE t.status = 'open' AND t.due_date < :today"
    " ON CONFLICT (kind, subject_type, subject_id, due_date) WHERE status = 'open' DO NOTHING"
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _rolled_back(db: Any, work: Callable[[], int]) -> tuple[float, int]:
    """Median seconds of `work` over REPEAT runs, each rolled back; and the rows it wrote."""
    times, rows = [], 0
    for _ in range(REPEAT):
        db.session.rollback()
        started = time.perf_counter()
        rows = work()
        times.append(time.perf_counter() - started)
        db.session.rollback()
    return statistics.median(times), rows


def _bench(url: str, label: str, scale: float) -> None:
    from flask_migrate import upgrade

    from benchmarks.generate import Size, generate
    from casework.seed import load_seed_configuration
    from console import create_app
    from jobs.scan import scan_signals
    from jobs.sqlparts import execute
    from models import db

    size = Size().scaled(scale)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        db.session.commit()
        started = time.perf_counter()
        counts = generate(db.engine, NOW, size)
        print(
            f"\n{label}: generated in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items()),
            flush=True,
        )
        params = {"now": NOW, "today": NOW.date()}

        t_hand, n_hand = _rolled_back(db, lambda: execute(db.session, HAND_WRITTEN, params))
        t_task, r_task = _rolled_back(db, lambda: scan_signals(NOW, kinds=("task_overdue",)).rows_written)
        t_scan, r_scan = _rolled_back(db, lambda: scan_signals(NOW).rows_written)
        report = scan_signals(NOW)
        db.session.commit()
        t_again, r_again = _rolled_back(db, lambda: scan_signals(NOW + dt.timedelta(minutes=5)).rows_written)

        print(f"  hand-written task_overdue INSERT           {t_hand:8.3f} s  {n_hand:>9,} rows")
        print(
            f"  scan, task_overdue only (+ resolve, outbox) {t_task:8.3f} s  {r_task:>9,} rows"
            f"  ratio {t_task / t_hand:5.1f}x  (target within 3x)"
        )
        print(
            f"  scan, all five kinds + outbox, cold        {t_scan:8.3f} s  {r_scan:>9,} rows"
            f"  ratio {t_scan / t_hand:5.1f}x  (target under 10 s)"
        )
        print(f"    raised {report.raised}, queued {report.queued:,} notifications")
        print(
            f"  second scan, nothing new                   {t_again:8.3f} s  {r_again:>9,} rows"
            f"  (target under 2 s, 0 rows)"
        )
        print(f"  peak memory of this process                {_peak_mb():8.0f} MB  (target under 500 MB)")
        db.session.remove()
        db.engine.dispose()


@contextlib.contextmanager
def _postgres() -> Iterator[str | None]:
    """A database on BENCH_POSTGRES_URL, or on a private server; None when PostgreSQL is not available."""
    import psycopg

    server_url = os.environ.get("BENCH_POSTGRES_URL")
    server = None
    if not server_url:
        try:
            from tests.postgres import PostgresServer

            server = PostgresServer().start()
        except (RuntimeError, OSError) as error:
            print(f"\nPostgreSQL: skipped ({error})")
            yield None
            return
        server_url = server.url()
    from sqlalchemy.engine import make_url

    from models import normalise_database_url

    url = make_url(normalise_database_url(server_url))
    name = f"traject_bench_{uuid.uuid4().hex[:8]}"
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if server is not None:
            server.stop()


def run(argv: list[str] | None = None) -> None:
    """Benchmark on SQLite and PostgreSQL."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.signal_scan")
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", "1")),
        help="fraction of the full size (1 = 100,000 employees, 1,000,000 tasks)",
    )
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    args = parser.parse_args(argv if argv is not None else [])
    print(
        f"Signal scan at scale {args.scale:g}: median of {REPEAT} runs (ratio = scan / hand-written statement)"
    )
    if not args.postgresql_only:
        with tempfile.TemporaryDirectory(prefix="traject-bench-") as folder:
            _bench(f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite", args.scale)
    if not args.sqlite_only:
        with _postgres() as url:
            if url:
                _bench(url, "PostgreSQL", args.scale)


if __name__ == "__main__":
    run(sys.argv[1:])
