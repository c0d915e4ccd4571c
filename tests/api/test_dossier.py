"""The dossier through the API: notes, interventions, documents and Poortwachter steps, with the engine's refusals
and log book lines (the same as the console and the bot), every read logged, and the caseload enforced."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.logbook import Actor
from casework.process import start_trajectory
from tests.api.conftest import log_actions

PDF = b"%PDF-1.4\n% Traject test document\n"


@pytest.fixture
def employee(create_employee, casemanager):
    """An employee in the case manager's caseload."""
    return create_employee(case_manager=casemanager, first_name="Kim", last_name="Visser")


@pytest.fixture
def trajectory(db, employee, template, casemanager, now):
    """A trajectory of the employee, started by the case manager."""
    return start_trajectory(employee, template, actor=Actor(casemanager), now=now)


def notes_of(db, employee) -> list[str]:
    from models import Note

    return list(db.session.scalars(sa.select(Note.text).where(Note.employee_id == employee.id)))


def test_a_note_is_added_and_listed_and_both_are_in_the_log_book(db, api, employee):
    added = api.post(f"/employees/{employee.id}/notes", json={"text": "  Gebeld, gaat beter.  "})

    assert added.status_code == 201, added.json
    assert (added.json["text"], added.json["employee_id"], added.json["trajectory_id"]) == (
        "Gebeld, gaat beter.",
        employee.id,
        None,
    )
    listed = api.get(f"/employees/{employee.id}/notes")
    assert listed.status_code == 200
    assert [n["text"] for n in listed.json] == ["Gebeld, gaat beter."]
    assert log_actions(db, employee_id=employee.id)[-2:] == [
        ("note.added", "api:hr-systeem"),
        ("notes.read", "api:hr-systeem"),
    ]
    from models import LogEntry

    line = db.session.scalar(sa.select(LogEntry.message).where(LogEntry.action == "note.added"))
    assert line == "Aantekening toegevoegd"  # never the text itself


def test_a_note_of_1500_characters_is_stored_and_one_more_is_refused_naming_the_field(db, api, employee):
    assert api.post(f"/employees/{employee.id}/notes", json={"text": "x" * 1500}).status_code == 201

    refused = api.post(f"/employees/{employee.id}/notes", json={"text": "y" * 1501})
    empty = api.post(f"/employees/{employee.id}/notes", json={"text": "   "})

    assert (refused.status_code, refused.json["errors"]) == (
        422,
        {"text": "Een aantekening heeft hoogstens 1.500 tekens (nu 1.501)."},
    )
    assert (empty.status_code, empty.json["errors"]) == (422, {"text": "Een aantekening mag niet leeg zijn."})
    unknown = api.post(f"/employees/{employee.id}/notes", json={"text": "Griep", "diagnose": "griep"})
    assert (unknown.status_code, unknown.json["errors"]) == (422, {"diagnose": "Onbekend veld."})
    assert notes_of(db, employee) == ["x" * 1500]


def test_a_note_about_a_trajectory_of_someone_else_is_refused(
    db, api, employee, create_employee, template, now
):
    other = start_trajectory(create_employee(), template, actor=Actor(None, name="test"), now=now)

    refused = api.post(f"/employees/{employee.id}/notes", json={"text": "Mis", "trajectory_id": other.id})
    unknown = api.post(f"/employees/{employee.id}/notes", json={"text": "Mis", "trajectory_id": 999999})

    assert (refused.status_code, refused.json["errors"]) == (
        422,
        {"trajectory": "Dit traject hoort niet bij deze werknemer."},
    )
    assert (unknown.status_code, unknown.json["errors"]) == (
        422,
        {"trajectory_id": "Traject 999999 bestaat niet."},
    )
    assert notes_of(db, employee) == []


def test_a_note_about_the_employees_own_trajectory_is_linked_to_it(db, api, employee, trajectory):
    added = api.post(
        f"/employees/{employee.id}/notes", json={"text": "Over T1", "trajectory_id": trajectory.id}
    )

    assert (added.status_code, added.json["trajectory_id"]) == (201, trajectory.id)


def test_interventions_are_listed_with_programme_and_dates(db, api, employee, trajectory, create_programme):
    from casework.interventions import start_intervention

    programme = create_programme(name="Werkfit in 8 weken", price="2500.00", duration_weeks=8)
    start_intervention(
        trajectory,
        started_on=trajectory.started_on,
        actor=Actor(None, name="test"),
        now=dt.datetime(2026, 3, 2),
        programme=programme,
    )

    listed = api.get(f"/employees/{employee.id}/interventions")

    assert listed.status_code == 200
    [row] = listed.json
    assert (row["programme"], row["price"], row["trajectory_id"], row["actual_end"]) == (
        "Werkfit in 8 weken",
        "2500.00",
        trajectory.id,
        None,
    )
    assert row["prognosis_end"] == (trajectory.started_on + dt.timedelta(weeks=8)).isoformat()
    assert log_actions(db, employee_id=employee.id)[-1] == ("interventions.read", "api:hr-systeem")


@pytest.fixture
def document(db, trajectory):
    """A generated document with its PDF."""
    from models import Document

    row = Document(trajectory=trajectory, title="Offerte Werkfit", html="<p>Offerte</p>", pdf=PDF)
    db.session.add(row)
    db.session.flush()
    return row


