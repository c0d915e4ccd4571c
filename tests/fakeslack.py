"""A fake Slack Web API on loopback: records every call and answers like Slack, or with 429/500 when told.

    fake = FakeSlack.start()          # a threaded HTTP server on 127.0.0.1, a free port
    app.config["SLACK_API_URL"] = fake.url
    ...
    fake.calls("chat.postMessage")    # recorded calls: Call(method, body, headers, status)
    fake.messages(channel)            # what a channel holds, as conversations.history answers it
    fake.fail_next(429, 2, retry_after=1)   # the next 2 calls answer 429 with Retry-After: 1
    fake.fail_next(500, 1, method="chat.postMessage")
    fake.stop()

    fake.refusals()                   # calls Slack would have refused, with Slack's error and messages
    fake.wait_for_calls(n)            # block until n calls have arrived (the bot answers after its ack)

Implemented: chat.postMessage, chat.postEphemeral, chat.update, chat.getPermalink, conversations.open,
conversations.history, views.open/update/push/publish, users.info, auth.test; any other method answers
{"ok": true}. Direct-message channels are "D" + the user id. A failed call is recorded but changes nothing.

Like Slack, the fake refuses what breaks a Block Kit limit (tests/blockkit.py): a message answers
`invalid_blocks` (or `msg_too_long` for text over 40,000 characters, `no_text` without text or blocks), a view
answers `invalid_arguments`; both carry Slack's `response_metadata.messages`.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.blockkit import MESSAGE_TEXT, message_problems, view_problems

MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"}
VIEW_METHODS = {"views.open", "views.update", "views.push", "views.publish"}


@dataclass
class Call:
    """One recorded Web API call."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    status: int
    error: str | None = None
    problems: tuple[str, ...] = ()


