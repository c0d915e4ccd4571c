"""Register every listener kind on the Bolt app."""

from __future__ import annotations

from flask import Flask
from slack_bolt import App


def register(app: App, flask_app: Flask) -> None:
    """Commands, actions, views, events and options."""
    from . import actions, agenda, agenda_tasks, commands, events, options, views

    for kind in (commands, actions, agenda, agenda_tasks, views, events, options):
        kind.register(app, flask_app)
