"""`traject config export FILE` / `traject config import FILE [--dry-run]` (SPEC §8): the configuration as JSON."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from casework.errors import Invalid
from models import db, utcnow


@click.group("config")
def config_group() -> None:
    """Exporteer of importeer de hele configuratie als JSON (verwijzingen op naam, niet op id)."""


@config_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@with_appcontext
def config_export(file: str) -> None:
    """Schrijf de configuratie naar FILE (- voor standaarduitvoer)."""
    from casework.configio import dump_json, export_configuration

    text = dump_json(export_configuration())
    if file == "-":
        click.echo(text, nl=False)
        return
    with open(file, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    click.echo(f"Configuratie geschreven naar {file}.", err=True)


@config_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--dry-run", is_flag=True, help="Alleen controleren en tonen wat nieuw zou worden of zou wijzigen."
)
@with_appcontext
def config_import(file: str, dry_run: bool) -> None:
    """Lees de configuratie uit FILE (- voor standaardinvoer): alles of niets; elke fout genoemd."""
    from casework.configio import import_configuration, parse_json
    from casework.logbook import Actor

    try:
        if file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(file, "rb") as handle:
                raw = handle.read()
    except OSError as error:
        click.echo(f"{file}: {error.strerror}", err=True)
        sys.exit(1)
    try:
        report = import_configuration(parse_json(raw), actor=Actor(name="cli"), now=utcnow(), dry_run=dry_run)
    except Invalid as error:
        db.session.rollback()
        for path, reason in error.errors.items():
            click.echo(f"{file}: {path}: {reason}", err=True)
        click.echo(f"{file}: {len(error.errors)} fout(en); er is niets gewijzigd.", err=True)
        sys.exit(1)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for line in report.lines():
        click.echo(line)
