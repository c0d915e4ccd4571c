"""Signals a person acts on: snooze one for some days; its reminder comes back when the snooze ends.

Raising and resolving happen set-based in the scheduler's scan (jobs/scan.py); this module holds the
operations the doors (Slack bot, REST API) call on one signal.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import Notification, NotificationStatus, Signal, SignalStatus, db

from .calendar import dutch_date, local_day
from .errors import Invalid
from .logbook import Actor, log

SNOOZE_DAYS = (1, 3, 7)  # the reminder's buttons; any 1..30 is accepted
MAX_SNOOZE_DAYS = 30


def snooze_signal(signal: Signal, days: int, *, actor: Actor, now: dt.datetime) -> Signal:
    """Hide an open signal for 1 to 30 days; its reminders are queued again for the day the snooze ends."""
    if signal.status is not SignalStatus.OPEN:
        raise Invalid({"signal": "Deze signalering is al opgelost."})
    if not isinstance(days, int) or not 1 <= days <= MAX_SNOOZE_DAYS:
        raise Invalid({"days": f"Kies 1 tot en met {MAX_SNOOZE_DAYS} dagen."})
    until = local_day(now) + dt.timedelta(days=days)
    signal.snoozed_until = until
    # The same outbox rows go out again once the snooze is over (delivery skips snoozed signals until then,
    # and quiet hours hold them until the working day starts). A new claim gets a new token, so the
    # crash check does not mistake the earlier message for this one.
    db.session.execute(
        sa.update(Notification)
        .where(Notification.signal_id == signal.id, Notification.status != NotificationStatus.SENDING)
        .values(
            status=NotificationStatus.PENDING,
            next_attempt_at=dt.datetime.combine(until, dt.time()),
            attempts=0,
            claim_token=None,
            claimed_at=None,
            last_error="",
        )
    )
    db.session.flush()
    log(
        actor,
        now,
        "signal.snoozed",
        f"Signalering gesluimerd tot {dutch_date(until)}",
        employee_id=signal.employee_id,
        trajectory_id=signal.trajectory_id,
        subject=signal,
    )
    return signal


def is_snoozed(signal: Signal, today: dt.date) -> bool:
    """Whether the signal is hidden today."""
    return signal.snoozed_until is not None and signal.snoozed_until > today
