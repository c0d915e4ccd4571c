"""`traject bot` (Socket Mode, or a pointer to the HTTP endpoint) and `traject chat --as EMAIL`."""

from __future__ import annotations

import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from casework.i18n import gettext as _
from casework.i18n import speaking


@click.command("bot")
@with_appcontext
def bot_command() -> None:
    """Draai de Slack-bot alleen: Socket Mode als SLACK_APP_TOKEN is ingesteld."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from . import create_bolt_app

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    token = app.config.get("SLACK_APP_TOKEN")
    if not token:
        raise click.ClickException(
            "SLACK_APP_TOKEN ontbreekt: zonder Socket Mode ontvangt `traject run` Slack op POST /slack/events."
        )
    SocketModeHandler(create_bolt_app(app), token).start()


@click.command("chat")
@click.option("--as", "email", required=True, help="E-mailadres van de gebruiker namens wie u chat.")
@with_appcontext
def chat_command(email: str) -> None:
    """Praat in de terminal met de bot, zonder Slack: dezelfde afhandeling, als tekst."""
    from models import User, db

    from .terminal import Terminal

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active:
        raise click.ClickException(f"Geen actieve gebruiker met e-mailadres {email}.")
    if user.slack_user_id is None:
        raise click.ClickException(f"{email} heeft geen Slack-id; koppel er een met `traject users`.")
    slack_id, language = user.slack_user_id, user.language
    # End this read: the listeners answer in other threads and write, and a transaction left open here would
    # hold the database's write lock for as long as the chat lasts. Nothing was written, so committing only ends
    # the transaction (a rollback would also discard what an enclosing transaction, as in the tests, holds).
    db.session.commit()

    def ask(prompt: str) -> str | None:
        click.echo(prompt, nl=False)
        line = sys.stdin.readline()
        return None if not line else line.rstrip("\n")

    terminal = Terminal(app, slack_id, ask, click.echo)
    with speaking(language):  # the terminal's own lines in the user's language, like the bot's answers
        click.echo(
            _(
                "Typ zoals na /traject (bijvoorbeeld `taken`), `knop N` voor een knop, een lege regel om te stoppen."
            )
        )
        try:
            while (line := ask("> ")) not in (None, ""):
                terminal.line(line)
        finally:
            terminal.close()
