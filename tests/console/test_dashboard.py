"""The console's home: open trajectories, overdue tasks and signals by kind, each linking to its list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.process import start_trajectory
from models import Signal, TrajectoryTemplate

from .conftest import sign_in

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned_clock():
    """The console's today is 2 March 2026."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def caseloads(db, create_employee, casemanager, create_user):
    """Two employees of the case manager (one overdue task, two signals), one of another case manager."""
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    other = create_user(name="Andere Casemanager")
    people = [
        create_employee(case_manager=casemanager),
        create_employee(case_manager=casemanager),
        create_employee(case_manager=other),
    ]
    for person in people:
        trajectory = start_trajectory(
            person, template, actor=Actor(casemanager), now=NOW.replace(tzinfo=None)
        )
        for task in trajectory.tasks:
            task.due_date = dt.date(2026, 4, 1)
    people[0].trajectories[0].tasks[0].due_date = dt.date(2026, 2, 1)
    people[2].trajectories[0].tasks[0].due_date = dt.date(2026, 2, 1)
    for person, kind in (
        (people[0], "not_contacted"),
        (people[1], "not_contacted"),
        (people[2], "poortwachter_due"),
    ):
        db.session.add(
            Signal(
                kind=kind,
                subject_type="employee",
                subject_id=person.id,
                due_date=dt.date(2026, 3, 1),
                employee=person,
            )
        )
    db.session.flush()
    return other


def figure(page: str, ident: str) -> int:
    return int(re.search(rf'id="{ident}">(\d+)<', page).group(1))


def test_admin_sees_everyones_figures_with_links(admin_client, caseloads):
    page = admin_client.get("/admin/").get_data(as_text=True)
    assert figure(page, "open-trajectories") == 3
    assert figure(page, "overdue-tasks") == 2
    signals = page.split('id="signals">')[1].split("</ul>")[0]
    assert '<a href="/admin/dossiers/?signal=not_contacted">Lang niet gesproken</a>: 2' in signals
    assert '<a href="/admin/dossiers/?signal=poortwachter_due">Poortwachter-termijn</a>: 1' in signals
    assert 'href="/admin/dossiers/?filter=open"' in page and 'href="/admin/dossiers/?filter=overdue"' in page


def test_a_case_manager_sees_their_own_caseload_only(cm_client, caseloads):
    page = cm_client.get("/admin/").get_data(as_text=True)
    assert "Cijfers van uw eigen caseload." in page
    assert figure(page, "open-trajectories") == 2
    assert figure(page, "overdue-tasks") == 1
    signals = page.split('id="signals">')[1].split("</ul>")[0]
    assert "Lang niet gesproken</a>: 2" in signals and "Poortwachter" not in signals
    listed = cm_client.get("/admin/dossiers/?filter=overdue").get_data(as_text=True)
    assert listed.count('class="dossier-link"') == 1  # the link behind the figure shows the same one


def test_the_overview_heading_is_shown_once(client, db, caseloads):
    sign_in(client, caseloads)
    page = client.get("/admin/").get_data(as_text=True)
    assert len(re.findall(r">\s*Overzicht\s*</h", page)) == 1
    assert figure(page, "open-trajectories") == 1 and figure(page, "overdue-tasks") == 1


def test_no_signals_says_none(admin_client):
    page = admin_client.get("/admin/").get_data(as_text=True)
    assert '<ul id="signals"><li>Geen</li></ul>' in page
