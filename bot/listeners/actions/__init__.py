"""Buttons (open a modal, snooze, open dossier) and in-modal changes that update the modal in place."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from slack_bolt import App

from casework.calendar import local_day
from casework.errors import Invalid
from casework.process import snooze_task
from casework.registration import ensure_can_see
from casework.signals import snooze_signal
from jobs.render import ACTION_COMPLETE_TASK, ACTION_OPEN_DOSSIER
from models import Employee, Signal, Task, Trajectory, db

from ...context import REFUSAL, NotLinked, interaction, message
from ...home import base_url, dossier_url
from ...modals import state_values
from ...modals.close import close_modal
from ...modals.start import start_modal
from ...modals.tasks import FIGURES, REFRESH, task_modal


def _get(model: type, value: str) -> Any:
    row = db.session.get(model, int(value))
    if row is None:
        raise Invalid({"_": "Dit bestaat niet meer."})
    return row


def _say(client: Any, body: dict[str, Any], text: str) -> None:
    """Tell the user privately (a DM) what happened or why not."""
    client.chat_postMessage(channel=body["user"]["id"], text=text)


def _opener(open_modal: Any, build: Any) -> Any:
    # Bolt injects arguments by name, so `build` is bound by a closure.
    def listener(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        open_modal(body, client, build)

    return listener


def register(app: App, flask_app: Flask) -> None:
    """All block_actions."""

    def open_modal(body: dict[str, Any], client: Any, build: Any) -> None:
        value = body["actions"][0]["value"]
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, now):
                view = build(user, value, now)
        except NotLinked:
            _say(client, body, REFUSAL)
            return
        except Invalid as error:
            _say(client, body, message(error))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    def task_view(user: Any, value: str, now: Any) -> dict[str, Any]:
        task = _get(Task, value)
        ensure_can_see(task.trajectory.employee, user)
        return task_modal(task, local_day(now))

    def start_view(user: Any, value: str, now: Any) -> dict[str, Any]:
        employee = _get(Employee, value)
        ensure_can_see(employee, user)
        return start_modal(employee, local_day(now))

    def close_view(user: Any, value: str, now: Any) -> dict[str, Any]:
        trajectory = _get(Trajectory, value)
        ensure_can_see(trajectory.employee, user)
        return close_modal(trajectory)

    for action_id, build in (
        ("task.open", task_view),
        (ACTION_COMPLETE_TASK, task_view),
        ("start.open", start_view),
        ("trajectory.close", close_view),
    ):
        app.action(action_id)(_opener(open_modal, build))

    @app.action(re.compile(r"^(task|signal)\.snooze\.\d+$"))
    def snooze(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        action = body["actions"][0]
        subject_id, days = (int(v) for v in action["value"].split(":"))
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, actor, now):
                if action["action_id"].startswith("task."):
                    task = _get(Task, str(subject_id))
                    ensure_can_see(task.trajectory.employee, user)
                    snooze_task(task, days, actor=actor, now=now)
                    text = f"Taak {task.key} gesluimerd tot {task.snoozed_until:%d-%m-%Y}."
                else:
                    signal = _get(Signal, str(subject_id))
                    if signal.employee is not None:
                        ensure_can_see(signal.employee, user)
                    snooze_signal(signal, days, actor=actor, now=now)
                    text = f"Signalering gesluimerd tot {signal.snoozed_until:%d-%m-%Y}."
        except NotLinked:
            text = REFUSAL
        except Invalid as error:
            text = message(error)
        _say(client, body, text)

    @app.action(ACTION_OPEN_DOSSIER)
    def open_dossier(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, _now):
                employee = _get(Employee, body["actions"][0]["value"])
                ensure_can_see(employee, user)
                text = f"Dossier: {dossier_url(base_url(flask_app.config), employee.id)}"
        except NotLinked:
            text = REFUSAL
        except Invalid as error:
            text = message(error)
        _say(client, body, text)

    @app.action(re.compile("^(" + "|".join(sorted(REFRESH | set(FIGURES))) + ")$"))
    def refresh(ack: Any, body: dict[str, Any], client: Any) -> None:
        """A filter or a figure changed: rebuild the task modal with the new results or the new benefit."""
        ack()
        view = body["view"]
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, now):
                task = _get(Task, view["private_metadata"])
                ensure_can_see(task.trajectory.employee, user)
                new = task_modal(task, local_day(now), state_values(view))
        except (NotLinked, Invalid):
            return
        client.views_update(view_id=view["id"], hash=view.get("hash"), view=new)
