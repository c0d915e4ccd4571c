"""The agenda (seed 004 slides 15–21): availability and unavailability per user, and the free time between them.

The hierarchy of slide 16: unavailability beats availability; a consult is never overwritten (an unavailability
over a planned consult is refused); a newer availability replaces the part of an older one it overlaps (PACTA
shows both, one under the other: we show the newer). Free time is availability minus unavailability minus the
consults in the agenda; planning proposes slots inside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from marshmallow import fields

from models import (
    AgendaTask,
    AgendaTaskStatus,
    Availability,
    Consult,
    ConsultStatus,
    Location,
    Recurrence,
    Role,
    Unavailability,
    UnavailabilityKind,
    User,
    db,
)

from .agenda_patterns import (
    WEEKDAY_WORDS,
    Interval,
    expand,
    newest_wins,
    subtract,
    to_local,
    to_utc,
    weekday_mask,
    weekday_words,
)
from .calendar import dutch_date
from .errors import Forbidden, Invalid
from .i18n import M_, N_
from .logbook import Actor, log
from .schemas import Day, Ident, Input, Text, _Dutch, load

MAX_PERIOD_DAYS = 2 * 366
IN_AGENDA = (ConsultStatus.PLANNED, ConsultStatus.TO_REPORT, ConsultStatus.DONE)
RECURRENCE_WORDS = {"none": "none", "geen": "none", "weekly": "weekly", "wekelijks": "weekly"}
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class Clock(_Dutch, fields.Field):
    """A time of day: 9:00, 09.30 or a time object."""

    default_error_messages = {"invalid": N_("Geef een tijd, bijvoorbeeld 09:00.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.time:
        if isinstance(value, dt.time):
            return value.replace(second=0, microsecond=0)
        if isinstance(value, str) and (match := TIME_RE.match(value.strip())):
            return dt.time(int(match.group(1)), int(match.group(2)))
        raise self.make_error("invalid")


class Weekdays(_Dutch, fields.Field):
    """Chosen weekdays: numbers 0 (Monday) to 6, or Dutch abbreviations ("ma", "di", ...), as a list or "ma,do"."""

    default_error_messages = {"invalid": N_("Kies dagen: ma, di, wo, do, vr, za of zo.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise self.make_error("invalid")
        days = set()
        for item in items:
            if isinstance(item, int) and not isinstance(item, bool) and 0 <= item <= 6:
                days.add(item)
            elif isinstance(item, str) and item.strip().lower()[:2] in WEEKDAY_WORDS and item.strip():
                days.add(WEEKDAY_WORDS.index(item.strip().lower()[:2]))
            elif isinstance(item, str) and item.strip().isdigit() and 0 <= int(item) <= 6:
                days.add(int(item))
            elif not (isinstance(item, str) and not item.strip()):
                raise self.make_error("invalid")
        return weekday_mask(days)


class Choice(Text):
    """One word of a fixed list (Dutch or English), returned as its code."""

    def __init__(self, words: dict[str, str], message: str, **kwargs: Any) -> None:
        self.words = words
        super().__init__(40, **kwargs)
        self.error_messages["choice"] = message

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        word = super()._deserialize(value, attr, data, **kwargs).lower()
        if word not in self.words:
            raise self.make_error("choice")
        return self.words[word]


class Frequency(_Dutch, fields.Integer):
    """1, 2 or 3: every week, every other week, every third week."""

    default_error_messages = {"invalid": N_("Kies 1, 2 of 3.")}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        number = super()._deserialize(value, attr, data, **kwargs)
        if number not in (1, 2, 3):
            raise self.make_error("invalid")
        return number


class PatternInput(Input):
    """What availability and unavailability share."""

    user_id = Ident()
    recurrence = Choice(RECURRENCE_WORDS, "Kies geen of wekelijks.", required=True)
    frequency = Frequency(load_default=1)
    date_from = Day(required=True)
    date_until = Day(required=True)
    start_time = Clock(required=True)
    end_time = Clock(required=True)
    weekdays = Weekdays(load_default=0)
    remark = Text(1500)


class AvailabilityInput(PatternInput):
    """Beschikbaarheid: also the location."""

    location_id = Ident(required=True)


class UnavailabilityInput(PatternInput):
    """Onbeschikbaarheid: also its kind; no location."""

    kind_id = Ident(required=True)


def _pattern_errors(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if values["date_until"] < values["date_from"]:
        errors["date_until"] = M_("De einddatum ligt vóór de begindatum.")
    elif (values["date_until"] - values["date_from"]).days > MAX_PERIOD_DAYS:
        errors["date_until"] = M_("Hoogstens twee jaar na de begindatum.")
    if values["recurrence"] == "weekly":
        if values["end_time"] <= values["start_time"]:
            errors["end_time"] = M_("De eindtijd moet na de begintijd liggen.")
        if not values["weekdays"]:
            errors["weekdays"] = M_("Kies minstens één dag.")
    elif values["date_until"] == values["date_from"] and values["end_time"] <= values["start_time"]:
        errors["end_time"] = M_("De eindtijd moet na de begintijd liggen.")
    return errors


def _owner(values: dict[str, Any], actor: Actor) -> User:
    """Whose agenda: one's own, or anyone's for an administrator."""
    user_id = values.pop("user_id", None)
    if actor.user is None:
        if user_id is None:
            raise Invalid({"user_id": M_("Kies een gebruiker.")})
    elif user_id is None or user_id == actor.user.id:
        return actor.user
    elif actor.user.role != Role.ADMIN:
        raise Forbidden({"user_id": M_("U kunt alleen uw eigen agenda wijzigen.")})
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise Invalid({"user_id": M_("Kies een actieve gebruiker.")})
    return user


def _describe(item: Availability | Unavailability) -> str:
    period = f"{dutch_date(item.date_from)} t/m {dutch_date(item.date_until)}"
    times = f"{item.start_time:%H:%M}–{item.end_time:%H:%M}"
    if item.recurrence == Recurrence.WEEKLY:
        every = {1: "elke week", 2: "om de week", 3: "elke derde week"}[item.frequency]
        return f"{period}, {every} op {weekday_words(item.weekdays)}, {times}"
    return f"{period}, {times} doorlopend"


def add_availability(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Availability:
    """Add availability at a location; where it overlaps an older one, it replaces that part."""
    values = load(AvailabilityInput(), data)
    user = _owner(values, actor)
    errors = _pattern_errors(values)
    location = db.session.get(Location, values["location_id"])
    if location is None or not location.active:
        errors["location_id"] = M_("Kies een actieve locatie.")
    if errors:
        raise Invalid(errors)
    item = Availability(user=user, location=location, created_at=now, **_pattern_values(values))
    db.session.add(item)
    db.session.flush()
    log(
        actor, now, "agenda.availability", f"Beschikbaarheid {location.name}: {_describe(item)}", subject=item
    )
    return item


def add_unavailability(data: dict[str, Any], *, actor: Actor, now: dt.datetime) -> Unavailability:
    """Add unavailability of a kind; refused when it would cover a consult in the agenda."""
    values = load(UnavailabilityInput(), data)
    user = _owner(values, actor)
    errors = _pattern_errors(values)
    kind = db.session.get(UnavailabilityKind, values["kind_id"])
    if kind is None or not kind.active:
        errors["kind_id"] = M_("Kies een actieve soort onbeschikbaarheid.")
    if errors:
        raise Invalid(errors)
    item = Unavailability(user=user, kind=kind, created_at=now, **_pattern_values(values))
    blocks = expand(item, item.date_from, item.date_until)
    for consult in consults_between(user, item.date_from, item.date_until):
        slot = Interval(consult.starts_at, consult.ends_at)
        if any(block.overlaps(slot) for block in blocks):
            start = to_local(consult.starts_at)
            raise Invalid(
                {
                    "date_from": f"Op {dutch_date(start.date())} om {start:%H:%M} staat een gesprek; "
                    "een gesprek wordt nooit overschreven: plan het eerst opnieuw in."
                }
            )
    for task in tasks_between(user, item.date_from, item.date_until):
        slot = Interval(task.starts_at, task.ends_at)
        if task.status == AgendaTaskStatus.OPEN and any(block.overlaps(slot) for block in blocks):
            start = to_local(task.starts_at)
            raise Invalid(
                {
                    "date_from": f"Op {dutch_date(start.date())} om {start:%H:%M} staat de taak"
                    f" \u201c{task.title}\u201d in de agenda; een taak wordt nooit overschreven:"
                    " haal haar eerst uit de agenda."
                }
            )
    db.session.add(item)
    db.session.flush()
    log(
        actor,
        now,
        "agenda.unavailability",
        f"Onbeschikbaarheid ({kind.name}): {_describe(item)}",
        subject=item,
    )
    return item


def _pattern_values(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: values[k] for k in ("frequency", "date_from", "date_until", "start_time", "end_time", "remark")}
    out["recurrence"] = Recurrence(values["recurrence"])
    out["weekdays"] = values["weekdays"] if values["recurrence"] == "weekly" else 0
    if values["recurrence"] == "none":
        out["frequency"] = 1
    return out


def remove_pattern(item: Availability | Unavailability, *, actor: Actor, now: dt.datetime) -> None:
    """Remove an availability or unavailability (one's own, or anyone's for an administrator)."""
    if actor.user is not None and actor.user.role != Role.ADMIN and item.user_id != actor.user.id:
        raise Forbidden({"user_id": M_("U kunt alleen uw eigen agenda wijzigen.")})
    what = "Beschikbaarheid" if isinstance(item, Availability) else "Onbeschikbaarheid"
    log(actor, now, "agenda.removed", f"{what} verwijderd: {_describe(item)}", subject=item)
    db.session.delete(item)
    db.session.flush()


def _patterns(
    model: type[Availability] | type[Unavailability], user: User, first: dt.date, last: dt.date
) -> list:
    return list(
        db.session.scalars(
            sa.select(model)
            .where(model.user_id == user.id, model.date_until >= first, model.date_from <= last)
            .order_by(model.created_at, model.id)
        )
    )


def consults_between(user: User, first: dt.date, last: dt.date) -> list[Consult]:
    """The consults in `user`'s agenda on the local days `first`..`last`."""
    start, end = to_utc(first, dt.time()), to_utc(last + dt.timedelta(days=1), dt.time())
    return list(
        db.session.scalars(
            sa.select(Consult)
            .where(
                Consult.user_id == user.id,
                Consult.status.in_(IN_AGENDA),
                Consult.starts_at < end,
                Consult.ends_at > start,
            )
            .order_by(Consult.starts_at, Consult.id)
        )
    )


