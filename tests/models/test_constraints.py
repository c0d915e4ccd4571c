"""The database itself refuses rows that break what the data can state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DataError, IntegrityError

from models import (
    ActionKind,
    Employee,
    Employer,
    Label,
    Note,
    Policy,
    Programme,
    Provider,
    Region,
    ServiceAgreement,
    ServiceVariation,
    SickReport,
    Signal,
    SignalKind,
    SignalStatus,
    Trajectory,
    TrajectoryTemplate,
    Trigger,
    TriggerAction,
)


def refused(db, *rows) -> bool:
    """Whether flushing `rows` (or what a single callable builds) is refused by the database.

    Rows are built inside the savepoint when given as a callable, so that a row linked to a persistent object
    does not get flushed (and refused) before the savepoint exists; the test's transaction stays usable.
    """
    try:
        with db.session.begin_nested():
            if len(rows) == 1 and callable(rows[0]):
                rows = rows[0]()
            db.session.add_all(rows)
            db.session.flush()
    except (IntegrityError, DataError):  # PostgreSQL refuses an over-long value before any CHECK
        return True
    return False


@pytest.fixture
def employer(db):
    """An employer under the seed's example label."""
    label = db.session.scalars(sa.select(Label)).first()
    row = Employer(name="Bakkerij De Korenschoof B.V.", label=label, kvk_number="12345678")
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def employee(db, employer):
    """An employee of that employer."""
    row = Employee(employer=employer, personnel_number="P001", first_name="Anna", last_name="Jansen")
    db.session.add(row)
    db.session.flush()
    return row


def test_duplicate_names_in_one_list_are_refused(db):
    assert refused(db, Region(name="Testregio"), Region(name="Testregio"))
    assert not refused(db, Region(name="Testregio 2"))


def test_blank_name_is_refused(db):
    assert refused(db, Region(name="   "))


def test_names_are_unique_per_scope_only(db, employer):
    provider_a = Provider(name="Provider A")
    provider_b = Provider(name="Provider B")
    same = dict(name="Mediation", price=Decimal("900.00"), duration_weeks=6)
    assert not refused(
        db,
        provider_a,
        provider_b,
        Programme(provider=provider_a, **same),
        Programme(provider=provider_b, **same),
    )
    assert refused(db, Programme(provider_id=provider_a.id, **same))


def test_agreement_period_out_of_order_is_refused(db, employer):
    variation = db.session.scalars(sa.select(ServiceVariation)).first()

    def agreement(end):
        return lambda: [
            ServiceAgreement(
                employer=employer, variation=variation, start_date=dt.date(2026, 5, 1), end_date=end
            )
        ]

    assert refused(db, agreement(dt.date(2026, 4, 30)))
    assert not refused(db, agreement(dt.date(2026, 5, 1)))


def test_policy_period_out_of_order_is_refused(db, employer):
    from models import InsuranceProduct

    product = db.session.scalars(sa.select(InsuranceProduct)).first()
    assert refused(
        db,
        lambda: [
            Policy(
                employer=employer,
                product=product,
                policy_number="POL-1",
                start_date=dt.date(2026, 1, 2),
                end_date=dt.date(2026, 1, 1),
            )
        ],
    )


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "1234567890", "12345678a", "000000000"])
def test_invalid_bsn_is_refused_by_the_database(db, employer, bsn):
    assert refused(
        db, lambda: [Employee(employer=employer, personnel_number="X1", last_name="Visser", bsn=bsn)]
    )


def test_valid_bsn_is_accepted_and_unique(db, employer):
    # 111222333: 9+8+7+12+10+8+9+6-3 = 66, divisible by 11
    assert not refused(
        db, lambda: [Employee(employer=employer, personnel_number="X1", last_name="Visser", bsn="111222333")]
    )
    assert refused(
        db, lambda: [Employee(employer=employer, personnel_number="X2", last_name="Smit", bsn="111222333")]
    )


def test_personnel_number_is_unique_per_employer(db, employer, employee):
    assert refused(db, lambda: [Employee(employer=employer, personnel_number="P001", last_name="Bos")])


def test_note_over_1500_characters_is_refused(db, employee):
    assert refused(db, lambda: [Note(employee=employee, text="x" * 1501)])
    assert refused(db, lambda: [Note(employee=employee, text="   ")])
    assert not refused(db, lambda: [Note(employee=employee, text="é" * 1500)])


