"""Outbox delivery: claim a batch, send each person one Slack DM, record channel and ts, survive crashes.

A claim marks rows "sending" with a fresh token and commits before anything goes to Slack; the DM channel is
stored before the post. The message carries metadata naming its notification ids and the claim token. A row
still "sending" after the claim timeout (the process died), or put back after an error that may have posted
(a 5xx or a dropped connection), is checked against `conversations.history` of its DM first: found means it
was delivered, so it is marked sent instead of posted again. 429 answers wait for Retry-After; after N failed
attempts a row is marked failed with its error in the console and the log.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import reminders
from casework.calendar import local_day
from casework.i18n import N_, speaking
from models import Notification, NotificationStatus, Signal, SignalStatus, db

from .quiet import is_quiet
from .settings import Settings
from .slack import limiter_for
from .sqlparts import Dialect, execute, statement

logger = logging.getLogger("traject.jobs.outbox")
EXPIRED = N_("Niet verzonden: de signalering was al opgelost.")


@dataclass
class DeliveryReport:
    """What one delivery pass did."""

    sent: int = 0
    messages: int = 0
    recovered: int = 0
    retried: int = 0
    failed: int = 0
    expired: int = 0
    quiet: bool = False
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the console and the log."""
        if self.quiet:
            return f"Stille uren: niets verstuurd ({self.recovered} hersteld na onderbreking)"
        return (
            f"{self.sent} herinneringen in {self.messages} berichten verstuurd, {self.recovered} hersteld,"
            f" {self.retried} opnieuw gepland, {self.failed} mislukt, {self.expired} vervallen"
        )


def _update(ids: list[int], **values: Any) -> None:
    db.session.execute(sa.update(Notification).where(Notification.id.in_(ids)).values(**values))


def _posted_ids(client: WebClient, channel: str, token: str, since: dt.datetime) -> dict[int, str]:
    """Notification ids (with the message ts) that a message of claim `token` in `channel` delivered."""
    found: dict[int, str] = {}
    oldest = since.replace(tzinfo=dt.UTC).timestamp() - 60
    cursor = None
    while True:
        page = client.conversations_history(
            channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True, limit=200, cursor=cursor
        )
        for message in page.get("messages", []):
            meta = message.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if meta.get("event_type") == reminders.EVENT_TYPE and payload.get("claim_token") == token:
                found.update({int(i): message["ts"] for i in payload.get("notification_ids", [])})
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            return found


def recover(client: WebClient, now: dt.datetime, settings: Settings) -> int:
    """Settle claims that may have reached Slack: mark found ones sent, put the rest back as pending."""
    stale = now - dt.timedelta(seconds=settings.claim_timeout)
    rows = db.session.execute(
        sa.select(
            Notification.id, Notification.claim_token, Notification.slack_channel, Notification.claimed_at
        )
        .where(
            sa.or_(
                sa.and_(Notification.status == NotificationStatus.SENDING, Notification.claimed_at <= stale),
                sa.and_(
                    Notification.status == NotificationStatus.PENDING, Notification.claim_token.is_not(None)
                ),
            )
        )
        .order_by(Notification.id)
    ).all()
    # End the read transaction before writing: SQLite refuses to upgrade a stale read snapshot to a write.
    db.session.commit()
    groups: dict[tuple[str | None, str | None], list[Any]] = defaultdict(list)
    for row in rows:
        groups[(row.claim_token, row.slack_channel)].append(row)
    recovered = 0
    for (token, channel), group in groups.items():
        posted: dict[int, str] = {}
        if token and channel:  # no channel stored means the post was never attempted
            try:
                posted = _posted_ids(client, channel, token, min(r.claimed_at or now for r in group))
            except SlackApiError as error:
                logger.warning("Cannot check DM %s for claim %s: %s", channel, token, error)
                continue
        for row in group:
            if row.id in posted:
                _update(
                    [row.id],
                    status=NotificationStatus.SENT,
                    slack_ts=posted[row.id],
                    sent_at=now,
                    last_error="",
                )
                recovered += 1
        rest = [r.id for r in group if r.id not in posted]
        if rest:
            _update(rest, status=NotificationStatus.PENDING, claim_token=None, claimed_at=None)
        db.session.commit()
    return recovered


def _expire(now: dt.datetime) -> int:
    """Pending reminders of signals that were resolved before they went out are not sent."""
    return execute(
        db.session,
        "UPDATE notifications SET status = 'failed', last_error = :why WHERE status = 'pending'"
        " AND signal_id IN (SELECT id FROM signals WHERE status = 'resolved')",
        {"why": EXPIRED},
    )


def claim(now: dt.datetime, settings: Settings) -> tuple[str, list[int]]:
    """Mark a batch of due rows "sending" under a new token (committed); returns the token and the ids."""
    d = Dialect(db.engine.dialect.name)
    token = str(uuid.uuid4())
    sql = (
        "UPDATE notifications SET status = 'sending', claim_token = :token, claimed_at = :now,"
        " attempts = attempts + 1 WHERE id IN (SELECT n.id FROM notifications n"
        " WHERE n.status = 'pending' AND n.next_attempt_at <= :now AND n.claim_token IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM signals s WHERE s.id = n.signal_id AND s.snoozed_until > :today)"
        f" ORDER BY n.id LIMIT :batch{d.skip_locked()}) RETURNING id"
    )
    ids = [
        r[0]
        for r in db.session.execute(
            statement(sql), {"token": token, "now": now, "today": local_day(now), "batch": settings.batch}
        )
    ]
    db.session.commit()
    return token, sorted(ids)


