"""App Home, the reminder buttons, and the refusals: caseload, unlinked and inactive users, signatures, 429."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from bot.reminders import ACTION_COMPLETE_TASK, ACTION_OPEN_DOSSIER, ACTION_SNOOZE
from casework.logbook import Actor
from casework.process import start_trajectory
from models import Notification, Signal, SignalKind, Task, TrajectoryTemplate
from tests.bot.conftest import next_trigger


@pytest.fixture
def started(db, casemanager, create_employee, now):
    """Jansen's "Inzet interventie", started a week ago, with an overdue T1 and a signal for the case manager."""
    employee = create_employee(last_name="Jansen", case_manager=casemanager, bsn="111222333")
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(
        employee, template, actor=Actor(casemanager), now=now - dt.timedelta(days=7)
    )
    task = trajectory.tasks[0]
    signal = Signal(
        kind=SignalKind.TASK_OVERDUE,
        subject_type="task",
        subject_id=task.id,
        due_date=task.due_date,
        employee=employee,
        trajectory=trajectory,
        detail="T1 Vastleggen traject en polis",
    )
    db.session.add(signal)
    db.session.flush()
    db.session.add(Notification(signal=signal, recipient=casemanager, text="T1 is over de deadline"))
    db.session.flush()
    return task, signal


def _home(post, user_id):
    return post(
        event={
            "type": "event_callback",
            "team_id": "T1",
            "event_id": f"EvHome{next_trigger()}",
            "event": {"type": "app_home_opened", "user": user_id, "tab": "home"},
        }
    )


def test_app_home_shows_tasks_signals_and_trajectories_with_buttons(post, fake_slack, casemanager, started):
    task, signal = started
    _home(post, casemanager.slack_user_id)
    [call] = fake_slack.calls("views.publish")
    blocks = (
        json.loads(call.body["view"]) if isinstance(call.body["view"], str) else call.body["view"]["blocks"]
    )
    blocks = blocks["blocks"] if isinstance(blocks, dict) else blocks
    texts = [b["text"]["text"] for b in blocks if "text" in b]
    assert texts[0] == "Mijn taken"
    assert texts[1].startswith("T1 Vastleggen traject en polis") and "*te laat*" in texts[1]
    # The signal in words: its kind, the task, the employee and the day, never a code ("task_overdue").
    due = f"{signal.due_date:%d-%m-%Y}"
    assert f"Taak over de deadline: T1 Vastleggen traject en polis — Anna Jansen (uiterlijk {due})" in texts
    assert any(t.startswith("Inzet interventie · Anna Jansen") for t in texts)
    buttons = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert {
        "task.open",
        "task.snooze.1",
        "task.snooze.7",
        f"{ACTION_SNOOZE}.3",
        ACTION_OPEN_DOSSIER,
        "trajectory.close",
    } <= set(buttons)
    assert "111222333" not in json.dumps([c.body for c in fake_slack.calls()])


def test_reminder_buttons_snooze_and_open_the_task(ui, db, fake_slack, casemanager, started, now):
    task, signal = started
    uid = casemanager.slack_user_id
    ui.click(uid, f"{ACTION_SNOOZE}.3", f"{signal.id}:3")
    assert signal.snoozed_until == now.date() + dt.timedelta(days=3)
    assert f"Ik herinner je op {signal.snoozed_until:%d-%m-%Y} weer aan deze signalering." in ui.texts()
    ui.click(uid, ACTION_COMPLETE_TASK, str(task.id))
    assert ui.last_modal()["callback_id"] == "task"
    ui.click(uid, ACTION_OPEN_DOSSIER, str(task.trajectory.employee_id))
    assert ui.texts()[-1].startswith("Dossier: ")


def test_other_case_manager_is_refused_and_nothing_changes(ui, db, fake_slack, create_user, started):
    task, signal = started
    other = create_user(name="Piet Anders")
    ui.click(other.slack_user_id, "task.snooze.3", f"{task.id}:3")
    ui.click(other.slack_user_id, "task.open", str(task.id))
    assert fake_slack.calls("views.open") == []
    assert ui.texts() == ["Deze werknemer hoort niet bij uw caseload."] * 2
    assert db.session.get(Task, task.id).snoozed_until is None
    ui.command(other.slack_user_id, "zoek jansen")
    assert "Jansen" not in ui.texts()[-1]


def test_inactive_user_gets_the_refusal_only(ui, fake_slack, create_user, started):
    task, _ = started
    gone = create_user(active=False)
    ui.click(gone.slack_user_id, "task.open", str(task.id))
    ui.command(gone.slack_user_id, "taken")
    assert all("niet gekoppeld" in t for t in ui.texts()) and len(ui.texts()) == 2
    assert fake_slack.calls("views.open") == []


def test_missing_signature_headers_are_refused(slack_app, fake_slack):
    response = slack_app.test_client().post(
        "/slack/events", data="command=%2Ftraject&text=help", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 401
    assert fake_slack.calls() == []


def test_slack_429_is_retried_after_retry_after(ui, fake_slack, casemanager):
    fake_slack.fail_next(429, 1, retry_after=1, method="chat.postEphemeral")
    ui.command(casemanager.slack_user_id, "help")
    statuses = [c.status for c in fake_slack.calls("chat.postEphemeral")]
    assert statuses == [429, 200]


def test_close_button_closes_with_the_chosen_end_reason(ui, db, casemanager, started):
    task, _ = started
    uid = casemanager.slack_user_id
    ui.click(uid, "trajectory.close", str(task.trajectory_id))
    view = ui.last_modal()
    assert [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"] == ["Beëindigingsreden"]
    refused = ui.submit(uid, view, {})
    assert json.loads(refused.get_data())["errors"] == {"end_reason": "Kies een beëindigingsreden."}
    assert task.trajectory.closed_on is None
    ui.submit(uid, view, {"Beëindigingsreden": "Traject gestopt i.v.m. geen akkoord op offerte"})
    assert task.trajectory.end_reason.name == "Traject gestopt i.v.m. geen akkoord op offerte"
    assert ui.texts()[-1] == "Traject gesloten: Traject gestopt i.v.m. geen akkoord op offerte."
