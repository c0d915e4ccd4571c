"""The report page keeps a report (casework.report_cache): shown again, by any worker, while nothing it counts
changed; computed anew after a write to what it counts, after TRAJECT_REPORT_MAX_AGE, or on "Nu opnieuw
berekenen"."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import sqlalchemy as sa
import time_machine
from sqlalchemy import event

from models import ReportGeneration, ReportSnapshot, Trajectory, TrajectoryStatus
from tests.console.conftest import sign_in
from tests.reports.test_report_pages import PERIOD, table

TRAJECTORIES_OPENED = 1  # the column "Gestart" in the trajectories table
MORNING = dt.datetime(2026, 4, 1, 8, 0)
TRAJECTORY_FIGURES = "WITH first_contact AS"  # how the report's trajectory statement begins


@pytest.fixture
def statements(db):
    """The SQL statements run (the test clears the list)."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def computed(seen: list[str]) -> bool:
    """Whether the report's statements ran."""
    return any(TRAJECTORY_FIGURES in s for s in seen)


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


def generation(db) -> int:
    return db.session.scalar(sa.select(ReportGeneration.value))


def another_trajectory(session, like: Trajectory, day: dt.date) -> None:
    session.add(
        Trajectory(
            template=like.template,
            employee=like.employee,
            case_manager=like.case_manager,
            status=TrajectoryStatus.OPEN,
            started_on=day,
        )
    )
    session.flush()


@time_machine.travel(MORNING, tick=False)
def test_a_report_is_shown_again_until_something_it_counts_changes(
    db, client, dataset, admin_user, statements
):
    sign_in(client, admin_user)
    db.session.commit()  # the requests share the test's session: what the test wrote is committed first
    first = page(client)
    assert opened(first) == "6"
    assert computed_at(first) == "Berekend op 01-04-2026 10:00."  # Dutch summer time
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportSnapshot)) == 1

    statements.clear()
    assert opened(page(client)) == "6"
    assert not computed(statements), "the same report was computed twice with nothing changed"

    # Opening a dossier writes its read to the log book only: the report is kept.
    assert client.get(f"/admin/dossiers/{dataset.t1.employee.id}/").status_code == 200
    statements.clear()
    page(client)
    assert not computed(statements)

    # A transaction that wrote and has not committed sees its own write.
    before = generation(db)
    another_trajectory(db.session, dataset.t1, dt.date(2026, 2, 2))
    assert opened(page(client)) == "7"
    db.session.commit()
    assert generation(db) == before + 1  # raised in the transaction that wrote
    statements.clear()
    assert opened(page(client)) == "7"
    assert computed(statements)
    statements.clear()
    assert opened(page(client)) == "7"
    assert not computed(statements)


def test_a_write_past_the_sessions_shows_after_the_maximum_age_or_at_once_on_request(
    db, client, dataset, admin_user, statements
):
    with time_machine.travel(MORNING, tick=False):
        sign_in(client, admin_user)
        db.session.commit()
        assert opened(page(client)) == "6"
    before = generation(db)
    db.session.connection().execute(  # as a database tool would: no session knows
        sa.text(
            "INSERT INTO trajectories (template_id, employee_id, case_manager_id, status, started_on, created_at)"
            " SELECT template_id, employee_id, case_manager_id, 'open', :day, created_at FROM trajectories"
            " WHERE id = :id"
        ),
        {"day": dt.date(2026, 2, 3), "id": dataset.t1.id},
    )
    with time_machine.travel(MORNING + dt.timedelta(seconds=299), tick=False):
        assert opened(page(client)) == "6"  # kept: 299 seconds old
        anew = page(client, PERIOD + "&opnieuw=1")
        assert opened(anew) == "7"
        assert computed_at(anew) == "Berekend op 01-04-2026 10:04."
        statements.clear()
        assert opened(page(client)) == "7"  # the report computed anew is the one kept now
        assert not computed(statements)
    with time_machine.travel(MORNING + dt.timedelta(seconds=299 + 301), tick=False):
        statements.clear()
        assert opened(page(client)) == "7"
        assert computed(statements), "a report older than TRAJECT_REPORT_MAX_AGE was shown"
    assert generation(db) == before


@time_machine.travel(MORNING, tick=False)
def test_each_caseload_has_its_own_report_and_the_link_computes_anew(db, client, dataset, admin_user):
    sign_in(client, admin_user)
    db.session.commit()
    everything = opened(page(client))
    sign_in(client, dataset.cm)
    db.session.commit()
    own = page(client)
    assert opened(own) != everything  # the case manager's caseload, not the administrator's kept report
    link = re.search(r'<a href="([^"]+)" id="report-anew">Nu opnieuw berekenen</a>', own)
    assert (
        link
        and "opnieuw=1" in html.unescape(link.group(1))
        and "van=2026-01-01" in html.unescape(link.group(1))
    )
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportSnapshot)) == 2


def test_written_out_sql_raises_the_generation_unless_it_writes_the_log_book(db, dataset):
    db.session.commit()
    before = generation(db)
    db.session.execute(
        sa.text("INSERT INTO log_entries (at, actor_name, action) VALUES (:at, 'x', 'test.x')"),
        {"at": dt.datetime(2026, 4, 1)},
    )
    db.session.commit()
    assert generation(db) == before
    db.session.execute(
        sa.text("UPDATE trajectories SET financier = NULL WHERE id = :id"), {"id": dataset.t1.id}
    )
    db.session.commit()
    assert generation(db) == before + 1
    db.session.execute(sa.update(Trajectory).where(Trajectory.id == dataset.t1.id).values(financier=None))
    db.session.rollback()  # a rolled back write raises nothing
    assert generation(db) == before + 1


def test_a_maximum_age_of_zero_keeps_nothing(make_app):
    from flask_migrate import upgrade

    from casework.accounts import create_user
    from casework.logbook import SYSTEM
    from casework.seed import load_seed_configuration
    from models import db as _db
    from tests.conftest import NOW

    app = make_app(TRAJECT_REPORT_MAX_AGE=0)
    seen: list[str] = []
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        user = create_user(
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
        event.listen(_db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
        page(client)
        once = sum(1 for s in seen if TRAJECTORY_FIGURES in s)
        page(client)
        assert _db.session.scalar(sa.select(sa.func.count()).select_from(ReportSnapshot)) == 0
    assert once > 0 and sum(1 for s in seen if TRAJECTORY_FIGURES in s) == 2 * once
