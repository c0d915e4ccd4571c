"""Provider reports through a personal upload link (seed 000: "Provider uitnodigen voor Veilig Communiceren tbv
aanleveren voortgangsrapportages").

A link belongs to one trajectory. Its secret is random (256 bits) and signed with a key derived from SECRET_KEY
(itsdangerous, HMAC-SHA256, a salt of its own), so a tampered link is refused before the database is asked; only
the SHA-256 hash of the secret is stored, so the database alone cannot rebuild a link. A link expires after
TRAJECT_UPLOAD_LINK_DAYS, can be revoked, stops working when its trajectory closes, and a trajectory has at most
one link that is not revoked (a new one revokes the old). An upload is a PDF (content type and the "%PDF-" magic
bytes), at most TRAJECT_UPLOAD_MAX_MB, stored with the trajectory as a document, attached to the open report
task (T6/T7), written to the log book and announced to the case manager in Slack through the outbox.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
from itsdangerous import BadSignature, Signer

from models import (
    Document,
    DocumentOrigin,
    LogEntry,
    Notification,
    Task,
    TaskKind,
    TaskStatus,
    Trajectory,
    TrajectoryStatus,
    UploadLink,
    db,
)

from .calendar import dutch_date, local_day
from .errors import Invalid
from .i18n import M_, N_, speaking, translate
from .i18n import gettext as _
from .logbook import Actor, log

UPLOAD_PATH = "/aanleveren/"  # the public page of a link: UPLOAD_PATH + token
SALT = "traject.provider-upload-link"
DEFAULT_DAYS = 120
DEFAULT_MAX_MB = 10
PDF_MAGIC = b"%PDF-"
PDF_TYPES = frozenset({"application/pdf"})
MAX_ATTEMPTS = 10  # upload attempts per address, and per link, in WINDOW
WINDOW = dt.timedelta(minutes=15)
NOTICE_KIND = "provider_report"  # the reminder title in Slack (bot/reminders.py)
PROVIDER = Actor(name="provider (uploadlink)")
ATTEMPTS = ("document.uploaded", "upload.refused")


@dataclass(frozen=True)
class LinkSettings:
    """What links and uploads need from the configuration."""

    secret_key: str
    base_url: str = "http://127.0.0.1:5000"
    days: int = DEFAULT_DAYS
    max_mb: int = DEFAULT_MAX_MB

    @property
    def max_bytes(self) -> int:
        """The largest file accepted, in bytes."""
        return self.max_mb * 1024 * 1024


def link_settings() -> LinkSettings:
    """The settings of the running app (TRAJECT_UPLOAD_LINK_DAYS, TRAJECT_UPLOAD_MAX_MB, TRAJECT_BASE_URL)."""
    from flask import current_app

    from bot.links import base_url

    config = current_app.config
    return LinkSettings(
        secret_key=str(config["SECRET_KEY"]),
        base_url=base_url(config),
        days=int(config.get("TRAJECT_UPLOAD_LINK_DAYS", DEFAULT_DAYS)),
        max_mb=int(config.get("TRAJECT_UPLOAD_MAX_MB", DEFAULT_MAX_MB)),
    )


class LinkRefused(Invalid):
    """A link that does not (or no longer) give access; `reason` says why, the message says it in Dutch."""

    MESSAGES = {
        "invalid": N_(
            "Deze link is ongeldig. Controleer of u de volledige link uit de opdrachtbevestiging gebruikt."
        ),
        "revoked": N_("Deze link is ingetrokken. Vraag de casemanager om een nieuwe link."),
        "expired": N_("Deze link is verlopen. Vraag de casemanager om een nieuwe link."),
        "closed": N_("Dit traject is afgesloten: er kan niets meer worden aangeleverd."),
    }

    def __init__(self, reason: str, link: UploadLink | None = None) -> None:
        super().__init__({"link": self.MESSAGES[reason]})
        self.reason = reason
        self.link = link


def _signer(secret_key: str) -> Signer:
    return Signer(secret_key, salt=SALT, key_derivation="hmac", digest_method=hashlib.sha256)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def active_link(trajectory: Trajectory) -> UploadLink | None:
    """The trajectory's link that is not revoked (it may have expired), or None."""
    return next((link for link in trajectory.upload_links if link.revoked_at is None), None)


def _revoke(link: UploadLink, *, actor: Actor, now: dt.datetime, why: str) -> None:
    link.revoked_at = now
    link.revoked_by = actor.user
    db.session.flush()
    log(
        actor,
        now,
        "upload_link.revoked",
        why,
        employee_id=link.trajectory.employee_id,
        trajectory_id=link.trajectory_id,
        subject=link,
    )


