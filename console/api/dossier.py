"""API doors for the rest of the dossier: notes, interventions, documents and Poortwachter steps.

Each door checks the token's caseload and calls the same engine function as the console and the bot
(casework.notes.add_note, casework.poortwachter.record_step_done / undo_step_done), so the refusals and the log
book lines are the same. Reading notes, interventions or documents is personal data: each read is logged.
"""

from __future__ import annotations

from typing import Any

import marshmallow as ma
import sqlalchemy as sa
from flask import Response
from flask_smorest import Blueprint

from casework.dossier import dossier_documents
from casework.logbook import log
from casework.notes import add_note
from casework.poortwachter import record_step_done, undo_step_done, waive_step
from models import Document, Employee, Intervention, Note, SickReport, Trajectory, db

from ..transactions import writes
from .common import ApiError, actor, body, check_employee, document_errors, get_or_404, now, paginated
from .outputs import DocumentOut, InterventionOut, NoteOut, StepDoneOut
from .resources import json_body

dossier = Blueprint(
    "api_dossier",
    __name__,
    url_prefix="/api/v1/employees",
    description="Dossier: aantekeningen, interventies",
)
documents = Blueprint("api_documents", __name__, url_prefix="/api/v1/documents", description="Documenten")
steps = Blueprint(
    "api_poortwachter", __name__, url_prefix="/api/v1/sick-reports", description="Poortwachter-stappen"
)
BLUEPRINTS = (dossier, documents, steps)


class NoteIn(ma.Schema):
    """A note: its text (at most 1,500 characters) and, optionally, the trajectory it is about."""

    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1500))
    trajectory_id = ma.fields.Integer(allow_none=True)


class StepDoneIn(ma.Schema):
    """A Poortwachter step (its key, e.g. `plan_van_aanpak`) and the day it was done."""

    step = ma.fields.String(required=True)
    done_on = ma.fields.Date(required=True)


class StepWaiveIn(ma.Schema):
    """Why a Poortwachter step is not needed (e.g. "hersteld vóór week 6"), at most 500 characters."""

    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=500))


def _known(data: dict[str, Any], schema: type[ma.Schema]) -> dict[str, Any]:
    """Refuse (422) fields the operation does not know, as the engine's input schemas do."""
    unknown = sorted(set(data) - set(schema().fields))
    if unknown:
        raise ApiError(422, "invalid", "Ongeldige invoer.", dict.fromkeys(unknown, "Onbekend veld."))
    return data


def _employee(employee_id: int) -> Employee:
    return check_employee(get_or_404(Employee, employee_id, "Werknemer"))


def _log_read(employee: Employee, what: str, action: str) -> None:
    log(
        actor(),
        now(),
        action,
        f"{what} van {employee.full_name} ingezien via de API",
        employee_id=employee.id,
        subject=employee,
    )


@dossier.get("/<int:employee_id>/notes")
@dossier.response(200, NoteOut(many=True))
@dossier.paginate()
@document_errors(dossier, 403, 404)
@writes  # the read is in the log book
def list_notes(employee_id: int, pagination_parameters: Any) -> list[Note]:
    """The employee's notes, newest first; the read is logged."""
    employee = _employee(employee_id)
    _log_read(employee, "Aantekeningen", "notes.read")
    query = (
        sa.select(Note)
        .where(Note.employee_id == employee.id)
        .order_by(Note.created_at.desc(), Note.id.desc())
    )
    return paginated(query, pagination_parameters)


@dossier.post("/<int:employee_id>/notes")
@dossier.doc(**json_body(NoteIn))
@dossier.response(201, NoteOut)
@document_errors(dossier, 403, 404, 422)
def create_note(employee_id: int) -> Note:
    """Add a note (at most 1,500 characters) to the employee's dossier, optionally about one trajectory."""
    employee = _employee(employee_id)
    data = _known(body(), NoteIn)
    trajectory = None
    wanted = data.get("trajectory_id")
    if wanted is not None:
        if not isinstance(wanted, int) or isinstance(wanted, bool):
            raise ApiError(
                422, "invalid", "Ongeldige invoer.", {"trajectory_id": "Geef het id van een traject."}
            )
        trajectory = db.session.get(Trajectory, wanted)
        if trajectory is None:
            raise ApiError(
                422, "invalid", "Ongeldige invoer.", {"trajectory_id": f"Traject {wanted} bestaat niet."}
            )
    return add_note(employee, data.get("text", ""), actor=actor(), now=now(), trajectory=trajectory)


