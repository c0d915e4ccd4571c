"""The `traject` command line (SPEC §8): a Flask CLI group, the same as `flask --app console`."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext

from casework.errors import Invalid
from models import db, utcnow


def _create_app():  # FlaskGroup calls this without arguments
    from . import create_app

    return create_app()


cli = FlaskGroup(
    name="traject",
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    help="Traject: verzuim- en re-integratiebegeleiding. Console, REST API, Slack bot and scheduler.",
)
cli.add_command(shell_command)
cli.add_command(routes_command)


def fail(error: Invalid) -> None:
    """Print an engine refusal field by field and exit with status 1."""
    for fieldname, message in error.errors.items():
        click.echo(f"Error: {fieldname}: {message}", err=True)
    sys.exit(1)


@cli.command("init")
@with_appcontext
def init_command() -> None:
    """Create or upgrade the database and load the seed configuration; safe to run twice."""
    from . import db_admin

    before, after = db_admin.upgrade_database()
    if before == after:
        click.echo(f"Database {db_admin.describe_database()}: already at revision {after}.")
    else:
        click.echo(f"Database {db_admin.describe_database()}: upgraded from {before or 'empty'} to {after}.")
    from casework.seed import load_seed_configuration

    report = load_seed_configuration(utcnow())
    db.session.commit()
    click.echo(report.summary())
    for line in report.skipped:
        click.echo(f"Skipped: {line}")


@cli.command("demo")
@with_appcontext
def demo_command() -> None:
    """Add a demo data set (employers, employees, trajectories in every state, users); safe to run twice."""
    from casework.demo import load_demo

    result = load_demo(utcnow())
    db.session.commit()
    click.echo(result.summary())


@cli.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@with_appcontext
def run_command(host: str, port: int) -> None:
    """Start the console, REST API, Slack endpoint and scheduler on one machine."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    from jobs.settings import Settings

    if Settings.load(app.config).scheduler_in_run:  # the scheduler beside the web server (waits for the lock)
        from jobs.scheduler import start_background

        start_background(app)
    click.echo(f"Traject is running on http://{host}:{port}/  (stop with Ctrl+C)")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@cli.group("users")
def users_group() -> None:
    """Manage users."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "casemanager"]), required=True, help="The user's role.")
@click.option("--name", default=None, help="Display name (default: the part of the e-mail before @).")
@click.option("--slack-id", default=None, help="The user's Slack member id (U…).")
@click.option("--language", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create(
    email: str, role: str, name: str | None, slack_id: str | None, language: str, password_stdin: bool
) -> None:
    """Add a user; the password is read from standard input, or generated and printed once."""
    from casework.accounts import create_user, generate_password
    from casework.logbook import Actor

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        generated = False
    else:
        password, generated = generate_password(), True
    try:
        user = create_user(
            email=email,
            role=role,
            name=name,
            slack_user_id=slack_id,
            password=password,
            language=language,
            actor=Actor(name="cli"),
            now=utcnow(),
        )
    except Invalid as error:
        db.session.rollback()
        fail(error)
    db.session.commit()
    click.echo(f"User {user.email} created with role {user.role.value}.")
    if generated:
        click.echo(f"Password (shown once): {password}")


@cli.group("tokens")
def tokens_group() -> None:
    """Manage API tokens."""


@tokens_group.command("create")
@click.argument("name")
@click.option("--user", "user_email", default=None, help="Act with this user's caseload (e-mail).")
@with_appcontext
def tokens_create(name: str, user_email: str | None) -> None:
    """Print a new API token once; only its hash is stored."""
    import sqlalchemy as sa

    from casework.accounts import create_api_token
    from casework.logbook import Actor
    from models import User

    user = None
    if user_email:
        user = db.session.scalar(sa.select(User).where(User.email == user_email.strip().lower()))
        if user is None:
            fail(Invalid({"user": f"Geen gebruiker met e-mailadres {user_email}."}))
    try:
        _row, token = create_api_token(name=name, user=user, actor=Actor(name="cli"), now=utcnow())
    except Invalid as error:
        db.session.rollback()
        fail(error)
    db.session.commit()
    click.echo(f"API token {name!r} created. Shown once, store it now:")
    click.echo(token)


from jobs.cli import purge_command, scheduler_command, signals_group  # noqa: E402

cli.add_command(scheduler_command)
cli.add_command(signals_group)
cli.add_command(purge_command)

from bot.cli import bot_command, chat_command  # noqa: E402

cli.add_command(bot_command)
cli.add_command(chat_command)

from .cli_config import config_group  # noqa: E402

cli.add_command(config_group)


def main() -> None:
    """Entry point of the `traject` console script."""
    cli.main(prog_name="traject")
