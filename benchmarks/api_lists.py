"""The API's overdue-task list beside reading one employee, on the generated data set, in the same run.

Run with `python -m benchmarks.api_lists [--scale 0.1] [--sqlite-only|--postgresql-only]`. The data set is
benchmarks.generate (100,000 employees, 1,000,000 open tasks of which 5% past due at scale 1). Requests go
through the app in-process (Flask's test client, no network), with a token that sees everything and with one of
a case manager (their caseload). Printed per database: the median of REPEAT requests of

- `GET /employees/{id}` (the reference: one row by key, its read written to the log book and committed);
- `GET /tasks/?overdue=true` (page 1 of 10) and page 50, and the same for the case manager's token;

each as a ratio to the reference, with the target of issue 15 (within 3x). Nothing asserts on time.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from benchmarks.common import NOW, generated_app, on_each_database, scale_arguments, timed

REPEAT = 21
TARGET = 3.0


def _median(client: Any, path: str, headers: dict[str, str]) -> tuple[float, Any]:
    """Median seconds of REPEAT GETs of `path` (after one warm-up), and the last response."""
    response = client.get(path, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code} {response.get_data(as_text=True)[:200]}")
    return timed(lambda: client.get(path, headers=headers), REPEAT)


def _bench(url: str, label: str, scale: float) -> None:
    import sqlalchemy as sa

    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM
    from models import Employee, User, db, utcnow

    # generated around today: the API's overdue is measured against the real clock
    app = generated_app(url, label, scale, utcnow())
    with app.app_context():
        manager = db.session.scalar(
            sa.select(User).where(User.email.like("cm%@bench.example")).order_by(User.id)
        )
        employee = db.session.scalar(
            sa.select(Employee.id).where(Employee.case_manager_id == manager.id).order_by(Employee.id)
        )
        everyone = create_api_token(name="bench-alles", actor=SYSTEM, now=NOW)[1]
        caseload = create_api_token(name="bench-casemanager", actor=SYSTEM, now=NOW, user=manager)[1]
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    for who, secret in (("token for everything", everyone), ("case manager's token", caseload)):
        headers = {"Authorization": f"Bearer {secret}"}
        reference, _ = _median(client, f"/api/v1/employees/{employee}", headers)
        print(f"  {who}:")
        print(f"    GET /employees/{{id}}                    {reference * 1000:8.1f} ms  (reference)")
        for path in ("/api/v1/tasks/?overdue=true", "/api/v1/tasks/?overdue=true&page=50"):
            seconds, response = _median(client, path, headers)
            header = json.loads(response.headers["X-Pagination"])
            total = f"{header['total']:,}{'+' if header.get('total_capped') else ''}"
            print(
                f"    GET {path[7:]:<36} {seconds * 1000:8.1f} ms  ratio {seconds / reference:5.2f}x"
                f"  (target within {TARGET:g}x)  total {total}"
            )
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def run(argv: list[str] | None = None) -> None:
    """Benchmark on SQLite and PostgreSQL."""
    args = scale_arguments("python -m benchmarks.api_lists", argv)
    print(f"API lists at scale {args.scale:g}: median of {REPEAT} requests (ratio = list / one employee)")
    on_each_database(args, lambda url, label: _bench(url, label, args.scale))


if __name__ == "__main__":
    run(sys.argv[1:])
