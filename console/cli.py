"""The `traject` command line (SPEC §8): a Flask CLI group, the same as `flask --app console`."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext

from casework.errors import Invalid
from models import db, utcnow


def _create_app():  # FlaskGroup calls this without arguments
    from . import ConfigError, create_app

    try:
        return create_app()
    except ConfigError as error:
        # A configuration that cannot work is the operator's to fix: one line saying what, no traceback.
        raise click.ClickException(str(error)) from None


class _Group(FlaskGroup):
    """Flask's group, but listing the commands (for --help) without building the app: every command is
    registered here, and help must work before SECRET_KEY or DATABASE_URL is set."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return click.Group.list_commands(self, ctx)


cli = _Group(
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


@users_group.command("reset-totp")
@click.argument("email")
@with_appcontext
def users_reset_totp(email: str) -> None:
    """Remove a user's second factor (lost phone): their sessions end and the next sign-in asks to set it up."""
    import sqlalchemy as sa

    from casework.logbook import Actor
    from casework.totp import reset_totp
    from models import User

    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None:
        fail(Invalid({"email": f"Er is geen gebruiker met e-mailadres {email}."}))
    if not user.totp_secret:
        fail(Invalid({"email": f"{user.email} heeft geen tweestapsverificatie."}))
    reset_totp(user, actor=Actor(name="cli"), now=utcnow())
    db.session.commit()
    click.echo(f"Second factor (TOTP) of {user.email} removed; their next sign-in sets it up again.")


@cli.group("tokens")
def tokens_group() -> None:
    """Manage API tokens."""


@tokens_group.command("create")
@click.argument("name")
@click.option("--user", "user_email", default=None, help="Act with this user's caseload (e-mail).")
@click.option(
    "--expires-days", type=int, default=None, help="Valid for this many days (default: until revoked)."
)
@with_appcontext
def tokens_create(name: str, user_email: str | None, expires_days: int | None) -> None:
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
        row, token = create_api_token(
            name=name, user=user, actor=Actor(name="cli"), now=utcnow(), expires_days=expires_days
        )
    except Invalid as error:
        db.session.rollback()
        fail(error)
    db.session.commit()
    until = f", valid until {row.expires_at:%Y-%m-%d %H:%M} UTC" if row.expires_at else ""
    click.echo(f"API token {name!r} created{until}. Shown once, store it now:")
    click.echo(token)


@tokens_group.command("list")
@with_appcontext
def tokens_list() -> None:
    """List the API tokens: name, start, user, state, expiry and last use (never the token itself)."""
    import sqlalchemy as sa

    from models import ApiToken

    now = utcnow()
    rows = db.session.scalars(sa.select(ApiToken).order_by(ApiToken.name)).all()
    if not rows:
        click.echo("No API tokens.")
        return

    def moment(value: object) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if value else "-"

    click.echo("name\tstart\tuser\tstate\texpires (UTC)\tlast used (UTC)")
    for row in rows:
        if not row.active:
            state = "revoked"
        elif row.expires_at is not None and row.expires_at <= now:
            state = "expired"
        elif row.user is not None and not row.user.active:
            state = "user deactivated"
        else:
            state = "active"
        user = row.user.email if row.user else "-"
        click.echo(
            f"{row.name}\t{row.prefix}\t{user}\t{state}\t{moment(row.expires_at)}\t{moment(row.last_used_at)}"
        )


@tokens_group.command("revoke")
@click.argument("name")
@with_appcontext
def tokens_revoke(name: str) -> None:
    """Revoke the API token called NAME; it answers 401 from then on."""
    import sqlalchemy as sa

    from casework.accounts import revoke_token
    from casework.logbook import Actor
    from models import ApiToken

    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == name.strip()))
    if row is None:
        fail(Invalid({"name": f"Geen API-token met de naam {name}."}))
    if not row.active:
        click.echo(f"API token {row.name!r} was already revoked.")
        return
    revoke_token(row, actor=Actor(name="cli"), now=utcnow())
    db.session.commit()
    click.echo(f"API token {row.name!r} revoked.")


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
