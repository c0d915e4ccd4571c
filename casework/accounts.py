"""Users and API tokens: creating them, hashing passwords (argon2) and tokens (SHA-256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from models import ApiToken, Role, User, db, utcnow
from models.users import new_session_token

from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log
from .passwords import password_problem
from .schemas import LINE_CONTROL_RE

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SLACK_ID_RE = re.compile(r"^[UW][A-Z0-9]{2,19}$")
TOKEN_PREFIX = "trj_"  # noqa: S105  (the visible prefix of every token, not a secret)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of `password`."""
    return _hasher.hash(password)


# Checked instead when there is no user or no password, so an unknown e-mail costs as much as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def check_password(user: User | None, password: str) -> bool:
    """Whether `password` is the user's; False for no user or a user without a password, after the same
    argon2 work as a real check (so the time taken does not tell which accounts exist)."""
    stored = user.password_hash if user is not None and user.password_hash else None
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def change_password(
    user: User, *, old_password: str, new_password: str, repeat: str, actor: Actor, now: dt.datetime
) -> None:
    """Change a user's own password, given the old one; other sessions of the user end."""
    errors: dict[str, str] = {}
    if not check_password(user, old_password or ""):
        errors["old_password"] = M_("Het huidige wachtwoord klopt niet.")  # noqa: S105 - a message, not a password
    problem = password_problem(new_password or "", user.email)
    if problem:
        errors["new_password"] = problem
    elif new_password != repeat:
        errors["repeat"] = M_("De herhaling is niet gelijk aan het nieuwe wachtwoord.")
    elif old_password == new_password:
        errors["new_password"] = M_("Kies een ander wachtwoord dan het huidige.")  # noqa: S105 - a message
    if errors:
        raise Invalid(errors)
    user.password_hash = hash_password(new_password)
    user.session_token = new_session_token()  # every session ends; the door starts a new one for this browser
    db.session.flush()
    log(actor, now, "user.password_changed", f"Wachtwoord van {user.email} gewijzigd", subject=user)


def generate_password() -> str:
    """A random password for a new user, printed once."""
    return secrets.token_urlsafe(15)


def create_user(
    *,
    email: str,
    role: str,
    actor: Actor,
    now: dt.datetime,
    name: str | None = None,
    slack_user_id: str | None = None,
    password: str | None = None,
    language: str = "nl",
) -> User:
    """Add a user after checking every field; raises Invalid naming the field."""
    errors: dict[str, str] = {}
    email = (email or "").strip().lower()
    if not EMAIL_RE.match(email):
        errors["email"] = M_("Geef een geldig e-mailadres.")
    elif db.session.scalar(sa.select(User.id).where(User.email == email)):
        errors["email"] = M_("Er is al een gebruiker met e-mailadres %(email)s.", email=email)
    if name and LINE_CONTROL_RE.search(name):
        errors["name"] = M_("Deze tekst bevat ongeldige tekens.")
    if role not in {r.value for r in Role}:
        errors["role"] = M_("Kies de rol admin of casemanager.")
    if slack_user_id:
        slack_user_id = slack_user_id.strip()
        if not SLACK_ID_RE.match(slack_user_id):
            errors["slack_user_id"] = M_("Een Slack-gebruikers-id ziet eruit als U012AB3CD.")
        elif db.session.scalar(sa.select(User.id).where(User.slack_user_id == slack_user_id)):
            errors["slack_user_id"] = M_(
                "Slack-gebruiker %(slack_user_id)s is al gekoppeld aan een andere gebruiker.",
                slack_user_id=slack_user_id,
            )
    if password is not None and (problem := password_problem(password, email)):
        errors["password"] = problem
    if language not in {"nl", "en"}:
        errors["language"] = M_("Kies nl of en.")
    if errors:
        raise Invalid(errors)
    user = User(
        email=email,
        name=(name or "").strip() or email.split("@", 1)[0],
        role=Role(role),
        slack_user_id=slack_user_id or None,
        password_hash=hash_password(password) if password else None,
        language=language,
        created_at=now,
    )
    db.session.add(user)
    db.session.flush()
    log(actor, now, "user.created", f"Gebruiker {email} aangemaakt met rol {role}", subject=user)
    return user


