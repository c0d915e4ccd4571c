"""Sick reports end with an end reason from a configurable list with outcome classes (SPEC §7, issue 14 item 1)."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.logbook import Actor
from casework.registration import close_sick_report, recover
from casework.seed import load_seed_configuration
from casework.sick_report_ends import active_end_reasons, find_end_reason
from models import (
    WORK_RESUMPTION_OUTCOMES,
    LogEntry,
    SeedRecord,
    SickReportEndReason,
    SickReportOutcome,
)

NOW = dt.datetime(2026, 3, 2, 9, 30)

#  name                              outcome class      end goal (for "einddoel bereikt")
SEEDED = [
    ("Hersteld eigen werk", "own_work", "Werkhervatting eigen werk"),
    ("Aangepast werk eigen werkgever", "adapted_work", "Werkhervatting aangepast werk eigen werkgever"),
    ("Ander werk eigen werkgever", "adapted_work", "Werkhervatting ander werk eigen werkgever"),
    ("Ander werk andere werkgever", "other_employer", "Werkhervatting ander werk andere werkgever"),
    ("Uit dienst", "other_outflow", None),
    ("Einde wachttijd / WIA", "waiting_time_end", None),
    ("Pensioen", "retirement", None),
    ("Overleden", "other_outflow", None),
    ("Foutief opgevoerd", "erroneous", None),
]


def reason(db, name: str) -> SickReportEndReason:
    return db.session.scalar(sa.select(SickReportEndReason).where(SickReportEndReason.name == name))


def state(report) -> tuple:
    return (report.recovery_date, report.closed_on, report.end_reason_id)


def log_lines(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))


def test_the_seed_holds_the_end_reasons_of_spec_7_in_order(db):
    rows = active_end_reasons()
    assert [(r.name, r.outcome.value, r.end_goal.name if r.end_goal else None) for r in rows] == SEEDED


def test_work_resumption_is_own_adapted_and_other_employer_only():
    assert {o.value for o in SickReportOutcome if o.work_resumption} == {
        "own_work",
        "adapted_work",
        "other_employer",
    }
    assert SickReportOutcome.OTHER_OUTFLOW not in WORK_RESUMPTION_OUTCOMES


def test_init_adds_the_list_to_an_older_database_and_leaves_admin_changes(db):
    # An administrator renamed one reason, changed another's class and deactivated a third.
    reason(db, "Uit dienst").name = "Uit dienst getreden"
    reason(db, "Overleden").outcome = SickReportOutcome.ERRONEOUS
    reason(db, "Pensioen").active = False
    # A database from before the list: one seeded reason is missing and was never recorded as seeded.
    db.session.delete(reason(db, "Foutief opgevoerd"))
    db.session.execute(
        sa.delete(SeedRecord).where(
            SeedRecord.kind == "sick report end reason", SeedRecord.key == "Foutief opgevoerd"
        )
    )
    db.session.flush()
    report = load_seed_configuration(NOW)
    assert report.created["sick report end reason"] == 1
    assert reason(db, "Foutief opgevoerd").outcome is SickReportOutcome.ERRONEOUS
    assert reason(db, "Uit dienst") is None and reason(db, "Uit dienst getreden") is not None
    assert reason(db, "Overleden").outcome is SickReportOutcome.ERRONEOUS
    assert reason(db, "Pensioen").active is False
    assert load_seed_configuration(NOW).created["sick report end reason"] == 0  # safe to run twice


def test_recovery_and_closing_record_the_reason_in_the_report_and_the_log_book(
    db, create_employee, create_sick_report, casemanager
):
    me = Actor(casemanager)
    report = create_sick_report(create_employee(case_manager=casemanager), dt.date(2026, 1, 5))
    adapted = reason(db, "Aangepast werk eigen werkgever")
    recover(report, recovery_date="2026-02-20", end_reason=str(adapted.id), actor=me, now=NOW)
    assert (report.end_reason, report.is_open) == (adapted, False)
    line = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert (line.action, line.message) == (
        "sick_report.recovered",
        "Hersteld gemeld per 20-02-2026 (Aangepast werk eigen werkgever)",
    )
    assert line.details == {
        "recovery_date": "2026-02-20",
        "end_reason_id": adapted.id,
        "end_reason": "Aangepast werk eigen werkgever",
        "outcome": "adapted_work",
    }
    # Closed later with another reason (the employee left after all): the closing's reason counts.
    close_sick_report(report, closed_on="2026-02-27", end_reason="Uit dienst", actor=me, now=NOW)
    assert report.end_reason.name == "Uit dienst"
    line = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert line.message == "Verzuimmelding gesloten per 27-02-2026 (Uit dienst)"
    assert line.details["outcome"] == "other_outflow"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "Kies een beëindigingsreden."),
        ("", "Kies een beëindigingsreden."),
        ("  ", "Kies een beëindigingsreden."),
        ("999999", "Deze beëindigingsreden bestaat niet."),
        (999999, "Deze beëindigingsreden bestaat niet."),
        (True, "Deze beëindigingsreden bestaat niet."),
        ("Griep", "Deze beëindigingsreden bestaat niet."),
        ("Pensioen", "De beëindigingsreden Pensioen is gedeactiveerd."),
    ],
)
def test_a_missing_unknown_or_inactive_reason_is_refused_and_nothing_changes(
    db, create_employee, create_sick_report, value, message
):
    reason(db, "Pensioen").active = False
    report = create_sick_report(create_employee(), dt.date(2026, 1, 5))
    db.session.flush()
    before = state(report), log_lines(db)
    for call in (
        partial(recover, report, recovery_date="2026-02-20", end_reason=value, actor=Actor(), now=NOW),
        partial(close_sick_report, report, closed_on="2026-02-20", end_reason=value, actor=Actor(), now=NOW),
    ):
        with pytest.raises(Invalid) as refused:
            call()
        assert refused.value.errors == {"end_reason_id": message}
        assert not (db.session.new or db.session.dirty or db.session.deleted)
        assert (state(report), log_lines(db)) == before


def test_closing_a_report_recovered_without_a_reason_asks_one(db, create_employee, create_sick_report):
    # Recovered before end reasons existed (an older database): closing it must name one.
    report = create_sick_report(create_employee(), dt.date(2026, 1, 5), recovery_date=dt.date(2026, 2, 1))
    with pytest.raises(Invalid) as refused:
        close_sick_report(report, closed_on="2026-02-02", actor=Actor(), now=NOW)
    assert refused.value.errors == {"end_reason_id": "Kies een beëindigingsreden."}
    assert report.closed_on is None
    close_sick_report(
        report, closed_on="2026-02-02", end_reason="Hersteld eigen werk", actor=Actor(), now=NOW
    )
    assert report.end_reason.name == "Hersteld eigen werk"


def test_find_end_reason_by_row_id_and_name(db):
    own = reason(db, "Hersteld eigen werk")
    assert find_end_reason(own) is own
    assert find_end_reason(own.id) is own
    assert find_end_reason(f" {own.id} ") is own
    assert find_end_reason("Hersteld eigen werk") is own
    assert find_end_reason("", required=False) is None


def test_an_open_report_cannot_carry_an_end_reason(db, create_employee, create_sick_report):
    report = create_sick_report(create_employee(), dt.date(2026, 1, 5))
    report.end_reason = reason(db, "Hersteld eigen werk")
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.flush()


def test_the_list_travels_with_the_configuration_file(db):
    from casework.configio import export_configuration, import_configuration
    from casework.logbook import SYSTEM

    data = export_configuration()
    items = {i["name"]: i for i in data["sick_report_end_reasons"]}
    assert items["Ander werk andere werkgever"] == {
        "name": "Ander werk andere werkgever",
        "description": "De werknemer werkt bij een andere werkgever (uitstroom via spoor 2).",
        "active": True,
        "position": 3,
        "outcome": "other_employer",
        "end_goal": "Werkhervatting ander werk andere werkgever",
    }
    items["Uit dienst"]["outcome"] = "retirement"
    data["sick_report_end_reasons"].append(
        {"name": "Ontslag", "outcome": "other_outflow", "end_goal": "Nergens"}
    )
    with pytest.raises(Invalid) as refused:
        import_configuration(data, actor=SYSTEM, now=NOW)
    assert refused.value.errors == {"sick_report_end_reasons[9].end_goal": 'onbekend einddoel "Nergens"'}
    assert reason(db, "Uit dienst").outcome is SickReportOutcome.OTHER_OUTFLOW  # nothing changed
    data["sick_report_end_reasons"][-1]["end_goal"] = None
    import_configuration(data, actor=SYSTEM, now=NOW)
    assert reason(db, "Uit dienst").outcome is SickReportOutcome.RETIREMENT
    assert reason(db, "Ontslag").outcome is SickReportOutcome.OTHER_OUTFLOW
