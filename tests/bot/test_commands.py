"""`/traject` through signed HTTP requests, with the fake Slack receiving the bot's calls."""

from __future__ import annotations

import json
import time

from bot.words import HELP


def test_help_lists_every_subcommand(command, casemanager, fake_slack):
    response = command(casemanager.slack_user_id, "help")
    assert response.status_code == 200
    [call] = fake_slack.calls("chat.postEphemeral")
    assert call.body["text"] == HELP
    for word in ("taken", "tasks", "zoek", "search", "notitie", "signalen", "rapport", "dossier", "start"):
        assert f"`{word}" in HELP or f"/ `{word}" in HELP


def test_unlinked_user_gets_a_polite_refusal(command, fake_slack):
    response = command("UNOBODY", "taken")
    assert response.status_code == 200
    assert fake_slack.calls("views.open") == []
    [call] = fake_slack.calls("chat.postEphemeral")
    assert "niet gekoppeld" in call.body["text"]


def test_bad_signature_is_refused(post, casemanager):
    response = post(
        {"command": "/traject", "text": "help", "user_id": casemanager.slack_user_id}, secret="wrong"
    )
    assert response.status_code == 401


def test_old_timestamp_is_refused(post, casemanager):
    response = post(
        {"command": "/traject", "text": "help", "user_id": casemanager.slack_user_id},
        timestamp=int(time.time()) - 301,
    )
    assert response.status_code == 401


def test_start_opens_the_start_modal_with_dutch_labels(command, fake_slack, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager)
    command(casemanager.slack_user_id, "start jansen")
    [call] = fake_slack.calls("views.open")
    view = call.body["view"]
    labels = [
        b["label"]["text"]
        for b in (view if isinstance(view, dict) else __import__("json").loads(view))["blocks"]
        if b["type"] == "input"
    ]
    assert labels == ["Werknemer", "Traject", "Categorie", "Einddoel", "Verzuimmelding", "Polis"]


def test_start_without_employee_searches_the_caseload(
    ui, fake_slack, casemanager, create_employee, create_user
):
    mine = create_employee(last_name="Jansen", case_manager=casemanager)
    create_employee(last_name="Jansen", case_manager=create_user())  # someone else's: never offered
    ui.command(casemanager.slack_user_id, "start")
    picker = ui.last_modal()
    assert picker["blocks"][0]["element"]["type"] == "external_select"
    payload = {
        "type": "block_suggestion",
        "user": {"id": casemanager.slack_user_id},
        "team": {"id": "T1"},
        "action_id": "employee",
        "block_id": "employee",
        "value": "jans",
        "view": picker,
    }
    answer = ui.post({"payload": json.dumps(payload)})
    assert [o["value"] for o in json.loads(answer.get_data())["options"]] == [str(mine.id)]
    chosen = {
        "type": "block_actions",
        "user": {"id": casemanager.slack_user_id},
        "team": {"id": "T1"},
        "view": {**picker, "id": "V1", "hash": "h"},
        "actions": [
            {
                "action_id": "employee",
                "block_id": "employee",
                "type": "external_select",
                "selected_option": {"value": str(mine.id)},
            }
        ],
    }
    ui.post({"payload": json.dumps(chosen)})
    labels = [b["label"]["text"] for b in ui.last_modal()["blocks"] if b["type"] == "input"]
    assert labels == ["Werknemer", "Traject", "Categorie", "Einddoel", "Verzuimmelding", "Polis"]