def test_documents_are_listed_and_the_pdf_downloaded_and_logged(db, api, employee, document):
    listed = api.get(f"/employees/{employee.id}/documents")
    assert listed.status_code == 200
    assert [(d["id"], d["title"]) for d in listed.json] == [(document.id, "Offerte Werkfit")]

    download = api.get(f"/documents/{document.id}/pdf")

    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    assert download.data == PDF
    assert download.headers["Content-Disposition"] == f'attachment; filename="document-{document.id}.pdf"'
    assert log_actions(db, employee_id=employee.id)[-2:] == [
        ("documents.read", "api:hr-systeem"),
        ("document.read", "api:hr-systeem"),
    ]


def test_a_document_without_a_pdf_answers_404(db, api, document):
    document.pdf = None
    db.session.flush()

    missing = api.get(f"/documents/{document.id}/pdf")

    assert (missing.status_code, missing.json["message"]) == (
        404,
        f"Van document {document.id} is geen PDF bewaard.",
    )
    assert api.get("/documents/999999/pdf").status_code == 404


@pytest.fixture
def report(create_sick_report, employee):
    """An open sick report of the employee."""
    return create_sick_report(employee, first_sick_day=dt.date(2026, 1, 13))


def test_a_poortwachter_step_is_recorded_and_undone_with_the_consoles_log_lines(db, api, report):
    from models import LogEntry, PoortwachterStepDone

    recorded = api.post(
        f"/sick-reports/{report.id}/poortwachter-steps",
        json={"step": "plan_van_aanpak", "done_on": "2026-02-12"},
    )
    assert recorded.status_code == 201, recorded.json
    assert (recorded.json["step"], recorded.json["done_on"], recorded.json["sick_report_id"]) == (
        "plan_van_aanpak",
        "2026-02-12",
        report.id,
    )
    again = api.post(
        f"/sick-reports/{report.id}/poortwachter-steps",
        json={"step": "plan_van_aanpak", "done_on": "2026-02-13"},
    )
    assert (again.status_code, again.json["errors"]) == (
        422,
        {"step": "Plan van aanpak is al afgerond op 12-02-2026."},
    )

    undone = api.delete(f"/sick-reports/{report.id}/poortwachter-steps/plan_van_aanpak")

    assert undone.status_code == 204
    assert db.session.scalars(sa.select(PoortwachterStepDone)).all() == []
    lines = db.session.execute(
        sa.select(LogEntry.action, LogEntry.actor_name, LogEntry.message)
        .where(LogEntry.action.like("poortwachter.%"))
        .order_by(LogEntry.id)
    ).all()
    assert [tuple(line) for line in lines] == [
        ("poortwachter.step_done", "api:hr-systeem", "Poortwachter: Plan van aanpak afgerond op 12-02-2026"),
        (
            "poortwachter.step_undone",
            "api:hr-systeem",
            "Poortwachter: vastlegging van Plan van aanpak (12-02-2026) ongedaan gemaakt",
        ),
    ]
    gone = api.delete(f"/sick-reports/{report.id}/poortwachter-steps/plan_van_aanpak")
    assert (gone.status_code, gone.json["errors"]) == (
        422,
        {"step": "Plan van aanpak is niet als afgerond vastgelegd."},
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"step": "diagnose", "done_on": "2026-02-12"}, "step", "Onbekende Poortwachter-stap."),
        ({"step": "plan_van_aanpak", "done_on": "2026-02-12", "oorzaak": "x"}, "oorzaak", "Onbekend veld."),
        ({"step": "plan_van_aanpak", "done_on": "2099-01-01"}, "done_on", "Deze datum ligt in de toekomst."),
        (
            {"step": "plan_van_aanpak", "done_on": "2026-01-01"},
            "done_on",
            "Deze datum ligt vóór de eerste ziektedag (13-01-2026).",
        ),
    ],
)
def test_a_refused_step_names_the_field_and_changes_nothing(db, api, report, data, field, message):
    from models import PoortwachterStepDone

    refused = api.post(f"/sick-reports/{report.id}/poortwachter-steps", json=data)

    assert (refused.status_code, refused.json["errors"]) == (422, {field: message})
    assert db.session.scalars(sa.select(PoortwachterStepDone)).all() == []


def test_a_case_managers_token_reaches_only_the_own_caseload(
    db, make_token, create_user, employee, document, report
):
    stranger = make_token(user=create_user())
    calls = [
        stranger.get(f"/employees/{employee.id}/notes"),
        stranger.post(f"/employees/{employee.id}/notes", json={"text": "Niet van mij"}),
        stranger.get(f"/employees/{employee.id}/interventions"),
        stranger.get(f"/employees/{employee.id}/documents"),
        stranger.get(f"/documents/{document.id}/pdf"),
        stranger.post(
            f"/sick-reports/{report.id}/poortwachter-steps",
            json={"step": "plan_van_aanpak", "done_on": "2026-02-12"},
        ),
        stranger.delete(f"/sick-reports/{report.id}/poortwachter-steps/plan_van_aanpak"),
    ]

    assert [(c.status_code, c.json["code"]) for c in calls] == [(403, "forbidden")] * len(calls)
    assert notes_of(db, employee) == []
    assert ("notes.read", f"api:{stranger.row.name}") not in log_actions(db, employee_id=employee.id)
