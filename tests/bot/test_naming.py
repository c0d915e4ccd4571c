"""Chat never guesses the person: a note lands only in the dossier the words name for certain."""

from __future__ import annotations

import json

import sqlalchemy as sa

from models import LogEntry, Note


def _notes(db) -> list[tuple[str, str]]:
    rows = db.session.execute(sa.select(Note.employee_id, Note.text).order_by(Note.id)).all()
    return [(r.employee_id, r.text) for r in rows]


def _blocks(call) -> list[dict]:
    blocks = call.body.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else blocks or []


def _buttons(call) -> list[dict]:
    return [b["accessory"] for b in _blocks(call) if b.get("accessory", {}).get("type") == "button"]


def test_a_name_that_does_not_fit_is_asked_not_guessed(ui, db, fake_slack, casemanager, create_employee):
    visser = create_employee(first_name="Kim", last_name="Visser", case_manager=casemanager)
    ui.command(casemanager.slack_user_id, "notitie Kim Bakker test")
    assert _notes(db) == []  # never "Bakker test" in Kim Visser's dossier
    call = fake_slack.calls("chat.postEphemeral")[-1]
    assert call.body["text"].startswith("Bij wie hoort deze aantekening")
    [choice] = _buttons(call)
    assert choice["text"]["text"] == "Bewaar bij Kim Visser"
    assert "“Bakker test”" in json.dumps(_blocks(call), ensure_ascii=False)
    ui.click(casemanager.slack_user_id, choice["action_id"], choice["value"])
    assert _notes(db) == [(visser.id, "Bakker test")]  # stored once the person said so
    assert fake_slack.calls("chat.postMessage")[-1].body["text"].startswith("Aantekening toegevoegd")


def test_the_longest_exact_name_wins(ui, db, casemanager, create_employee):
    create_employee(first_name="Kim", last_name="Visser", case_manager=casemanager)
    bakker = create_employee(first_name="Kim", last_name="Bakker", case_manager=casemanager)
    ui.command(casemanager.slack_user_id, "notitie Kim Bakker test")
    assert _notes(db) == [(bakker.id, "test")]


def test_two_employees_with_the_same_name_are_asked(ui, db, fake_slack, casemanager, create_employee):
    anna = create_employee(first_name="Anna", last_name="Jansen", case_manager=casemanager)
    piet = create_employee(first_name="Piet", last_name="Jansen", case_manager=casemanager)
    ui.command(casemanager.slack_user_id, "notitie jansen belde terug")
    assert _notes(db) == []
    buttons = _buttons(fake_slack.calls("chat.postEphemeral")[-1])
    assert sorted(b["value"] for b in buttons) == sorted([f"{anna.id}:belde terug", f"{piet.id}:belde terug"])
    ui.command(casemanager.slack_user_id, "notitie anna jansen belde terug")
    assert _notes(db) == [(anna.id, "belde terug")]


def test_one_clear_name_is_stored_at_once(ui, db, casemanager, create_employee):
    jansen = create_employee(first_name="Anna", last_name="Jansen", case_manager=casemanager)
    ui.command(casemanager.slack_user_id, "notitie jansen belde vandaag terug")
    assert _notes(db) == [(jansen.id, "belde vandaag terug")]


def test_dossier_and_start_ask_when_more_than_one_fits(ui, db, fake_slack, casemanager, create_employee):
    create_employee(first_name="Kim", last_name="Visser", case_manager=casemanager)
    bakker = create_employee(first_name="Kim", last_name="Bakker", case_manager=casemanager)
    ui.command(casemanager.slack_user_id, "dossier kim")
    call = fake_slack.calls("chat.postEphemeral")[-1]
    assert call.body["text"] == "Meerdere werknemers passen bij “kim”. Welke bedoel je?"
    buttons = {b["text"]["text"].split(" (")[0]: b for b in _buttons(call)}
    assert set(buttons) == {"Kim Visser", "Kim Bakker"}
    ui.click(casemanager.slack_user_id, buttons["Kim Bakker"]["action_id"], buttons["Kim Bakker"]["value"])
    assert fake_slack.calls("chat.postMessage")[-1].body["text"].startswith("*Dossier Kim Bakker")
    reads = db.session.scalars(sa.select(LogEntry.employee_id).where(LogEntry.action == "dossier.read")).all()
    assert reads == [bakker.id]  # the read is in the log book; asking which one read nothing

    ui.command(casemanager.slack_user_id, "start kim")
    assert fake_slack.calls("views.open") == []
    buttons = _buttons(fake_slack.calls("chat.postEphemeral")[-1])
    assert {b["action_id"] for b in buttons} == {"start.open"}
    ui.click(casemanager.slack_user_id, "start.open", str(bakker.id))
    assert fake_slack.calls("views.open")


def test_a_note_holding_a_bsn_is_never_echoed_when_asking(ui, db, fake_slack, casemanager, create_employee):
    create_employee(first_name="Kim", last_name="Visser", case_manager=casemanager)
    ui.command(casemanager.slack_user_id, "notitie Kim Bakker belde over 123.456.782")
    assert _notes(db) == []
    sent = json.dumps([c.body for c in fake_slack.calls()])
    assert "123.456.782" not in sent and "123456782" not in sent
    assert fake_slack.calls("chat.postEphemeral")[-1].body["text"].startswith("Ik weet niet zeker bij wie")
