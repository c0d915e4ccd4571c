"""The Slack bot: a Bolt app whose listeners call the engine, served at POST /slack/events (or Socket Mode)."""

from __future__ import annotations

import contextvars
import json
import time
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

from flask import Flask, current_app, request
from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler


def make_web_client(config: Any) -> WebClient:
    """The Web API client: SLACK_API_URL, and 429s wait for Retry-After."""
    return WebClient(
        token=config.get("SLACK_BOT_TOKEN") or "xoxb-unset",
        base_url=config.get("SLACK_API_URL") or "https://slack.com/api/",
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


class FreshContext(Executor):
    """Runs each listener in a copy of the context it was submitted from, so what one listener sets for itself
    (the language of its user, casework.i18n) never carries over to the next one the same thread runs."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.inner.submit(contextvars.copy_context().run, fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait, cancel_futures=cancel_futures)


def create_bolt_app(
    flask_app: Flask, client: WebClient | None = None, executor: Executor | None = None
) -> App:
    """A Bolt app for `flask_app` (no call to Slack at construction); `client` replaces the Web API client and
    `executor` the pool the listeners run in (the terminal waits for its work before it reads the next line).

    By default that pool has TRAJECT_SLACK_THREADS threads (Bolt's own has 5): a listener that waits for a free
    thread has not acknowledged yet, and the work after earlier acknowledgements (answers posted to Slack) would
    otherwise hold every thread while a view submission waits past Slack's 3 seconds."""
    from .listeners import register

    config = flask_app.config
    if executor is None:
        threads = int(config.get("TRAJECT_SLACK_THREADS") or 10)
        executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="traject-slack")
    app = App(
        signing_secret=config.get("SLACK_SIGNING_SECRET") or "unset",
        client=client or make_web_client(config),
        token_verification_enabled=False,
        # Acknowledge first, work after in a thread of the pool: Slack wants its answer within 3 seconds.
        process_before_response=False,
        listener_executor=FreshContext(executor),
    )

    @app.middleware
    def received(req: Any, resp: Any, next: Any) -> Any:  # noqa: A002 - Bolt's name
        """When the request came in: a listener that had to wait for a thread acknowledges that much sooner."""
        req.context["received_at"] = time.monotonic()
        return next()

    @app.middleware
    def once(req: Any, resp: Any, next: Any) -> Any:  # noqa: A002 - Bolt's name
        """A retry or replay of a request already acted on is acknowledged and ignored (see bot.deliveries)."""
        from .context import now_for
        from .deliveries import delivery_keys, first_delivery

        signed = req.mode == "http" and bool(req.headers.get("x-slack-signature"))
        keys = delivery_keys(req.headers, req.raw_body or "", req.body or {}, signed=signed)
        if keys:
            with flask_app.app_context():
                if not first_delivery(keys, now_for(flask_app)):
                    return BoltResponse(status=200, body="")
        return next()

    register(app, flask_app)
    return app


def bolt_app(flask_app: Flask) -> App:
    """The Bolt app of a Flask app, rebuilt when its Slack settings change."""
    keys = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_API_URL")
    key = tuple(flask_app.config.get(k) for k in keys)
    cached = flask_app.extensions.get("traject_bolt")
    if cached is None or cached[0] != key:
        cached = (key, create_bolt_app(flask_app))
        flask_app.extensions["traject_bolt"] = cached
    return cached[1]


def _refusal(req: Any) -> str | None:
    """Why a request cannot be a Slack request, before Bolt parses it (so it is a 400, never a 500)."""
    from .deliveries import too_deep

    timestamp = req.headers.get("X-Slack-Request-Timestamp", "")
    if timestamp and not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return "Ongeldige X-Slack-Request-Timestamp: verwacht een geheel aantal seconden."
    raw = req.get_data(cache=True, as_text=True)
    if req.mimetype == "application/x-www-form-urlencoded":
        payload = "".join(parse_qs(raw).get("payload", []))
    else:
        payload = raw
    if too_deep(payload):
        return "Deze Slack-payload is te diep genest."
    if payload.lstrip().startswith(("{", "[")) and not _slack_shaped(payload):
        return "Dit Slack-verzoek heeft niet de verwachte vorm."
    return None


_OBJECTS = ("event", "user", "team", "view", "container", "channel", "message", "authorizations")


def _slack_shaped(text: str) -> bool:
    """Whether JSON from Slack has the shape Bolt relies on: an object whose well-known parts are objects."""
    try:
        body = json.loads(text)
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    for key in _OBJECTS:
        allowed = (dict, list, type(None)) if key == "authorizations" else (dict, type(None))
        if key in body and not isinstance(body[key], allowed):
            return False
    actions = body.get("actions", [])
    return isinstance(actions, list) and all(isinstance(a, dict) for a in actions)


def init_slack(app: Flask) -> None:
    """Mount POST /slack/events (commands, interactivity, options, events)."""
    from slack_bolt.adapter.flask import SlackRequestHandler

    def slack_events() -> Any:
        flask_app = current_app._get_current_object()  # type: ignore[attr-defined]
        if not flask_app.config.get("SLACK_SIGNING_SECRET"):
            return "Slack is niet ingesteld.", 404
        refusal = _refusal(request)
        if refusal is not None:
            return refusal, 400
        return SlackRequestHandler(bolt_app(flask_app)).handle(request)

    app.add_url_rule("/slack/events", "slack_events", slack_events, methods=["POST"])
    csrf = app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(slack_events)
