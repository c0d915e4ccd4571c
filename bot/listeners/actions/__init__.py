"""Buttons (open a modal, snooze, open dossier) and in-modal changes that update the modal in place."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask
from slack_bolt import App

from casework.calendar import dutch_date, local_day
from casework.errors import Invalid
from casework.i18n import M_
from casework.i18n import gettext as _
from casework.notes import add_note
from casework.process import snooze_task
from casework.registration import ensure_can_see
from casework.signals import snooze_signal
from models import Employee, Signal, Task, Trajectory, db

from ...blocks import employee_md
from ...context import NotLinked, interaction, message, refusal
from ...home import ACTION_PAGE, home_view, offsets_from
from ...links import base_url, dossier_url
from ...modals import state_values
from ...modals.close import close_modal
from ...modals.start import start_modal
from ...modals.tasks import FIGURES, REFRESH, SKIP_ACTION, skip_modal, task_modal
from ...reminders import (
    ACTION_ASSESS_WEIGHT,
    ACTION_COMPLETE_TASK,
    ACTION_OPEN_DOSSIER,
    ACTION_RECORD_CONTACT,
)
from ...replies import (
    ACTION_DOSSIER,
    ACTION_NOTE_ADD,
    ACTION_SEARCH_MORE,
    DOSSIER_MODALS,
    dossier_modal,
    dossier_reply,
    search_page,
)


def _get(model: type, value: str) -> Any:
    row = db.session.get(model, int(value))
    if row is None:
        raise Invalid({"_": M_("Dit bestaat niet meer.")})
    return row


def _say(client: Any, body: dict[str, Any], text: str, blocks: Any = None) -> None:
    """Tell the user privately (a DM) what happened or why not."""
    client.chat_postMessage(channel=body["user"]["id"], text=text, blocks=blocks or None)


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
            _say(client, body, refusal())
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

    def dossier_view(callback: str) -> Any:
        def build(user: Any, value: str, now: Any) -> dict[str, Any]:
            employee = _get(Employee, value)
            ensure_can_see(employee, user)
            return dossier_modal(callback, employee, local_day(now))

        return build

    openers = [
        ("task.open", task_view),
        (ACTION_COMPLETE_TASK, task_view),
        ("start.open", start_view),
        ("trajectory.close", close_view),
        (ACTION_RECORD_CONTACT, dossier_view("contact")),
        (ACTION_ASSESS_WEIGHT, dossier_view("client_weight")),
    ]
    openers += [(action, dossier_view(callback)) for callback, action, _t, _e in DOSSIER_MODALS.values()]
    for action_id, build in openers:
        app.action(action_id)(_opener(open_modal, build))

    @app.action(SKIP_ACTION)
    def skip(ack: Any, body: dict[str, Any], client: Any) -> None:
        """An optional task's "Overslaan": the skip modal (Reden) on top of the task modal."""
        ack()
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, _now):
                task = _get(Task, body["actions"][0]["value"])
                ensure_can_see(task.trajectory.employee, user)
                view = skip_modal(task)
        except NotLinked:
            _say(client, body, refusal())
            return
        except Invalid as error:
            _say(client, body, message(error))
            return
        client.views_push(trigger_id=body["trigger_id"], view=view)

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
                    text = _(
                        "Taak %(key)s: ik herinner je er op %(day)s weer aan.",
                        key=task.key,
                        day=dutch_date(task.snoozed_until),
                    )
                else:
                    signal = _get(Signal, str(subject_id))
                    if signal.employee is not None:
                        ensure_can_see(signal.employee, user)
                    snooze_signal(signal, days, actor=actor, now=now)
                    text = _(
                        "Ik herinner je op %(day)s weer aan deze signalering.",
                        day=dutch_date(signal.snoozed_until),
                    )
        except NotLinked:
            text = refusal()
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
                text = _("Dossier: %(url)s", url=dossier_url(base_url(flask_app.config), employee.id))
        except NotLinked:
            text = refusal()
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

    @app.action(ACTION_SEARCH_MORE)
    def search_more(ack: Any, body: dict[str, Any], client: Any) -> None:
        """The next page of a search, as a new message."""
        ack()
        blocks = None
        try:
            asked = json.loads(body["actions"][0]["value"])
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, _now):
                reply = search_page(str(asked["q"]), user, max(int(asked["o"]), 0))
            text, blocks = reply.text, reply.blocks
        except NotLinked:
            text = refusal()
        except Invalid as error:
            text = message(error)
        except (ValueError, KeyError, TypeError):
            text = _("Deze knop werkt niet meer; zoek opnieuw.")
        _say(client, body, text, blocks)

    @app.action(ACTION_NOTE_ADD)
    def note_add(ack: Any, body: dict[str, Any], client: Any) -> None:
        """The reading of `notitie …` the user chose: store the note in that dossier."""
        ack()
        employee_id, _sep, note = body["actions"][0]["value"].partition(":")
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, actor, now):
                employee = _get(Employee, employee_id)
                ensure_can_see(employee, user)
                add_note(employee, note, actor=actor, now=now)
                text = _(
                    "Aantekening toegevoegd aan het dossier van %(employee)s.", employee=employee_md(employee)
                )
        except NotLinked:
            text = refusal()
        except Invalid as error:
            text = message(error)
        _say(client, body, text)

    @app.action(ACTION_DOSSIER)
    def dossier(ack: Any, body: dict[str, Any], client: Any) -> None:
        """The employee chosen after `dossier …` named more than one."""
        ack()
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, now):
                text = dossier_reply(_get(Employee, body["actions"][0]["value"]), user, now).text
        except NotLinked:
            text = refusal()
        except Invalid as error:
            text = message(error)
        _say(client, body, text)

    @app.action(re.compile(rf"^{re.escape(ACTION_PAGE)}\.\w+\.(prev|next)$"))
    def page(ack: Any, body: dict[str, Any], client: Any) -> None:
        """Page one list of App Home; the others stay where they were."""
        ack()
        action = body["actions"][0]
        offsets = offsets_from(body.get("view"), action["action_id"], str(action.get("value", "")))
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, now):
                view = home_view(user, local_day(now), base_url(flask_app.config), offsets, now=now)
        except (NotLinked, Invalid):
            return
        client.views_publish(user_id=body["user"]["id"], view=view)
