"""Issue 16: seeded end reasons carry the outcome class the reports count by; `traject init` moves an older
database's "Foutief opgevoerd" to the class erroneous once, and never over an administrator's change."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from casework.seed import load_seed_configuration
from models import EndReason, LogEntry, Outcome, SeedRecord, TriggerAction

NOW = dt.datetime(2026, 3, 2, 9, 0)
KEY = "end reason/Foutief opgevoerd/outcome=erroneous"


def reason(db, name: str) -> EndReason | None:
    return db.session.scalar(sa.select(EndReason).where(EndReason.name == name))


def _older_database(db) -> None:
    """As a database seeded by the version before the class existed: class other, no record of the correction."""
    reason(db, "Foutief opgevoerd").outcome = Outcome.OTHER
    db.session.execute(
        sa.delete(SeedRecord).where(SeedRecord.kind == "seed correction", SeedRecord.key == KEY)
    )
    db.session.flush()


def test_a_new_database_gets_the_classes_the_reports_count_by(db):
    assert reason(db, "Foutief opgevoerd").outcome is Outcome.ERRONEOUS
    assert reason(db, "Traject gestopt i.v.m. geen akkoord op offerte").outcome is Outcome.NO_APPROVAL
    # The T7 triggers close with end reasons whose classes count in the slagingspercentage.
    closing = {
        a.end_reason.name: a.end_reason.outcome
        for a in db.session.scalars(sa.select(TriggerAction).where(TriggerAction.end_reason_id.is_not(None)))
    }
    assert closing["Interventie succesvol afgerond"] is Outcome.SUCCESS
    assert closing["Interventie niet succesvol afgerond"] is Outcome.NOT_SUCCESSFUL
    assert closing["Interventie afgebroken"] is Outcome.NOT_SUCCESSFUL
    assert db.session.scalar(sa.select(SeedRecord.id).where(SeedRecord.key == KEY)) is not None
    assert load_seed_configuration(NOW).corrected == []


def test_init_corrects_an_older_database_once(db):
    _older_database(db)
    report = load_seed_configuration(NOW)
    assert reason(db, "Foutief opgevoerd").outcome is Outcome.ERRONEOUS
    assert "Bijgewerkt: beëindigingsreden Foutief opgevoerd heeft nu de uitkomstklasse Foutief opgevoerd" in (
        report.summary()
    )
    line = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert line.action == "seed.loaded" and "Bijgewerkt" in line.message
    # Once applied, it is never applied again: an administrator may put the class back.
    reason(db, "Foutief opgevoerd").outcome = Outcome.OTHER
    db.session.flush()
    again = load_seed_configuration(NOW)
    assert (again.changed, reason(db, "Foutief opgevoerd").outcome) == (False, Outcome.OTHER)


def test_init_keeps_an_administrators_change(db):
    _older_database(db)
    reason(db, "Foutief opgevoerd").outcome = Outcome.NOT_SUCCESSFUL  # changed by an administrator
    db.session.flush()
    assert load_seed_configuration(NOW).corrected == []
    assert reason(db, "Foutief opgevoerd").outcome is Outcome.NOT_SUCCESSFUL
    _older_database(db)
    reason(db, "Foutief opgevoerd").name = "Ten onrechte gestart"  # renamed: left alone
    db.session.flush()
    assert load_seed_configuration(NOW).corrected == []
    assert reason(db, "Ten onrechte gestart").outcome is Outcome.OTHER
