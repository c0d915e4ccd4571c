"""What a password must be: at least 12 characters, not one of the passwords people pick most (the list in
casework/data/common-passwords.txt, also when stretched with digits or symbols), and not the e-mail address."""

from __future__ import annotations

from functools import cache
from pathlib import Path

MIN_PASSWORD_LENGTH = 12
_STRETCHERS = "0123456789!@#$%^&*()_-+=.,;:?~ "


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, lower case."""
    path = Path(__file__).with_name("data") / "common-passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, email: str = "") -> str | None:
    """Why `password` cannot be used (Dutch), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Een wachtwoord heeft minstens {MIN_PASSWORD_LENGTH} tekens."
    lowered = password.lower()
    core = lowered.strip(_STRETCHERS)
    common = common_passwords()
    if lowered in common or core in common or len(set(lowered)) <= 3 or _repeats_a_common_word(core, common):
        return "Dit wachtwoord wordt veel gebruikt en is makkelijk te raden; kies een ander, bijvoorbeeld een zin."
    email = (email or "").strip().lower()
    local = email.split("@", 1)[0]
    if email and (email in lowered or (len(local) >= 3 and local in lowered)):
        return "Een wachtwoord mag uw e-mailadres niet bevatten."
    return None


def _repeats_a_common_word(core: str, common: frozenset[str]) -> bool:
    """`welkomwelkom`, `abcabcabcabc`: a short or common unit repeated."""
    for size in range(1, len(core) // 2 + 1):
        unit = core[:size]
        if len(core) % size == 0 and unit * (len(core) // size) == core:
            return size <= 4 or unit in common
    return False
