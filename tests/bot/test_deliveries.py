"""Retries and replays: acted on once, remembered in the database; bad requests are a 4xx, never a 500."""

from __future__ import annotations

import datetime as dt
import json
import time
from urllib.parse import urlencode

import sqlalchemy as sa

from jobs.scheduler import run_day_change
from models import Note, SlackDelivery
from tests.bot.conftest import next_trigger, sign


def _dm_event(user_id: str, text: str, event_id: str) -> dict:
    return {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": event_id,
        "event": {
            "type": "message",
            "channel_type": "im",
            "user": user_id,
            "channel": f"D{user_id}",
            "text": text,
            "ts": "1.1",
        },
    }


RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


def test_a_retry_of_a_processed_event_is_ignored(post, fake_slack, db, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager)
    body = _dm_event(casemanager.slack_user_id, "notitie jansen belde terug", "EvRetried")
    post(event=body)
    post(event=body, headers=RETRY, answers=0)
    post(event=body, headers={**RETRY, "X-Slack-Retry-Num": "2"}, answers=0)
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 1


def test_a_retry_of_an_event_never_seen_is_processed_once(post, fake_slack, db, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager)
    body = _dm_event(
        casemanager.slack_user_id, "notitie jansen belde terug", "EvLost"
    )  # first try never came
    post(event=body, headers={**RETRY, "X-Slack-Retry-Reason": "connection_failed"})
    post(event=body, headers={**RETRY, "X-Slack-Retry-Num": "2"}, answers=0)
    [answer] = fake_slack.calls("chat.postMessage")
    assert answer.body["text"].startswith("Aantekening toegevoegd aan het dossier van Anna Jansen")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 1


def test_a_replayed_signed_command_is_acted_on_once(
    slack_app, post, fake_slack, db, casemanager, create_employee
):
    create_employee(last_name="Jansen", case_manager=casemanager)
    form = {
        "command": "/traject",
        "text": "notitie jansen belde terug",
        "user_id": casemanager.slack_user_id,
        "trigger_id": next_trigger(),
        "team_id": "T1",
        "channel_id": "C1",
    }
    body = urlencode(form)
    headers = {**sign(body), "Content-Type": "application/x-www-form-urlencoded"}
    client = slack_app.test_client()
    first = client.post("/slack/events", data=body, headers=headers)
    fake_slack.wait_for_calls(1, method="chat.postEphemeral")
    again = client.post("/slack/events", data=body, headers=headers)  # the same bytes, within 5 minutes
    time.sleep(0.3)
    db.session.expire_all()
    assert (first.status_code, again.status_code) == (200, 200)
    assert len(fake_slack.calls("chat.postEphemeral")) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 1
    kinds = sorted(k.split(":")[0] for k in db.session.scalars(sa.select(SlackDelivery.key)))
    assert kinds == ["body", "sig"]


def test_the_same_words_typed_twice_are_two_commands(command, fake_slack, casemanager):
    command(casemanager.slack_user_id, "taken")
    command(casemanager.slack_user_id, "taken")
    assert len(fake_slack.calls("chat.postEphemeral")) == 2


def test_the_day_change_forgets_old_deliveries(app, db, now):
    db.session.add_all(
        [
            SlackDelivery(key="event:old", received_at=now - dt.timedelta(days=2)),
            SlackDelivery(key="event:new", received_at=now - dt.timedelta(minutes=5)),
        ]
    )
    db.session.flush()
    assert "1 oude Slack-verzoeken vergeten" in run_day_change(now)
    assert list(db.session.scalars(sa.select(SlackDelivery.key))) == ["event:new"]


def test_a_non_numeric_timestamp_is_a_400(slack_app, fake_slack):
    body = "command=%2Ftraject&text=help"
    for stamp in ("abc", "1e9", "١٢٣", "9" * 40):
        response = slack_app.test_client().post(
            "/slack/events",
            data=body,
            headers={
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": "v0=00",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        assert response.status_code == 400, stamp
        assert "X-Slack-Request-Timestamp" in response.get_data(as_text=True)
    assert fake_slack.calls() == []


def test_a_deeply_nested_payload_is_a_400(post, fake_slack, casemanager):
    deep = "[" * 5000 + "]" * 5000
    user = json.dumps({"id": casemanager.slack_user_id})
    payload = '{"type": "block_actions", "user": ' + user + ', "actions": ' + deep + "}"
    response = post({"payload": payload}, answers=0)
    assert response.status_code == 400 and "te diep genest" in response.get_data(as_text=True)
    response = post(event={"type": "event_callback", "x": json.loads("[" * 100 + "]" * 100)}, answers=0)
    assert response.status_code == 400
    assert fake_slack.calls("chat.postMessage") == []


def test_a_signed_body_of_the_wrong_shape_is_a_400(post, fake_slack):
    response = post(
        event={"type": "event_callback", "event_id": "EvOdd", "event": ["geen", "object"]}, answers=0
    )
    assert response.status_code == 400
    assert fake_slack.calls("chat.postMessage") == []


def test_another_worker_recognises_a_replay(slack_app, post, fake_slack, db, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager)
    body = _dm_event(casemanager.slack_user_id, "notitie jansen belde terug", "EvTwoWorkers")
    post(event=body)
    slack_app.extensions.pop("traject_bolt")  # a fresh Bolt app, as in another worker: no memory shared
    post(event=body, headers=RETRY, answers=0)
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 1
