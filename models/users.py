"""People who use Traject and the API tokens of integrations."""

from __future__ import annotations

import datetime as dt
import enum
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import db, enum_column, fk, utcnow


class Role(enum.StrEnum):
    """Functional administrator or case manager."""

    ADMIN = "admin"
    CASEMANAGER = "casemanager"


class Language(enum.StrEnum):
    """Dutch by default, English by choice."""

    NL = "nl"
    EN = "en"


def new_session_token() -> str:
    """A random token that, when changed, ends every session of the user."""
    return secrets.token_hex(16)


class User(db.Model):
    """A functional administrator or a case manager."""

    __tablename__ = "users"
    __table_args__ = (
        sa.UniqueConstraint("email"),
        sa.UniqueConstraint("slack_user_id"),
        sa.CheckConstraint("email = lower(email) AND email LIKE '_%@_%'", name="email_lower_valid"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = enum_column(Role, "role")
    slack_user_id: Mapped[str | None] = mapped_column(sa.String(20))
    language: Mapped[Language] = enum_column(Language, "language", default=Language.NL, server_default="nl")
    password_hash: Mapped[str | None] = mapped_column(sa.String(200))
    session_token: Mapped[str] = mapped_column(sa.String(32), default=new_session_token)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column()
    # The second factor (TOTP, RFC 6238): the shared secret (base32) once enrolment is confirmed, and the
    # time step of the last code accepted, so a code is never accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    def __str__(self) -> str:
        return self.name


class RecoveryCode(db.Model):
    """A single-use code that stands in for a TOTP code; only its SHA-256 hash is stored."""

    __tablename__ = "recovery_codes"
    __table_args__ = (sa.UniqueConstraint("user_id", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(fk("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    used_at: Mapped[dt.datetime | None] = mapped_column()


class UserSession(db.Model):
    """A signed-in browser session, kept on the server so that signing out or a time-out ends it for good.

    The cookie holds a random key; only its SHA-256 hash is stored. A session ends after inactivity
    (TRAJECT_SESSION_IDLE_MINUTES) and after an absolute lifetime, whatever the cookie says.
    """

    __tablename__ = "user_sessions"
    __table_args__ = (sa.UniqueConstraint("key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(fk("users.id", ondelete="CASCADE"), index=True)
    user: Mapped[User] = relationship()
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column()
    last_seen_at: Mapped[dt.datetime] = mapped_column()


class ApiToken(db.Model):
    """A bearer token of an integration; only its SHA-256 hash is stored, the token is shown once."""

    __tablename__ = "api_tokens"
    __table_args__ = (
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("token_hash"),
        sa.CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    token_hash: Mapped[str] = mapped_column(sa.String(64))
    prefix: Mapped[str] = mapped_column(sa.String(12))  # shown in lists so a token can be recognised
    user_id: Mapped[int | None] = mapped_column(fk("users.id"), index=True)  # acts with this user's caseload
    user: Mapped[User | None] = relationship()
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column()  # updated at most once a minute
    expires_at: Mapped[dt.datetime | None] = mapped_column()  # UTC; none: valid until revoked

    def __str__(self) -> str:
        return self.name
