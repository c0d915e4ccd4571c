"""Slack requests acted on once: retries and replays are recognised in the database, across workers.

Slack retries an Events API delivery it got no answer to (X-Slack-Retry-Num) with the same event_id, and
anyone who captured a signed request could send it again within Slack's five-minute window. Before a request
reaches a listener its keys are written to `slack_deliveries`: the event_id of an event, a digest of the body
of a command or an interaction (each carries its own trigger_id or action_ts), and a digest of the request
signature. A request with a key already there was acted on before: it is acknowledged and ignored. A retry of
something never seen has new keys and is acted on, once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models import SlackDelivery, db

KEEP = dt.timedelta(
    days=1
)  # far beyond Slack's retries (about 5 minutes) and its signature window (5 minutes)


def _first(headers: Mapping[str, Sequence[str] | str], name: str) -> str | None:
    value = headers.get(name)
    if isinstance(value, str) or value is None:
        return value
    return value[0] if value else None


def _digest(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()}"


def delivery_keys(
    headers: Mapping[str, Any], raw_body: str, body: Mapping[str, Any], *, signed: bool
) -> list[str]:
    """The keys that identify one Slack request (signed: it came over HTTP with a signature)."""
    keys: list[str] = []
    event_id = body.get("event_id") if isinstance(body, Mapping) else None
    if isinstance(event_id, str) and event_id:
        keys.append(f"event:{event_id[:90]}")
    if signed:
        if not keys:
            keys.append(_digest("body", raw_body))
        signature = _first(headers, "x-slack-signature")
        if signature:
            keys.append(_digest("sig", signature))
    return keys


def first_delivery(keys: list[str], now: dt.datetime) -> bool:
    """Record the keys (committed at once, so other workers see them); False when any was recorded before."""
    if not keys:
        return True
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    new = True
    for key in keys:
        statement = (
            insert(SlackDelivery)
            .values(key=key, received_at=now)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(SlackDelivery.key)  # a row back only when it was new (rowcount is not reliable here)
        )
        new = db.session.execute(statement).first() is not None and new
    db.session.commit()
    return new


def purge_deliveries(now: dt.datetime) -> int:
    """Forget deliveries older than KEEP (the caller commits); returns how many."""
    result = db.session.execute(sa.delete(SlackDelivery).where(SlackDelivery.received_at < now - KEEP))
    return result.rowcount or 0


def too_deep(text: str, limit: int = 32) -> bool:
    """Whether JSON text nests objects or arrays deeper than `limit` (checked before any parser recurses)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False
