"""Own tasks in Slack, by signed requests against the strict fake Slack: `/traject taken` with Afgerond and
In agenda, `/traject taak` and its modal, refusals on the field with nothing changed."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from bot.agenda_tasks import ACTION_DONE, ACTION_NEW, ACTION_PROMOTE, ACTION_UNSCHEDULE
from casework.agenda_tasks import create_task
from casework.logbook import Actor
from models import AgendaTask, AgendaTaskStatus


def _blocks(call) -> list[dict]:
    blocks = call.body.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def _buttons(blocks) -> list[tuple[str, str, str]]:
    out = []
    for b in blocks:
        elements = list(b.get("elements", [])) + ([b["accessory"]] if b.get("accessory") else [])
        out += [
            (e["text"]["text"], e["action_id"], e["value"]) for e in elements if e.get("type") == "button"
        ]
    return out


def _count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(AgendaTask))


def test_taken_lists_own_tasks_with_their_buttons(ui, fake_slack, db, agenda, casemanager, now):
    late = create_task(
        {"title": "Werkgever bellen", "employee_id": agenda.employee.id, "due_date": "2026-02-27"},
        actor=Actor(casemanager),
        now=now,
    )
    ui.command(casemanager.slack_user_id, "taken")
    [call] = fake_slack.calls("chat.postEphemeral")
    blocks = _blocks(call)
    assert call.body["text"] == "Je hebt 1 open taak."
    line = blocks[1]["text"]["text"]
    assert line.startswith("*Werkgever bellen* · Anna Jansen") and "uiterlijk 27-02-2026 — *te laat*" in line
    assert _buttons(blocks) == [
        ("Afgerond", ACTION_DONE, str(late.id)),
        ("In agenda", ACTION_PROMOTE, str(late.id)),
        ("Nieuwe taak", ACTION_NEW, "new"),
    ]


def test_afgerond_completes_and_a_second_press_is_refused(ui, db, casemanager, now):
    task = create_task({"title": "Verslag schrijven"}, actor=Actor(casemanager), now=now)
    db.session.commit()
    ui.click(casemanager.slack_user_id, ACTION_DONE, str(task.id))
    assert ui.texts()[-1] == "Taak \u201cVerslag schrijven\u201d afgerond."
    db.session.refresh(task)
    assert task.status == AgendaTaskStatus.DONE and task.closed_by == casemanager
    ui.click(casemanager.slack_user_id, ACTION_DONE, str(task.id))
    assert ui.texts()[-1] == "Een taak met status Uitgevoerd kan niet worden afgerond."


def test_someone_elses_task_is_not_completed(ui, db, casemanager, create_user, now):
    other = create_user()
    task = create_task({"title": "Van een ander"}, actor=Actor(other), now=now)
    db.session.commit()
    ui.click(casemanager.slack_user_id, ACTION_DONE, str(task.id))
    assert ui.texts()[-1] == "Dit is niet uw taak."
    db.session.refresh(task)
    assert task.status == AgendaTaskStatus.OPEN


def test_taak_opens_the_modal_and_a_refusal_lands_on_the_field(ui, fake_slack, db, agenda, casemanager):
    ui.command(casemanager.slack_user_id, "taak")
    view = ui.last_modal()
    assert view["title"]["text"] == "Nieuwe taak"
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels == ["Titel", "Werknemer", "Uiterlijk", "Opmerking"]
    refused = ui.submit(casemanager.slack_user_id, view, {"Titel": "Bellen", "Uiterlijk": "2026-02-30"})
    assert refused.get_json()["errors"] == {"due_date": "Geef een datum, bijvoorbeeld 05-03-2026."}
    assert _count(db) == 0
    state_answers = {"Titel": "Werkgever bellen", "Uiterlijk": "2026-03-06"}
    ui.submit(casemanager.slack_user_id, view, state_answers)
    assert ui.texts()[-1] == "Taak \u201cWerkgever bellen\u201d toegevoegd, uiterlijk 06-03-2026."
    task = db.session.scalars(sa.select(AgendaTask)).one()
    assert (task.assignee_id, task.employee_id, task.due_date) == (casemanager.id, None, dt.date(2026, 3, 6))


def test_new_task_about_an_employee_of_another_caseload_is_refused(
    ui, db, casemanager, create_user, create_employee
):
    stranger = create_employee(case_manager=create_user())
    ui.click(casemanager.slack_user_id, ACTION_NEW, "new")
    view = ui.last_modal()
    block = next(b for b in view["blocks"] if b["block_id"] == "employee")
    payload_view = {**view, "id": "V1"}
    state = {
        "values": {
            "title": {"title": {"type": "plain_text_input", "value": "Bellen"}},
            "employee": {
                "employee": {
                    "type": "external_select",
                    "selected_option": {
                        "text": {"type": "plain_text", "text": "x"},
                        "value": str(stranger.id),
                    },
                }
            },
        }
    }
    assert block["element"]["type"] == "external_select"
    answer = ui.post(
        {
            "payload": json.dumps(
                {
                    "type": "view_submission",
                    "trigger_id": "t.1",
                    "user": {"id": casemanager.slack_user_id},
                    "team": {"id": "T1"},
                    "view": {**payload_view, "state": state},
                }
            )
        }
    )
    assert answer.get_json()["errors"] == {"employee": "Deze werknemer hoort niet bij uw caseload."}
    assert _count(db) == 0


def test_in_agenda_puts_the_task_in_the_agenda(ui, db, casemanager, now):
    task = create_task({"title": "Dossiers bijwerken"}, actor=Actor(casemanager), now=now)
    db.session.commit()
    ui.click(casemanager.slack_user_id, ACTION_PROMOTE, str(task.id))
    view = ui.last_modal()
    assert view["title"]["text"] == "In agenda zetten"
    refused = ui.submit(
        casemanager.slack_user_id, view, {"Datum": "2026-03-03", "Begintijd": "11:00", "Eindtijd": "10:00"}
    )
    assert refused.get_json()["errors"] == {"end_time": "De eindtijd moet na de begintijd liggen."}
    db.session.refresh(task)
    assert task.starts_at is None
    ui.submit(
        casemanager.slack_user_id, view, {"Datum": "2026-03-03", "Begintijd": "14:00", "Eindtijd": "15:00"}
    )
    assert (
        ui.texts()[-1] == "Taak \u201cDossiers bijwerken\u201d staat in je agenda op 03-03-2026 14:00–15:00."
    )
    db.session.refresh(task)
    assert task.starts_at == dt.datetime(2026, 3, 3, 13)


def test_a_task_in_the_agenda_offers_another_time_and_uit_agenda(ui, fake_slack, db, casemanager, now):
    from casework.agenda_tasks import promote_task

    me = Actor(casemanager)
    task = create_task({"title": "Dossiers bijwerken"}, actor=me, now=now)
    promote_task(task, {"date": "2026-03-03", "start_time": "14:00", "end_time": "15:00"}, actor=me, now=now)
    db.session.commit()
    ui.command(casemanager.slack_user_id, "taken")
    blocks = _blocks(fake_slack.calls("chat.postEphemeral")[-1])
    assert _buttons(blocks)[:3] == [
        ("Afgerond", ACTION_DONE, str(task.id)),
        ("Andere tijd", ACTION_PROMOTE, str(task.id)),
        ("Uit agenda", ACTION_UNSCHEDULE, str(task.id)),
    ]
    ui.click(casemanager.slack_user_id, ACTION_UNSCHEDULE, str(task.id))
    assert ui.texts()[-1] == "Taak \u201cDossiers bijwerken\u201d staat niet meer in je agenda."
    db.session.refresh(task)
    assert task.starts_at is None and task.status == AgendaTaskStatus.OPEN
    ui.click(casemanager.slack_user_id, ACTION_UNSCHEDULE, str(task.id))  # a second press
    assert ui.texts()[-1] == "Deze taak staat niet in de agenda."
    ui.command(casemanager.slack_user_id, "taken")
    blocks = _blocks(fake_slack.calls("chat.postEphemeral")[-1])
    assert ("In agenda", ACTION_PROMOTE, str(task.id)) in _buttons(blocks)


def test_agenda_lists_the_open_tasks_in_the_agenda(ui, fake_slack, db, casemanager, now):
    from casework.agenda_tasks import promote_task

    me = Actor(casemanager)
    task = create_task({"title": "Dossiers <bijwerken>"}, actor=me, now=now)
    promote_task(task, {"date": "2026-03-02", "start_time": "14:00", "end_time": "15:00"}, actor=me, now=now)
    gone = create_task({"title": "Geschrapt"}, actor=me, now=now)
    promote_task(gone, {"date": "2026-03-02", "start_time": "16:00", "end_time": "17:00"}, actor=me, now=now)
    from casework.agenda_tasks import cancel_task

    cancel_task(gone, {"reason": "Gaat niet door"}, actor=me, now=now)
    db.session.commit()
    ui.command(casemanager.slack_user_id, "agenda")
    blocks = _blocks(fake_slack.calls("chat.postEphemeral")[-1])
    assert blocks[-1]["elements"][0]["text"] == (
        "*Taken in de agenda*\n• *ma 2-3 14:00–15:00* Taak: Dossiers &lt;bijwerken&gt;"
    )
