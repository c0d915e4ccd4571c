"""Signals (signaleringen) raised by the scheduler, and the outbox of notifications to deliver in Slack."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, enum_column, fk, utcnow

if TYPE_CHECKING:
    from .casework import Employee, Trajectory
    from .users import User


class SignalKind(enum.StrEnum):
    """What needs a person's attention (SPEC §6)."""

    TASK_OVERDUE = "task_overdue"
    RTW_TARGET_PASSED = "rtw_target_passed"
    PROGNOSIS_PASSED = "prognosis_passed"
    NOT_CONTACTED = "not_contacted"
    POORTWACHTER_DUE = "poortwachter_due"
    WEIGHT_OUTDATED = "weight_outdated"  # cliëntzwaarte not (re)assessed within 3 months
    FREQUENT_ABSENCE = "frequent_absence"  # 3 or more sick reports within 12 months (frequent verzuim)
    TRIGGER_NOTICE = "trigger_notice"  # a trigger's notify action
    CONSULT_PENDING = "consult_pending"  # a consult past its end without an outcome ("Nog niet afgemeld")
    CONSULT_NO_SHOW = "consult_no_show"  # a second "niet verschenen zonder bericht": not re-planned
    CONSULT_DUE = (
        "consult_due"  # "Tijd voor een praatje": no consult held or planned for a while (client weight)
    )


class SignalStatus(enum.StrEnum):
    """Open until the cause disappears (resolved)."""

    OPEN = "open"
    RESOLVED = "resolved"


class NotificationStatus(enum.StrEnum):
    """Where an outbox row is in its delivery."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Signal(db.Model):
    """A signal about one subject (task, sick report, intervention, trajectory or employee) for one due date."""

    __tablename__ = "signals"
    __table_args__ = (
        # One open signal per kind, subject and due date: the scan's INSERT … ON CONFLICT DO NOTHING leans on it.
        sa.Index(
            "uq_signals_open_kind_subject_due",
            "kind",
            "subject_type",
            "subject_id",
            "due_date",
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        sa.Index("ix_signals_employee_status", "employee_id", "status"),
        # The API's signal list (console.api.work) of open signals, in its order.
        sa.Index(
            "ix_signals_open_due_date",
            "due_date",
            "id",
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        sa.CheckConstraint(
            "(status = 'open' AND resolved_at IS NULL) OR (status = 'resolved' AND resolved_at IS NOT NULL)",
            name="resolved_has_time",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SignalKind] = enum_column(SignalKind, "signal_kind")
    subject_type: Mapped[str] = mapped_column(sa.String(30))
    subject_id: Mapped[int] = mapped_column()
    due_date: Mapped[dt.date] = mapped_column()
    employee_id: Mapped[int | None] = mapped_column(fk("employees.id", ondelete="CASCADE"))
    employee: Mapped[Employee | None] = relationship()
    trajectory_id: Mapped[int | None] = mapped_column(fk("trajectories.id", ondelete="CASCADE"), index=True)
    trajectory: Mapped[Trajectory | None] = relationship()
    detail: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[SignalStatus] = enum_column(
        SignalStatus, "signal_status", default=SignalStatus.OPEN, server_default="open"
    )
    raised_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column()
    snoozed_until: Mapped[dt.date | None] = mapped_column()


class Notification(db.Model):
    """Outbox row: one reminder for one recipient, delivered at most once to their Slack DM."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.UniqueConstraint("signal_id", "recipient_id"),
        sa.Index(
            "ix_notifications_pending",
            "next_attempt_at",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        ),
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int | None] = mapped_column(fk("signals.id", ondelete="CASCADE"))
    signal: Mapped[Signal | None] = relationship()
    recipient_id: Mapped[int] = mapped_column(fk("users.id"), index=True)
    recipient: Mapped[User] = relationship()
    text: Mapped[str] = mapped_column(sa.Text)
    payload: Mapped[dict[str, Any] | None] = mapped_column()
    status: Mapped[NotificationStatus] = enum_column(
        NotificationStatus,
        "notification_status",
        default=NotificationStatus.PENDING,
        server_default="pending",
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    claimed_at: Mapped[dt.datetime | None] = mapped_column()
    claim_token: Mapped[str | None] = mapped_column(sa.String(36))
    last_error: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    slack_channel: Mapped[str | None] = mapped_column(sa.String(40))
    slack_ts: Mapped[str | None] = mapped_column(sa.String(40))
    sent_at: Mapped[dt.datetime | None] = mapped_column()


class SchedulerLock(db.Model):
    """A lock row per job name, so that a second scheduler waits instead of doubling the work (SQLite)."""

    __tablename__ = "scheduler_locks"

    name: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    holder: Mapped[str | None] = mapped_column(sa.String(100))
    acquired_at: Mapped[dt.datetime | None] = mapped_column()
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column()


class DataChange(db.Model):
    """A note that a table the signal scan reads was written (jobs.scan: what a rescan must recompute).

    Written only by the database's triggers (migration 6c1f0e9b7a42), at most one per table and transaction,
    committed with the change itself; the scan deletes the notes it has taken into account.
    """

    __tablename__ = "data_changes"
    __table_args__ = (sa.Index("ix_data_changes_txid_table", "txid", "table_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(sa.String(63))
    txid: Mapped[int | None] = mapped_column(sa.BigInteger)  # PostgreSQL's transaction id; NULL on SQLite


class ScanState(db.Model):
    """When a scanned kind's signals were last computed in full, and from which statements."""

    __tablename__ = "scan_states"

    kind: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    day: Mapped[dt.date] = mapped_column()  # the Dutch day of that scan
    scanned_at: Mapped[dt.datetime] = mapped_column()
    version: Mapped[str] = mapped_column(sa.String(40))  # a digest of the kind's statements
