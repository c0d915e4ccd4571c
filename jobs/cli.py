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
    """Run the scheduler (signal scan, reminders, day change, purge); a second one waits on a database lock."""
    from .scheduler import run_blocking

    _logging()
    click.echo("Traject scheduler: waiting for the database lock, then running (stop with Ctrl+C)")
    run_blocking(current_app._get_current_object())  # type: ignore[attr-defined]


@click.group("signals")
def signals_group() -> None:
    """Run one pass of the scheduler's signal jobs by hand."""


@signals_group.command("scan")
@with_appcontext
def signals_scan() -> None:
    """Resolve and raise signals and queue their reminders (one transaction)."""
    from .scheduler import run_scan

    click.echo(run_scan(utcnow()))


@signals_group.command("deliver")
@with_appcontext
def signals_deliver() -> None:
    """Send the due reminders to Slack now (quiet hours respected)."""
    from .scheduler import run_deliver

    _logging()
    click.echo(run_deliver(utcnow(), Settings.load(current_app.config), current_app.config))


@signals_group.command("daychange")
@with_appcontext
def signals_daychange() -> None:
    """Fire the task_overdue trigger event for tasks that went overdue (once per task)."""
    from .scheduler import run_day_change

    click.echo(run_day_change(utcnow()))


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Only list the dossiers that would be removed.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Remove closed dossiers past the retention period (TRAJECT_RETENTION_DAYS), or list them."""
    from models import db

    from .purge import purge

    settings = Settings.load(current_app.config)
    found = purge(utcnow(), settings.retention_days, dry_run=dry_run)
    db.session.commit()
    verb = "would be removed" if dry_run else "removed"
    click.echo(f"{len(found)} closed dossier(s) {verb} (retention {settings.retention_days} days):")
    for item in found:
        click.echo(
            f"  #{item.employee_id} {item.name} ({item.personnel_number}), laatst gesloten "
            f"{dutch_date(item.last_closed_on)}"
        )
