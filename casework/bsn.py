"""The burgerservicenummer and its 11-proef."""

from __future__ import annotations

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes, and left-pad an 8-digit number with a zero (as the BSN allows)."""
    digits = "".join(ch for ch in value if ch not in " .-")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid_bsn(value: str) -> bool:
    """Whether `value` is nine digits passing the 11-proef (and not all zeros)."""
    if len(value) != 9 or not value.isascii() or not value.isdigit() or value == "000000000":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, value, strict=True)) % 11 == 0


def bsn_error(value: str) -> str | None:
    """A Dutch message saying what is wrong with `value`, or None when it is a valid BSN."""
    digits = normalise_bsn(value)
    if not digits.isdigit() or len(digits) != 9:
        return "Een BSN bestaat uit 9 cijfers."
    if not is_valid_bsn(digits):
        return "Dit BSN voldoet niet aan de 11-proef."
    return None


def mask_bsn(value: str | None) -> str:
    """The BSN as every screen but its edit form shows it: only the last three digits."""
    if not value:
        return ""
    return "******" + value[-3:]
