"""`traject chat --as EMAIL`: the bot's own listeners in a terminal; messages and modals rendered as text.

Each typed line goes into the same Bolt app as a Socket Mode request would (so no signature), as the Slack
user linked to EMAIL, acknowledged first and worked in the listener pool as in production; the terminal waits
until that work is done before it shows the answer and reads the next line. The Web API client is replaced by one that prints what the bot would send; a modal's
fields are asked one by one and submitted, and the engine's errors are shown and asked again.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from flask import Flask
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from casework.i18n import gettext as _

CANCEL = "annuleer"


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


class Loopback:
    """Slack's Web API stood in for on loopback: keeps what the bot sends (Bolt builds its own client per request,
    so the calls are caught where they arrive, not by replacing the client)."""

    def __init__(self) -> None:
        self.outbox: list[tuple[str, dict[str, Any]]] = []
        outbox = self.outbox

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                is_json = "json" in (self.headers.get("Content-Type") or "")
                body = json.loads(raw or "{}") if is_json else dict(parse_qsl(raw))
                method = self.path.rsplit("/", 1)[-1]
                outbox.append((method, body))
                answer = {
                    "ok": True,
                    "channel": body.get("channel"),
                    "ts": "1.0",
                    "view": {"id": "VTERM"},
                    "user_id": "UBOT",
                    "bot_id": "BTERM",
                    "team_id": "T0",
                }
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        """The base URL for the Web API client."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def stop(self) -> None:
        """Shut the stand-in down."""
        self.server.shutdown()
        self.server.server_close()


class Pool(ThreadPoolExecutor):
    """Bolt's listener pool, remembering what it was given so the terminal can wait for all of it."""

    def __init__(self) -> None:
        super().__init__(max_workers=4, thread_name_prefix="traject-chat")
        self._pending: list[Future] = []
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run `fn` in the pool and remember it."""
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._pending.append(future)
        return future

    def settle(self) -> None:
        """Wait until every listener started so far (and anything it started) has finished."""
        while True:
            with self._lock:
                pending, self._pending = self._pending, []
            if not pending:
                return
            wait(pending)


def _plain(markdown: str) -> str:
    """mrkdwn as a terminal shows it: no stars, links as their text and address, entities undone."""
    text = re.sub(r"<([^|>]+)\|([^>]+)>", r"\2 (\1)", markdown.replace("*", ""))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render_blocks(blocks: list[dict[str, Any]], buttons: list[dict[str, Any]]) -> list[str]:
    """Blocks as lines of text; buttons numbered (appended to `buttons`) so they can be pressed."""
    lines: list[str] = []
    for block in blocks or []:
        if block.get("text"):
            lines.append(_plain(block["text"]["text"]))
        if block.get("type") == "context":
            lines += [_plain(e["text"]) for e in block.get("elements") or [] if e.get("text")]
        elements = list(block.get("elements") or []) + (
            [block["accessory"]] if block.get("accessory") else []
        )
        shown = []
        for element in elements:
            if element.get("type") == "button":
                buttons.append(element)
                shown.append(f"[{len(buttons)}] {element['text']['text']}")
        if shown:
            lines.append("    " + "  ".join(shown))
    return lines


class Terminal:
    """One conversation with the bot as one user."""

    def __init__(
        self,
        flask_app: Flask,
        slack_user_id: str,
        ask: Callable[[str], str | None],
        out: Callable[[str], None],
    ) -> None:
        from . import create_bolt_app

        self.client = Loopback()
        self.pool = Pool()
        self.bolt = create_bolt_app(
            flask_app,
            client=WebClient(token="xoxb-terminal", base_url=self.client.url),  # noqa: S106  (a placeholder: the terminal talks to no Slack)
            executor=self.pool,
        )
        self.user = slack_user_id
        self.ask, self.out = ask, out
        self.buttons: list[dict[str, Any]] = []

    def close(self) -> None:
        """Let running work finish, then stop the pool and the loopback stand-in."""
        self.pool.settle()
        self.pool.shutdown()
        self.client.stop()

    def _dispatch(self, body: dict[str, Any]) -> Any:
        """Hand one request to Bolt (which acknowledges first) and wait until its listener has done its work."""
        response = self.bolt.dispatch(BoltRequest(body=body, mode="socket_mode"))
        self.pool.settle()
        return response

    def line(self, text: str) -> None:
        """One typed line: `knop N` presses a button, anything else goes in as `/traject TEXT`."""
        word, _sep, rest = text.strip().partition(" ")
        if word.lower() in ("knop", "button") and rest.strip().isdigit():
            index = int(rest) - 1
            if not 0 <= index < len(self.buttons):
                self.out(_("Die knop bestaat niet."))
                return
            button = self.buttons[index]
            self._dispatch(
                {
                    "type": "block_actions",
                    "user": {"id": self.user},
                    "team": {"id": "T0"},
                    "trigger_id": "terminal",
                    "actions": [{**button, "type": "button"}],
                }
            )
        else:
            self._dispatch(
                {
                    "command": "/traject",
                    "text": text.strip(),
                    "user_id": self.user,
                    "channel_id": f"D{self.user}",
                    "trigger_id": "terminal",
                    "team_id": "T0",
                }
            )
        self._flush()

    def _flush(self) -> None:
        while self.client.outbox:
            method, body = self.client.outbox.pop(0)
            if method.startswith("chat.post"):
                self.buttons = []
                blocks = _json(body.get("blocks")) or []
                self.out(
                    "\n".join(render_blocks(blocks, self.buttons)) if blocks else _plain(body.get("text", ""))
                )
            elif method in ("views.open", "views.update"):
                self.client.outbox[:] = [c for c in self.client.outbox if c[0] not in ("views.update",)]
                self._modal(_json(body["view"]))
            elif method == "views.publish":
                self.buttons = []
                self.out("\n".join(render_blocks(_json(body["view"])["blocks"], self.buttons)))

    def _modal(
        self, view: dict[str, Any], state: dict[str, Any] | None = None, only: set[str] | None = None
    ) -> None:
        """Ask the modal's fields one by one, refresh it where Slack would, submit, ask again on errors."""
        state = dict(state or {})
        if only is None:
            self.out(f"== {view['title']['text']} ==")
            for line in render_blocks([b for b in view["blocks"] if b["type"] == "section"], []):
                self.out(line)
        asked: set[str] = set()
        while True:
            block = next(
                (
                    b
                    for b in view["blocks"]
                    if b["type"] == "input"
                    and b["block_id"] not in asked
                    and (only is None or b["block_id"] in only)
                ),
                None,
            )
            if block is None:
                break
            asked.add(block["block_id"])
            entry = ask_field(block, self.ask, self.out)
            if entry is None:
                self.out(_("Geannuleerd."))
                return
            state[block["block_id"]] = {block["element"]["action_id"]: entry}
            if block.get("dispatch_action"):
                view = self._refresh(view, state) or view
        response = self._dispatch(
            {
                "type": "view_submission",
                "user": {"id": self.user},
                "team": {"id": "T0"},
                "view": {**view, "id": "VTERM", "state": {"values": state}},
            }
        )
        errors = _json(response.body).get("errors") if response.body else None
        if errors:
            for text in errors.values():
                self.out(f"! {text}")
            self._modal(view, state, set(errors))
            return
        self._flush()

    def _refresh(self, view: dict[str, Any], state: dict[str, Any]) -> dict[str, Any] | None:
        block_id = next(reversed(state))
        action = next(iter(state[block_id]))
        self._dispatch(
            {
                "type": "block_actions",
                "user": {"id": self.user},
                "team": {"id": "T0"},
                "view": {**view, "id": "VTERM", "state": {"values": state}},
                "actions": [{"action_id": action, "block_id": block_id}],
            }
        )
        updates = [b for m, b in self.client.outbox if m == "views.update"]
        self.client.outbox[:] = [c for c in self.client.outbox if c[0] != "views.update"]
        if not updates:
            return None
        new = _json(updates[-1]["view"])
        for line in render_blocks(
            [b for b in new["blocks"] if b["type"] == "section"][1:], []
        ):  # not the header
            self.out(line)
        return new