def hash_token(token: str) -> str:
    """The stored form of an API token."""
    return hashlib.sha256(token.encode()).hexdigest()


MAX_TOKEN_DAYS = 3650
LAST_USE_GRANULARITY = dt.timedelta(minutes=1)


def create_api_token(
    *,
    name: str,
    actor: Actor,
    now: dt.datetime,
    user: User | None = None,
    expires_days: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a token, valid for `expires_days` days (None: until revoked); returns the row and the token
    itself, which is never stored and shown once."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = M_("Geef de token een naam.")
    elif len(name) > 200:
        errors["name"] = M_("Een naam heeft hoogstens 200 tekens.")
    elif LINE_CONTROL_RE.search(name):
        errors["name"] = M_("Deze tekst bevat ongeldige tekens.")
    elif db.session.scalar(sa.select(ApiToken.id).where(ApiToken.name == name)):
        errors["name"] = M_("Er is al een token met de naam %(name)s.", name=name)
    if user is not None and not user.active:
        errors["user"] = M_("Gebruiker %(email)s is gedeactiveerd.", email=user.email)
    if expires_days is not None and not 1 <= expires_days <= MAX_TOKEN_DAYS:
        errors["expires_days"] = M_(
            "Geef een geldigheid van 1 tot %(max_token_days)s dagen.", max_token_days=MAX_TOKEN_DAYS
        )
    if errors:
        raise Invalid(errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = now + dt.timedelta(days=expires_days) if expires_days is not None else None
    row = ApiToken(
        name=name,
        token_hash=hash_token(token),
        prefix=token[:12],
        user=user,
        created_at=now,
        expires_at=expires_at,
    )
    db.session.add(row)
    db.session.flush()
    until = f", geldig tot {expires_at:%Y-%m-%d %H:%M} UTC" if expires_at else ""
    log(actor, now, "token.created", f"API-token {name} aangemaakt{until}", subject=row)
    return row, token


def find_token(token: str, now: dt.datetime | None = None) -> ApiToken | None:
    """The usable token row for a presented bearer token: active, not expired, and its user (if any)
    still active."""
    now = now or utcnow()
    return db.session.scalar(
        sa.select(ApiToken)
        .outerjoin(User, User.id == ApiToken.user_id)
        .where(
            ApiToken.token_hash == hash_token(token),
            ApiToken.active.is_(True),
            sa.or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
            sa.or_(ApiToken.user_id.is_(None), User.active.is_(True)),
        )
    )


def note_token_use(row: ApiToken, now: dt.datetime) -> None:
    """Record the token's last use, at most once a minute (not a write on every request)."""
    if token_use_due(row, now):
        row.last_used_at = now


def token_use_due(row: ApiToken, now: dt.datetime) -> bool:
    """Whether a use of the token at `now` is to be recorded (the last recorded one is a minute old, or none)."""
    return (
        row.last_used_at is None or now - row.last_used_at >= LAST_USE_GRANULARITY or now < row.last_used_at
    )


def revoke_token(row: ApiToken, *, actor: Actor, now: dt.datetime, reason: str = "") -> None:
    """Revoke one token for good (it answers 401 from now on)."""
    if not row.active:
        return
    row.active = False
    db.session.flush()
    log(actor, now, "token.revoked", f"API-token {row.name} ingetrokken{reason}", subject=row)


def revoke_user_tokens(user: User, *, actor: Actor, now: dt.datetime, reason: str) -> int:
    """Revoke every active token of `user` (deactivated, or their role changed); how many."""
    rows = db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.active.is_(True))
    ).all()
    for row in rows:
        revoke_token(row, actor=actor, now=now, reason=f": {reason}")
    return len(rows)
