"""Direct messages (answered in the thread with the subcommand's answer) and App Home."""

from __future__ import annotations

from typing import Any

from flask import Flask
from slack_bolt import App

from casework.calendar import local_day
from casework.errors import Invalid

from ...context import NotLinked, interaction, message, refusal
from ...home import home_view
from ...links import base_url
from ...replies import dispatch
from ...words import parse


def register(app: App, flask_app: Flask) -> None:
    """message.im and app_home_opened."""

    @app.event("message")
    def direct_message(event: dict[str, Any], say: Any) -> None:
        if event.get("bot_id") or event.get("subtype") or event.get("channel_type") != "im":
            return
        thread = event.get("thread_ts") or event.get("ts")
        word, args = parse(event.get("text", ""))
        try:
            with interaction(flask_app, event.get("user")) as (user, actor, now):
                reply = dispatch(word, args, user=user, actor=actor, now=now)
        except NotLinked:
            say(text=refusal(), thread_ts=thread)
            return
        except Invalid as error:
            say(text=message(error), thread_ts=thread)
            return
        say(text=reply.text, blocks=reply.blocks or None, thread_ts=thread)

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: Any) -> None:
        try:
            with interaction(flask_app, event.get("user")) as (user, _actor, now):
                view = home_view(user, local_day(now), base_url(flask_app.config), now=now)
        except NotLinked:
            view = {
                "type": "home",
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": refusal()}}],
            }
        client.views_publish(user_id=event["user"], view=view)