def issue_link(
    trajectory: Trajectory, *, actor: Actor, now: dt.datetime, settings: LinkSettings
) -> tuple[UploadLink, str]:
    """A new personal upload link for the trajectory's provider (the old one is revoked); returns the link row
    and its URL, which exists only now."""
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise Invalid(
            {"upload_link": M_("Het traject is gesloten: er kan geen uploadlink meer worden gemaakt.")}
        )
    old = active_link(trajectory)
    if old is not None:
        _revoke(old, actor=actor, now=now, why="Uploadlink ingetrokken: vervangen door een nieuwe")
    secret = secrets.token_urlsafe(32)
    link = UploadLink(
        trajectory=trajectory,
        secret_hash=_hash(secret),
        created_at=now,
        created_by=actor.user,
        expires_at=now + dt.timedelta(days=settings.days),
    )
    db.session.add(link)
    db.session.flush()
    log(
        actor,
        now,
        "upload_link.issued",
        f"Uploadlink voor de provider gemaakt, geldig tot en met {dutch_date(local_day(link.expires_at))}",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=link,
    )
    token = _signer(settings.secret_key).sign(secret).decode("ascii")
    return link, settings.base_url.rstrip("/") + UPLOAD_PATH + token


def revoke_link(trajectory: Trajectory, *, actor: Actor, now: dt.datetime) -> UploadLink:
    """Revoke the trajectory's upload link ("Uploadlink intrekken")."""
    link = active_link(trajectory)
    if link is None:
        raise Invalid({"upload_link": M_("Dit traject heeft geen uploadlink om in te trekken.")})
    _revoke(link, actor=actor, now=now, why="Uploadlink ingetrokken")
    return link


def resolve_link(token: str, *, now: dt.datetime, settings: LinkSettings) -> UploadLink:
    """The link a token stands for, when it still gives access; LinkRefused otherwise."""
    signer = _signer(settings.secret_key)
    try:
        raw = token.encode("ascii")
        secret = signer.unsign(raw).decode("ascii")
    except (BadSignature, UnicodeError):
        raise LinkRefused("invalid") from None
    # base64 is lenient in the last character's spare bits: only the exact link counts
    if not hmac.compare_digest(signer.sign(secret), raw):
        raise LinkRefused("invalid")
    link = db.session.scalar(sa.select(UploadLink).where(UploadLink.secret_hash == _hash(secret)))
    if link is None:
        raise LinkRefused("invalid")
    if link.revoked_at is not None:
        raise LinkRefused("revoked", link)
    if now >= link.expires_at:
        raise LinkRefused("expired", link)
    if link.trajectory.status == TrajectoryStatus.CLOSED:
        raise LinkRefused("closed", link)
    return link


def report_tasks(trajectory: Trajectory) -> list[Task]:
    """The open report tasks (T6 progress, T7 final) an upload can belong to: per task template the one due first."""
    seen: set[int] = set()
    found: list[Task] = []
    for task in sorted(trajectory.tasks, key=lambda t: (t.due_date, t.id)):
        if (
            task.kind == TaskKind.REPORT_RECEIVED
            and task.status == TaskStatus.OPEN
            and task.task_template_id not in seen
        ):
            seen.add(task.task_template_id)
            found.append(task)
    return found


def initials(trajectory: Trajectory) -> str:
    """The employee's initials ("A.J."): all the link page may show of the person."""
    employee = trajectory.employee
    letters = [p[0] for p in (employee.first_name, employee.last_name) if p and p.strip()]
    return "".join(f"{letter.upper()}." for letter in letters)


def programme_of(trajectory: Trajectory) -> str:
    """The programme's name (and its provider's) for the link page."""
    programme = trajectory.programme
    if programme is None and trajectory.interventions:
        programme = trajectory.interventions[-1].programme
    if programme is None:
        return ""
    return f"{programme.name} ({programme.provider.name})"