def _choose(options: list[dict[str, Any]], answer: str) -> dict[str, Any] | None:
    if answer.isdigit() and 0 < int(answer) <= len(options):
        return options[int(answer) - 1]
    return next((o for o in options if o["text"]["text"].lower().startswith(answer.lower())), None)


def ask_field(
    block: dict[str, Any], ask: Callable[[str], str | None], out: Callable[[str], None]
) -> dict | None:
    """Ask one input of a modal until the answer fits its element; None when cancelled or input ended."""
    element, kind = block["element"], block["element"]["type"]
    label = block["label"]["text"] + (" (optioneel)" if block.get("optional") else "")
    if element.get("initial_date"):  # Enter keeps the date the modal shows
        year, month, day = element["initial_date"].split("-")
        label += f" [{day}-{month}-{year}]"  # dd-mm-jjjj, as everywhere
    options = element.get("options") or []
    for i, o in enumerate(options, 1):
        out(f"  {i}. {o['text']['text']}")
    while True:
        answer = ask(f"{label}: ")
        if answer is None or answer.strip().lower() == CANCEL:
            return None
        answer = answer.strip()
        if kind == "static_select":
            chosen = _choose(options, answer) if answer else element.get("initial_option")
            if chosen is not None or not answer:
                return {"type": kind, "selected_option": chosen}
        elif kind == "multi_static_select":
            picked = [_choose(options, a.strip()) for a in answer.split(",") if a.strip()]
            if None not in picked:
                return {"type": kind, "selected_options": picked}
        elif kind == "datepicker":
            day, _sep, rest = answer.partition("-")
            if not answer:
                return {"type": kind, "selected_date": element.get("initial_date")}
            if len(day) <= 2 and rest:  # dd-mm-jjjj
                month, _sep2, year = rest.partition("-")
                answer = (
                    f"{year}-{int(month):02d}-{int(day):02d}" if month.isdigit() and day.isdigit() else answer
                )
            return {"type": kind, "selected_date": answer}
        else:
            return {"type": kind, "value": answer or element.get("initial_value")}
        out(_("Kies een nummer of een naam uit de lijst."))
