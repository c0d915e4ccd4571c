"""The non-medical cause of absence in the console: its configuration list, T1's field and T2's pre-filter."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.process import start_trajectory
from models import AbsenceCause, Category, Characteristic, EndGoal, LogEntry, TrajectoryTemplate

from .conftest import csrf_token

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned_clock():
    """The console's today is 2 March 2026."""
    with time_machine.travel(NOW, tick=False):
        yield


def named(db, model, name):
    return db.session.scalar(sa.select(model).where(model.name == name))


def post(client, path, **data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


@pytest.fixture
def trajectory(db, create_employee, create_sick_report, casemanager):
    """A trajectory of the case manager's employee, started with category and end goal; T1 open."""
    employee = create_employee(case_manager=casemanager)
    create_sick_report(employee, first_sick_day=dt.date(2026, 1, 5))
    template = named(db, TrajectoryTemplate, "Inzet interventie")
    return start_trajectory(
        employee,
        template,
        actor=Actor(casemanager),
        now=NOW.replace(tzinfo=None),
        category=named(db, Category, "Arbo"),
        end_goal=named(db, EndGoal, "Werkhervatting eigen werk"),
    )


def open_task(trajectory, key):
    return next(t for t in trajectory.tasks if t.key == key and t.status.value == "open")


def test_the_list_is_configurable_with_its_characteristics(admin_client, db):
    listing = admin_client.get("/admin/absence_causes/").get_data(as_text=True)
    assert "Verzuimoorzaken" in listing and "Financiële zorgen" in listing and "Budgetcoaching" in listing
    coaching = named(db, Characteristic, "Coaching")
    response = post(
        admin_client,
        "/admin/absence_causes/new/",
        name="Re-integratie na lang verzuim",
        description="Terugkeer na een lange afwezigheid.",
        characteristics=[coaching.id],
        active="y",
        position="20",
    )
    assert response.status_code == 302
    cause = named(db, AbsenceCause, "Re-integratie na lang verzuim")
    assert [c.name for c in cause.characteristics] == ["Coaching"]
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AbsenceCause))
    response = post(admin_client, "/admin/absence_causes/new/", name="Conflict", position="0")
    assert response.status_code == 200
    assert "Naam: er is al een item met de naam Conflict." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AbsenceCause)) == before


def test_t1_records_the_cause_and_t2_starts_filtered_on_it(cm_client, db, trajectory, create_programme):
    mediation = create_programme(name="Mediation Midden", characteristics=("Mediation",))
    budget = create_programme(name="Budgetplan", characteristics=("Budgetcoaching",))
    t1 = open_task(trajectory, "T1")
    path = f"/admin/dossiers/acties/task/{t1.id}"
    page = cm_client.get(path).get_data(as_text=True)
    field = page.split('class="form-group field-absence_cause_id"')[1].split("</div>")[0]
    assert "Verzuimoorzaak (niet-medisch)" in field and ">Mantelzorg</option>" in field
    conflict = named(db, AbsenceCause, "Conflict")
    logged = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    response = post(cm_client, path, absence_cause_id="999999")
    assert response.status_code == 422
    assert (
        'data-field="absence_cause_id">Kies een bestaande, actieve verzuimoorzaak.</div>'
        in response.get_data(as_text=True)
    )
    assert trajectory.absence_cause is None and t1.status.value == "open"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logged
    response = post(cm_client, path, absence_cause_id=str(conflict.id))
    assert response.status_code == 302 and trajectory.absence_cause == conflict

    t2 = open_task(trajectory, "T2")
    path = f"/admin/dossiers/acties/task/{t2.id}"
    page = cm_client.get(path).get_data(as_text=True)
    assert '<td id="absence-cause">Conflict</td>' in page  # what T1 recorded, beside the filters
    marks = page.split('id="characteristic_ids"')[1].split("</select>")[0]
    chosen = named(db, Characteristic, "Mediation")
    assert f'<option value="{chosen.id}" selected>Mediation</option>' in marks
    assert f'id="programme-{mediation.id}"' in page and f'id="programme-{budget.id}"' not in page
    widened = post(cm_client, path, preview="1", service_type_id="").get_data(as_text=True)  # no Kenmerken
    assert f'id="programme-{mediation.id}"' in widened and f'id="programme-{budget.id}"' in widened
