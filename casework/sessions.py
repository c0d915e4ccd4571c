"""Signed-in sessions kept on the server: started at sign-in, ended at sign-out, after inactivity or at most
after an absolute lifetime; the browser's cookie holds only a random key (stored here as its SHA-256 hash)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from models import User, UserSession, db

MAX_AGE = dt.timedelta(hours=12)  # a session ends 12 hours after sign-in, however busy
TOUCH_EVERY = dt.timedelta(minutes=1)  # last activity is written at most once a minute
DEFAULT_IDLE = dt.timedelta(minutes=30)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_session(user: User, now: dt.datetime, *, idle: dt.timedelta = DEFAULT_IDLE) -> str:
    """A new session for `user`; returns its key (for the cookie). The user's ended sessions are cleared."""
    end_expired_sessions(user, now, idle=idle)
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user=user, key_hash=_hash(key), created_at=now, last_seen_at=now))
    db.session.flush()
    return key


def _expired(idle: dt.timedelta, now: dt.datetime) -> sa.ColumnElement[bool]:
    return sa.or_(UserSession.last_seen_at < now - idle, UserSession.created_at < now - MAX_AGE)


def end_expired_sessions(user: User, now: dt.datetime, *, idle: dt.timedelta = DEFAULT_IDLE) -> None:
    """Remove the user's sessions that timed out (one statement)."""
    db.session.execute(
        sa.delete(UserSession).where(UserSession.user_id == user.id, _expired(idle, now)),
        execution_options={"synchronize_session": False},
    )


def current_session(
    user_id: int,
    key: str,
    now: dt.datetime,
    *,
    idle: dt.timedelta = DEFAULT_IDLE,
    before_write: Callable[[], None] = lambda: None,
) -> UserSession | None:
    """The live session of this user with this key, its last activity brought up to date; None if ended
    (a timed-out session is removed). `before_write` is called before anything changes (rarely: at most once a
    minute), so a door that only reads can take the write lock for just that."""
    if not key:
        return None
    row = db.session.scalar(
        sa.select(UserSession)
        .options(joinedload(UserSession.user))  # the user with it: one statement per request for both
        .where(UserSession.key_hash == _hash(key), UserSession.user_id == user_id)
    )
    if row is None:
        return None
    if row.last_seen_at < now - idle or row.created_at < now - MAX_AGE:
        before_write()
        db.session.delete(row)  # ended for good, also should a clock run back
        db.session.flush()
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        before_write()
        row.last_seen_at = now
        db.session.flush()
    return row


def end_session(key: str) -> None:
    """End the session with this key (signing out); a copied cookie no longer works."""
    if key:
        db.session.execute(
            sa.delete(UserSession).where(UserSession.key_hash == _hash(key)),
            execution_options={"synchronize_session": False},
        )
