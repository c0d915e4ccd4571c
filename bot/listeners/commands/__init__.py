"""`/traject SUBCOMMAND`: ack at once, then answer ephemerally or open a modal."""

from __future__ import annotations

from typing import Any

from flask import Flask
from slack_bolt import App

from casework.errors import Invalid

from ...context import NotLinked, interaction, message, refusal
from ...replies import dispatch
from ...words import parse


def register(app: App, flask_app: Flask) -> None:
    """The slash command."""

    @app.command("/traject")
    def traject(ack: Any, command: dict[str, Any], client: Any) -> None:
        ack()

        def respond(text: str, blocks: Any = None, **_: Any) -> None:
            client.chat_postEphemeral(
                channel=command.get("channel_id"), user=command.get("user_id"), text=text, blocks=blocks
            )

        word, args = parse(command.get("text", ""))
        try:
            with interaction(flask_app, command.get("user_id")) as (user, actor, now):
                reply = dispatch(word, args, user=user, actor=actor, now=now)
        except NotLinked:
            respond(text=refusal(), response_type="ephemeral")
            return
        except Invalid as error:
            respond(text=message(error), response_type="ephemeral")
            return
        if reply.modal is not None and command.get("trigger_id"):
            client.views_open(trigger_id=command["trigger_id"], view=reply.modal)
            return
        respond(text=reply.text, blocks=reply.blocks or None, response_type="ephemeral")
