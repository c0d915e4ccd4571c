"""`traject chat --as EMAIL` driven through standard input: the same listeners, rendered as text."""

from __future__ import annotations

import sqlalchemy as sa

from bot.terminal import Terminal
from console.cli import cli
from models import Note, Trajectory


def _run(slack_app, user, lines: list[str]) -> str:
    feed = iter(lines)
    shown: list[str] = []
    terminal = Terminal(
        slack_app,
        user.slack_user_id,
        lambda prompt: (shown.append(prompt), next(feed, None))[1],
        shown.append,
    )
    try:
        for line in feed:
            terminal.line(line)
    finally:
        terminal.close()
    return "\n".join(shown)


def test_chat_starts_a_trajectory_asking_the_fields_one_by_one(slack_app, db, casemanager, create_employee):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    screen = _run(slack_app, casemanager, ["start jansen", "", "Inzet", "", "", "", "", "taken"])
    assert "== Traject starten ==" in screen
    assert "Werknemer: " in screen and "Traject: " in screen and "Polis (optioneel): " in screen
    trajectory = db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employee.id))
    assert trajectory.template.name == "Inzet interventie"
    assert "T1 Vastleggen traject en polis" in screen and "[1] Afronden" in screen


def test_chat_shows_errors_and_asks_again(slack_app, db, casemanager, create_employee):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    lines = [
        "start jansen",
        "",
        "Inzet",
        "",
        "",
        "",
        "",
        "taken",
        "knop 1",
        "",  # Verzuimmelding
        "",  # Polis
        "",  # Categorie: required, asked again below
        "",  # Einddoel: required, asked again below
        "",  # Verzuimoorzaak (niet-medisch)
        "",  # Opmerking
        "1",
        "1",
        "notitie jansen belde vandaag terug",
    ]
    screen = _run(slack_app, casemanager, lines)
    assert "! Dit veld is verplicht." in screen  # Categorie and Einddoel left empty, asked again
    trajectory = db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employee.id))
    assert trajectory.category is not None and trajectory.end_goal is not None
    assert "Taak T1 Vastleggen traject en polis afgerond." in screen
    assert db.session.scalar(sa.select(Note.text)) == "belde vandaag terug"


def test_traject_chat_command_reads_standard_input(slack_app, db, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager)
    result = slack_app.test_cli_runner().invoke(
        cli, ["chat", "--as", casemanager.email], input="zoek jansen\nbla\n\n"
    )
    assert result.exit_code == 0, result.output
    assert "1 werknemer gevonden." not in result.output  # blocks are rendered, not the fallback text
    assert "Gevonden voor “jansen”" in result.output and "[1] Start traject" in result.output
    assert "Dat begrijp ik niet. Typ `help`" in result.output


def test_traject_chat_refuses_an_unknown_email(slack_app):
    result = slack_app.test_cli_runner().invoke(cli, ["chat", "--as", "niemand@example.nl"])
    assert result.exit_code != 0 and "Geen actieve gebruiker" in result.output
