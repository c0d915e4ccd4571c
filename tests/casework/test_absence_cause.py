"""The non-medical cause of absence (seed 002): a configurable list linked to characteristics, recorded at T1,
so T2's programme search starts on what fits the cause. Never a medical field."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from casework.errors import Invalid
from casework.logbook import Actor
from casework.process import complete_task, start_trajectory
from casework.search import absence_causes, cause_characteristic_ids, search_programmes
from casework.seed import load_seed_configuration
from models import AbsenceCause, Characteristic, Task, TrajectoryTemplate


def cause(db, name: str) -> AbsenceCause:
    return db.session.scalar(sa.select(AbsenceCause).where(AbsenceCause.name == name))


def characteristic(db, name: str) -> Characteristic:
    return db.session.scalar(sa.select(Characteristic).where(Characteristic.name == name))


def test_the_seed_lists_the_causes_of_seed_002_with_their_characteristics(db):
    names = [name for name, _ in absence_causes()]
    assert names[:6] == [
        "Werkgerelateerd",
        "Privé-omstandigheden",
        "Financiële zorgen",
        "Conflict",
        "Kennis en vaardigheden",
        "Mantelzorg",
    ]
    assert [c.name for c in cause(db, "Conflict").characteristics] == ["Mediation"]
    assert [c.name for c in cause(db, "Financiële zorgen").characteristics] == ["Budgetcoaching"]
    assert not {"diagnose", "medisch"} & {n.lower() for n in names}


def test_init_again_keeps_what_the_administrator_changed(db, now):
    conflict = cause(db, "Conflict")
    conflict.name, conflict.characteristics = "Arbeidsconflict", []
    mantelzorg = cause(db, "Mantelzorg")
    mantelzorg.active = False
    db.session.flush()
    before = db.session.scalar(sa.select(sa.func.count()).select_from(AbsenceCause))
    report = load_seed_configuration(now)
    assert report.created.get("absence cause", 0) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AbsenceCause)) == before
    assert cause(db, "Conflict") is None and cause(db, "Arbeidsconflict").characteristics == []
    assert mantelzorg.active is False and "Mantelzorg" not in [n for n, _ in absence_causes()]


def test_init_adds_the_list_to_a_database_that_lacks_it(db, now):
    from models import SeedRecord
    from models.catalog import absence_cause_characteristics

    db.session.execute(sa.delete(SeedRecord).where(SeedRecord.kind == "absence cause"))
    db.session.execute(sa.delete(absence_cause_characteristics))
    db.session.execute(sa.delete(AbsenceCause))
    db.session.flush()
    report = load_seed_configuration(now)
    assert report.created["absence cause"] == 9
    assert [c.name for c in cause(db, "Conflict").characteristics] == ["Mediation"]


def test_only_active_characteristics_of_the_cause_prefilter(db):
    conflict = cause(db, "Conflict")
    mediation = characteristic(db, "Mediation")
    assert cause_characteristic_ids(conflict) == [mediation.id]
    mediation.active = False
    db.session.flush()
    assert cause_characteristic_ids(conflict) == [] and cause_characteristic_ids(None) == []


@pytest.fixture
def t1(db, create_employee, create_sick_report, casemanager, now) -> Task:
    """The open T1 of a new "Inzet interventie" trajectory."""
    employee = create_employee(case_manager=casemanager)
    create_sick_report(employee)
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = start_trajectory(employee, template, actor=Actor(casemanager), now=now)
    return next(t for t in trajectory.tasks if t.key == "T1")


def t1_result(db, cause_id: object) -> dict[str, object]:
    from models import Category, EndGoal

    return {
        "category_id": db.session.scalar(sa.select(Category.id).where(Category.service_type_id.is_(None))),
        "end_goal_id": db.session.scalar(sa.select(EndGoal.id)),
        "absence_cause_id": cause_id,
    }


def test_t1_records_the_cause_on_the_trajectory(db, t1, casemanager, now, create_programme):
    create_programme(name="Mediation Midden", characteristics=("Mediation",))
    create_programme(name="Budgetplan", characteristics=("Budgetcoaching",))
    conflict = cause(db, "Conflict")
    complete_task(t1, t1_result(db, conflict.id), actor=Actor(casemanager), now=now)
    assert t1.trajectory.absence_cause == conflict and t1.result["absence_cause_id"] == conflict.id
    marks = cause_characteristic_ids(t1.trajectory.absence_cause)
    found = search_programmes(service_type_id=None, region_ids=[], characteristic_ids=marks)
    assert [m.name for m in found] == ["Mediation Midden"]


def test_t1_refuses_an_unknown_or_inactive_cause_and_a_medical_field(db, t1, casemanager, now):
    mantelzorg = cause(db, "Mantelzorg")
    mantelzorg.active = False
    db.session.flush()
    for data, field, message in (
        (t1_result(db, mantelzorg.id), "absence_cause_id", "Kies een bestaande, actieve verzuimoorzaak."),
        (t1_result(db, 999_999), "absence_cause_id", "Kies een bestaande, actieve verzuimoorzaak."),
        (t1_result(db, "stress"), "absence_cause_id", "Kies een verzuimoorzaak uit de lijst."),
        ({**t1_result(db, None), "diagnose": "burn-out"}, "diagnose", "Onbekend veld."),
    ):
        with pytest.raises(Invalid) as refused:
            complete_task(t1, data, actor=Actor(casemanager), now=now)
        assert field in refused.value.errors, refused.value.errors
        assert refused.value.errors[field] == message
        assert t1.status.value == "open" and t1.trajectory.absence_cause is None
