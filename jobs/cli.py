"""CLI commands of the clock door: `traject scheduler`, `traject signals scan|deliver|daychange`, `traject purge`."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from casework.calendar import dutch_date
from models import utcnow

from .settings import Settings


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@click.command("scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Draai de planner (signaleringen, herinneringen, dagwissel, opschonen); een tweede wacht op een databaseslot."""
    from .scheduler import run_blocking

    _logging()
    click.echo("Traject-planner: wacht op het databaseslot en draait dan (stoppen met Ctrl+C)")
    run_blocking(current_app._get_current_object())  # type: ignore[attr-defined]


@click.group("signals")
def signals_group() -> None:
    """Draai één ronde van een taak van de planner met de hand."""


@signals_group.command("scan")
@with_appcontext
def signals_scan() -> None:
    """Los signaleringen op, maak nieuwe en zet hun herinneringen klaar (één transactie)."""
    from .scheduler import run_scan

    click.echo(run_scan(utcnow()))


@signals_group.command("deliver")
@with_appcontext
def signals_deliver() -> None:
    """Verstuur de herinneringen die klaarstaan nu naar Slack (buiten de stille uren)."""
    from .scheduler import run_deliver

    _logging()
    click.echo(run_deliver(utcnow(), Settings.load(current_app.config), current_app.config))


@signals_group.command("daychange")
@with_appcontext
def signals_daychange() -> None:
    """Vuur de gebeurtenis \u201cTaak te laat\u201d af voor taken die over de deadline gingen (één keer per taak)."""
    from .scheduler import run_day_change

    click.echo(run_day_change(utcnow()))


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Toon alleen welke dossiers verwijderd zouden worden.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Verwijder gesloten dossiers na de bewaartermijn (TRAJECT_RETENTION_DAYS), of toon ze."""
    from models import db

    from .purge import purge

    settings = Settings.load(current_app.config)
    found = purge(utcnow(), settings.retention_days, dry_run=dry_run)
    db.session.commit()
    verb = "zou(den) worden verwijderd" if dry_run else "verwijderd"
    click.echo(f"{len(found)} gesloten dossier(s) {verb} (bewaartermijn {settings.retention_days} dagen):")
    for item in found:
        click.echo(
            f"  #{item.employee_id} {item.name} ({item.personnel_number}), laatst gesloten "
            f"{dutch_date(item.last_closed_on)}"
        )
