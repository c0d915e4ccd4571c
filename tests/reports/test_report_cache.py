"""The report page keeps a report a moment (casework.report_cache): shown again while nothing it counts changed,
computed anew after a write to what it counts, after TRAJECT_REPORT_MAX_AGE, or on "Nu opnieuw berekenen"."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import sqlalchemy as sa
import time_machine
from sqlalchemy import event

from casework.report_cache import GENERATION
from tests.console.conftest import sign_in
from tests.reports.test_report_pages import PERIOD, table

TRAJECTORIES_OPENED = 1  # the column "Gestart" in the trajectories table


@pytest.fixture
def statements(db):
    """The SQL statements run while the list is being filled (reset by the test)."""
    seen: list[str] = []
    engine = db.session.get_bind()

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def computed(seen: list[str]) -> bool:
    """Whether the page ran the report's statements (the trajectory figures read the trajectories)."""
    return any("FROM trajectories" in s and "count(" in s.lower() for s in seen)


def page(client, query: str = PERIOD) -> str:
    response = client.get(f"/admin/reports/?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def opened(text: str) -> str:
    return table(text)[1][TRAJECTORIES_OPENED]


def computed_at(text: str) -> str:
    found = re.search(r'id="report-computed">(.*?)<a', text, re.S)
    assert found, "the page does not say when its figures were computed"
    return html.unescape(found.group(1)).strip()


@time_machine.travel(dt.datetime(2026, 4, 1, 8, 0), tick=False)
def test_a_report_is_shown_again_until_something_it_counts_changes(
    db, client, dataset, admin_user, statements
):
    sign_in(client, admin_user)
    db.session.commit()  # the requests share the test's session: its writes are committed before
    first = page(client)
    assert opened(first) == "6"
    assert computed_at(first) == "Berekend op 01-04-2026 10:00."  # Dutch summer time

    statements.clear()
    again = page(client)
    assert not computed(statements), "the same report was computed twice with nothing changed"
    assert opened(again) == "6"

    # Opening a dossier writes its read to the log book only: the report stays.
    employee = dataset.t1.employee
    assert client.get(f"/admin/dossiers/{employee.id}/").status_code == 200
    statements.clear()
    page(client)
    assert not computed(statements)

    # A new trajectory in the period: the next page counts it.
    from models import Trajectory, TrajectoryStatus

    source = dataset.t1
    db_session = sa.inspect(source).session
    db_session.add(
        Trajectory(
            template=source.template,
            employee=source.employee,
            case_manager=source.case_manager,
            status=TrajectoryStatus.OPEN,
            started_on=dt.date(2026, 2, 2),
        )
    )
    db_session.flush()
    statements.clear()
    assert opened(page(client)) == "7"
    assert computed(statements)


def test_a_change_another_process_made_shows_after_the_maximum_age_or_at_once_on_request(
    db, client, dataset, admin_user, statements
):
    with time_machine.travel(dt.datetime(2026, 4, 1, 8, 0), tick=False):
        sign_in(client, admin_user)
        db.session.commit()  # the requests share the test's session: its writes are committed before
        assert opened(page(client)) == "6"
    # Written past the sessions, as another process would: this process cannot know.
    connection = sa.inspect(dataset.t1).session.connection()
    before = GENERATION.value
    connection.execute(
        sa.text(
            "INSERT INTO trajectories (template_id, employee_id, case_manager_id, status, started_on, created_at)"
            " SELECT template_id, employee_id, case_manager_id, 'open', :day, created_at FROM trajectories"
            " WHERE id = :id"
        ),
        {"day": dt.date(2026, 2, 3), "id": dataset.t1.id},
    )
    assert GENERATION.value == before
    with time_machine.travel(dt.datetime(2026, 4, 1, 8, 4, 59), tick=False):
        assert opened(page(client)) == "6"  # kept: 299 seconds old
        anew = page(client, PERIOD + "&opnieuw=1")
        assert opened(anew) == "7"
        assert computed_at(anew) == "Berekend op 01-04-2026 10:04."
    with time_machine.travel(dt.datetime(2026, 4, 1, 8, 10, 0), tick=False):
        statements.clear()
        assert opened(page(client)) == "7"
        assert computed(statements), "a report older than TRAJECT_REPORT_MAX_AGE was shown"


def test_the_link_computes_anew(client, dataset):
    sign_in(client, dataset.cm)
    text = page(client)
    link = re.search(r'<a href="([^"]+)" id="report-anew">Nu opnieuw berekenen</a>', text)
    assert link and "opnieuw=1" in html.unescape(link.group(1))
    assert "van=2026-01-01" in html.unescape(link.group(1))


def test_written_out_sql_counts_as_a_write_unless_it_is_to_the_log_book(db, dataset):
    db.session.commit()
    before = GENERATION.value
    db.session.execute(
        sa.text("INSERT INTO log_entries (at, actor_name, action) VALUES (:at, 'x', 'test.x')"),
        {"at": dt.datetime(2026, 4, 1)},
    )
    db.session.commit()
    assert GENERATION.value == before
    db.session.execute(
        sa.text("UPDATE trajectories SET financier = NULL WHERE id = :id"), {"id": dataset.t1.id}
    )
    assert GENERATION.value > before
    middle = GENERATION.value
    db.session.commit()
    assert GENERATION.value > middle


def test_a_maximum_age_of_zero_computes_every_report(make_app, create_user):
    from flask_migrate import upgrade

    from casework.seed import load_seed_configuration
    from models import db as _db
    from tests.conftest import NOW

    app = make_app(TRAJECT_REPORT_MAX_AGE=0)
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        from casework.accounts import create_user as make_user
        from casework.logbook import SYSTEM

        user = make_user(
            email="rapport0@traject.example",
            role="casemanager",
            actor=SYSTEM,
            now=NOW,
            password="Wachtwoord-rapport-0!",
        )
        _db.session.commit()
        client = app.test_client()
        sign_in(client, user)
        _db.session.commit()
        seen: list[str] = []
        event.listen(_db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
        page(client)
        page(client)
    assert sum(1 for s in seen if "FROM trajectories" in s and "count(" in s.lower()) >= 2
