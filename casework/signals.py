"""Signals a person acts on: snooze one for some days; its reminder comes back when the snooze ends.

Raising and resolving happen set-based in the scheduler's scan (jobs/scan.py); this module holds the
operations the doors (Slack bot, REST API) call on one signal.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import Notification, NotificationStatus, Signal, SignalStatus, db

from .calendar import dutch_date, local_day
from .deadlines import step_label
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


# What each kind of signal is called on every screen and in every message (SPEC §6).
SIGNAL_TITLES = {
    "task_overdue": "Taak over de deadline",
    "rtw_target_passed": "Streefdatum werkhervatting verstreken",
    "prognosis_passed": "Prognose-einddatum interventie verstreken",
    "not_contacted": "Lang niet gesproken",
    "poortwachter_due": "Poortwachter-termijn",
    "weight_outdated": "Cliëntzwaarte verouderd",
    "trigger_notice": "Bericht",
    "consult_pending": "Nog niet afgemeld",
    "consult_no_show": "Niet verschenen (2e keer)",
    "consult_due": "Tijd voor een praatje",
    "consult_reminder": "Gesprek straks",
    "provider_report": "Rapportage van de provider ontvangen",
}


def signal_detail(signal: Signal) -> str:
    """What the signal is about in words, without the employee: a task, a Poortwachter step, a notice's text.

    The stored detail of a Poortwachter signal is the step's key ("plan_van_aanpak", "evaluatie_2"): it is shown
    by its name, never as the key.
    """
    if signal.kind.value == "poortwachter_due":
        return step_label(signal.detail) if signal.detail else ""
    return signal.detail or ""  # a task's key and name, a notice's own text; empty for the other kinds


def describe_signal(signal: Signal) -> str:
    """One line naming the kind, what it is about, the employee and the day it was due (Slack, the console)."""
    title = SIGNAL_TITLES.get(signal.kind.value, "Signalering")
    detail = signal_detail(signal)
    who = signal.employee.full_name if signal.employee is not None else ""
    text = f"{title}: {detail}" if detail else title
    if who:
        text += f" — {who}"
    return f"{text} (uiterlijk {dutch_date(signal.due_date)})"