def _items(ids: list[int]) -> dict[tuple[int, str | None, bool, str], list[reminders.Item]]:
    """The claimed reminders per recipient (id, Slack id, active, language), read in one transaction that then
    ends."""
    rows = db.session.execute(
        sa.select(Notification, Signal)
        .outerjoin(Signal, Signal.id == Notification.signal_id)
        .where(Notification.id.in_(ids))
        .order_by(Notification.id)
    ).all()
    by_user: dict[tuple[int, str | None, bool, str], list[reminders.Item]] = defaultdict(list)
    for notification, signal in rows:
        user = notification.recipient
        payload = notification.payload or {}
        if signal is not None:
            task_id = signal.subject_id if signal.subject_type == "task" else None
        else:  # a message without a signal (a provider's upload) names its task and kind itself
            task_id = payload.get("task_id")
        by_user[(user.id, user.slack_user_id, user.active, user.language.value)].append(
            reminders.Item(
                notification_id=notification.id,
                text=notification.text,
                kind=signal.kind.value if signal is not None else payload.get("kind"),
                signal_id=signal.id if signal is not None and signal.status is SignalStatus.OPEN else None,
                task_id=task_id,
                employee_id=signal.employee_id if signal is not None else payload.get("employee_id"),
            )
        )
    db.session.commit()
    return by_user


def _failed(
    ids: list[int],
    error: str,
    *,
    posted_maybe: bool,
    now: dt.datetime,
    settings: Settings,
    report: DeliveryReport,
    retry_after: float | None = None,
) -> None:
    """Put rows back for a later attempt, or give up after the last one."""
    attempts = db.session.scalar(
        sa.select(sa.func.max(Notification.attempts)).where(Notification.id.in_(ids))
    )
    db.session.commit()  # a fresh transaction for the write (see recover)
    token = {} if posted_maybe else {"claim_token": None, "claimed_at": None}
    if retry_after is not None:  # rate limited: not the message's fault, does not count as an attempt
        _update(
            ids,
            status=NotificationStatus.PENDING,
            attempts=Notification.attempts - 1,
            last_error=error,
            next_attempt_at=now + dt.timedelta(seconds=retry_after),
            **token,
        )
        report.retried += len(ids)
    elif (attempts or 0) >= settings.max_attempts:
        _update(ids, status=NotificationStatus.FAILED, last_error=error)
        report.failed += len(ids)
        logger.error("Reminder(s) %s failed after %s attempts: %s", ids, attempts, error)
    else:
        backoff = min(30 * 2 ** max((attempts or 1) - 1, 0), 3600)
        _update(
            ids,
            status=NotificationStatus.PENDING,
            last_error=error,
            next_attempt_at=now + dt.timedelta(seconds=backoff),
            **token,
        )
        report.retried += len(ids)
        logger.warning("Reminder(s) %s will be retried in %s s: %s", ids, backoff, error)
    report.errors.append(error)
    db.session.commit()


def _send(
    client: WebClient,
    slack_user_id: str | None,
    items: list[reminders.Item],
    token: str,
    now: dt.datetime,
    settings: Settings,
    report: DeliveryReport,
) -> None:
    ids = [i.notification_id for i in items]
    if not slack_user_id:
        _failed(
            ids,
            "De ontvanger heeft geen (actieve) Slack-koppeling.",
            posted_maybe=False,
            now=now,
            settings=settings,
            report=report,
        )
        return
    stage = "conversations.open"
    try:
        channel = client.conversations_open(users=slack_user_id)["channel"]["id"]
        _update(ids, slack_channel=channel)
        db.session.commit()
        stage = "chat.postMessage"
        limiter_for(settings.slack_rate).wait()
        response = client.chat_postMessage(
            channel=channel,
            text=reminders.fallback_text(items),
            blocks=reminders.blocks(items),
            metadata=reminders.metadata(items, token),
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as error:
        status = error.response.status_code
        message = f"{stage}: HTTP {status} {error.response.get('error') or ''}".strip()
        retry = error.response.headers.get("Retry-After") if status == 429 else None
        _failed(
            ids,
            message,
            posted_maybe=stage == "chat.postMessage" and status >= 500,
            now=now,
            settings=settings,
            report=report,
            retry_after=float(retry or 1) if status == 429 else None,
        )
        return
    except Exception as error:  # connection dropped: the post may or may not have arrived
        _failed(
            ids,
            f"{stage}: {error.__class__.__name__}: {error}",
            posted_maybe=stage == "chat.postMessage",
            now=now,
            settings=settings,
            report=report,
        )
        return
    _update(ids, status=NotificationStatus.SENT, slack_ts=response["ts"], sent_at=now, last_error="")
    db.session.commit()
    report.sent += len(ids)
    report.messages += 1


def deliver(client: WebClient, now: dt.datetime, settings: Settings) -> DeliveryReport:
    """One delivery pass: settle crashed claims, then (outside quiet hours) send every due reminder."""
    report = DeliveryReport(recovered=recover(client, now, settings))
    if is_quiet(now, settings):
        report.quiet = True
        return report
    report.expired = _expire(now)
    db.session.commit()
    while True:
        token, ids = claim(now, settings)
        if not ids:
            return report
        for (_user_id, slack_user_id, active, language), items in _items(ids).items():
            for start in range(0, len(items), reminders.MAX_ITEMS_PER_MESSAGE):
                chunk = items[start : start + reminders.MAX_ITEMS_PER_MESSAGE]
                with speaking(language):  # the buttons and headers in the recipient's language
                    _send(client, slack_user_id if active else None, chunk, token, now, settings, report)
