"""The non-medical cause of absence in Slack: chosen in T1's modal, and T2's modal opens filtered on it."""

from __future__ import annotations

import json

import sqlalchemy as sa

from casework.logbook import Actor
from casework.process import start_trajectory
from models import AbsenceCause, Task, TrajectoryTemplate


def start(db, employee, casemanager, now):
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=now)
    db.session.commit()
    return trajectory


def task(trajectory, key: str) -> Task:
    return next(t for t in trajectory.tasks if t.key == key)


def programmes(view) -> list[str]:
    block = next(b for b in view["blocks"] if b.get("block_id") == "programme_id")
    return [o["text"]["text"].split(" — ")[0] for o in block["element"]["options"]]


def test_t1_records_the_cause_and_t2_opens_filtered_on_it(
    ui, db, casemanager, create_employee, create_sick_report, create_programme, now
):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    create_sick_report(employee)
    create_programme(name="Mediation Midden", characteristics=("Mediation",))
    create_programme(name="Budgetplan", characteristics=("Budgetcoaching",))
    trajectory = start(db, employee, casemanager, now)
    uid = casemanager.slack_user_id
    ui.click(uid, "task.open", str(task(trajectory, "T1").id))
    view = ui.last_modal()
    cause = next(b for b in view["blocks"] if b.get("block_id") == "absence_cause_id")
    assert cause["label"]["text"] == "Verzuimoorzaak (niet-medisch)" and cause["optional"] is True
    offered = [o["text"]["text"] for o in cause["element"]["options"]]
    assert offered[:4] == ["Werkgerelateerd", "Privé-omstandigheden", "Financiële zorgen", "Conflict"]
    answers = {
        "Categorie": "Overig",
        "Einddoel": "Werkhervatting eigen werk",
        "Verzuimoorzaak (niet-medisch)": "Conflict",
    }
    response = ui.submit(uid, view, answers)
    assert response.get_data() == b"", response.get_data()
    db.session.expire_all()
    assert trajectory.absence_cause.name == "Conflict"

    ui.click(uid, "task.open", str(task(trajectory, "T2").id))
    view = ui.last_modal()
    marks = next(b for b in view["blocks"] if b.get("block_id") == "characteristic_ids")
    assert [o["text"]["text"] for o in marks["element"]["initial_options"]] == ["Mediation"]
    assert programmes(view) == ["Mediation Midden"]  # pre-filtered on what fits the cause
    ui.change(uid, view, {"Kenmerken": []}, "Kenmerken")  # the case manager widens the search
    assert programmes(ui.last_modal()) == ["Budgetplan", "Mediation Midden"]


def test_an_inactive_cause_is_refused_under_its_field_and_nothing_changes(
    ui, db, casemanager, create_employee, create_sick_report, now
):
    employee = create_employee(case_manager=casemanager)
    create_sick_report(employee)
    trajectory = start(db, employee, casemanager, now)
    uid = casemanager.slack_user_id
    ui.click(uid, "task.open", str(task(trajectory, "T1").id))
    view = ui.last_modal()
    conflict = db.session.scalar(sa.select(AbsenceCause).where(AbsenceCause.name == "Conflict"))
    conflict.active = False  # deactivated while the modal was open
    db.session.commit()
    answers = {
        "Categorie": "Overig",
        "Einddoel": "Werkhervatting eigen werk",
        "Verzuimoorzaak (niet-medisch)": "Conflict",
    }
    refused = json.loads(ui.submit(uid, view, answers).get_data())
    assert refused == {
        "response_action": "errors",
        "errors": {"absence_cause_id": "Kies een bestaande, actieve verzuimoorzaak."},
    }
    db.session.expire_all()
    assert trajectory.absence_cause is None and task(trajectory, "T1").status.value == "open"
