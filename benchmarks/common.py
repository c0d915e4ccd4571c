"""What the benchmarks share: the clock they pretend it is, timing, percentiles, and the databases they run on.

Each benchmark prints ratios of figures measured in the same run, never absolute targets alone: on a shared or
loaded machine the absolute times move, the ratios much less.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import resource
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

NOW = dt.datetime(2026, 3, 2, 9, 30)


def peak_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def timed(
    work: Callable[[], Any],
    repeat: int,
    *,
    before: Callable[[], Any] | None = None,
    after: Callable[[], Any] | None = None,
) -> tuple[float, Any]:
    """Median seconds of `work` over `repeat` runs, and what its last run returned.

    `before` and `after` run around each run, outside the time measured (e.g. a rollback, so every run starts
    from the same state).
    """
    times, answer = [], None
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        answer = work()
        times.append(time.perf_counter() - started)
        if after is not None:
            after()
    return statistics.median(times), answer


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank; the largest for small samples)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def scale_arguments(prog: str, argv: list[str] | None, **extra: Any) -> argparse.Namespace:
    """--scale (default BENCH_SCALE, else 1), --sqlite-only, --postgresql-only, and `extra` options
    (name=(type, default, help))."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", "1")),
        help="fraction of the full size (1 = 100,000 employees, 1,000,000 tasks); default BENCH_SCALE or 1",
    )
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    for name, (kind, default, text) in extra.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=kind, default=default, help=text)
    return parser.parse_args(argv if argv is not None else [])


def on_each_database(args: argparse.Namespace, bench: Callable[[str, str], None]) -> None:
    """bench(url, label) on a temporary SQLite file, then on PostgreSQL (unless the arguments say otherwise)."""
    if not args.postgresql_only:
        with tempfile.TemporaryDirectory(prefix="traject-bench-") as folder:
            bench(f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite")
    if not args.sqlite_only:
        with postgres() as url:
            if url:
                bench(url, "PostgreSQL")


@contextlib.contextmanager
def postgres() -> Iterator[str | None]:
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


def generated_app(url: str, label: str, scale: float, now: dt.datetime, **config: Any) -> Any:
    """A migrated app on `url` with the seed and the generated data set (benchmarks.generate) at `scale`."""
    from flask_migrate import upgrade

    from benchmarks.generate import Size, generate
    from casework.seed import load_seed_configuration
    from console import create_app
    from models import db

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, **config})
    with app.app_context():
        upgrade()
        load_seed_configuration(now)
        db.session.commit()
        started = time.perf_counter()
        counts = generate(db.engine, now, Size().scaled(scale))
        print(
            f"\n{label}: generated in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items()),
            flush=True,
        )
    return app


def check(condition: bool, message: str) -> None:
    """Stop the benchmark when what it compares is not the same work (an assert would vanish under -O)."""
    if not condition:
        raise RuntimeError(message)
