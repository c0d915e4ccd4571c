"""How a sick report ends: the configurable end reasons with their outcome classes (SPEC §7).

A hersteldmelding (casework.registration.recover) and the closing of a report (close_sick_report) both ask an
end reason from models.SickReportEndReason; this module finds the one a door names (by row, id or name) and
refuses, naming the field `end_reason_id`, one that does not exist or was deactivated. The reports count a
closed report by the class of its reason: work resumption (own work, adapted work, other employer) is
arbeidsuitstroom, OTHER_OUTFLOW is overige uitstroom, a report entered in error counts nowhere.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from models import SickReportEndReason, SickReportOutcome, db

from .errors import Invalid
from .i18n import M_

FIELD = "end_reason_id"

# The outcome classes as a case manager and an administrator read them.
OUTCOME_WORDS = {
    SickReportOutcome.OWN_WORK: "Werkhervatting eigen werk",
    SickReportOutcome.ADAPTED_WORK: "Werkhervatting aangepast werk eigen werkgever",
    SickReportOutcome.OTHER_EMPLOYER: "Werkhervatting andere werkgever",
    SickReportOutcome.OTHER_OUTFLOW: "Overige uitstroom",
    SickReportOutcome.WAITING_TIME_END: "Einde wachttijd / WIA",
    SickReportOutcome.RETIREMENT: "Pensioen",
    SickReportOutcome.ERRONEOUS: "Foutief opgevoerd",
}


def active_end_reasons() -> list[SickReportEndReason]:
    """The end reasons a case manager may choose, in the administrator's order."""
    return list(
        db.session.scalars(
            sa.select(SickReportEndReason)
            .where(SickReportEndReason.active.is_(True))
            .order_by(SickReportEndReason.position, SickReportEndReason.name)
        )
    )


def find_end_reason(value: Any, *, required: bool = True) -> SickReportEndReason | None:
    """The active end reason `value` names (a row, an id, or a name); Invalid under `end_reason_id` if none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Invalid({FIELD: M_("Kies een beëindigingsreden.")})
        return None
    reason: SickReportEndReason | None = None
    if isinstance(value, SickReportEndReason):
        reason = value
    elif isinstance(value, int) and not isinstance(value, bool):
        reason = db.session.get(SickReportEndReason, value) if 0 < value < 2**31 else None
    elif isinstance(value, str):
        text = value.strip()
        if text.isdigit() and len(text) < 10:
            reason = db.session.get(SickReportEndReason, int(text))
        elif len(text) <= 200:
            reason = db.session.scalar(sa.select(SickReportEndReason).where(SickReportEndReason.name == text))
    if reason is None:
        raise Invalid({FIELD: M_("Deze beëindigingsreden bestaat niet.")})
    if not reason.active:
        raise Invalid({FIELD: M_("De beëindigingsreden %(name)s is gedeactiveerd.", name=reason.name)})
    return reason


def end_reason_details(reason: SickReportEndReason) -> dict[str, Any]:
    """What the log book keeps about the reason (its name and class as they were on the day)."""
    return {"end_reason_id": reason.id, "end_reason": reason.name, "outcome": reason.outcome.value}
