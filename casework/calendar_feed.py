"""Each user's private iCalendar feed of their consults and tasks in the agenda, for Outlook or Google Calendar.

The feed's URL carries a random token; only its SHA-256 is stored, a new token replaces (revokes) the old one,
and revoking leaves none. An event says no more than the consult type, the employee's initials, the location and
a link to the dossier in the console (which asks for a sign-in): no names, no BSN, no texts (a task is "Taak").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from icalendar import Calendar, Event
from sqlalchemy.orm import joinedload

from models import AgendaTask, AgendaTaskStatus, CalendarFeed, Consult, User, db

from .agenda import IN_AGENDA
from .logbook import Actor, log

PAST_DAYS = 30
FUTURE_DAYS = 365


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_feed_token(user: User, *, actor: Actor, now: dt.datetime) -> str:
    """A new feed token for `user` (returned once); any earlier one stops working."""
    secret = secrets.token_urlsafe(32)
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        feed = CalendarFeed(user=user)
        db.session.add(feed)
    feed.token_hash, feed.created_at = _hash(secret), now
    db.session.flush()
    log(actor, now, "calendar_feed.created", f"Nieuwe agenda-abonnementslink voor {user.name}", subject=feed)
    return secret


def revoke_feed(user: User, *, actor: Actor, now: dt.datetime) -> bool:
    """Stop `user`'s feed; False when there was none."""
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        return False
    log(
        actor,
        now,
        "calendar_feed.revoked",
        f"Agenda-abonnementslink van {user.name} ingetrokken",
        subject=feed,
    )
    db.session.delete(feed)
    db.session.flush()
    return True


def has_feed(user: User) -> bool:
    """Whether `user` has a working feed link."""
    return db.session.scalar(sa.select(CalendarFeed.id).where(CalendarFeed.user_id == user.id)) is not None


def user_for_token(secret: str) -> User | None:
    """The active user whose feed token this is, or None."""
    if not secret or len(secret) > 100:
        return None
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.token_hash == _hash(secret)))
    if feed is None or not feed.user.active:
        return None
    return feed.user


def initials(consult: Consult | AgendaTask) -> str:
    """The employee's initials: "A.J." for Anna de Jansen."""
    employee = consult.employee
    return "".join(f"{part[0].upper()}." for part in (employee.first_name, employee.last_name) if part)


def render_feed(user: User, *, dossier_url: str, now: dt.datetime) -> bytes:
    """The iCalendar document of `user`'s consults from 30 days ago to a year ahead; `dossier_url` has {id}."""
    calendar = Calendar()
    calendar.add("prodid", "-//Traject//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Traject – gesprekken")
    # One statement: the type, the employee and the location of every consult come with it (no N+1).
    consults = db.session.scalars(
        sa.select(Consult)
        .options(joinedload(Consult.consult_type), joinedload(Consult.employee), joinedload(Consult.location))
        .where(
            Consult.user_id == user.id,
            Consult.status.in_(IN_AGENDA),
            Consult.starts_at >= now - dt.timedelta(days=PAST_DAYS),
            Consult.starts_at <= now + dt.timedelta(days=FUTURE_DAYS),
        )
        .order_by(Consult.starts_at, Consult.id)
    )
    for consult in consults:
        event = Event()
        event.add("uid", f"consult-{consult.id}@traject")
        event.add("dtstamp", now.replace(tzinfo=dt.UTC))
        event.add("dtstart", consult.starts_at.replace(tzinfo=dt.UTC))
        event.add("dtend", consult.ends_at.replace(tzinfo=dt.UTC))
        event.add("summary", f"{consult.consult_type.name}: {initials(consult)}")
        link = dossier_url.format(id=consult.employee_id)
        event.add("url", link)
        event.add("description", f"Dossier: {link}")
        if consult.location is not None:
            event.add("location", consult.location.name)
        calendar.add_component(event)
    tasks = db.session.scalars(
        sa.select(AgendaTask)
        .options(joinedload(AgendaTask.employee))
        .where(
            AgendaTask.assignee_id == user.id,
            AgendaTask.status == AgendaTaskStatus.OPEN,
            AgendaTask.starts_at >= now - dt.timedelta(days=PAST_DAYS),
            AgendaTask.starts_at <= now + dt.timedelta(days=FUTURE_DAYS),
        )
        .order_by(AgendaTask.starts_at, AgendaTask.id)
    )
    for task in tasks:  # the time it holds; never its title (free text may name someone)
        event = Event()
        event.add("uid", f"task-{task.id}@traject")
        event.add("dtstamp", now.replace(tzinfo=dt.UTC))
        event.add("dtstart", task.starts_at.replace(tzinfo=dt.UTC))
        event.add("dtend", task.ends_at.replace(tzinfo=dt.UTC))
        event.add("summary", f"Taak: {initials(task)}" if task.employee is not None else "Taak")
        if task.employee_id is not None:
            link = dossier_url.format(id=task.employee_id)
            event.add("url", link)
            event.add("description", f"Dossier: {link}")
        calendar.add_component(event)
    return calendar.to_ical()
