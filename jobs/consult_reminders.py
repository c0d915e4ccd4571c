"""A reminder in Slack before each consult (TRAJECT_CONSULT_REMINDER_MINUTES before it starts; 0 = none).

Two statements per run, like the signal scan: queue one outbox row for every planned consult starting within the
window whose reminder was not queued yet (to the user whose agenda it is in), then mark those consults. The
outbox delivers it like any reminder (quiet hours included). The local start time is written with the UTC offset
of now: within a window of hours it only differs across a DST change at night, when no consult is planned.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from casework.agenda_patterns import zone
from casework.i18n import LANGUAGES, SOURCE, speaking
from casework.i18n import gettext as _
from models import db

from .sqlparts import Dialect, execute, literal, sql_sentence

DEFAULT_MINUTES = 60
_DUE = (
    " FROM consults c JOIN consult_types ct ON ct.id = c.consult_type_id JOIN employees e ON e.id = c.employee_id"
    " JOIN users u ON u.id = c.user_id WHERE c.status = 'ingepland' AND c.reminded_at IS NULL"
    " AND c.starts_at > :now AND c.starts_at <= :until AND u.active = :yes AND u.slack_user_id IS NOT NULL"
)


def reminder_minutes(config: Any = None) -> int:
    """The configured lead time in minutes (0 switches reminders off)."""
    value = (config or {}).get("TRAJECT_CONSULT_REMINDER_MINUTES") or os.environ.get(
        "TRAJECT_CONSULT_REMINDER_MINUTES"
    )
    minutes = int(str(value).strip()) if value not in (None, "") else DEFAULT_MINUTES
    if not 0 <= minutes <= 24 * 60:
        raise ValueError("TRAJECT_CONSULT_REMINDER_MINUTES must be between 0 and 1440")
    return minutes


def _statements(d: Dialect) -> tuple[str, str]:
    name = (
        "trim(e.first_name || ' ' || CASE WHEN e.name_prefix <> '' THEN e.name_prefix || ' ' ELSE '' END"
        " || e.last_name)"
    )
    if d.sqlite:
        clock = "strftime('%H:%M', c.starts_at, :offset || ' minutes')"
        payload = "json_object('kind', 'consult_reminder', 'employee_id', c.employee_id, 'consult_id', c.id)"
    else:
        clock = "to_char(c.starts_at + make_interval(mins => CAST(:offset AS integer)), 'HH24:MI')"
        payload = (
            "jsonb_build_object('kind', 'consult_reminder', 'employee_id', c.employee_id, 'consult_id', c.id)"
        )
    parts = {"time": clock, "consult": "ct.name", "name": name}
    sentences = {}
    for language in LANGUAGES:  # in the recipient's language (casework.i18n)
        with speaking(language):
            sentences[language] = sql_sentence(_("Om %(time)s: %(consult)s met %(name)s."), **parts)
    others = " ".join(f"WHEN {literal(k)} THEN {v}" for k, v in sentences.items() if k != SOURCE)
    text = f"CASE u.language {others} ELSE {sentences[SOURCE]} END"
    queue = (
        "INSERT INTO notifications (signal_id, recipient_id, text, payload, status, created_at, next_attempt_at,"
        " attempts, last_error)"
        f" SELECT NULL, c.user_id, {text},"
        f" {payload}, 'pending', :now, :now, 0, ''" + _DUE
    )
    mark = f"UPDATE consults SET reminded_at = :now WHERE id IN (SELECT c.id{_DUE})"  # noqa: S608 (constants)
    return queue, mark


def remind_consults(now: dt.datetime, minutes: int) -> int:
    """Queue the reminders due at `now`; flushes, the caller commits. Returns how many were queued."""
    if minutes <= 0:
        return 0
    d = Dialect(db.engine.dialect.name)
    offset = int(now.replace(tzinfo=dt.UTC).astimezone(zone()).utcoffset().total_seconds() // 60)
    params = {"now": now, "until": now + dt.timedelta(minutes=minutes), "offset": offset, "yes": True}
    queue, mark = _statements(d)
    db.session.flush()
    queued = execute(db.session, queue, params)
    execute(db.session, mark, params)
    return queued
