"""Client search (PACTA "Zoekfunctie cliënt"): name, personnel number, postcode, BSN, % wildcards, 500 cap."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.search import search_clients
from models import Employee


@pytest.fixture
def employer(create_employer):
    """One employer for the people in a test."""
    return create_employer()


@pytest.fixture
def person(create_employee, employer, casemanager):
    """Factory: an employee in the case manager's caseload."""

    def make(first_name, last_name, **fields):
        fields.setdefault("case_manager", casemanager)
        return create_employee(employer=employer, first_name=first_name, last_name=last_name, **fields)

    return make


def found(term, viewer, **kwargs):
    return [e.full_name for e in search_clients(term, viewer=viewer, **kwargs).employees]


def test_name_is_a_case_insensitive_prefix(person, casemanager):
    person("Piet", "Jansen")
    person("Jan", "Bakker")
    person("Anna", "Pijnacker")
    assert found("jan", casemanager) == ["Jan Bakker", "Piet Jansen"]
    assert found("JANS", casemanager) == ["Piet Jansen"]
    assert found("acker", casemanager) == []  # not a prefix of anything


def test_full_name_and_name_with_prefix(person, casemanager):
    person("Anna", "Vries", name_prefix="de")
    person("Annabel", "Visser")
    assert found("Anna de Vries", casemanager) == ["Anna de Vries"]
    assert found("anna  de   vr", casemanager) == ["Anna de Vries"]
    assert found("de vries", casemanager) == ["Anna de Vries"]
    assert found("vries", casemanager) == ["Anna de Vries"]
    assert found("anna", casemanager) == ["Annabel Visser", "Anna de Vries"]  # Visser before (de) Vries


def test_personnel_number_is_exact(person, casemanager):
    person("Piet", "Kort", personnel_number="P123")
    person("Kees", "Lang", personnel_number="P1234")
    assert found("P123", casemanager) == ["Piet Kort"]
    assert found("p1234", casemanager) == ["Kees Lang"]
    assert found("P12", casemanager) == []


def test_postcode_with_or_without_space(person, casemanager):
    person("Piet", "Utrecht", postcode="3511 AX")
    person("Kees", "Buurman", postcode="3511 BB")
    person("Anna", "Elders", postcode="1012AB")
    assert found("3511AX", casemanager) == ["Piet Utrecht"]
    assert found("3511 ax", casemanager) == ["Piet Utrecht"]
    assert found("1012 AB", casemanager) == ["Anna Elders"]
    assert found("3511", casemanager) == ["Kees Buurman", "Piet Utrecht"]  # the numeric part, in full
    assert found("351", casemanager) == []


def test_bsn_is_exact_after_normalising(person, casemanager):
    person("Piet", "Burger", bsn="111222333")
    person("Kees", "Ander", bsn="123456782")
    assert found("111222333", casemanager) == ["Piet Burger"]
    assert found("1112.22.333", casemanager) == ["Piet Burger"]
    assert found("11122233", casemanager) == []
    assert found("11122%", casemanager) == []  # a BSN is only found whole


def test_message_never_carries_the_bsn(person, casemanager):
    person("Piet", "Burger", bsn="111222333")
    result = search_clients("111222333", viewer=casemanager)
    assert result.message == "1 werknemer gevonden."
    assert "111222333" not in result.message
    assert "111222333" not in search_clients("123456782", viewer=casemanager).message


def test_wildcards_as_in_pacta(person, casemanager):
    for last in ("Bakker", "Baker", "Bakels", "Koekebakker", "Tabak", "Jansen"):
        person("X", last)
    assert found("bak%er", casemanager) == ["X Baker", "X Bakker"]
    assert found("%bak", casemanager) == ["X Bakels", "X Baker", "X Bakker", "X Koekebakker", "X Tabak"]
    assert found("%ANS%", casemanager) == ["X Jansen"]


def test_wildcard_on_numbers_and_postcodes(person, casemanager):
    person("Piet", "Een", personnel_number="P100", postcode="3511 AX")
    person("Kees", "Twee", personnel_number="Q200", postcode="1012 AB")
    assert found("p1%", casemanager) == ["Piet Een"]
    assert found("%11a%", casemanager) == ["Piet Een"]


def test_underscore_is_not_a_wildcard(person, casemanager):
    person("Piet", "Jansen")
    person("Kees", "Ja_nsen")
    assert found("ja_", casemanager) == ["Kees Ja_nsen"]


@pytest.mark.parametrize("term", ["", "   ", "%", "%%", " % "])
def test_empty_term_is_refused(casemanager, term):
    with pytest.raises(Invalid) as error:
        search_clients(term, viewer=casemanager)
    assert list(error.value.errors) == ["term"]


def test_ordered_by_last_name_then_first_name(person, casemanager):
    person("Piet", "Smit")
    person("Anna", "smit")
    person("Kees", "Smal")
    assert found("sm", casemanager) == ["Kees Smal", "Anna smit", "Piet Smit"]


def test_case_manager_sees_only_own_caseload(person, casemanager, create_user, admin_user):
    colleague = create_user(name="Collega")
    person("Piet", "Mulder")
    person("Kees", "Mulder", case_manager=colleague)
    person("Anna", "Mulder", case_manager=None)
    assert found("mulder", casemanager) == ["Piet Mulder"]
    assert found("mulder", colleague) == ["Kees Mulder"]
    assert found("mulder", admin_user) == ["Anna Mulder", "Kees Mulder", "Piet Mulder"]


def test_more_than_500_results_are_cut_with_a_message(db, employer, casemanager):
    db.session.execute(
        sa.insert(Employee),
        [
            {
                "employer_id": employer.id,
                "personnel_number": f"M{n:04d}",
                "first_name": f"Voornaam{n:04d}",
                "last_name": "Massa",
                "case_manager_id": casemanager.id,
            }
            for n in range(501)
        ],
    )
    result = search_clients("massa", viewer=casemanager)
    assert len(result.employees) == 500 and result.truncated
    assert result.message == "Meer dan 500 resultaten; verfijn de zoekopdracht."
    assert result.employees[0].first_name == "Voornaam0000"
    assert result.employees[-1].first_name == "Voornaam0499"
    exact = search_clients("massa", viewer=casemanager, limit=501)
    assert len(exact.employees) == 501 and not exact.truncated
    assert exact.message == "501 werknemers gevonden."


def test_nothing_found_says_so(casemanager):
    result = search_clients("Niemand", viewer=casemanager)
    assert result.employees == [] and not result.truncated
    assert result.message == "Geen werknemers gevonden."


def test_one_statement_with_the_employer_loaded(db, person, casemanager):
    person("Piet", "Visser")
    person("Kees", "Visser")
    db.session.flush()
    db.session.expire_all()
    assert casemanager.id and casemanager.role  # loaded again before counting
    seen = []
    connection = db.session.connection()

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    sa.event.listen(connection, "before_cursor_execute", count)
    try:
        result = search_clients("visser", viewer=casemanager)
        employers = {e.employer.name for e in result.employees}
    finally:
        sa.event.remove(connection, "before_cursor_execute", count)
    assert len(employers) == 1
    assert len(seen) == 1, seen
