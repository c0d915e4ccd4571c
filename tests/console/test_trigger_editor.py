"""The trigger editor: rows saved as the engine stores them, the engine's refusals and warnings, the dry run."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.logbook import Actor
from casework.process import add_task, start_trajectory
from models import (
    ActionKind,
    ConditionKind,
    DueBasis,
    LogEntry,
    ServiceVariation,
    Task,
    TaskKind,
    TaskTemplate,
    TrajectoryTemplate,
    Trigger,
    TriggerEvent,
)

from .conftest import csrf_token

T0 = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def process(db):
    """A template "Editorproces" with tasks A (plain) and B (approval)."""
    template = TrajectoryTemplate(name="Editorproces")
    a = TaskTemplate(key="A", name="Taak A", kind=TaskKind.PLAIN, starts_with_trajectory=True, position=0)
    b = TaskTemplate(key="B", name="Taak B", kind=TaskKind.APPROVAL, due_offset_days=3, position=1)
    template.task_templates.extend([a, b])
    db.session.add(template)
    db.session.flush()
    return template, a, b


def seed_template(db):
    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


def triggers_of(db, template):
    return db.session.scalars(sa.select(Trigger).where(Trigger.trajectory_template_id == template.id)).all()


def save(client, path, fields):
    data = {"csrf_token": csrf_token(client, path), "c-rows": "2", "a-rows": "2", "active": "y", **fields}
    return client.post(path, data=data)


def test_editor_offers_only_this_templates_tasks_in_dutch(admin_client, db, process):
    template, a, b = process
    page = admin_client.get(f"/admin/triggers/new/?template={template.id}").get_data(as_text=True)
    assert ">Taak afgerond</option>" in page and ">Resultaatveld is</option>" in page
    assert ">Traject sluiten</option>" in page and ">De casemanager</option>" in page
    assert ">A Taak A</option>" in page and ">B Taak B</option>" in page
    assert "T4 Offerte" not in page  # the seed template's tasks are not offered here


def test_a_valid_trigger_is_saved_as_the_engine_stores_it(admin_client, db, process):
    template, a, b = process
    path = f"/admin/triggers/new/?template={template.id}"
    response = save(
        admin_client,
        path,
        {
            "name": "B akkoord → A opnieuw",
            "event": "task_completed",
            "c-0-kind": "task_template",
            "c-0-task": str(b.id),
            "c-1-kind": "result_field_equals",
            "c-1-field": "approval",
            "c-1-value": "accepted",
            "a-0-kind": "add_task",
            "a-0-task": str(a.id),
            "a-0-due": "4",
            "a-0-basis": "prognosis_end",
            "a-1-kind": "notify",
            "a-1-target": "case_manager",
            "a-1-text": "Taak A staat weer open.",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    [trigger] = triggers_of(db, template)
    assert (trigger.name, trigger.event, trigger.active) == (
        "B akkoord → A opnieuw",
        TriggerEvent.TASK_COMPLETED,
        True,
    )
    assert [(c.kind, c.task_template, c.field, c.value) for c in trigger.conditions] == [
        (ConditionKind.TASK_TEMPLATE, b, None, None),
        (ConditionKind.RESULT_FIELD_EQUALS, None, "approval", "accepted"),
    ]
    assert [(x.kind, x.task_template, x.due_in_days, x.due_basis, x.position) for x in trigger.actions] == [
        (ActionKind.ADD_TASK, a, 4, DueBasis.PROGNOSIS_END, 0),
        (ActionKind.NOTIFY, None, None, DueBasis.EVENT, 1),
    ]
    assert trigger.actions[1].text == "Taak A staat weer open."
    assert (
        db.session.scalar(sa.select(LogEntry.action).where(LogEntry.subject_id == trigger.id))
        == "config.created"
    )
    page = admin_client.get(f"/admin/triggers/?template={template.id}").get_data(as_text=True)
    assert (
        "Taak is B Taak B" in page
        and "Taak A Taak A toevoegen, deadline 4 dagen na de prognose-einddatum" in page
    )


def test_another_templates_task_is_refused_with_the_engines_reason(admin_client, db, process):
    template, a, b = process
    foreign = seed_template(db).task_templates[0]
    response = save(
        admin_client,
        f"/admin/triggers/new/?template={template.id}",
        {
            "name": "Vreemde taak",
            "event": "task_completed",
            "c-0-kind": "task_template",
            "c-0-task": str(foreign.id),
            "a-0-kind": "add_task",
            "a-0-task": str(a.id),
            "a-0-due": "1",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Niet opgeslagen." in page
    assert (
        f"Voorwaarde 1 – Taak: Taak {foreign.key} hoort niet bij trajecttype \u201cEditorproces\u201d" in page
    )
    assert triggers_of(db, template) == []


def test_incomplete_rows_are_refused_naming_the_field(admin_client, db, process):
    template, a, b = process
    response = save(
        admin_client,
        f"/admin/triggers/new/?template={template.id}",
        {"name": "", "event": "", "a-0-kind": "add_task", "a-0-task": str(a.id), "a-0-due": "veel"},
    )
    page = response.get_data(as_text=True)
    assert "Naam: vul een naam in." in page and "Wanneer: kies een gebeurtenis." in page
    assert "Actie 1 – Termijn (dagen): geef een geheel getal" in page
    response = save(
        admin_client,
        f"/admin/triggers/new/?template={template.id}",
        {"name": "Niets te doen", "event": "trajectory_started"},
    )
    assert "Acties: Een trigger heeft minstens één actie." in response.get_data(as_text=True)
    assert triggers_of(db, template) == []


def test_add_row_shows_one_more_row_and_saves_nothing(admin_client, db, process):
    template, a, b = process
    response = save(
        admin_client,
        f"/admin/triggers/new/?template={template.id}",
        {"name": "Half af", "event": "task_completed", "add": "condition"},
    )
    page = response.get_data(as_text=True)
    assert 'name="c-2-kind"' in page and 'name="c-3-kind"' not in page and 'value="Half af"' in page
    assert triggers_of(db, template) == []


def test_a_looping_chain_is_saved_with_a_warning(admin_client, db, process):
    template, a, b = process
    path = f"/admin/triggers/new/?template={template.id}"
    for name, source, target in (("A te laat", a, b), ("B te laat", b, a)):
        response = save(
            admin_client,
            path,
            {
                "name": name,
                "event": "task_overdue",
                "c-0-kind": "task_template",
                "c-0-task": str(source.id),
                "a-0-kind": "add_task",
                "a-0-task": str(target.id),
                "a-0-due": "0",
            },
        )
        assert response.status_code == 302
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "kunnen elkaar eindeloos aanroepen" in page and "opgeslagen" in page
    assert {t.name for t in triggers_of(db, template)} == {"A te laat", "B te laat"}


def test_a_refused_edit_keeps_the_saved_trigger(admin_client, db):
    template = seed_template(db)
    trigger = next(t for t in template.triggers if t.name.startswith("T4 akkoord"))
    before = [(c.kind, c.task_template_id, c.field, c.value) for c in trigger.conditions]
    path = f"/admin/triggers/edit/?id={trigger.id}"
    response = save(
        admin_client,
        path,
        {
            "name": trigger.name,
            "event": "task_completed",
            "c-0-kind": "result_field_equals",
            "c-0-field": "approval",
            "c-0-value": "accepted",
            "a-0-kind": "close_trajectory",
            "a-0-end_reason": "999999",
        },
    )
    assert "Actie 1 – Beëindigingsreden: kies een beëindigingsreden." in response.get_data(as_text=True)
    response = save(
        admin_client,
        path,
        {
            "name": trigger.name,
            "event": "trajectory_started",
            "c-0-kind": "task_template",
            "c-0-task": str(template.task_templates[0].id),
            "a-0-kind": "add_task",
            "a-0-task": str(template.task_templates[1].id),
            "a-0-due": "1",
        },
    )
    assert "Bij deze gebeurtenis is er geen taak" in response.get_data(as_text=True)
    db.session.expire_all()
    trigger = db.session.get(Trigger, trigger.id)
    assert trigger.event == TriggerEvent.TASK_COMPLETED
    assert [(c.kind, c.task_template_id, c.field, c.value) for c in trigger.conditions] == before


def test_deactivate_a_trigger(admin_client, db):
    trigger = seed_template(db).triggers[0]
    token = csrf_token(admin_client, f"/admin/triggers/?template={trigger.trajectory_template_id}")
    response = admin_client.post(f"/admin/triggers/toggle/?id={trigger.id}", data={"csrf_token": token})
    assert response.status_code == 302
    db.session.refresh(trigger)
    assert trigger.active is False


def test_dry_run_shows_the_planned_actions_and_changes_nothing(
    admin_client, db, create_employee, casemanager
):
    template = seed_template(db)
    variation = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).first()
    assert template in variation.templates
    trajectory = start_trajectory(
        create_employee(case_manager=casemanager), template, actor=Actor(casemanager), now=T0
    )
    t4 = next(t for t in template.task_templates if t.key == "T4")
    add_task(trajectory, t4, actor=Actor(casemanager), now=T0)
    db.session.flush()
    tasks = db.session.scalar(sa.select(sa.func.count()).select_from(Task))
    logs = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    path = f"/admin/triggers/dry-run/?template={template.id}"
    page = admin_client.get(path).get_data(as_text=True)
    assert f'<option value="{trajectory.id}"' in page
    data = {
        "csrf_token": csrf_token(admin_client, path),
        "trajectory": str(trajectory.id),
        "event": "task_completed",
        "task": str(t4.id),
        "on": "2026-03-04",
        "field": "approval",
        "value": "rejected",
    }
    page = admin_client.post(path, data=data).get_data(as_text=True)
    assert "Trigger “T4 geen akkoord → brief en traject sluiten” zou afgaan" in page
    assert "Traject sluiten met beëindigingsreden “Traject gestopt i.v.m. geen akkoord op offerte”" in page
    page = admin_client.post(path, data={**data, "value": "accepted"}).get_data(as_text=True)
    assert "Taak T5 Bevestiging naar provider toevoegen, deadline 05-03-2026" in page
    page = admin_client.post(path, data={**data, "task": ""}).get_data(as_text=True)
    assert "Taak: kies bij deze gebeurtenis de taak waar het om gaat." in page
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Task)) == tasks
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logs
    assert trajectory.status.value == "open"


def test_case_manager_and_missing_csrf_are_refused(cm_client, client, db, process, admin_user):
    template, a, b = process
    path = f"/admin/triggers/new/?template={template.id}"
    assert cm_client.get(path).status_code == 403
    assert cm_client.get(f"/admin/triggers/dry-run/?template={template.id}").status_code == 403
    from .conftest import sign_in

    admin = sign_in(client, admin_user)
    fields = {
        "name": "Zonder token",
        "event": "trajectory_started",
        "a-rows": "1",
        "a-0-kind": "start_intervention",
    }
    assert admin.post(path, data=fields).status_code == 400
    assert triggers_of(db, template) == []
