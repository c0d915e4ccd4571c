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
    help="Traject: verzuim- en re-integratiebegeleiding. Console, REST API, Slack-bot en planner.",
)
cli.add_command(shell_command)
cli.add_command(routes_command)


# The engine's field names as the command line calls them (its arguments and options).
CLI_FIELDS = {
    "email": "EMAIL",
    "role": "--role",
    "name": "naam",
    "slack_user_id": "--slack-id",
    "language": "--language",
    "password": "wachtwoord",
    "user": "--user",
    "expires_days": "--expires-days",
}


ROLE_WORDS = {"admin": "functioneel beheerder", "casemanager": "casemanager"}


def fail(error: Invalid) -> None:
    """Print an engine refusal field by field and exit with status 1."""
    for fieldname, message in error.errors.items():
        click.echo(f"Fout: {CLI_FIELDS.get(fieldname, fieldname)}: {message}", err=True)
    sys.exit(1)


@cli.command("init")
@with_appcontext
def init_command() -> None:
    """Maak of vernieuw de database en laad de basisconfiguratie; twee keer draaien kan geen kwaad."""
    from . import db_admin

    before, after = db_admin.upgrade_database()
    if before == after:
        click.echo(f"Database {db_admin.describe_database()}: al op revisie {after}.")
    else:
        click.echo(
            f"Database {db_admin.describe_database()}: bijgewerkt van {before or 'leeg'} naar {after}."
        )
    from casework.seed import load_seed_configuration

    report = load_seed_configuration(utcnow())
    db.session.commit()
    click.echo(report.summary())
    for line in report.skipped:
        click.echo(f"Overgeslagen: {line}")


@cli.command("demo")
@with_appcontext
def demo_command() -> None:
    """Voeg demodata toe (werkgevers, werknemers, trajecten in elke stand, gebruikers); twee keer draaien kan."""
    from casework.demo import load_demo

    result = load_demo(utcnow())
    db.session.commit()
    click.echo(result.summary())


@cli.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres waarop Traject luistert.")
@click.option("--port", default=5000, show_default=True, type=int, help="Poort waarop Traject luistert.")
@with_appcontext
def run_command(host: str, port: int) -> None:
    """Start console, REST API, Slack-ingang en planner op één machine."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    from jobs.settings import Settings

    if Settings.load(app.config).scheduler_in_run:  # the scheduler beside the web server (waits for the lock)
        from jobs.scheduler import start_background

        start_background(app)
    click.echo(f"Traject draait op http://{host}:{port}/  (stoppen met Ctrl+C)")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@cli.group("users")
def users_group() -> None:
    """Gebruikers beheren."""


@users_group.command("create")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["admin", "casemanager"]), required=True, help="De rol van de gebruiker."
)
@click.option("--name", default=None, help="Naam (standaard: het deel van het e-mailadres vóór de @).")
@click.option("--slack-id", default=None, help="Het Slack-lid-id van de gebruiker (U…).")
@click.option("--language", type=click.Choice(["nl", "en"]), default="nl", show_default=True, help="Taal.")
@click.option("--password-stdin", is_flag=True, help="Lees het wachtwoord van standaardinvoer.")
@with_appcontext
def users_create(
    email: str, role: str, name: str | None, slack_id: str | None, language: str, password_stdin: bool
) -> None:
    """Voeg een gebruiker toe; het wachtwoord komt van standaardinvoer, of wordt gemaakt en één keer getoond."""
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
    click.echo(f"Gebruiker {user.email} aangemaakt met de rol {ROLE_WORDS[user.role.value]}.")
    if generated:
        click.echo(f"Wachtwoord (wordt één keer getoond): {password}")


@users_group.command("reset-totp")
@click.argument("email")
@with_appcontext
def users_reset_totp(email: str) -> None:
    """Verwijder de tweede stap (TOTP) van een gebruiker (telefoon kwijt): sessies eindigen, de volgende aanmelding stelt hem opnieuw in."""
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
    click.echo(
        f"Tweede stap (TOTP) van {user.email} verwijderd; bij de volgende aanmelding stelt de gebruiker die opnieuw in."
    )


@cli.group("tokens")
def tokens_group() -> None:
    """API-tokens beheren."""


@tokens_group.command("create")
@click.argument("name")
@click.option(
    "--user", "user_email", default=None, help="Werk met de caseload van deze gebruiker (e-mailadres)."
)
@click.option(
    "--expires-days", type=int, default=None, help="Zoveel dagen geldig (standaard: tot intrekken)."
)
@with_appcontext
def tokens_create(name: str, user_email: str | None, expires_days: int | None) -> None:
    """Toon een nieuw API-token één keer; alleen de hash wordt bewaard."""
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
    until = f", geldig tot {row.expires_at:%d-%m-%Y %H:%M} UTC" if row.expires_at else ""
    click.echo(f"API-token \u201c{name}\u201d aangemaakt{until}. Het wordt één keer getoond; bewaar het nu:")
    click.echo(token)


@tokens_group.command("list")
@with_appcontext
def tokens_list() -> None:
    """Toon de API-tokens: naam, begin, gebruiker, stand, einde en laatste gebruik (nooit het token zelf)."""
    import sqlalchemy as sa

    from models import ApiToken

    now = utcnow()
    rows = db.session.scalars(sa.select(ApiToken).order_by(ApiToken.name)).all()
    if not rows:
        click.echo("Geen API-tokens.")
        return

    def moment(value: object) -> str:
        return f"{value:%d-%m-%Y %H:%M}" if value else "-"

    click.echo("naam\tbegin\tgebruiker\tstand\tverloopt (UTC)\tlaatst gebruikt (UTC)")
    for row in rows:
        if not row.active:
            state = "ingetrokken"
        elif row.expires_at is not None and row.expires_at <= now:
            state = "verlopen"
        elif row.user is not None and not row.user.active:
            state = "gebruiker gedeactiveerd"
        else:
            state = "actief"
        user = row.user.email if row.user else "-"
        click.echo(
            f"{row.name}\t{row.prefix}\t{user}\t{state}\t{moment(row.expires_at)}\t{moment(row.last_used_at)}"
        )


@tokens_group.command("revoke")
@click.argument("name")
@with_appcontext
def tokens_revoke(name: str) -> None:
    """Trek het API-token NAME in; het krijgt vanaf dan 401 als antwoord."""
    import sqlalchemy as sa

    from casework.accounts import revoke_token
    from casework.logbook import Actor
    from models import ApiToken

    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == name.strip()))
    if row is None:
        fail(Invalid({"name": f"Geen API-token met de naam {name}."}))
    if not row.active:
        click.echo(f"API-token \u201c{row.name}\u201d was al ingetrokken.")
        return
    revoke_token(row, actor=Actor(name="cli"), now=utcnow())
    db.session.commit()
    click.echo(f"API-token \u201c{row.name}\u201d ingetrokken.")


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
