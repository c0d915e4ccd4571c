"""The agenda (seed 004, PACTA): availability and unavailability per user, consult types and consults.

Availability and unavailability are patterns in Dutch local time (the working day's time zone): the engine
(casework.agenda) expands them into moments stored and compared in UTC. Consults ("afspraakopdracht" → gesprek)
go through the statuses of PACTA; the allowed steps between them are an explicit table in the engine.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import ConfigListMixin, association, db, enum_column, fk, name_not_blank, utcnow

if TYPE_CHECKING:
    from .casework import Contact, Employee
    from .catalog import ServiceVariation
    from .process import DocumentTemplate
    from .users import User


class Recurrence(enum.StrEnum):
    """Terugkeerpatroon: none = every hour from start date/time to end date/time; weekly = the chosen days."""

    NONE = "none"
    WEEKLY = "weekly"


class ConsultStatus(enum.StrEnum):
    """The statuses of a consult (seed 004 slide 39); which step leads where is casework.agenda's table."""

    ASSESS = "beoordelen"
    TO_PLAN = "in_te_plannen"
    PLANNED = "ingepland"
    TO_REPORT = "af_te_melden"
    DONE = "afgehandeld"
    REJECTED = "afgekeurd"
    CANCELLED = "geannuleerd"
    ENDED = "beeindigd"
    PARKED = "geparkeerd"


class Location(ConfigListMixin, db.Model):
    """Locatie: where a user is available (an office, a consultation room)."""

    __tablename__ = "locations"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())


class UnavailabilityKind(ConfigListMixin, db.Model):
    """Soort onbeschikbaarheid: verlof, cursus, ..."""

    __tablename__ = "unavailability_kinds"
    __table_args__ = (sa.UniqueConstraint("name"), name_not_blank())


consult_type_variations = association(
    "consult_type_variations",
    "consult_types",
    "consult_type_id",
    "service_variations",
    "service_variation_id",
)


class ConsultType(ConfigListMixin, db.Model):
    """Spreekuursoort (seed 001): duration, price, and the service variations under which it may be planned."""

    __tablename__ = "consult_types"
    __table_args__ = (
        sa.UniqueConstraint("name"),
        name_not_blank(),
        sa.CheckConstraint("duration_minutes BETWEEN 5 AND 480", name="duration_range"),
        sa.CheckConstraint("price >= 0", name="price_not_negative"),
    )

    duration_minutes: Mapped[int] = mapped_column(default=45)
    price: Mapped[Decimal] = mapped_column(default=Decimal("0.00"), server_default="0")
    variations: Mapped[list[ServiceVariation]] = relationship(secondary=consult_type_variations)
    # The letters of a consult: the invitation (Ingepland) and the report (Afgehandeld); when empty, the
    # templates named "Uitnodiging gesprek" and "Verslag gesprek" are used.
    invitation_template_id: Mapped[int | None] = mapped_column(fk("document_templates.id"), index=True)
    invitation_template: Mapped[DocumentTemplate | None] = relationship(foreign_keys=[invitation_template_id])
    report_template_id: Mapped[int | None] = mapped_column(fk("document_templates.id"), index=True)
    report_template: Mapped[DocumentTemplate | None] = relationship(foreign_keys=[report_template_id])


class _Pattern:
    """What availability and unavailability share: a period, times, a recurrence and the chosen weekdays."""

    id: Mapped[int] = mapped_column(primary_key=True)
    recurrence: Mapped[Recurrence] = enum_column(Recurrence, "recurrence")
    frequency: Mapped[int] = mapped_column(default=1, server_default="1")
    date_from: Mapped[dt.date] = mapped_column()
    date_until: Mapped[dt.date] = mapped_column()
    start_time: Mapped[dt.time] = mapped_column()
    end_time: Mapped[dt.time] = mapped_column()
    weekdays: Mapped[int] = mapped_column(default=0, server_default="0")  # bit 0 = Monday … bit 6 = Sunday
    remark: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def _pattern_checks() -> tuple[sa.CheckConstraint, ...]:
    return (
        sa.CheckConstraint("frequency BETWEEN 1 AND 3", name="frequency_range"),
        sa.CheckConstraint("date_until >= date_from", name="period_order"),
        sa.CheckConstraint("weekdays BETWEEN 0 AND 127", name="weekdays_range"),
        sa.CheckConstraint(
            "recurrence = 'none' OR (weekdays > 0 AND end_time > start_time)", name="weekly_has_days"
        ),
        sa.CheckConstraint(
            "recurrence = 'weekly' OR date_until > date_from OR end_time > start_time", name="none_not_empty"
        ),
        sa.CheckConstraint("length(remark) <= 1500", name="remark_length"),
    )


class Availability(_Pattern, db.Model):
    """Beschikbaarheid of a user at a location; a newer one replaces the part of an older one it overlaps."""

    __tablename__ = "availabilities"
    __table_args__ = (*_pattern_checks(), sa.Index("ix_availabilities_user_period", "user_id", "date_until"))

    user_id: Mapped[int] = mapped_column(fk("users.id", ondelete="CASCADE"))
    user: Mapped[User] = relationship()
    location_id: Mapped[int] = mapped_column(fk("locations.id"), index=True)
    location: Mapped[Location] = relationship()


class Unavailability(_Pattern, db.Model):
    """Onbeschikbaarheid of a user, of a kind, without location; beats availability."""

    __tablename__ = "unavailabilities"
    __table_args__ = (
        *_pattern_checks(),
        sa.Index("ix_unavailabilities_user_period", "user_id", "date_until"),
    )

    user_id: Mapped[int] = mapped_column(fk("users.id", ondelete="CASCADE"))
    user: Mapped[User] = relationship()
    kind_id: Mapped[int] = mapped_column(fk("unavailability_kinds.id"), index=True)
    kind: Mapped[UnavailabilityKind] = relationship()