def tasks_between(user: User, first: dt.date, last: dt.date) -> list[AgendaTask]:
    """`user`'s open and done tasks in the agenda on the local days `first`..`last` (open ones hold their time)."""
    start, end = to_utc(first, dt.time()), to_utc(last + dt.timedelta(days=1), dt.time())
    return list(
        db.session.scalars(
            sa.select(AgendaTask)
            .where(
                AgendaTask.assignee_id == user.id,
                AgendaTask.status != AgendaTaskStatus.CANCELLED,
                AgendaTask.starts_at < end,
                AgendaTask.ends_at > start,
            )
            .order_by(AgendaTask.starts_at, AgendaTask.id)
        )
    )


@dataclass
class AgendaPeriod:
    """A user's agenda for some days: what is available (after the hierarchy), unavailable, and planned."""

    available: list[Interval]
    unavailable: list[Interval]
    consults: list[Consult]
    tasks: list[AgendaTask] = field(default_factory=list)

    def free(self, *, ignore: Consult | None = None) -> list[Interval]:
        """Free time: availability minus unavailability minus consults and the open tasks in the agenda."""
        busy = [Interval(c.starts_at, c.ends_at) for c in self.consults if c is not ignore]
        busy += [Interval(t.starts_at, t.ends_at) for t in self.tasks if t.status == AgendaTaskStatus.OPEN]
        return subtract(self.available, [*self.unavailable, *busy])