class FakeSlack:
    """The fake server; use `FakeSlack.start()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._channels: dict[str, list[dict[str, Any]]] = {}
        self._failures: list[tuple[int, float | None, str | None]] = []
        self._ts = itertools.count(1)
        self.delay_after_post = (
            0.0  # seconds to wait after storing a message, before answering (crash drills)
        )
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def start(cls) -> FakeSlack:
        """Start a fake on a free loopback port."""
        fake = cls()
        fake._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(fake))
        fake._server.daemon_threads = True
        fake._thread = threading.Thread(target=fake._server.serve_forever, args=(0.05,), daemon=True)
        fake._thread.start()
        return fake

    @property
    def url(self) -> str:
        """The base URL to give slack_sdk (SLACK_API_URL)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def stop(self) -> None:
        """Shut the server down."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def calls(self, method: str | None = None) -> list[Call]:
        """The recorded calls, optionally of one method."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """The messages posted (to one channel, or all), oldest first."""
        with self._lock:
            if channel is not None:
                return list(self._channels.get(channel, []))
            return sorted((m for ms in self._channels.values() for m in ms), key=lambda m: float(m["ts"]))

    def refusals(self) -> list[Call]:
        """The calls refused because they broke one of Slack's limits."""
        with self._lock:
            return [c for c in self._calls if c.problems or c.error in ("msg_too_long", "no_text")]

    def wait_for_calls(self, n: int, timeout: float = 10.0, method: str | None = None) -> list[Call]:
        """Wait until at least `n` calls (of `method`, or any but auth.test, which Bolt makes on its own) have
        been answered 200 (a 429 or 500 the client will retry does not count); AssertionError when they do not."""

        def matching() -> list[Call]:
            return [
                c
                for c in self._calls
                if c.status == 200 and (c.method == method or (method is None and c.method != "auth.test"))
            ]

        with self._arrived:
            done = self._arrived.wait_for(lambda: len(matching()) >= n, timeout)
            calls = matching()
        assert done, f"the fake Slack received {len(calls)} calls, expected {n}: {[c.method for c in calls]}"
        return calls

    def fail_next(
        self, status: int, n: int = 1, retry_after: float | None = None, method: str | None = None
    ) -> None:
        """Answer the next `n` calls (of `method`, or any) with `status` (429 carries Retry-After)."""
        with self._lock:
            self._failures.extend([(status, retry_after, method)] * n)

    def reset(self) -> None:
        """Forget calls, messages and pending failures."""
        with self._lock:
            self._calls.clear()
            self._channels.clear()
            self._failures.clear()

    # ---- request handling ------------------------------------------------------------------------------------

    def _failure_for(self, method: str) -> tuple[int, float | None] | None:
        for i, (status, retry_after, only) in enumerate(self._failures):
            if only is None or only == method:
                del self._failures[i]
                return status, retry_after
        return None

    def handle(self, method: str, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict, dict]:
        """Answer one call: (HTTP status, JSON body, extra headers)."""
        with self._lock:
            failure = self._failure_for(method)
            if failure is not None:
                status, retry_after = failure
                extra = {"Retry-After": str(int(retry_after or 1))} if status == 429 else {}
                error = "ratelimited" if status == 429 else "internal_error"
                self._record(Call(method, body, headers, status, error))
                return status, {"ok": False, "error": error}, extra
            error, problems = _refusal(method, body)
            if error is not None:
                self._record(Call(method, body, headers, 200, error, tuple(problems)))
                answer = {"ok": False, "error": error}
                if problems:
                    answer["response_metadata"] = {"messages": problems}
                return 200, answer, {}
            answer = self._answer(method, body)
            self._record(Call(method, body, headers, 200))
            return 200, answer, {}

    def _record(self, call: Call) -> None:
        self._calls.append(call)
        self._arrived.notify_all()

    def _ts_now(self) -> str:
        return f"{time.time():.0f}.{next(self._ts):06d}"

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "conversations.open":
            user = str(body.get("users", "")).split(",")[0]
            channel = f"D{user}"
            self._channels.setdefault(channel, [])
            return {"ok": True, "channel": {"id": channel}}
        if method == "chat.postMessage":
            channel = str(body.get("channel", ""))
            message = {"type": "message", "ts": self._ts_now(), "text": body.get("text", ""), "user": "UBOT"}
            for key in ("blocks", "metadata", "thread_ts"):
                if body.get(key) is not None:
                    message[key] = _decoded(body[key])
            self._channels.setdefault(channel, []).append(message)
            return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}
        if method == "chat.update":
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": body.get("ts"),
                "text": body.get("text", ""),
            }
        if method == "chat.getPermalink":
            ts = str(body.get("message_ts", "")).replace(".", "")
            return {
                "ok": True,
                "channel": body.get("channel"),
                "permalink": f"https://fake.slack.com/archives/{body.get('channel')}/p{ts}",
            }
        if method == "conversations.history":
            return self._history(body)
        if method in ("views.open", "views.update", "views.push", "views.publish"):
            return {"ok": True, "view": {"id": f"V{next(self._ts):08d}", **_decoded(body.get("view") or {})}}
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "TFAKE", "team": "Fake"}
        if method == "users.info":
            return {"ok": True, "user": {"id": body.get("user"), "name": "fake", "tz": "Europe/Amsterdam"}}
        return {"ok": True}

    def _history(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel", ""))
        if channel not in self._channels:
            return {"ok": False, "error": "channel_not_found"}
        oldest = float(body.get("oldest") or 0)
        with_metadata = str(body.get("include_all_metadata", "")).lower() in {"1", "true"}
        limit = int(body.get("limit") or 100)
        start = int(body.get("cursor") or 0)
        newest_first = [m for m in reversed(self._channels[channel]) if float(m["ts"]) > oldest]
        page = newest_first[start : start + limit]
        if not with_metadata:
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(newest_first)
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }


def _refusal(method: str, body: dict[str, Any]) -> tuple[str | None, list[str]]:
    """Slack's error for a call that breaks a limit, with its messages; (None, []) when Slack would accept it."""
    if method in MESSAGE_METHODS:
        blocks = _decoded(body.get("blocks")) if body.get("blocks") not in (None, "") else None
        text = body.get("text") or ""
        if len(text) > MESSAGE_TEXT:
            return "msg_too_long", []
        if not text and not blocks:
            return "no_text", []
        if blocks is not None:
            problems = message_problems(blocks)
            if problems:
                return "invalid_blocks", problems
    if method in VIEW_METHODS:
        problems = view_problems(_decoded(body.get("view")))
        if problems:
            return "invalid_arguments", problems
    return None, []


def _decoded(value: Any) -> Any:
    """Form-encoded calls carry JSON fields as strings; JSON calls carry them as objects."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            method = parts.path.rstrip("/").rsplit("/", 1)[-1]
            body: dict[str, Any] = dict(parse_qsl(parts.query))
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if raw:
                if "json" in (self.headers.get("Content-Type") or ""):
                    body.update(json.loads(raw))
                else:
                    body.update(parse_qsl(raw.decode()))
            status, answer, extra = fake.handle(method, body, {k: v for k, v in self.headers.items()})
            if method == "chat.postMessage" and status == 200 and fake.delay_after_post:
                time.sleep(fake.delay_after_post)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

    return Handler
