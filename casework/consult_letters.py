"""The letters of a consult (seed 004 slides 38–45): the invitation ("Uitnodiging gesprek") once it is planned,
and the optional report ("Verslag gesprek") when it is reported as held.

Both come from a document template (casework.documents: sandboxed, the label's house style, HTML and PDF) and are
stored as documents of the dossier, owned by the consult. Which template: the consult type's own, or else the
active template with the seeded name. The merge fields are those of a trajectory document, with the trajectory's
own left empty, plus `consult.*`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from models import Consult, ConsultStatus, Document, DocumentTemplate, db

from .agenda_patterns import to_local
from .calendar import dutch_date, local_day
from .consult_prices import shown_price
from .costbenefit import format_euro
from .documents import _pick, _title, demo_fields, render_html, render_pdf
from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log

INVITATION = "Uitnodiging gesprek"
REPORT = "Verslag gesprek"
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def blank(fields: dict[str, Any]) -> dict[str, Any]:
    """The same merge fields, every value empty: what a document that lacks them shows."""
    return {k: blank(v) if isinstance(v, dict) else "" for k, v in fields.items()}


def consult_merge_fields(consult: Consult, *, today: dt.date, text: str = "") -> dict[str, Any]:
    """The merge fields of a consult's letter (Dutch strings); `text` is the report written at afmelden."""
    employee = consult.employee
    employer = employee.employer
    start = to_local(consult.starts_at) if consult.starts_at else None
    end = to_local(consult.ends_at) if consult.ends_at else None
    fields = blank(demo_fields(today))
    fields.update(
        today=dutch_date(today),
        label=_pick(employer.label, ("name",)),
        employer=_pick(employer, ("name", "address", "postcode", "city")),
        employee={
            **_pick(employee, ("full_name", "personnel_number")),
            **_pick(employee, ("birth_date",), dutch_date),
        },
        case_manager=_pick(employee.case_manager, ("name", "email")),
    )
    fields["consult"] = {
        "type": consult.consult_type.name,
        "date": dutch_date(start.date()) if start else "",
        "weekday": WEEKDAYS[start.weekday()] if start else "",
        "start_time": f"{start:%H:%M}" if start else "",
        "end_time": f"{end:%H:%M}" if end else "",
        "duration": str(consult.consult_type.duration_minutes),
        "location": consult.location.name if consult.location else "",
        "location_details": consult.location.description if consult.location else "",
        "with_whom": consult.user.name if consult.user else "",
        "price": format_euro(shown_price(consult, today)),
        "report": text,
    }
    return fields


def _template(consult: Consult, kind: str) -> DocumentTemplate:
    """The consult type's template for `kind` (invitation, report), or the active one with the seeded name."""
    own = (
        consult.consult_type.invitation_template
        if kind == "invitation"
        else consult.consult_type.report_template
    )
    if own is not None and own.active:
        return own
    name = INVITATION if kind == "invitation" else REPORT
    template = db.session.scalar(
        sa.select(DocumentTemplate).where(DocumentTemplate.name == name, DocumentTemplate.active.is_(True))
    )
    if template is None:
        field = "invitation_template_id" if kind == "invitation" else "report_template_id"
        raise Invalid(
            {
                field: M_(
                    "Er is geen actief documentsjabloon '%(name)s' en spreekuursoort %(name2)s noemt geen ander; kies er een bij de spreekuursoort.",
                    name=name,
                    name2=consult.consult_type.name,
                )
            }
        )
    return template


def report_template(consult: Consult) -> DocumentTemplate:
    """The template of the consult's report; refused (Invalid) when there is none, before anything changes."""
    return _template(consult, "report")


def _store(
    consult: Consult, template: DocumentTemplate, fields: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> Document:
    html = render_html(template, fields, consult.employee.employer.label)
    document = Document(
        consult=consult,
        document_template=template,
        title=_title(template, fields)[:300],
        html=html,
        pdf=render_pdf(html),
        created_at=now,
        created_by=actor.user,
    )
    db.session.add(document)
    db.session.flush()
    log(
        actor,
        now,
        "document.generated",
        f"Document '{document.title}' gemaakt",
        employee_id=consult.employee_id,
        subject=document,
        details={"template": template.name, "consult_id": consult.id},
    )
    return document


def make_invitation(consult: Consult, *, actor: Actor, now: dt.datetime) -> Document:
    """Uitnodiging gesprek: a letter to the employee with the date, time, place and kind of the planned consult."""
    from .consults import _ensure_may, status_label

    _ensure_may(consult, actor)
    if consult.status != ConsultStatus.PLANNED:
        refusal = Invalid(
            {
                "status": M_(
                    "Een uitnodiging kan alleen voor een ingepland gesprek; dit gesprek heeft status %(status)s.",
                    status=status_label(consult.status),
                )
            }
        )
        refusal.conflict = True
        raise refusal
    if consult.starts_at is not None and consult.starts_at <= now:
        raise Invalid({"starts_at": M_("Het gesprek is al begonnen; een uitnodiging kan alleen vooraf.")})
    template = _template(consult, "invitation")
    return _store(
        consult, template, consult_merge_fields(consult, today=local_day(now)), actor=actor, now=now
    )


def make_report(
    consult: Consult, template: DocumentTemplate, text: str, *, actor: Actor, now: dt.datetime
) -> Document:
    """Verslag gesprek: the report of a held consult, with the text written at afmelden."""
    fields = consult_merge_fields(consult, today=local_day(now), text=text)
    return _store(consult, template, fields, actor=actor, now=now)


def consult_documents(consult: Consult) -> list[Document]:
    """The documents of a consult, oldest first (without their PDF)."""
    return list(
        db.session.scalars(sa.select(Document).where(Document.consult_id == consult.id).order_by(Document.id))
    )
