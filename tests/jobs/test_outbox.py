"""Outbox delivery against the fake Slack: once per reminder, digests, 429/500, giving up, quiet hours, recovery."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot import reminders as render
from jobs.outbox import EXPIRED, deliver
from jobs.quiet import is_quiet
from jobs.scan import scan_signals
from models import Notification, Signal, SignalStatus

from .conftest import MONDAY

TODAY = MONDAY.date()


def rows(db) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification).order_by(Notification.id).execution_options(populate_existing=True)
        )
    )


def overdue(create_task, n: int = 1, **fields):
    return [create_task(TODAY - dt.timedelta(days=1 + i), **fields) for i in range(n)]


def test_reminder_goes_to_the_dm_once_with_channel_ts_and_metadata(
    db, create_task, casemanager, fake_slack, slack_client, settings
):
    [task] = overdue(create_task)
    scan_signals(MONDAY)
    report = deliver(slack_client, MONDAY, settings())
    again = deliver(slack_client, MONDAY + dt.timedelta(minutes=1), settings())

    assert (report.sent, report.messages, again.sent) == (1, 1, 0)
    [opened] = fake_slack.calls("conversations.open")
    assert opened.body["users"] == casemanager.slack_user_id
    [message] = fake_slack.messages(f"D{casemanager.slack_user_id}")
    [row] = rows(db)
    assert (row.status.value, row.slack_channel, row.slack_ts, row.sent_at) == (
        "sent",
        f"D{casemanager.slack_user_id}",
        message["ts"],
        MONDAY,
    )
    assert message["metadata"]["event_type"] == "traject_reminder"
    assert message["metadata"]["event_payload"]["notification_ids"] == [row.id]
    assert "over de deadline" in message["text"]
    buttons = [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons == [
        render.ACTION_COMPLETE_TASK,
        "signal.snooze.1",
        "signal.snooze.3",
        "signal.snooze.7",
        render.ACTION_OPEN_DOSSIER,
    ]
    complete = message["blocks"][1]["elements"][0]
    assert complete["value"] == str(task.id)


def test_several_reminders_for_one_person_make_one_digest(
    db, create_task, fake_slack, slack_client, settings
):
    overdue(create_task, 3)
    scan_signals(MONDAY)
    report = deliver(slack_client, MONDAY, settings())
    [message] = fake_slack.calls("chat.postMessage")
    assert (report.sent, report.messages) == (3, 1)
    assert message.body["blocks"][0]["text"]["text"] == "3 signaleringen"
    assert sorted(message.body["metadata"]["event_payload"]["notification_ids"]) == [r.id for r in rows(db)]


def test_429_waits_for_retry_after_and_sends_once(db, create_task, fake_slack, slack_client, settings):
    overdue(create_task)
    scan_signals(MONDAY)
    fake_slack.fail_next(429, 1, retry_after=1, method="chat.postMessage")
    report = deliver(slack_client, MONDAY, settings())
    assert report.sent == 1
    assert [c.status for c in fake_slack.calls("chat.postMessage")] == [429, 200]
    assert len(fake_slack.messages()) == 1


def test_429_beyond_the_retries_waits_without_counting_an_attempt(
    db, create_task, fake_slack, slack_client, settings
):
    overdue(create_task)
    scan_signals(MONDAY)
    fake_slack.fail_next(429, 3, retry_after=1, method="chat.postMessage")
    report = deliver(slack_client, MONDAY, settings())
    [row] = rows(db)
    assert (report.sent, row.status.value, row.attempts) == (0, "pending", 0)
    assert row.next_attempt_at == MONDAY + dt.timedelta(seconds=1)
    assert deliver(slack_client, MONDAY + dt.timedelta(seconds=2), settings()).sent == 1
    assert len(fake_slack.messages()) == 1


def test_500_is_retried_later_after_checking_it_was_not_posted(
    db, create_task, fake_slack, slack_client, settings
):
    overdue(create_task)
    scan_signals(MONDAY)
    fake_slack.fail_next(500, 1, method="chat.postMessage")
    first = deliver(slack_client, MONDAY, settings())
    [row] = rows(db)
    assert (first.sent, row.status.value, row.attempts) == (0, "pending", 1)
    assert "HTTP 500" in row.last_error
    assert deliver(slack_client, MONDAY + dt.timedelta(seconds=10), settings()).sent == 0  # backing off
    later = deliver(slack_client, MONDAY + dt.timedelta(minutes=5), settings())
    assert later.sent == 1 and len(fake_slack.messages()) == 1
    assert fake_slack.calls("conversations.history")  # checked before posting again
    assert rows(db)[0].last_error == ""


def test_gives_up_after_max_attempts_with_the_error_visible(
    db, create_task, fake_slack, slack_client, settings, caplog
):
    overdue(create_task)
    scan_signals(MONDAY)
    fake_slack.fail_next(500, 10, method="chat.postMessage")
    when = MONDAY
    for _ in range(3):
        deliver(slack_client, when, settings(max_attempts=3))
        when += dt.timedelta(hours=2)
    [row] = rows(db)
    assert (row.status.value, row.attempts) == ("failed", 3)
    assert "chat.postMessage: HTTP 500" in row.last_error
    assert "failed after 3 attempts" in caplog.text
    assert fake_slack.messages() == []


def test_a_crashed_claim_that_did_post_is_marked_sent_not_posted_again(
    db, create_task, fake_slack, slack_client, settings, casemanager
):
    overdue(create_task)
    scan_signals(MONDAY)
    [row] = rows(db)
    # The process claimed the row, opened the DM, posted, and died before recording it.
    channel = f"D{casemanager.slack_user_id}"
    row.status, row.claim_token, row.claimed_at, row.slack_channel = "sending", "tok-1", MONDAY, channel
    db.session.flush()
    item = render.Item(row.id, row.text, "task_overdue", row.signal_id, None, None)
    slack_client.chat_postMessage(channel=channel, text=row.text, metadata=render.metadata([item], "tok-1"))

    report = deliver(slack_client, MONDAY + dt.timedelta(minutes=10), settings())
    [row] = rows(db)
    assert (report.recovered, report.sent, row.status.value) == (1, 0, "sent")
    assert row.slack_ts == fake_slack.messages(channel)[0]["ts"]
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_a_crashed_claim_that_did_not_post_is_sent_once(db, create_task, fake_slack, slack_client, settings):
    overdue(create_task)
    scan_signals(MONDAY)
    [row] = rows(db)
    row.status, row.claim_token, row.claimed_at = "sending", "tok-2", MONDAY
    db.session.flush()
    assert (
        deliver(slack_client, MONDAY + dt.timedelta(seconds=30), settings()).sent == 0
    )  # claim not stale yet
    report = deliver(slack_client, MONDAY + dt.timedelta(minutes=10), settings())
    assert report.sent == 1 and len(fake_slack.messages()) == 1


def test_resolved_before_delivery_is_not_sent(db, create_task, fake_slack, slack_client, settings):
    [task] = overdue(create_task)
    scan_signals(MONDAY)
    task.due_date = TODAY + dt.timedelta(days=7)  # rescheduled before the reminder went out
    scan_signals(MONDAY)
    report = deliver(slack_client, MONDAY, settings())
    [row] = rows(db)
    assert (report.expired, row.status.value, row.last_error) == (1, "failed", EXPIRED)
    assert fake_slack.messages() == []


def test_snoozed_signal_is_reminded_when_the_snooze_ends(
    db, create_task, fake_slack, slack_client, settings, casemanager
):
    from casework.logbook import Actor
    from casework.signals import snooze_signal

    overdue(create_task)
    scan_signals(MONDAY)
    deliver(slack_client, MONDAY, settings())
    signal = db.session.scalar(sa.select(Signal))
    snooze_signal(signal, 3, actor=Actor(casemanager), now=MONDAY + dt.timedelta(hours=1))
    assert deliver(slack_client, MONDAY + dt.timedelta(days=2), settings()).sent == 0
    assert deliver(slack_client, MONDAY + dt.timedelta(days=3), settings()).sent == 1
    assert len(fake_slack.messages()) == 2 and signal.status is SignalStatus.OPEN


def test_quiet_hours_weekends_and_holidays(db, create_task, fake_slack, slack_client, settings):
    quiet = settings(quiet_hours=(dt.time(18), dt.time(8)), quiet_weekends=True)
    evening = dt.datetime(2026, 3, 2, 17, 30)  # 18:30 in Amsterdam (UTC+1)
    saturday = dt.datetime(2026, 3, 7, 10, 0)
    kingsday = dt.datetime(2026, 4, 27, 9, 0)  # Koningsdag, a Monday
    morning_summer = dt.datetime(2026, 6, 1, 5, 30)  # 07:30 in Amsterdam (UTC+2): still quiet
    assert all(is_quiet(t, quiet) for t in (evening, saturday, kingsday, morning_summer))
    assert not is_quiet(dt.datetime(2026, 6, 1, 6, 5), quiet)  # 08:05 in Amsterdam
    overdue(create_task)
    scan_signals(MONDAY)
    report = deliver(slack_client, evening, quiet)
    assert report.quiet and report.sent == 0 and fake_slack.calls() == []
    assert deliver(slack_client, dt.datetime(2026, 3, 3, 7, 1), quiet).sent == 1  # 08:01 the next day
