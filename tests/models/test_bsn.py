"""The BSN 11-proef, in Python and in the database, agree."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.bsn import bsn_error, is_valid_bsn, mask_bsn, normalise_bsn

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"


@given(nine_digits)
def test_validator_is_the_elfproef(digits):
    assert is_valid_bsn(digits) == elfproef(digits)


@given(nine_digits)
def test_changing_one_digit_breaks_a_valid_bsn(digits):
    if not is_valid_bsn(digits):
        return
    for i in range(9):
        for d in "0123456789":
            if d != digits[i]:
                assert not is_valid_bsn(digits[:i] + d + digits[i + 1 :])


def test_known_numbers():
    assert is_valid_bsn("111222333")
    assert is_valid_bsn("123456782")
    assert not is_valid_bsn("123456789")
    assert bsn_error("1234 56 782") is None
    assert normalise_bsn("12345678") == "012345678"
    assert bsn_error("12345") == "Een BSN bestaat uit 9 cijfers."
    assert bsn_error("123456789") == "Dit BSN voldoet niet aan de 11-proef."
    assert mask_bsn("123456782") == "******782"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=200)
@given(digits=nine_digits)
def test_database_check_agrees_with_validator(db, digits):
    """The CHECK constraint on employees.bsn computes the same 11-proef on this backend."""
    import sqlalchemy as sa

    from models.casework import BSN_CHECK_SQL

    expression = BSN_CHECK_SQL.replace("bsn", "CAST(:bsn AS VARCHAR(9))")
    db_says = db.session.execute(
        sa.text(f"SELECT CASE WHEN {expression} THEN 1 ELSE 0 END"), {"bsn": digits}
    ).scalar()
    assert bool(db_says) == is_valid_bsn(digits)