@dossier.get("/<int:employee_id>/interventions")
@dossier.response(200, InterventionOut(many=True))
@dossier.paginate()
@document_errors(dossier, 403, 404)
@writes  # the read is in the log book
def list_interventions(employee_id: int, pagination_parameters: Any) -> list[Intervention]:
    """The interventions of all the employee's trajectories, newest first; the read is logged."""
    employee = _employee(employee_id)
    _log_read(employee, "Interventies", "interventions.read")
    query = (
        sa.select(Intervention)
        .join(Trajectory)
        .where(Trajectory.employee_id == employee.id)
        .order_by(Intervention.started_on.desc(), Intervention.id.desc())
    )
    return paginated(query, pagination_parameters)


@dossier.get("/<int:employee_id>/documents")
@dossier.response(200, DocumentOut(many=True))
@dossier.paginate()
@document_errors(dossier, 403, 404)
@writes  # the read is in the log book
def list_documents(employee_id: int, pagination_parameters: Any) -> list[Document]:
    """The documents made in the employee's trajectories, newest first (without their contents); logged."""
    employee = _employee(employee_id)
    _log_read(employee, "Documenten", "documents.read")
    return paginated(dossier_documents(employee.id), pagination_parameters)


@documents.get("/<int:document_id>/pdf")
@documents.doc(
    responses={
        "200": {
            "description": "Het document als PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
)
@document_errors(documents, 403, 404)
@writes  # the read is in the log book
def download_pdf(document_id: int) -> Response:
    """A document's PDF, as the console offers it; the read is logged as "document.read"."""
    document = get_or_404(Document, document_id, "Document")
    employee = check_employee(document.employee)
    if document.pdf is None:
        raise ApiError(404, "not_found", f"Van document {document.id} is geen PDF bewaard.")
    log(
        actor(),
        now(),
        "document.read",
        f"Document {document.title} ingezien via de API",
        employee_id=employee.id,
        trajectory_id=document.trajectory_id,
        subject=document,
    )
    headers = {"Content-Disposition": f'attachment; filename="document-{document.id}.pdf"'}
    return Response(document.pdf, mimetype="application/pdf", headers=headers)


def _report(report_id: int) -> SickReport:
    report = get_or_404(SickReport, report_id, "Verzuimmelding")
    check_employee(report.employee)
    return report


@steps.post("/<int:report_id>/poortwachter-steps")
@steps.doc(**json_body(StepDoneIn))
@steps.response(201, StepDoneOut)
@document_errors(steps, 403, 404, 422)
def record_step(report_id: int) -> Any:
    """Record a Poortwachter step of the sick report as done on a day (not in the future)."""
    report = _report(report_id)
    data = _known(body(), StepDoneIn)
    return record_step_done(report, data.get("step"), data.get("done_on"), actor=actor(), now=now())


@steps.post("/<int:report_id>/poortwachter-steps/<step>/waive")
@steps.doc(**json_body(StepWaiveIn))
@steps.response(201, StepDoneOut)
@document_errors(steps, 403, 404, 422)
def waive(report_id: int, step: str) -> Any:
    """Record a Poortwachter step of the sick report as not needed, with the reason (in the log book); its
    signal is resolved at the next scan."""
    report = _report(report_id)
    data = _known(body(), StepWaiveIn)
    return waive_step(report, step, data.get("reason"), actor=actor(), now=now())


@steps.delete("/<int:report_id>/poortwachter-steps/<step>")
@steps.response(204)
@document_errors(steps, 403, 404, 422)
def undo_step(report_id: int, step: str) -> None:
    """Undo a Poortwachter step recorded as done by mistake."""
    undo_step_done(_report(report_id), step, actor=actor(), now=now())
