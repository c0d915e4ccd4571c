"""The provider's upload page (public, no account): a personal link per trajectory, PDF reports only.

The page shows the trajectory's reference, the programme and the employee's initials, nothing else about the
person. A POST carries the form's CSRF token (the page set it in the visitor's session) and the link itself; it is
rate-limited per address and per link (casework.uploads.MAX_ATTEMPTS in WINDOW, answered with 429). A refusal
stores nothing but its line in the log book, written in a transaction of its own. The engine is
casework/uploads.py.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from casework import uploads
from casework.errors import Invalid
from casework.uploads import LinkRefused
from models import Task, UploadLink, db, utcnow

bp = Blueprint("provider_upload", __name__)
FILE_SLACK = 64 * 1024  # the multipart form around the file
STATUS = {"invalid": 404, "revoked": 410, "expired": 410, "closed": 410}


def body_limit() -> int:
    """The largest request body the upload accepts: the largest file plus the form around it."""
    return uploads.link_settings().max_bytes + FILE_SLACK


def _refused(message: str, status: int) -> Any:
    return render_template("console/upload_refused.html", message=message), status


def _page(link: UploadLink, errors: dict[str, str] | None = None, status: int = 200) -> Any:
    trajectory = link.trajectory
    return render_template(
        "console/upload.html",
        reference=f"#{trajectory.id}",
        template_name=trajectory.template.name,
        programme=uploads.programme_of(trajectory),
        initials=uploads.initials(trajectory),
        tasks=uploads.report_tasks(trajectory),
        max_mb=uploads.link_settings().max_mb,
        errors=errors or {},
    ), status


@bp.get(uploads.UPLOAD_PATH + "<token>")
def page(token: str) -> Any:
    """The upload form of a link that still works; a Dutch refusal otherwise."""
    try:
        link = uploads.resolve_link(token, now=utcnow(), settings=uploads.link_settings())
    except LinkRefused as refusal:
        return _refused(refusal.errors["link"], STATUS[refusal.reason])
    return _page(link)


@bp.post(uploads.UPLOAD_PATH + "<token>")
def upload(token: str) -> Any:
    """Receive one PDF report; a refusal (expired, revoked, tampered, no PDF, too large, too many) stores nothing."""
    now = utcnow()
    settings = uploads.link_settings()
    address = request.remote_addr or ""
    link: UploadLink | None = None
    try:
        link = uploads.resolve_link(token, now=now, settings=settings)
    except LinkRefused as refusal:
        link = refusal.link
        if uploads.too_many_attempts(address, link, now):
            return _refused(_too_many(), 429)
        return _log_and_refuse(link, refusal.reason, refusal.errors["link"], address, STATUS[refusal.reason])
    if uploads.too_many_attempts(address, link, now):
        return _refused(_too_many(), 429)
    file = request.files.get("file")
    data = file.stream.read(settings.max_bytes + 1) if file is not None else b""
    raw_task = (request.form.get("task") or "").strip()
    try:
        task_id = int(raw_task) if raw_task.isascii() and raw_task.isdigit() and len(raw_task) < 10 else None
        if raw_task and task_id is None:
            raise Invalid({"task": "Kies welke rapportage u aanlevert."})
        document = uploads.receive_report(
            link,
            task_id=task_id,
            filename=(file.filename or "") if file is not None else "",
            content_type=file.mimetype if file is not None else "",
            data=data,
            now=now,
            settings=settings,
            address=address,
        )
    except Invalid as error:  # refused before anything was stored
        db.session.rollback()
        message = " ".join(error.errors.values())
        uploads.log_refusal(link, "file", message, address=address, now=now)
        db.session.commit()
        link = db.session.get(UploadLink, link.id)
        return _page(link, error.errors, 422)
    db.session.commit()
    return render_template(
        "console/upload_received.html",
        reference=f"#{document.trajectory_id}",
        filename=document.filename,
        task_name=db.session.get(Task, document.task_id).name if document.task_id else "",
    )


def _too_many() -> str:
    return _("Te veel pogingen. Probeer het over een kwartier opnieuw.")


def _log_and_refuse(link: UploadLink | None, reason: str, message: str, address: str, status: int) -> Any:
    uploads.log_refusal(link, reason, message, address=address, now=utcnow())
    db.session.commit()
    return _refused(message, status)
