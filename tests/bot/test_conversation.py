"""Direct messages and the start modal's submission, end to end through HTTP."""

from __future__ import annotations

import json

import sqlalchemy as sa

from models import Note, Trajectory
from tests.bot.conftest import next_trigger


def _dm(post, user_id: str, text: str):
    return post(
        event={
            "type": "event_callback",
            "team_id": "T1",
            "event_id": f"Ev{next_trigger()}",
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": f"D{user_id}",
                "user": user_id,
                "text": text,
                "ts": "1.000001",
            },
        }
    )


def test_dm_words_answer_in_the_thread(post, fake_slack, casemanager, create_employee, db):
    create_employee(last_name="Jansen", case_manager=casemanager, bsn="111222333")
    _dm(post, casemanager.slack_user_id, "zoek jansen")
    _dm(post, casemanager.slack_user_id, "notitie jansen belde vandaag terug")
    _dm(post, casemanager.slack_user_id, "wat is dit")
    texts = [c.body["text"] for c in fake_slack.calls("chat.postMessage")]
    assert "1 werknemer gevonden." in texts[0]
    assert texts[1].startswith("Aantekening toegevoegd")
    assert "help" in texts[2]
    assert all(c.body.get("thread_ts") == "1.000001" for c in fake_slack.calls("chat.postMessage"))
    assert db.session.scalar(sa.select(Note.text)) == "belde vandaag terug"
    assert all("111222333" not in json.dumps(c.body) for c in fake_slack.calls())


def test_retry_does_nothing_twice(post, fake_slack, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager)
    body = {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": "Ev1",
        "event": {
            "type": "message",
            "channel_type": "im",
            "user": casemanager.slack_user_id,
            "channel": "D1",
            "text": "taken",
            "ts": "1.1",
        },
    }
    post(event=body)
    post(event=body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}, answers=0)
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_start_submission_starts_the_trajectory(post, command, fake_slack, casemanager, create_employee, db):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    command(casemanager.slack_user_id, "start jansen")
    view = fake_slack.calls("views.open")[0].body["view"]
    view = view if isinstance(view, dict) else json.loads(view)
    template = next(b for b in view["blocks"] if b.get("block_id") == "template")["element"]["options"][0]
    state = {
        "employee": {"employee": {"type": "static_select", "selected_option": {"value": str(employee.id)}}},
        "template": {"template": {"type": "static_select", "selected_option": template}},
    }
    payload = {
        "type": "view_submission",
        "user": {"id": casemanager.slack_user_id},
        "team": {"id": "T1"},
        "view": {**view, "id": "V1", "state": {"values": state}},
    }
    response = post({"payload": json.dumps(payload)})
    assert response.status_code == 200
    trajectory = db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employee.id))
    assert trajectory is not None and trajectory.template.name == template["text"]["text"]


def test_dm_refusal_is_said_and_changes_nothing(post, fake_slack, casemanager, create_employee, db):
    create_employee(last_name="Jansen", case_manager=casemanager)
    _dm(post, casemanager.slack_user_id, "notitie jansen")
    _dm(post, casemanager.slack_user_id, "taken")
    texts = [c.body["text"] for c in fake_slack.calls("chat.postMessage")]
    assert texts == [
        "Noem de werknemer en de tekst: `notitie jansen belde vandaag terug`.",
        "Je hebt geen open taken.",
    ]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 0


def test_unlinked_dm_gets_the_refusal(post, fake_slack):
    _dm(post, "UNOBODY", "taken")
    [call] = fake_slack.calls("chat.postMessage")
    assert "niet gekoppeld" in call.body["text"]
