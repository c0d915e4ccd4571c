"""`traject init`: creates or upgrades the database, loads the seed configuration once, keeps admin changes."""

from __future__ import annotations

import sqlalchemy as sa

from casework.seed import SEED_WORDS
from console.cli import cli
from models import (
    Category,
    Characteristic,
    EndGoal,
    EndReason,
    Label,
    Region,
    SeedRecord,
    ServiceType,
    TrajectoryTemplate,
    Trigger,
    db,
)

PROVINCES = {
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
}


def _counts() -> dict[str, int]:
    return {
        t.name: db.session.execute(sa.select(sa.func.count()).select_from(t)).scalar()
        for t in db.metadata.sorted_tables
        if t.name != "log_entries"
    }


def test_init_twice_changes_nothing_and_says_so(make_app):
    app = make_app()
    runner = app.test_cli_runner()
    first = runner.invoke(cli, ["init"])
    assert first.exit_code == 0, first.output
    assert "bijgewerkt van leeg naar" in first.output
    assert "Basisconfiguratie: toegevoegd" in first.output
    # every kind in words (issue 16): "12 categorieën", never "12 category" or "9 sick report end reason"
    added = first.output.split("Basisconfiguratie: toegevoegd")[1].splitlines()[0]
    assert "12 categorieën" in added and "beëindigingsredenen verzuim" in added
    for part in added.strip(" .").split(", "):  # each part is "N <Dutch words>", from the one word list
        number, words = part.split(" ", 1)
        assert number.isdigit() and words in SEED_WORDS.values(), part
    with app.app_context():
        before = _counts()
    second = runner.invoke(cli, ["init"])
    assert second.exit_code == 0, second.output
    assert "al op revisie" in second.output
    assert "niets toe te voegen" in second.output
    with app.app_context():
        assert _counts() == before


def test_seed_configuration_content(app, db):
    regions = set(db.session.scalars(sa.select(Region.name)))
    assert regions == PROVINCES
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    tasks = {t.key: t for t in template.task_templates}
    assert list(tasks) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T4V"]
    assert [tasks[k].kind.value for k in tasks] == [
        "policy_selection",
        "programme_selection",
        "cost_benefit",
        "approval",
        "document",
        "report_received",
        "report_received",
        "approval",
    ]
    assert [k for k, t in tasks.items() if t.optional] == ["T1", "T3"]
    assert [k for k, t in tasks.items() if t.starts_with_trajectory] == ["T1"]
    reasons = {r.name: r for r in db.session.scalars(sa.select(EndReason))}
    assert reasons["Traject gestopt i.v.m. geen akkoord op offerte"].outcome.value == "no_approval"
    assert reasons["Interventie succesvol afgerond"].outcome.value == "success"
    assert reasons["Interventie niet succesvol afgerond"].outcome.value == "not_successful"
    assert {r.outcome.value for r in reasons.values()} >= {
        "success",
        "not_successful",
        "no_approval",
        "other",
    }
    # The reject path is configured as data: generate the no-approval letter, then close.
    reject = [
        t
        for t in template.triggers
        if any(c.field == "approval" and c.value == "rejected" for c in t.conditions)
        and any(c.task_template and c.task_template.key == "T4" for c in t.conditions)
    ]
    assert len(reject) == 1
    assert [a.kind.value for a in reject[0].actions] == ["generate_document", "close_trajectory"]
    assert reject[0].actions[0].document_template.name == "Geen inzet interventie i.v.m. geen akkoord klant"
    assert reject[0].actions[1].end_reason.name == "Traject gestopt i.v.m. geen akkoord op offerte"
    # Every trigger of the template only names the template's own tasks.
    own = {t.id for t in template.task_templates}
    for trigger in db.session.scalars(sa.select(Trigger)):
        for ref in [*trigger.conditions, *trigger.actions]:
            assert ref.task_template_id is None or ref.task_template_id in own
    for model in (Category, EndGoal, Characteristic, ServiceType, Label):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) >= 1, model.__name__


def test_init_keeps_what_an_administrator_changed(make_app):
    app = make_app()
    runner = app.test_cli_runner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    with app.app_context():
        region = db.session.scalar(sa.select(Region).where(Region.name == "Zeeland"))
        region.name = "Zeeland en West-Brabant"
        reason = db.session.scalar(
            sa.select(EndReason).where(EndReason.name == "Interventie succesvol afgerond")
        )
        reason.active = False
        reason.description = "Eigen omschrijving"
        db.session.commit()
    result = runner.invoke(cli, ["init"])
    assert "niets toe te voegen" in result.output
    with app.app_context():
        names = set(db.session.scalars(sa.select(Region.name)))
        assert "Zeeland" not in names and "Zeeland en West-Brabant" in names
        reason = db.session.scalar(
            sa.select(EndReason).where(EndReason.name == "Interventie succesvol afgerond")
        )
        assert reason.active is False and reason.description == "Eigen omschrijving"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SeedRecord)) > 50
