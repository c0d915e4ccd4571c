"""T2 in Slack shows the details of the chosen programme, with its description, within Slack's limits."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import sqlalchemy as sa

from bot.modals.tasks import programme_details
from bot.modals.tasks import programme_overview as overview
from casework.logbook import Actor
from casework.process import skip_task, start_trajectory
from casework.search import ProgrammeMatch
from models import TrajectoryTemplate
from tests.blockkit import view_problems

REGIONS = ("Drenthe", "Flevoland", "Friesland")


def match(n: int, description: str = "Intake en vijf gesprekken met een mediator.") -> ProgrammeMatch:
    return ProgrammeMatch(
        id=n,
        name=f"Programma {n}",
        provider_id=1,
        provider_name="Mediationpraktijk Lindeveld",
        price=Decimal("1850.00"),
        duration_weeks=6,
        score=0,
        preferred=False,
        regions_matched=0,
        regions=("Gelderland", "Utrecht"),
        characteristics=("Individueel traject", "Mediation"),
        description=description,
    )


def test_details_name_provider_price_duration_regions_characteristics_and_description():
    text = programme_details(match(1))
    assert "*Programma 1*" in text and "Provider: Mediationpraktijk Lindeveld" in text
    assert "Prijs: € 1.850,00 · Looptijd: 6 weken" in text
    assert "Regio's: Gelderland, Utrecht" in text and "Kenmerken: Individueel traject, Mediation" in text
    assert "_Intake en vijf gesprekken met een mediator._" in text


def test_a_long_description_is_shortened_to_fit_a_section():
    text = programme_details(match(1, "x" * 5000))
    assert len(text) <= 3000 and "x" * 1990 in text and text.endswith("…_")


def test_the_overview_describes_the_best_matches_before_the_choice_within_slacks_limits():
    found = [
        dataclasses.replace(match(n, "Lange uitleg over het programma. " * 200), regions=REGIONS * 20)
        for n in range(1, 16)
    ]
    blocks = overview(found)
    assert len(blocks) == 11  # a head and the best ten
    assert blocks[0]["text"]["text"] == (
        "*Gevonden programma's: 15* (de beste 10 hieronder; de rest staat in de lijst Programma)"
    )
    first = blocks[1]["text"]["text"]
    assert first.startswith(
        "*Programma 1* — Mediationpraktijk Lindeveld\n€ 1.850,00 · 6 weken\nRegio's: Drenthe"
    )
    assert "Kenmerken: Individueel traject, Mediation" in first
    description = first.split("\n_")[1]
    assert description.startswith("Lange uitleg over het programma.") and description.endswith("…_")
    assert len(description) <= 302
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T2"}, "blocks": blocks}
    assert view_problems(view) == []
    assert overview([match(1)])[0]["text"]["text"] == "*Gevonden programma's: 1*"
    assert overview([])[0]["text"]["text"] == "Geen programma's gevonden met deze filters."


def test_t2_in_slack_shows_description_provider_regions_characteristics_price_and_duration(
    ui, db, clock, casemanager, create_employee, create_sick_report, create_programme, now
):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    create_sick_report(employee)
    create_programme(
        name="Mediation Utrecht",
        regions=("Utrecht", "Gelderland"),
        characteristics=("Mediation",),
        price="2450.00",
        duration_weeks=8,
        description="Intake, vijf gesprekken met een mediator en een afsluitend gesprek met de werkgever.",
    )
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=now)
    t1 = next(t for t in trajectory.tasks if t.key == "T1")
    skip_task(t1, "Alles staat al goed.", actor=Actor(casemanager), now=now)
    db.session.commit()
    t2 = next(t for t in trajectory.tasks if t.key == "T2")
    ui.click(
        casemanager.slack_user_id, "task.open", str(t2.id)
    )  # the fake Slack refuses a view over its limits
    shown = [b["text"]["text"] for b in ui.last_modal()["blocks"] if b["type"] == "section"]
    summary = next(text for text in shown if text.startswith("*Mediation Utrecht*"))
    assert "— Provider" in summary and "€ 2.450,00 · 8 weken" in summary
    assert "Regio's: Gelderland, Utrecht" in summary and "Kenmerken: Mediation" in summary
    assert "_Intake, vijf gesprekken met een mediator en een afsluitend gesprek met de werkgever._" in summary
