"""Consults (seed 004 slides 38–45): an "afspraakopdracht" for a gesprek, from assessment to its outcome.

Every step is an action in TRANSITIONS, allowed only from the statuses listed there; anything else is refused
with a Dutch message naming the status. Re-planning (slide 44): "ja" puts the consult back in the planning
tray, "nee" cancels it (Geannuleerd), "parkeren" puts it in the tray again from a date on. Afmelden (slide 45):
"afgehandeld" means the conversation was held and records a contact with the employee (casework.contacts);
"niet verschenen zonder bericht" the first time puts it back in the tray, the second time ends it (Beëindigd,
not re-planned) and raises a signal for the case manager, since PACTA left that message to the back office.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import sqlalchemy as sa
from marshmallow import fields

from models import (
    Consult,
    ConsultStatus,
    ConsultType,
    Employee,
    Notification,
    Role,
    Signal,
    SignalKind,
    User,
    db,
)

from .agenda import Choice, agenda_period
from .agenda_patterns import Interval, to_local, to_utc
from .calendar import dutch_date, local_day
from .consult_letters import make_report, report_template
from .consult_prices import applying_price
from .contacts import add_contact
from .errors import Forbidden, Invalid
from .i18n import M_, N_, speaking
from .i18n import gettext as _
from .logbook import Actor, log
from .registration import ensure_can_see
from .schemas import DUTCH_DATE_RE, Day, Ident, Input, Text, YesNo, _Dutch, load

S = ConsultStatus
STATUS_LABELS = {
    S.ASSESS: N_("Beoordelen"),
    S.TO_PLAN: N_("In te plannen"),
    S.PLANNED: N_("Ingepland"),
    S.TO_REPORT: N_("Af te melden"),
    S.DONE: N_("Afgehandeld"),
    S.REJECTED: N_("Afgekeurd"),
    S.CANCELLED: N_("Geannuleerd"),
    S.ENDED: N_("Beëindigd"),
    S.PARKED: N_("Geparkeerd"),
}
# action -> (the statuses it is allowed from, what it does in words for a refusal)
TRANSITIONS: dict[str, tuple[frozenset[ConsultStatus], str]] = {
    "accept": (frozenset({S.ASSESS}), "worden geaccepteerd"),
    "reject": (frozenset({S.ASSESS}), "worden afgekeurd"),
    "plan": (frozenset({S.TO_PLAN, S.PARKED}), "worden ingepland"),
    "replan": (frozenset({S.PLANNED, S.TO_REPORT}), "worden gewijzigd in de agenda"),
    "park": (frozenset({S.TO_PLAN, S.PARKED}), "worden geparkeerd"),
    "report": (frozenset({S.PLANNED, S.TO_REPORT}), "worden afgemeld"),
    "end": (frozenset({S.ASSESS, S.TO_PLAN, S.PARKED}), "worden beëindigd"),
}
OPEN_STATUSES = (S.ASSESS, S.TO_PLAN, S.PLANNED, S.TO_REPORT, S.PARKED)
REPLAN_WORDS = {"ja": "yes", "yes": "yes", "nee": "no", "no": "no", "parkeren": "park", "park": "park"}
OUTCOME_WORDS = {
    "afgehandeld": "held",
    "held": "held",
    "niet_verschenen": "no_show",
    "niet verschenen": "no_show",
    "nvgb": "no_show",
    "no_show": "no_show",
}
MOMENT_RE = re.compile(r"^(\S+)[T ]([01]?\d|2[0-3])[:.]([0-5]\d)(?::00)?$")


class LocalMoment(_Dutch, fields.Field):
    """A local date and time: 2026-03-05T09:00 or 05-03-2026 09:00; returned as naive UTC."""

    default_error_messages = {"invalid": N_("Geef een datum en tijd, bijvoorbeeld 05-03-2026 09:00.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.datetime:
        match = MOMENT_RE.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise self.make_error("invalid")
        text = match.group(1)
        try:
            if m := DUTCH_DATE_RE.match(text):
                day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            else:
                day = dt.date.fromisoformat(text)
        except ValueError:
            raise self.make_error("invalid") from None
        return to_utc(day, dt.time(int(match.group(2)), int(match.group(3))))


class ConsultInput(Input):
    """A new consult: its type, the period to plan it in, a remark; it starts in Beoordelen or In te plannen."""

    consult_type_id = Ident(required=True)
    status = Choice(
        {"beoordelen": "beoordelen", "in_te_plannen": "in_te_plannen", "in te plannen": "in_te_plannen"},
        N_("Kies Beoordelen of In te plannen."),
    )
    period_from = Day()
    period_until = Day()
    remark = Text(1500)


class PlanInput(Input):
    """Planning: whose agenda and when."""

    user_id = Ident()
    starts_at = LocalMoment(required=True)


class ReplanInput(Input):
    """Wijzigen in agenda: herplannen ja, nee or parkeren (with a date)."""

    replan = Choice(REPLAN_WORDS, N_("Kies ja, nee of parkeren."), required=True)
    parked_until = Day()
    remark = Text(1500)


class ParkInput(Input):
    """Parkeren from the tray: until a date."""

    parked_until = Day(required=True)
    remark = Text(1500)


class ReportInput(Input):
    """Afmelden: afgehandeld or niet verschenen zonder bericht, with an optional short report."""

    outcome = Choice(OUTCOME_WORDS, N_("Kies afgehandeld of niet verschenen."), required=True)
    text = Text(1500)
    document = YesNo()  # afgehandeld: also make the report ("Verslag gesprek") from its document template


class RemarkInput(Input):
    """Only a remark (accept, reject, end)."""

    remark = Text(1500)


def status_label(status: ConsultStatus) -> str:
    """The name of a status in the reader's language (Dutch by default; casework.i18n)."""
    return _(STATUS_LABELS[ConsultStatus(status)])