class Consult(db.Model):
    """A consult (afspraakopdracht → gesprek) with an employee, of a consult type, in someone's agenda."""

    __tablename__ = "consults"
    __table_args__ = (
        sa.CheckConstraint("no_show_count BETWEEN 0 AND 2", name="no_show_range"),
        sa.CheckConstraint(
            "(starts_at IS NULL AND ends_at IS NULL) OR (starts_at IS NOT NULL AND ends_at > starts_at)",
            name="slot_order",
        ),
        sa.CheckConstraint(
            "status NOT IN ('ingepland', 'af_te_melden', 'afgehandeld')"
            " OR (starts_at IS NOT NULL AND user_id IS NOT NULL)",
            name="planned_has_slot",
        ),
        sa.CheckConstraint("status <> 'geparkeerd' OR parked_until IS NOT NULL", name="parked_has_date"),
        sa.CheckConstraint(
            "period_until IS NULL OR period_from IS NULL OR period_until >= period_from", name="period_order"
        ),
        sa.CheckConstraint("length(remark) <= 1500", name="remark_length"),
        sa.CheckConstraint("price IS NULL OR price >= 0", name="price_not_negative"),
        sa.Index("ix_consults_user_starts_at", "user_id", "starts_at"),
        sa.Index("ix_consults_status_ends_at", "status", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(fk("employees.id", ondelete="CASCADE"), index=True)
    employee: Mapped[Employee] = relationship()
    consult_type_id: Mapped[int] = mapped_column(fk("consult_types.id"), index=True)
    consult_type: Mapped[ConsultType] = relationship()
    status: Mapped[ConsultStatus] = enum_column(ConsultStatus, "consult_status")
    user_id: Mapped[int | None] = mapped_column(fk("users.id"))
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    location_id: Mapped[int | None] = mapped_column(fk("locations.id"), index=True)
    location: Mapped[Location | None] = relationship()
    starts_at: Mapped[dt.datetime | None] = mapped_column()
    ends_at: Mapped[dt.datetime | None] = mapped_column()
    period_from: Mapped[dt.date | None] = mapped_column()  # periodedata: plan within, signal after
    period_until: Mapped[dt.date | None] = mapped_column()
    parked_until: Mapped[dt.date | None] = mapped_column()
    no_show_count: Mapped[int] = mapped_column(default=0, server_default="0")
    remark: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    contact_id: Mapped[int | None] = mapped_column(fk("contacts.id", ondelete="SET NULL"), index=True)
    contact: Mapped[Contact | None] = relationship()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    reported_at: Mapped[dt.datetime | None] = mapped_column()  # when an outcome was recorded
    reminded_at: Mapped[dt.datetime | None] = mapped_column()  # when the reminder before it was queued
    # the price that applied when it was planned, and again when it was held (casework.consult_prices)
    price: Mapped[Decimal | None] = mapped_column()


class CalendarFeed(db.Model):
    """A user's private iCalendar feed: only the SHA-256 of its token is kept; a new token revokes the old."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(fk("users.id", ondelete="CASCADE"), unique=True)
    user: Mapped[User] = relationship()
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AgendaTaskStatus(enum.StrEnum):
    """A task of one's own (seed 004 slide 49): open on the to-do list, or done or cancelled (still queryable)."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class AgendaTask(db.Model):
    """Taak (seed 004 slides 30, 46–49): a task of a user, about a client or not, perhaps promoted into the agenda.

    Not a trajectory task: no process drives it. It is never deleted; done and cancelled ones stay for
    accountability, with when and by whom (and for a cancellation, why). Promoted into the agenda it has a start
    and an end and, while open, occupies that time: planning skips it and unavailability over it is refused.
    """

    __tablename__ = "agenda_tasks"
    __table_args__ = (
        sa.CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        sa.CheckConstraint("length(remark) <= 1500", name="remark_length"),
        sa.CheckConstraint(
            "(starts_at IS NULL AND ends_at IS NULL) OR (starts_at IS NOT NULL AND ends_at > starts_at)",
            name="slot_order",
        ),
        sa.CheckConstraint(
            "(status = 'open' AND closed_at IS NULL) OR (status <> 'open' AND closed_at IS NOT NULL)",
            name="closed_when_not_open",
        ),
        sa.CheckConstraint("status <> 'cancelled' OR length(trim(reason)) > 0", name="cancel_has_reason"),
        sa.Index("ix_agenda_tasks_assignee_status_due", "assignee_id", "status", "due_date"),
        sa.Index("ix_agenda_tasks_assignee_starts_at", "assignee_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    employee_id: Mapped[int | None] = mapped_column(fk("employees.id", ondelete="CASCADE"), index=True)
    employee: Mapped[Employee | None] = relationship()
    assignee_id: Mapped[int] = mapped_column(fk("users.id"))
    assignee: Mapped[User] = relationship(foreign_keys=[assignee_id])
    due_date: Mapped[dt.date | None] = mapped_column()
    remark: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[AgendaTaskStatus] = enum_column(
        AgendaTaskStatus, "agenda_task_status", default=AgendaTaskStatus.OPEN, server_default="open"
    )
    starts_at: Mapped[dt.datetime | None] = mapped_column()  # in the agenda (UTC), when promoted
    ends_at: Mapped[dt.datetime | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    closed_at: Mapped[dt.datetime | None] = mapped_column()  # done or cancelled
    closed_by_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    closed_by_name: Mapped[str] = mapped_column(sa.String(254), default="", server_default="")  # also a token
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")  # why cancelled

    def __str__(self) -> str:
        return self.title
