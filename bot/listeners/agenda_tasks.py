"""Own tasks in Slack: the buttons Nieuwe taak, Afgerond, In agenda (Andere tijd) and Uit agenda (each through
casework.agenda_tasks)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from slack_bolt import App

from casework.agenda_tasks import complete_task, unschedule_task
from casework.calendar import local_day
from casework.errors import Invalid
from casework.i18n import M_, N_
from casework.i18n import gettext as _
from models import AgendaTask, db

from ..agenda_tasks import (
    ACTION_DONE,
    ACTION_NEW,
    ACTION_PROMOTE,
    ACTION_UNSCHEDULE,
    new_task_modal,
    promote_modal,
)
from ..blocks import escape
from ..context import REFUSAL, NotLinked, interaction, message

DONE = N_("Taak \u201c%(title)s\u201d afgerond.")
UNSCHEDULED = N_("Taak \u201c%(title)s\u201d staat niet meer in je agenda.")


def task_of(value: object) -> AgendaTask:
    """The task a button or a modal names."""
    text = str(value or "")
    task = db.session.get(AgendaTask, int(text)) if text.isdigit() and len(text) < 10 else None
    if task is None:
        raise Invalid({"_": M_("Deze taak bestaat niet meer.")})
    return task


def register(app: App, flask_app: Flask) -> None:
    """The four buttons."""

    def say(client: Any, body: dict[str, Any], text: str) -> None:
        client.chat_postMessage(channel=body["user"]["id"], text=text)

    @app.action(ACTION_NEW)
    def new(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        try:
            with interaction(flask_app, body["user"]["id"]) as (_user, _actor, now):
                view = new_task_modal(local_day(now))
        except NotLinked:
            say(client, body, REFUSAL)
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.action(ACTION_PROMOTE)
    def promote(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, _actor, now):
                task = task_of(body["actions"][0].get("value"))
                if task.assignee_id != user.id:
                    raise Invalid({"assignee_id": M_("Dit is niet jouw taak.")})
                if task.status.value != "open":
                    raise Invalid({"status": M_("Deze taak is niet meer open.")})
                view = promote_modal(task, local_day(now), user)
        except NotLinked:
            say(client, body, REFUSAL)
            return
        except Invalid as error:
            say(client, body, message(error))
            return
        client.views_open(trigger_id=body["trigger_id"], view=view)

    def step(body: dict[str, Any], client: Any, work: Any, said: str) -> None:
        """A button that does one step to the task it names, answered by direct message."""
        try:
            with interaction(flask_app, body["user"]["id"]) as (_user, actor, now):
                task = task_of(body["actions"][0].get("value"))
                work(task, actor=actor, now=now)
                text = _(said, title=escape(task.title))
        except NotLinked:
            text = REFUSAL
        except Invalid as error:
            text = message(error)
        say(client, body, text)

    @app.action(ACTION_DONE)
    def done(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        step(body, client, complete_task, DONE)

    @app.action(ACTION_UNSCHEDULE)
    def unschedule(ack: Any, body: dict[str, Any], client: Any) -> None:
        ack()
        step(body, client, unschedule_task, UNSCHEDULED)