def check_transition(consult: Consult, action: str) -> None:
    """Refuse `action` unless the consult's status allows it (TRANSITIONS)."""
    allowed, words = TRANSITIONS[action]
    if consult.status not in allowed:
        refusal = Invalid(
            {
                "status": M_(
                    "Een gesprek met status %(status)s kan niet %(words)s.",
                    status=status_label(consult.status),
                    words=words,
                )
            }
        )
        refusal.conflict = True  # a state conflict: the API answers 409
        raise refusal


def _ensure_may(consult: Consult, actor: Actor) -> None:
    if actor.user is not None:
        ensure_can_see(consult.employee, actor.user)


def _log(consult: Consult, actor: Actor, now: dt.datetime, action: str, message: str) -> None:
    log(
        actor,
        now,
        f"consult.{action}",
        f"Gesprek ({consult.consult_type.name}): {message}",
        employee_id=consult.employee_id,
        subject=consult,
        details={"status": consult.status.value},
    )


def _type_allowed(consult_type: ConsultType, employee: Employee, day: dt.date) -> str | None:
    if not consult_type.active:
        return "Kies een actieve spreekuursoort."
    if not consult_type.variations:
        return None
    allowed = {v.id for v in consult_type.variations}
    if any(a.valid_on(day) and a.variation.id in allowed for a in employee.employer.agreements):
        return None
    return (
        f"Spreekuursoort {consult_type.name} mag niet gepland worden: geen dienstverleningsovereenkomst van"
        f" {employee.employer.name} op {dutch_date(day)} staat hem toe."
    )


