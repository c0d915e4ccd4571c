"""Notes (aantekeningen) and the caseload rule: at most 1,500 characters, only within one's own caseload."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
import sqlalchemy as sa

from casework.errors import Forbidden, Invalid
from casework.logbook import SYSTEM, Actor
from casework.notes import add_note, list_notes
from casework.process import start_trajectory
from casework.registration import ensure_can_see
from models import LogEntry, Note, TrajectoryTemplate

NOW = dt.datetime(2026, 3, 2, 9, 30)


@pytest.fixture
def employee(create_employee, casemanager):
    """An employee in the case manager's caseload, last contacted a week ago."""
    return create_employee(case_manager=casemanager, last_contact_on=dt.date(2026, 2, 23))


@pytest.fixture
def me(casemanager) -> Actor:
    """The employee's case manager acting."""
    return Actor(casemanager)


@pytest.fixture
def stranger(create_user):
    """Another case manager."""
    return create_user(name="Andere casemanager")


def trajectory_of(db, employee, manager):
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    return start_trajectory(employee, template, actor=Actor(manager), now=NOW)


def counts(db) -> tuple[int, int]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (Note, LogEntry)
    )


def refused(db, call, error=Invalid, **expected: str) -> dict[str, str]:
    """Call, expect the error with exactly these messages, and assert that nothing changed."""
    before = counts(db)
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error
    assert not (db.session.new or db.session.dirty or db.session.deleted)
    assert counts(db) == before
    assert raised.value.errors == expected
    return raised.value.errors


def test_add_note_strips_and_logs_without_the_text(db, employee, me, casemanager):
    note = add_note(employee, "  Belde vandaag terug; gaat goed.\n", actor=me, now=NOW)
    db.session.expire_all()
    stored = db.session.get(Note, note.id)
    assert (stored.text, stored.employee, stored.author, stored.trajectory, stored.created_at) == (
        "Belde vandaag terug; gaat goed.",
        employee,
        casemanager,
        None,
        NOW,
    )
    entry = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert (entry.action, entry.message, entry.employee_id, entry.actor_id) == (
        "note.added",
        "Aantekening toegevoegd",
        employee.id,
        casemanager.id,
    )
    assert (entry.subject_type, entry.subject_id, entry.details) == ("notes", note.id, None)
    assert employee.last_contact_on == dt.date(2026, 2, 23)  # a note is not a contact


def test_a_note_may_belong_to_one_of_the_employees_trajectories(db, employee, me, casemanager):
    trajectory = trajectory_of(db, employee, casemanager)
    note = add_note(employee, "Offerte besproken.", actor=me, now=NOW, trajectory=trajectory)
    assert note.trajectory == trajectory
    entry = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()
    assert (entry.action, entry.trajectory_id) == ("note.added", trajectory.id)


def test_a_note_of_exactly_1500_characters_is_stored_whole(db, employee, me):
    text = "é" * 1499 + "!"  # characters, not bytes, are counted: on both databases
    note = add_note(employee, text, actor=me, now=NOW)
    db.session.expire_all()
    assert db.session.get(Note, note.id).text == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 1612, "Een aantekening heeft hoogstens 1.500 tekens (nu 1.612)."),
        ("x" * 1501, "Een aantekening heeft hoogstens 1.500 tekens (nu 1.501)."),
        ("", "Een aantekening mag niet leeg zijn."),
        (" \n\t ", "Een aantekening mag niet leeg zijn."),
        (None, "Een aantekening mag niet leeg zijn."),
        ("Nul\x00teken", "Deze tekst bevat ongeldige tekens."),
    ],
)
def test_note_refusals_change_nothing(db, employee, me, text, message):
    refused(db, partial(add_note, employee, text, actor=me, now=NOW), text=message)


def test_note_length_is_counted_after_stripping(db, employee, me):
    note = add_note(employee, "  " + "x" * 1500 + "  ", actor=me, now=NOW)
    assert len(note.text) == 1500


def test_a_note_on_another_employees_trajectory_is_refused(db, employee, me, casemanager, create_employee):
    other = create_employee(case_manager=casemanager)
    trajectory = trajectory_of(db, other, casemanager)
    refused(
        db,
        partial(add_note, employee, "Verkeerd dossier", actor=me, now=NOW, trajectory=trajectory),
        trajectory="Dit traject hoort niet bij deze werknemer.",
    )


def test_case_managers_only_write_and_read_notes_in_their_own_caseload(db, employee, stranger):
    refused(
        db,
        partial(add_note, employee, "Mag niet", actor=Actor(stranger), now=NOW),
        Forbidden,
        employee="Deze werknemer hoort niet bij uw caseload.",
    )
    refused(
        db,
        partial(list_notes, employee, viewer=stranger),
        Forbidden,
        employee="Deze werknemer hoort niet bij uw caseload.",
    )


def test_administrators_and_the_system_may_add_notes(db, employee, admin_user, me, casemanager):
    add_note(employee, "Van de beheerder", actor=Actor(admin_user), now=NOW)
    add_note(employee, "Via de koppeling", actor=Actor(name="api:hr-systeem"), now=NOW)
    add_note(employee, "Automatisch", actor=SYSTEM, now=NOW)
    assert [n.author for n in list_notes(employee, viewer=admin_user)] == [None, None, admin_user]


def test_list_notes_newest_first(db, employee, me, casemanager, create_employee):
    add_note(employee, "Eerste", actor=me, now=NOW - dt.timedelta(days=2))
    add_note(employee, "Derde", actor=me, now=NOW)
    add_note(employee, "Tweede", actor=me, now=NOW - dt.timedelta(days=1))
    add_note(employee, "Vierde", actor=me, now=NOW)  # the same moment: the later one first
    add_note(create_employee(case_manager=casemanager), "Ander dossier", actor=me, now=NOW)
    assert [n.text for n in list_notes(employee, viewer=casemanager)] == [
        "Vierde",
        "Derde",
        "Tweede",
        "Eerste",
    ]


def test_ensure_can_see(employee, casemanager, stranger, admin_user, create_user):
    ensure_can_see(employee, casemanager)
    ensure_can_see(employee, admin_user)
    with pytest.raises(Forbidden) as other:
        ensure_can_see(employee, stranger)
    assert other.value.errors == {"employee": "Deze werknemer hoort niet bij uw caseload."}
    casemanager.active = False
    with pytest.raises(Forbidden) as inactive:
        ensure_can_see(employee, casemanager)
    assert inactive.value.errors == {"employee": "Uw account is gedeactiveerd."}
    with pytest.raises(Forbidden):
        ensure_can_see(employee, create_user(role="admin", active=False))
