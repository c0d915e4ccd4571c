"""Fixtures of the bot tests: a fake Slack on loopback, the app wired to it, and signed requests."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import Callable
from urllib.parse import urlencode

import pytest

from tests.blockkit import options_problems, view_problems

SECRET = "test-signing-secret"
_ids = itertools.count(1)


def next_trigger() -> str:
    """A new trigger_id, as Slack gives every command, click and submission its own."""
    return f"{next(_ids)}.trigger"


class Clock:
    """A settable clock for the bot (TRAJECT_CLOCK)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, days: int) -> None:
        """Move on by whole days."""
        self.now += dt.timedelta(days=days)


@pytest.fixture
def clock(now) -> Clock:
    """The bot's clock, starting at `now`."""
    return Clock(now)


@pytest.fixture
def slack_app(app, db, fake_slack, clock):
    """The session app pointed at the fake Slack, with a signing secret and a settable clock."""
    keys = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_API_URL", "TRAJECT_CLOCK")
    saved = {k: app.config.get(k) for k in keys}
    app.config.update(
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_API_URL=fake_slack.url,
        TRAJECT_CLOCK=clock,
    )
    yield app
    app.config.update(saved)


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """Slack's signature headers for a body."""
    ts = str(timestamp if timestamp is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def check_response(response) -> None:
    """What the bot answers in the HTTP response (options, a view to show) must be what Slack accepts."""
    if response.status_code != 200 or not response.get_data():
        return
    try:
        answer = json.loads(response.get_data())
    except ValueError:
        return
    if not isinstance(answer, dict):
        return
    problems = options_problems(answer)
    if answer.get("response_action") in ("update", "push"):
        problems += view_problems(answer.get("view"))
    assert not problems, problems


@pytest.fixture
def post(slack_app, db, fake_slack) -> Callable[..., object]:
    """Factory: POST a signed form or JSON body to /slack/events as Slack does; wait for the bot's answer.

    The bot acknowledges first and works after (as in production): a request answered with an empty 200 is
    followed by `answers` Web API calls (default 1), waited for at the fake Slack. With answers=0 the listener
    is given a moment to run, so a test that asserts "nothing happened" does not look too early.
    """
    client = slack_app.test_client()

    def send(
        form: dict | None = None,
        event: dict | None = None,
        headers: dict | None = None,
        answers: int | None = None,
        **kw,
    ):
        if event is not None:
            body, ctype = json.dumps(event), "application/json"
        else:
            body, ctype = urlencode(form or {}), "application/x-www-form-urlencoded"
        signed = {**sign(body, **kw), "Content-Type": ctype, **(headers or {})}
        before = len([c for c in fake_slack.calls() if c.method != "auth.test" and c.status == 200])
        response = client.post("/slack/events", data=body, headers=signed)
        check_response(response)
        if answers is None:
            answers = 1 if response.status_code == 200 and not response.get_data() else 0
        if answers:
            fake_slack.wait_for_calls(before + answers)
        else:
            time.sleep(0.3)
        db.session.expire_all()  # the listener ran in its own session on the test's connection
        return response

    return send


@pytest.fixture
def command(post) -> Callable[..., object]:
    """Factory: run `/traject TEXT` as a Slack user."""

    def run(user_id: str, text: str):
        return post(
            {
                "command": "/traject",
                "text": text,
                "user_id": user_id,
                "trigger_id": next_trigger(),
                "response_url": "",
                "team_id": "T1",
                "channel_id": "C1",
            }
        )

    return run


@pytest.fixture
def ui(post, fake_slack):
    """The Slack client a person would use: run commands, click buttons, fill modals by their labels."""
    from tests.bot.slackui import SlackUI

    return SlackUI(post, fake_slack)