def create_consult(employee: Employee, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Consult:
    """A new consult (afspraakopdracht) for `employee`, in Beoordelen or (default) In te plannen."""
    if actor.user is not None:
        ensure_can_see(employee, actor.user)
    values = load(ConsultInput(), data)
    errors: dict[str, str] = {}
    consult_type = db.session.get(ConsultType, values["consult_type_id"])
    if consult_type is None:
        errors["consult_type_id"] = M_("Kies een actieve spreekuursoort.")
    elif message := _type_allowed(consult_type, employee, local_day(now)):
        errors["consult_type_id"] = message
    if values["period_from"] and values["period_until"] and values["period_until"] < values["period_from"]:
        errors["period_until"] = M_("De einddatum ligt vóór de begindatum.")
    if errors:
        raise Invalid(errors)
    consult = Consult(
        employee=employee,
        consult_type=consult_type,
        status=ConsultStatus(values["status"] or "in_te_plannen"),
        period_from=values["period_from"],
        period_until=values["period_until"],
        remark=values["remark"],
        created_at=now,
        created_by=actor.user,
    )
    db.session.add(consult)
    db.session.flush()
    _log(consult, actor, now, "created", f"aangemaakt, status {status_label(consult.status)}")
    return consult


def assess(
    consult: Consult, accept: bool, data: dict[str, Any], *, actor: Actor, now: dt.datetime
) -> Consult:
    """Beoordelen: accept (In te plannen) or reject (Afgekeurd)."""
    _ensure_may(consult, actor)
    values = load(RemarkInput(), data)
    check_transition(consult, "accept" if accept else "reject")
    consult.status = S.TO_PLAN if accept else S.REJECTED
    if values["remark"]:
        consult.remark = values["remark"]
    db.session.flush()
    _log(consult, actor, now, "assessed", "geaccepteerd" if accept else "afgekeurd")
    return consult


def plan_consult(consult: Consult, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Consult:
    """Plan a consult in a free slot of a user's agenda (one's own; an administrator also in another's)."""
    _ensure_may(consult, actor)
    values = load(PlanInput(), data)
    check_transition(consult, "plan")
    today = local_day(now)
    if consult.status == S.PARKED and consult.parked_until and consult.parked_until > today:
        raise Invalid(
            {
                "status": M_(
                    "Dit gesprek is geparkeerd tot %(parked_until)s.",
                    parked_until=dutch_date(consult.parked_until),
                )
            }
        )
    user = _planner(values.get("user_id"), consult, actor)
    start: dt.datetime = values["starts_at"]
    slot = Interval(start, start + dt.timedelta(minutes=consult.consult_type.duration_minutes))
    day = to_local(start).date()
    if start < now:
        raise Invalid({"starts_at": M_("Dit tijdstip ligt in het verleden.")})
    if (
        consult.period_from
        and day < consult.period_from
        or consult.period_until
        and day > consult.period_until
    ):
        raise Invalid({"starts_at": M_("Dit tijdstip valt buiten de periode van het gesprek.")})
    free = agenda_period(user, day, to_local(slot.end).date()).free()
    home = next((f for f in free if f.start <= slot.start and slot.end <= f.end), None)
    if home is None:
        raise Invalid(
            {"starts_at": f"{user.name} is op {dutch_date(day)} om {to_local(start):%H:%M} niet vrij."}
        )
    consult.user = user
    consult.location = getattr(home.source, "location", None)
    consult.starts_at, consult.ends_at = slot.start, slot.end
    consult.price = applying_price(consult, today)[0]
    consult.status = S.PLANNED
    consult.parked_until = None
    db.session.flush()
    _log(
        consult,
        actor,
        now,
        "planned",
        f"ingepland op {dutch_date(day)} om {to_local(start):%H:%M} bij {user.name}",
    )
    return consult


def _planner(user_id: int | None, consult: Consult, actor: Actor) -> User:
    """Whose agenda: one's own by default; an administrator may choose a user who can see the employee."""
    if user_id is None:
        if actor.user is None:
            raise Invalid({"user_id": M_("Kies een gebruiker.")})
        return actor.user
    if actor.user is not None and actor.user.role != Role.ADMIN and user_id != actor.user.id:
        raise Forbidden({"user_id": M_("U kunt alleen in uw eigen agenda plannen.")})
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise Invalid({"user_id": M_("Kies een actieve gebruiker.")})
    if user.role != Role.ADMIN and consult.employee.case_manager_id != user.id:
        raise Invalid(
            {
                "user_id": M_(
                    "%(full_name)s hoort niet bij de caseload van %(name)s.",
                    full_name=consult.employee.full_name,
                    name=user.name,
                )
            }
        )
    return user


def _clear_slot(consult: Consult) -> None:
    consult.starts_at = consult.ends_at = None
    consult.user = None
    consult.location = None


def replan_consult(consult: Consult, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Consult:
    """Wijzigen in agenda: ja → In te plannen, nee → Geannuleerd, parkeren → Geparkeerd until a date."""
    _ensure_may(consult, actor)
    values = load(ReplanInput(), data)
    check_transition(consult, "replan")
    choice = values["replan"]
    if choice == "park":
        _park_date(values.get("parked_until"), now)
    elif values.get("parked_until"):
        raise Invalid({"parked_until": M_("Een parkeerdatum hoort alleen bij parkeren.")})
    if choice == "no":
        consult.status = S.CANCELLED  # the slot stays on record: it was in the agenda
        words = "geannuleerd (niet opnieuw plannen)"
    else:
        _clear_slot(consult)
        if choice == "yes":
            consult.status, words = S.TO_PLAN, "terug naar de planbak"
        else:
            consult.status, consult.parked_until = S.PARKED, values["parked_until"]
            words = f"geparkeerd tot {dutch_date(consult.parked_until)}"
    if values["remark"]:
        consult.remark = values["remark"]
    db.session.flush()
    _log(consult, actor, now, "cancelled" if choice == "no" else "replanned", words)
    return consult


def _park_date(day: dt.date | None, now: dt.datetime) -> dt.date:
    if day is None:
        raise Invalid({"parked_until": M_("Geef de datum tot wanneer het gesprek geparkeerd is.")})
    if day <= local_day(now):
        raise Invalid({"parked_until": M_("Deze datum moet na vandaag liggen.")})
    return day


def park_consult(consult: Consult, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Consult:
    """Parkeren from the planning tray: the consult shows in the tray again from the date on."""
    _ensure_may(consult, actor)
    values = load(ParkInput(), data)
    check_transition(consult, "park")
    consult.parked_until = _park_date(values["parked_until"], now)
    consult.status = S.PARKED
    if values["remark"]:
        consult.remark = values["remark"]
    db.session.flush()
    _log(consult, actor, now, "parked", f"geparkeerd tot {dutch_date(consult.parked_until)}")
    return consult


def end_consult(consult: Consult, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Consult:
    """Beëindigen: not held and not planned again ("het hoeft al niet meer")."""
    _ensure_may(consult, actor)
    values = load(RemarkInput(), data)
    check_transition(consult, "end")
    consult.status = S.ENDED
    if values["remark"]:
        consult.remark = values["remark"]
    db.session.flush()
    _log(consult, actor, now, "ended", "beëindigd")
    return consult


def report_consult(consult: Consult, data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Consult:
    """Afmelden: held (a recorded contact) or a no-show (back to the tray; the second time ended + a signal)."""
    _ensure_may(consult, actor)
    values = load(ReportInput(), data)
    check_transition(consult, "report")
    if consult.starts_at is None or consult.starts_at > now:
        raise Invalid({"outcome": M_("Het gesprek is nog niet begonnen; afmelden kan daarna.")})
    template = None
    if values.get("document"):
        if values["outcome"] != "held":
            raise Invalid(
                {"document": M_("Een verslag als document hoort alleen bij een afgehandeld gesprek.")}
            )
        template = report_template(consult)  # refused before anything changes when there is none
    consult.reported_at = now
    if values["outcome"] == "held":
        consult.contact = add_contact(
            consult.employee,
            {
                "kind": "gesprek",
                "with_whom": "werknemer",
                "day": to_local(consult.starts_at).date(),
                "text": values["text"],
            },
            actor=actor,
            now=now,
        )
        consult.status = S.DONE
        consult.price = applying_price(consult, local_day(now))[0]
        words = "afgehandeld (gesprek gevoerd)"
    else:
        consult.no_show_count += 1
        if values["text"]:
            consult.remark = values["text"]
        if consult.no_show_count == 1:
            _clear_slot(consult)
            consult.status = S.TO_PLAN
            words = "niet verschenen zonder bericht (1e keer): terug naar de planbak"
        else:
            consult.status = S.ENDED
            words = "niet verschenen zonder bericht (2e keer): niet opnieuw gepland"
    db.session.flush()
    _log(consult, actor, now, "held" if values["outcome"] == "held" else "no_show", words)
    if template is not None:
        make_report(consult, template, values["text"], actor=actor, now=now)
    if consult.status == S.ENDED:
        _no_show_signal(consult, actor, now)
    return consult


NO_SHOW_TWICE = N_(
    "%(name)s is voor de tweede keer niet verschenen zonder bericht; het gesprek is beëindigd."
)


def no_show_twice(name: str, language: object = None) -> str:
    """The words of a second no-show, in `language` (else the reader's): signal, reminder, App Home."""
    if language is None:
        return _(NO_SHOW_TWICE, name=name)
    with speaking(language):
        return _(NO_SHOW_TWICE, name=name)


def _no_show_signal(consult: Consult, actor: Actor, now: dt.datetime) -> Signal:
    """A signal (and a reminder) for the case manager after a second no-show."""
    employee = consult.employee
    text = NO_SHOW_TWICE % {"name": employee.full_name}
    signal = Signal(
        kind=SignalKind.CONSULT_NO_SHOW,
        subject_type="consult",
        subject_id=consult.id,
        due_date=local_day(now),
        employee_id=employee.id,
        detail=text,
        raised_at=now,
    )
    db.session.add(signal)
    db.session.flush()
    manager = employee.case_manager
    if manager is not None and manager.active:
        db.session.add(
            Notification(
                signal=signal,
                recipient=manager,
                text=no_show_twice(employee.full_name, manager.language),
                created_at=now,
                next_attempt_at=now,
                payload={"consult_id": consult.id},
            )
        )
    db.session.flush()
    log(actor, now, "signal.raised", text, employee_id=employee.id, subject=signal)
    return signal


def _visible(query: sa.Select, user: User) -> sa.Select:
    if user.role == Role.ADMIN:
        return query
    return query.join(Employee, Employee.id == Consult.employee_id).where(Employee.case_manager_id == user.id)


def planning_tray(user: User, today: dt.date) -> list[Consult]:
    """De planbak: consults to plan, and parked ones whose date has come (a case manager: their caseload)."""
    query = sa.select(Consult).where(
        sa.or_(
            Consult.status == S.TO_PLAN,
            sa.and_(Consult.status == S.PARKED, Consult.parked_until <= today),
        )
    )
    return list(db.session.scalars(_visible(query, user).order_by(Consult.period_until, Consult.id)))


def assessment_tray(user: User) -> list[Consult]:
    """De beoordeelbak: consults still to be assessed."""
    query = sa.select(Consult).where(Consult.status == S.ASSESS)
    return list(db.session.scalars(_visible(query, user).order_by(Consult.created_at, Consult.id)))


def report_tray(user: User, now: dt.datetime) -> list[Consult]:
    """De werkbak af te melden: consults in `user`'s agenda past their start without an outcome."""
    query = sa.select(Consult).where(Consult.status.in_((S.PLANNED, S.TO_REPORT)), Consult.starts_at <= now)
    if user.role != Role.ADMIN:
        query = query.where(Consult.user_id == user.id)
    return list(db.session.scalars(query.order_by(Consult.starts_at, Consult.id)))
