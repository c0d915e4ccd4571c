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
from .i18n import M_, N_, translate
from .i18n import gettext as _
from .logbook import Actor, log

SNOOZE_DAYS = (1, 3, 7)  # the reminder's buttons; any 1..30 is accepted
MAX_SNOOZE_DAYS = 30


def snooze_signal(signal: Signal, days: int, *, actor: Actor, now: dt.datetime) -> Signal:
    """Hide an open signal for 1 to 30 days; its reminders are queued again for the day the snooze ends."""
    if signal.status is not SignalStatus.OPEN:
        raise Invalid({"signal": M_("Deze signalering is al opgelost.")})
    if not isinstance(days, int) or not 1 <= days <= MAX_SNOOZE_DAYS:
        raise Invalid({"days": M_("Kies 1 tot en met %(max)s dagen.", max=MAX_SNOOZE_DAYS)})
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
    "task_overdue": N_("Taak over de deadline"),
    "rtw_target_passed": N_("Streefdatum werkhervatting verstreken"),
    "prognosis_passed": N_("Prognose-einddatum interventie verstreken"),
    "not_contacted": N_("Lang niet gesproken"),
    "poortwachter_due": N_("Poortwachter-termijn"),
    "weight_outdated": N_("Cliëntzwaarte verouderd"),
    "frequent_absence": N_("Frequent verzuim"),
    "trigger_notice": N_("Bericht"),
    "consult_pending": N_("Nog niet afgemeld"),
    "consult_no_show": N_("Niet verschenen (2e keer)"),
    "consult_due": N_("Tijd voor een praatje"),
    "consult_reminder": N_("Gesprek straks"),
    "provider_report": N_("Rapportage van de provider ontvangen"),
}


def signal_detail(signal: Signal) -> str:
    """What the signal is about in words, without the employee: a task, a Poortwachter step, a notice's text.

    The stored detail of a Poortwachter signal is the step's key ("plan_van_aanpak", "evaluatie_2"): it is shown
    by its name, never as the key.
    """
    if signal.kind.value == "poortwachter_due":
        return step_label(signal.detail) if signal.detail else ""
    if signal.kind.value == "frequent_absence":
        return f"{signal.detail} ziekmeldingen in 12 maanden" if signal.detail else ""
    if signal.kind.value == "consult_no_show" and signal.employee is not None:
        from .consults import no_show_twice

        return no_show_twice(signal.employee.full_name)
    if signal.kind.value == "task_overdue" and signal.detail:  # "T1 Vastleggen traject en polis"
        key, _space, name = signal.detail.partition(" ")
        return f"{key} {translate(name)}" if name else signal.detail
    return signal.detail or ""  # a task's key and name, a notice's own text; empty for the other kinds


def describe_signal(signal: Signal) -> str:
    """One line naming the kind, what it is about, the employee and the day it was due (Slack, the console)."""
    title = _(SIGNAL_TITLES.get(signal.kind.value, N_("Signalering")))
    detail = translate(signal_detail(signal))
    who = signal.employee.full_name if signal.employee is not None else ""
    text = f"{title}: {detail}" if detail else title
    if who:
        text += f" — {who}"
    return text + " " + _("(uiterlijk %(day)s)", day=dutch_date(signal.due_date))