@pytest.mark.parametrize("percentage", ["0", "100.01", "-5"])
def test_sick_percentage_out_of_range_is_refused(db, employee, percentage):
    assert refused(
        db,
        lambda: [
            SickReport(employee=employee, first_sick_day=dt.date(2026, 1, 5), percentage=Decimal(percentage))
        ],
    )


def test_recovery_before_first_sick_day_is_refused(db, employee):
    assert refused(
        db,
        lambda: [
            SickReport(
                employee=employee, first_sick_day=dt.date(2026, 1, 5), recovery_date=dt.date(2026, 1, 4)
            )
        ],
    )


def test_closed_trajectory_needs_end_reason_and_date(db, employee):
    template = db.session.scalars(sa.select(TrajectoryTemplate)).first()
    assert refused(
        db,
        lambda: [
            Trajectory(template=template, employee=employee, started_on=dt.date(2026, 2, 1), status="closed")
        ],
    )
    assert refused(
        db,
        lambda: [
            Trajectory(
                template=template,
                employee=employee,
                started_on=dt.date(2026, 2, 1),
                closed_on=dt.date(2026, 1, 1),
            )
        ],
    )


def test_one_open_signal_per_kind_subject_and_due_date(db):
    def signal(status=SignalStatus.OPEN, resolved_at=None):
        return Signal(
            kind=SignalKind.TASK_OVERDUE,
            subject_type="task",
            subject_id=1,
            due_date=dt.date(2026, 3, 1),
            status=status,
            resolved_at=resolved_at,
        )

    assert not refused(db, signal())
    assert refused(db, signal())
    assert not refused(db, signal(SignalStatus.RESOLVED, dt.datetime(2026, 3, 2)))


def test_referenced_row_cannot_be_deleted(db):
    region = Region(name="Grensstreek")
    provider = Provider(name="Provider Grens", regions=[region])
    db.session.add(provider)
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(sa.delete(Region).where(Region.id == region.id))


def test_trigger_action_needs_its_operand(db):
    template = db.session.scalars(sa.select(TrajectoryTemplate)).first()

    def build():
        trigger = Trigger(template=template, name="Zonder taak", event="task_completed")
        trigger.actions.append(TriggerAction(kind=ActionKind.ADD_TASK, due_in_days=2))
        return [trigger]

    assert refused(db, build)


def test_enum_columns_refuse_unknown_values(db, employee):
    with pytest.raises((IntegrityError, sa.exc.StatementError)), db.session.begin_nested():
        db.session.execute(
            sa.text("UPDATE employees SET client_weight = 'extreme' WHERE id = :id"), {"id": employee.id}
        )


# The one exception: the non-medical cause of absence (seed 002, issue 17 item 9) is a choice from the configured
# list absence_causes (werkgerelateerd, mantelzorg, ...), never free text; these columns may only point there.
NON_MEDICAL_CAUSE = {"trajectories.absence_cause_id", "absence_cause_characteristics.absence_cause_id"}


def test_no_column_for_medical_content(db):
    forbidden = ("diagnos", "medic", "medisch", "cause", "oorzaak", "klacht", "symptom", "illness", "disease")
    columns = {f"{t.name}.{c.name}": c for t in db.metadata.sorted_tables for c in t.columns}
    assert len(columns) > 100
    flagged = {name for name in columns if any(word in name.split(".")[1].lower() for word in forbidden)}
    assert flagged - NON_MEDICAL_CAUSE == set()
    for name in NON_MEDICAL_CAUSE:
        assert {fk.column.table.name for fk in columns[name].foreign_keys} == {"absence_causes"}, name


def test_log_book_is_append_only(db):
    from casework.logbook import SYSTEM, log

    entry = log(SYSTEM, dt.datetime(2026, 3, 2, 9, 0), "test.logged", "Iets gedaan")
    db.session.flush()
    with pytest.raises((IntegrityError, sa.exc.DatabaseError)), db.session.begin_nested():
        db.session.execute(
            sa.text("UPDATE log_entries SET message = 'anders' WHERE id = :id"), {"id": entry.id}
        )
    db.session.expire_all()
    assert db.session.get(type(entry), entry.id).message == "Iets gedaan"
