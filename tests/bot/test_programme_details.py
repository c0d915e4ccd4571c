"""T2 in Slack shows the details of the chosen programme, with its description, within Slack's limits."""

from __future__ import annotations

from decimal import Decimal

from bot.modals.tasks import programme_details
from casework.search import ProgrammeMatch


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
