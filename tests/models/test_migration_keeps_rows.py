"""Upgrading a database in use keeps its rows: on SQLite, rebuilding a table (batch mode) must not delete the rows
that refer to it. Filled at the revision the previous release ended at, then upgraded to head."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import upgrade

from models import db

RELEASED = "9d41c6e83a57"  # the head of the previous release (TOTP); every later migration runs on these rows

ROWS = [
    ("labels", {"id": 1, "name": "Label"}),
    ("employers", {"id": 1, "name": "Bakkerij", "label_id": 1, "created_at": "2026-01-02 09:00:00"}),
    (
        "users",
        {
            "id": 1,
            "email": "cm@example.nl",
            "name": "Casemanager",
            "role": "casemanager",
            "session_token": "t" * 32,
            "created_at": "2026-01-02 09:00:00",
        },
    ),
    (
        "employees",
        {
            "id": 1,
            "employer_id": 1,
            "personnel_number": "P1",
            "last_name": "Jansen",
            "created_at": "2026-01-02 09:00:00",
        },
    ),
    (
        "sick_reports",
        {
            "id": 1,
            "employee_id": 1,
            "first_sick_day": "2026-01-05",
            "percentage": 100,
            "reported_at": "2026-01-05 09:00:00",
        },
    ),
    (
        "sick_report_percentages",
        {
            "sick_report_id": 1,
            "percentage": 50,
            "from_date": "2026-02-02",
            "recorded_at": "2026-02-02 09:00:00",
        },
    ),
    (
        "poortwachter_steps_done",
        {
            "sick_report_id": 1,
            "step_key": "probleemanalyse",
            "done_on": "2026-02-10",
            "recorded_at": "2026-02-10 09:00:00",
        },
    ),
    (
        "poortwachter_open_steps",
        {
            "sick_report_id": 1,
            "employee_id": 1,
            "step_key": "plan_van_aanpak",
            "label": "Plan van aanpak",
            "due_date": "2026-03-01",
        },
    ),
    (
        "contacts",
        {
            "employee_id": 1,
            "kind": "telefoon",
            "with_whom": "werknemer",
            "day": "2026-02-03",
            "recorded_at": "2026-02-03 09:00:00",
        },
    ),
    (
        "signals",
        {
            "id": 1,
            "kind": "not_contacted",
            "subject_type": "employee",
            "subject_id": 1,
            "due_date": "2026-03-01",
            "raised_at": "2026-03-01 09:00:00",
        },
    ),
    (
        "notifications",
        {
            "signal_id": 1,
            "recipient_id": 1,
            "text": "Lang niet gesproken",
            "created_at": "2026-03-01 09:00:00",
            "next_attempt_at": "2026-03-01 09:00:00",
        },
    ),
]


def _counts() -> dict[str, int]:
    with db.engine.connect() as connection:
        return {
            table: connection.scalar(sa.text(f"SELECT count(*) FROM {table}"))  # noqa: S608 - names from ROWS
            for table, _ in ROWS
        }


def test_upgrading_a_filled_database_keeps_every_row(make_app):
    app = make_app()
    with app.app_context():
        upgrade(revision=RELEASED)
        with db.engine.begin() as connection:
            for table, row in ROWS:
                columns = ", ".join(row)
                values = ", ".join(f":{name}" for name in row)
                connection.execute(sa.text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)  # noqa: S608
        before = _counts()
        assert set(before.values()) == {1}

        upgrade()

        assert _counts() == before
        with db.engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT percentage FROM sick_report_percentages")) == 50
            if connection.dialect.name == "sqlite":  # the app's connections have their foreign keys on again
                assert connection.scalar(sa.text("PRAGMA foreign_keys")) == 1
