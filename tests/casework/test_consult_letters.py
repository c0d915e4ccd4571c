"""A consult's letters: the invitation of a planned consult and the report of a held one, from the seeded
document templates (or the consult type's own), stored as documents of the dossier."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework import consults as c
from casework.agenda import add_availability
from casework.consult_letters import consult_documents, make_invitation
from casework.dossier import dossier_documents
from casework.errors import Invalid
from casework.logbook import Actor
from models import Consult, ConsultStatus, Document, DocumentTemplate, LogEntry
from tests.agenda_fixtures import local


@pytest.fixture
def planned(db, agenda, casemanager, weekly_availability, now) -> Consult:
    """A consult of the agenda's employee, planned on Tuesday 3 March 2026 at 10:00 in Utrecht."""
    agenda.location.description = "Stationsplein 1, Utrecht"
    add_availability(weekly_availability(), actor=Actor(casemanager), now=now)
    consult = c.create_consult(
        agenda.employee, {"consult_type_id": agenda.consult_type.id}, actor=Actor(casemanager), now=now
    )
    return c.plan_consult(consult, {"starts_at": local(3, 10)}, actor=Actor(casemanager), now=now)


def test_the_invitation_names_date_time_place_type_and_employee(db, planned, casemanager, now):
    document = make_invitation(planned, actor=Actor(casemanager), now=now)
    employee = planned.employee
    assert document.consult_id == planned.id and document.trajectory_id is None
    assert document.document_template.name == "Uitnodiging gesprek"
    assert document.title == f"Uitnodiging spreekuur op 03-03-2026 – {employee.full_name}"
    text = document.html
    for expected in (
        f"Beste {employee.full_name}",
        "dinsdag 03-03-2026 van 10:00 tot 10:45 uur",
        "op onze locatie Utrecht",
        "Stationsplein 1, Utrecht",
        "spreekuur met " + casemanager.name,
    ):
        assert expected in text
    assert document.pdf.startswith(b"%PDF")
    assert list(db.session.scalars(dossier_documents(employee.id))) == [document]
    entry = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "document.generated")).one()
    assert entry.employee_id == employee.id and entry.subject_id == document.id


@pytest.mark.parametrize("status", [s for s in ConsultStatus if s != ConsultStatus.PLANNED])
def test_an_invitation_only_for_a_planned_consult(db, planned, casemanager, now, status):
    planned.status = status
    if status == ConsultStatus.PARKED:
        planned.parked_until = dt.date(2026, 4, 1)
    db.session.flush()
    with pytest.raises(Invalid) as refused:
        make_invitation(planned, actor=Actor(casemanager), now=now)
    assert refused.value.errors["status"].startswith("Een uitnodiging kan alleen voor een ingepland gesprek")
    assert refused.value.conflict
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0


def test_no_invitation_once_the_consult_has_started(db, planned, casemanager, now):
    with pytest.raises(Invalid) as refused:
        make_invitation(planned, actor=Actor(casemanager), now=planned.starts_at)
    assert refused.value.errors == {
        "starts_at": "Het gesprek is al begonnen; een uitnodiging kan alleen vooraf."
    }
    assert consult_documents(planned) == []


def test_the_consult_type_chooses_its_own_invitation_template(db, planned, casemanager, now):
    own = DocumentTemplate(
        name="Uitnodiging kort", body="<p>Tot {{ consult.date }} om {{ consult.start_time }}</p>"
    )
    db.session.add(own)
    planned.consult_type.invitation_template = own
    db.session.flush()
    document = make_invitation(planned, actor=Actor(casemanager), now=now)
    assert "Tot 03-03-2026 om 10:00" in document.html


def test_without_a_template_the_invitation_is_refused_naming_the_field(db, planned, casemanager, now):
    seeded = db.session.scalars(
        sa.select(DocumentTemplate).where(DocumentTemplate.name == "Uitnodiging gesprek")
    )
    seeded.one().active = False
    db.session.flush()
    with pytest.raises(Invalid) as refused:
        make_invitation(planned, actor=Actor(casemanager), now=now)
    assert "Uitnodiging gesprek" in refused.value.errors["invitation_template_id"]
    assert consult_documents(planned) == []


def test_held_with_a_report_document(db, planned, casemanager, now):
    later = now + dt.timedelta(days=2)
    c.report_consult(
        planned,
        {"outcome": "afgehandeld", "text": "Werkhervatting in week 12 besproken.", "document": "ja"},
        actor=Actor(casemanager),
        now=later,
    )
    assert planned.status == ConsultStatus.DONE and planned.contact is not None
    (document,) = consult_documents(planned)
    assert document.document_template.name == "Verslag gesprek"
    assert "Werkhervatting in week 12 besproken." in document.html
    assert "Gevoerd door" in document.html and casemanager.name in document.html


def test_held_without_the_flag_makes_no_document(db, planned, casemanager, now):
    c.report_consult(
        planned, {"outcome": "afgehandeld"}, actor=Actor(casemanager), now=now + dt.timedelta(days=2)
    )
    assert planned.status == ConsultStatus.DONE
    assert consult_documents(planned) == []


def test_a_report_document_with_a_no_show_is_refused_and_nothing_changes(db, planned, casemanager, now):
    with pytest.raises(Invalid) as refused:
        c.report_consult(
            planned,
            {"outcome": "niet_verschenen", "document": "ja"},
            actor=Actor(casemanager),
            now=now + dt.timedelta(days=2),
        )
    assert refused.value.errors == {
        "document": "Een verslag als document hoort alleen bij een afgehandeld gesprek."
    }
    db.session.refresh(planned)
    assert planned.status == ConsultStatus.PLANNED and planned.no_show_count == 0


def test_a_missing_report_template_refuses_afmelden_before_anything_changes(db, planned, casemanager, now):
    seeded = db.session.scalars(sa.select(DocumentTemplate).where(DocumentTemplate.name == "Verslag gesprek"))
    seeded.one().active = False
    db.session.flush()
    with pytest.raises(Invalid) as refused:
        c.report_consult(
            planned,
            {"outcome": "afgehandeld", "document": "ja"},
            actor=Actor(casemanager),
            now=now + dt.timedelta(days=2),
        )
    assert "report_template_id" in refused.value.errors
    db.session.refresh(planned)
    assert planned.status == ConsultStatus.PLANNED and planned.contact_id is None


def test_consult_merge_fields_are_known_to_every_template(db):
    """A template using consult fields passes the check every template is saved with."""
    from casework.documents import validate_template_body

    validate_template_body(
        "<p>{{ consult.type }} {{ consult.date }} {{ consult.location }} {{ consult.report }}</p>"
    )
    with pytest.raises(Invalid) as refused:
        validate_template_body("<p>{{ consult.kamer }}</p>")
    assert refused.value.errors["body"] == "Onbekend samenvoegveld: consult.kamer"


def test_a_consult_without_a_location_is_invited_without_one(db, planned, casemanager, now):
    planned.location = None
    db.session.flush()
    document = make_invitation(planned, actor=Actor(casemanager), now=now)
    assert "op onze locatie" not in document.html
    assert "dinsdag 03-03-2026 van 10:00 tot 10:45 uur." in document.html