def _clean_filename(name: str) -> str:
    """The file's own name, without folders or control characters, at most 200 characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C")
    return name.strip()[:200] or "rapportage.pdf"


def check_pdf(data: bytes, content_type: str, *, settings: LinkSettings) -> None:
    """Refuse what is not a PDF (content type and magic bytes) or is larger than allowed."""
    if not data:
        raise Invalid({"file": M_("Kies een PDF-bestand om aan te leveren.")})
    if len(data) > settings.max_bytes:
        raise Invalid(
            {"file": M_("Het bestand is te groot: hoogstens %(max_mb)s MB.", max_mb=settings.max_mb)}
        )
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime not in PDF_TYPES or not data.startswith(PDF_MAGIC):
        raise Invalid({"file": M_("Alleen PDF-bestanden worden aangenomen; dit bestand is geen PDF.")})


def receive_report(
    link: UploadLink,
    *,
    task_id: int | None,
    filename: str,
    content_type: str,
    data: bytes,
    now: dt.datetime,
    settings: LinkSettings,
    address: str = "",
) -> Document:
    """Store an uploaded report with the trajectory, attach it to the open report task, log it and tell the case
    manager in Slack (outbox). Refuses (nothing stored) what is no PDF, too large, or for another task."""
    check_pdf(data, content_type, settings=settings)
    trajectory = link.trajectory
    tasks = report_tasks(trajectory)
    task: Task | None = None
    if tasks:
        if task_id is None:  # not chosen: the report due first
            task = tasks[0]
        else:
            task = next((t for t in tasks if t.id == task_id), None)
            if task is None:
                raise Invalid({"task": M_("Kies welke rapportage u aanlevert.")})
    name = _clean_filename(filename)
    document = Document(
        trajectory=trajectory,
        task_id=task.id if task else None,
        title=f"{task.name if task else 'Rapportage'}: {name}"[:300],
        html="",
        pdf=data,
        created_at=now,
        created_by=None,
        origin=DocumentOrigin.PROVIDER,
        upload_link_id=link.id,
        filename=name,
    )
    db.session.add(document)
    link.last_used_at = now
    db.session.flush()
    for_task = f" bij taak {task.key} {task.name}" if task else ""
    log(
        PROVIDER,
        now,
        "document.uploaded",
        f"Rapportage \u201c{name}\u201d aangeleverd via de uploadlink{for_task}",
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        subject=document,
        details={"address": address, "link_id": link.id, "bytes": len(data)},
    )
    _tell_case_manager(trajectory, document, task, now=now)
    return document


def _tell_case_manager(
    trajectory: Trajectory, document: Document, task: Task | None, *, now: dt.datetime
) -> None:
    """One outbox row for the case manager: the scheduler delivers it as a Slack DM (quiet hours, retries)."""
    manager = trajectory.case_manager or trajectory.employee.case_manager
    if manager is None or not manager.active or not manager.slack_user_id:
        return
    programme = programme_of(trajectory)
    with speaking(manager.language):  # the reminder in its recipient's language
        what = translate(task.name).lower() if task else _("rapportage")
        text = _(
            "De provider heeft een %(what)s aangeleverd voor %(name)s (traject #%(trajectory)s%(programme)s): %(file)s.",
            what=what,
            name=trajectory.employee.full_name,
            trajectory=trajectory.id,
            programme=", " + programme if programme else "",
            file=document.filename,
        )
    db.session.add(
        Notification(
            signal=None,
            recipient=manager,
            text=text,
            created_at=now,
            next_attempt_at=now,
            payload={
                "kind": NOTICE_KIND,
                "employee_id": trajectory.employee_id,
                "trajectory_id": trajectory.id,
                "document_id": document.id,
                "task_id": task.id if task else None,
            },
        )
    )
    db.session.flush()


def log_refusal(
    link: UploadLink | None, reason: str, message: str, *, address: str, now: dt.datetime
) -> None:
    """Write a refused upload to the log book (the caller commits it on its own); the rate limit counts it."""
    trajectory = link.trajectory if link is not None else None
    log(
        PROVIDER,
        now,
        "upload.refused",
        f"Aanlevering via de uploadlink geweigerd: {message}",
        employee_id=trajectory.employee_id if trajectory else None,
        trajectory_id=trajectory.id if trajectory else None,
        subject=link,
        details={"address": address, "reason": reason, "link_id": link.id if link else None},
    )


def too_many_attempts(address: str, link: UploadLink | None, now: dt.datetime) -> bool:
    """Whether this address, or this link, made MAX_ATTEMPTS upload attempts in the last WINDOW (one query)."""
    from_address = LogEntry.details["address"].as_string() == address
    counts = [sa.func.count().filter(from_address)]
    if link is not None:
        counts.append(sa.func.count().filter(LogEntry.details["link_id"].as_integer() == link.id))
    row = db.session.execute(
        sa.select(*counts).where(LogEntry.action.in_(ATTEMPTS), LogEntry.at >= now - WINDOW)
    ).one()
    return any(n >= MAX_ATTEMPTS for n in row)