def agenda_period(user: User, first: dt.date, last: dt.date) -> AgendaPeriod:
    """Expand `user`'s patterns and read the consults for the local days `first`..`last`."""
    lo, hi = to_utc(first, dt.time()), to_utc(last + dt.timedelta(days=1), dt.time())
    groups = [(p, expand(p, first, last)) for p in _patterns(Availability, user, first, last)]
    available = newest_wins(groups)
    unavailable = sorted(
        i for p in _patterns(Unavailability, user, first, last) for i in expand(p, first, last)
    )
    unavailable_in = [i for i in unavailable if i.start < hi and i.end > lo]
    available = subtract(available, unavailable)  # unavailability beats availability
    return AgendaPeriod(
        [i for i in available if i.start < hi and i.end > lo],
        unavailable_in,
        consults_between(user, first, last),
        tasks_between(user, first, last),
    )


def free_slots(
    user: User, first: dt.date, last: dt.date, minutes: int, *, now: dt.datetime, limit: int = 20
) -> list[Interval]:
    """Slots of `minutes` in `user`'s free time on those days, not before `now`, earliest first."""
    length = dt.timedelta(minutes=minutes)
    earliest = now.replace(second=0, microsecond=0)
    if earliest < now:
        earliest += dt.timedelta(minutes=1)
    earliest += dt.timedelta(minutes=(-earliest.minute) % 15)  # the next quarter hour from now
    slots: list[Interval] = []
    for free in agenda_period(user, first, last).free():
        start = max(free.start, earliest)
        while start + length <= free.end and len(slots) < limit:
            slots.append(Interval(start, start + length, free.source))
            start += length
        if len(slots) >= limit:
            break
    return slots
