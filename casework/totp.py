"""The second factor: time-based codes (TOTP, RFC 6238) from an authenticator app, and single-use recovery
codes. A code is accepted once (the time step of the last accepted code is stored) and one step of clock drift
either way is allowed; recovery codes are stored as SHA-256 hashes and struck off when used."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import re
import secrets

import pyotp
import segno
import sqlalchemy as sa

from models import RecoveryCode, Role, User, db
from models.users import new_session_token

from .errors import Invalid
from .i18n import M_
from .logbook import Actor, log

ISSUER = "Traject"
STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt
POLICIES = ("admin", "all", "none")


def totp_required(user: User, policy: str) -> bool:
    """Whether `user` must have a second factor under TRAJECT_REQUIRE_TOTP = admin | all | none."""
    return policy == "all" or (policy == "admin" and user.role is Role.ADMIN)


def new_secret() -> str:
    """A fresh shared secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The URI as a QR code in SVG, drawn on the server (no script, so the CSP holds)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False, title="QR-code")
    return out.getvalue().decode("ascii")


def _step(now: dt.datetime) -> int:
    moment = now if now.tzinfo else now.replace(tzinfo=dt.UTC)
    return int(moment.timestamp()) // STEP_SECONDS


def _matching_step(secret: str, code: str, now: dt.datetime, after: int | None) -> int | None:
    """The time step (now, or one either side) whose code is `code` and that comes after `after`."""
    code = re.sub(r"\s", "", code or "")
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    current = _step(now)
    for step in (current - 1, current, current + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _hash_recovery(code: str) -> str:
    return hashlib.sha256(re.sub(r"[\s-]", "", code or "").lower().encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_recovery(raw)))
    return codes


def enrol_totp(user: User, secret: str, code: str, *, actor: Actor, now: dt.datetime) -> list[str]:
    """Confirm enrolment with a code from the app; returns the new recovery codes (shown once)."""
    if not re.fullmatch(r"[A-Z2-7]{16,64}", secret or ""):
        raise Invalid({"code": M_("De instelling is verlopen; begin opnieuw.")})
    step = _matching_step(secret, code, now, None)
    if step is None:
        raise Invalid({"code": M_("De code klopt niet. Voer de zes cijfers in die de app nu toont.")})
    user.totp_secret = secret
    user.totp_last_step = step
    codes = _new_recovery_codes(user)
    db.session.flush()
    log(actor, now, "user.totp_enrolled", f"Tweestapsverificatie ingesteld voor {user.email}", subject=user)
    return codes


def renew_recovery_codes(user: User, code: str, *, actor: Actor, now: dt.datetime) -> list[str]:
    """New recovery codes for a user who still has their app: the old ones stop working, the new ones are returned
    (shown once). Asks a current code from the app, not a recovery code, so a stolen session alone cannot do it."""
    if not user.totp_secret:
        raise Invalid({"code": M_("Tweestapsverificatie staat uit; stel die eerst in.")})
    step = _matching_step(user.totp_secret, code, now, user.totp_last_step)
    if step is None:
        raise Invalid({"code": M_("De code klopt niet. Voer de zes cijfers in die de app nu toont.")})
    user.totp_last_step = step
    codes = _new_recovery_codes(user)
    db.session.flush()
    log(
        actor,
        now,
        "user.recovery_codes_renewed",
        f"Nieuwe herstelcodes gemaakt voor {user.email}",
        subject=user,
    )
    return codes


def check_second_factor(user: User, code: str, now: dt.datetime) -> str | None:
    """Accept a TOTP code (once) or an unused recovery code; returns "totp", "recovery" or None."""
    if not user.totp_secret:
        return None
    step = _matching_step(user.totp_secret, code, now, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        db.session.flush()
        return "totp"
    row = db.session.scalar(
        sa.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_recovery(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return None
    row.used_at = now
    db.session.flush()
    return "recovery"


def unused_recovery_codes(user: User) -> int:
    """How many recovery codes the user has left."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def reset_totp(user: User, *, actor: Actor, now: dt.datetime) -> None:
    """Remove the user's second factor (lost phone); their sessions end and the next sign-in asks to enrol."""
    user.totp_secret = None
    user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    user.session_token = new_session_token()
    db.session.flush()
    log(actor, now, "user.totp_reset", f"Tweestapsverificatie van {user.email} verwijderd", subject=user)
