"""Cost/benefit (SPEC §4): the formula in Decimal, recording it on a trajectory, and its input schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from marshmallow import ValidationError

from casework.costbenefit import (
    MAX_DAYS,
    MAX_MONEY,
    CostBenefitInput,
    compute_cost_benefit,
    format_euro,
    record_cost_benefit,
    suggested_inputs,
)
from casework.errors import Invalid
from casework.logbook import Actor
from models import (
    CostBenefit,
    EndReason,
    LogEntry,
    TaskKind,
    Trajectory,
    TrajectoryStatus,
    TrajectoryTemplate,
)

D = Decimal
EXAMPLE = {
    "reduction_days": D("20"),
    "dossier_cost": D("300"),
    "daily_wage": D("215.50"),
    "programme_price": D("2450"),
}


@pytest.fixture
def trajectory(db, create_employee, casemanager, create_programme) -> Trajectory:
    """An open trajectory of an employee earning € 215,50 a day, with a programme of € 2.450 chosen."""
    template = db.session.scalars(sa.select(TrajectoryTemplate).order_by(TrajectoryTemplate.id)).first()
    employee = create_employee(daily_wage=D("215.50"), case_manager=casemanager)
    trajectory = Trajectory(
        template=template,
        employee=employee,
        case_manager=casemanager,
        started_on=dt.date(2026, 2, 2),
        programme=create_programme(price="2450.00"),
    )
    db.session.add(trajectory)
    db.session.flush()
    return trajectory


@pytest.fixture
def actor(casemanager) -> Actor:
    """The case manager acting."""
    return Actor(casemanager)


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# ---- the formula ---------------------------------------------------------------------------------------


def test_worked_example_by_hand():
    figures = compute_cost_benefit(**EXAMPLE)
    assert figures.gross_benefit == D("4310.00")  # 20 × 215,50
    assert figures.cost == D("2750.00")  # 2.450 + 300
    assert figures.net_benefit == D("1560.00")
    assert figures.ratio == D("1.57")  # 4.310 / 2.750 = 1,567…
    assert figures.expected_benefit == figures.net_benefit
    assert str(figures.gross_benefit) == "4310.00" and str(figures.ratio) == "1.57"


def test_inputs_are_kept_rounded_as_stored():
    figures = compute_cost_benefit(
        reduction_days=D("12.25"), dossier_cost=D("99.995"), daily_wage=D("100"), programme_price=D("0")
    )
    assert (figures.reduction_days, figures.dossier_cost, figures.daily_wage) == (
        D("12.3"),
        D("100.00"),
        D("100.00"),
    )
    assert figures.gross_benefit == D("1230.00")  # the stored inputs reproduce the stored figures


def test_rounding_is_half_up_not_bankers():
    tiny = compute_cost_benefit(
        reduction_days=D("0.5"), dossier_cost=D("1"), daily_wage=D("0.01"), programme_price=D("0")
    )
    assert tiny.gross_benefit == D("0.01")  # 0,005 rounds up; banker's rounding would give 0,00
    ratio = compute_cost_benefit(
        reduction_days=D("1"), dossier_cost=D("0"), daily_wage=D("9"), programme_price=D("8")
    )
    assert ratio.ratio == D("1.13")  # 9 / 8 = 1,125


def test_net_benefit_may_be_negative():
    figures = compute_cost_benefit(
        reduction_days=D("2"), dossier_cost=D("300"), daily_wage=D("200"), programme_price=D("2450")
    )
    assert figures.net_benefit == D("-2350.00")
    assert figures.ratio == D("0.15")


def test_ratio_is_none_when_nothing_costs_anything():
    figures = compute_cost_benefit(
        reduction_days=D("10"), dossier_cost=D("0"), daily_wage=D("200"), programme_price=D("0")
    )
    assert figures.cost == D("0.00") and figures.ratio is None
    assert figures.net_benefit == D("2000.00")


@pytest.mark.parametrize("field", sorted(EXAMPLE))
def test_negative_input_is_refused_naming_the_field(field):
    with pytest.raises(Invalid) as error:
        compute_cost_benefit(**{**EXAMPLE, field: D("-0.01")})
    assert list(error.value.errors) == [field]
    assert "negatief" in error.value.errors[field]


@pytest.mark.parametrize("field", sorted(EXAMPLE))
def test_too_large_or_not_a_number_is_refused(field):
    with pytest.raises(Invalid) as error:
        compute_cost_benefit(**{**EXAMPLE, field: (MAX_DAYS if field == "reduction_days" else MAX_MONEY) + 1})
    assert list(error.value.errors) == [field]
    with pytest.raises(Invalid):
        compute_cost_benefit(**{**EXAMPLE, field: D("NaN")})


def test_float_is_never_accepted():
    with pytest.raises(TypeError):
        compute_cost_benefit(**{**EXAMPLE, "daily_wage": 215.5})


days = st.decimals(min_value=0, max_value=MAX_DAYS, places=1, allow_nan=False, allow_infinity=False)
money = st.decimals(min_value=0, max_value=MAX_MONEY, places=2, allow_nan=False, allow_infinity=False)


@given(days, money, money, money)
def test_properties_hold_for_any_inputs(reduction, dossier, wage, price):
    figures = compute_cost_benefit(
        reduction_days=reduction, dossier_cost=dossier, daily_wage=wage, programme_price=price
    )
    results = [figures.gross_benefit, figures.cost, figures.net_benefit, figures.expected_benefit]
    for value in [*results, figures.reduction_days, figures.dossier_cost, figures.daily_wage]:
        assert type(value) is Decimal
    assert all(value.as_tuple().exponent == -2 for value in results)
    assert figures.net_benefit == figures.gross_benefit - figures.cost
    assert figures.cost == price + dossier
    assert abs(figures.gross_benefit - reduction * wage) <= D("0.005")
    if figures.cost:
        assert type(figures.ratio) is Decimal and figures.ratio.as_tuple().exponent == -2
        # ratio is rounded to cents, so ratio × cost is within half a cent of cost away from the gross benefit
        assert abs(figures.ratio * figures.cost - figures.gross_benefit) <= figures.cost * D("0.005")
    else:
        assert figures.ratio is None


def test_format_euro_is_dutch():
    assert format_euro(D("1560")) == "€ 1.560,00"
    assert format_euro(D("-2350.5")) == "€ -2.350,50"


# ---- recording on a trajectory -------------------------------------------------------------------------


def test_record_stores_inputs_and_figures_and_logs(db, trajectory, actor, now):
    row = record_cost_benefit(
        trajectory, **EXAMPLE, expected_benefit_override=None, override_reason="", actor=actor, now=now
    )
    stored = db.session.scalars(
        sa.select(CostBenefit).where(CostBenefit.trajectory_id == trajectory.id)
    ).one()
    db.session.expire(stored)
    assert stored is row
    assert (stored.reduction_days, stored.daily_wage, stored.programme_price, stored.dossier_cost) == (
        D("20.0"),
        D("215.50"),
        D("2450.00"),
        D("300.00"),
    )
    assert (stored.gross_benefit, stored.cost, stored.net_benefit, stored.ratio) == (
        D("4310.00"),
        D("2750.00"),
        D("1560.00"),
        D("1.57"),
    )
    assert stored.expected_benefit_computed == D("1560.00")
    assert stored.expected_benefit_override is None and stored.expected_benefit == D("1560.00")
    assert stored.computed_at == now
    entry = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "cost_benefit.recorded")).one()
    assert entry.trajectory_id == trajectory.id and entry.employee_id == trajectory.employee_id
    assert entry.actor_id == actor.user_id
    assert entry.message == "Kosten/baten-analyse vastgelegd: netto baten € 1.560,00"
    assert entry.details["net_benefit"] == "1560.00" and entry.details["ratio"] == "1.57"
    assert entry.details["replaced"] is False


def test_override_is_kept_beside_the_computed_value(db, trajectory, actor, now):
    record_cost_benefit(
        trajectory,
        **EXAMPLE,
        expected_benefit_override=D("1200.004"),
        override_reason="Werkgever verwacht minder reductie.",
        actor=actor,
        now=now,
    )
    stored = db.session.scalars(sa.select(CostBenefit)).one()
    db.session.expire(stored)
    assert stored.expected_benefit_computed == D("1560.00")
    assert stored.expected_benefit_override == D("1200.00")
    assert stored.expected_benefit == D("1200.00")
    assert stored.override_reason == "Werkgever verwacht minder reductie."
    entry = db.session.scalars(sa.select(LogEntry).where(LogEntry.action == "cost_benefit.recorded")).one()
    assert "verwachte baten aangepast naar € 1.200,00" in entry.message
    assert entry.details["expected_benefit_override"] == "1200.00"


def test_recording_again_replaces_the_one_row(db, trajectory, actor, now):
    first = record_cost_benefit(
        trajectory,
        **EXAMPLE,
        expected_benefit_override=D("1"),
        override_reason="Eerste schatting.",
        actor=actor,
        now=now,
    )
    later = now + dt.timedelta(days=1)
    second = record_cost_benefit(
        trajectory,
        **{**EXAMPLE, "reduction_days": D("10")},
        expected_benefit_override=None,
        override_reason="",
        actor=actor,
        now=later,
    )
    assert second.id == first.id
    assert _count(db, CostBenefit) == 1
    stored = db.session.scalars(sa.select(CostBenefit)).one()
    db.session.expire(stored)
    assert stored.gross_benefit == D("2155.00") and stored.net_benefit == D("-595.00")
    assert stored.expected_benefit_override is None and stored.override_reason == ""
    assert stored.computed_at == later
    entries = db.session.scalars(
        sa.select(LogEntry).where(LogEntry.action == "cost_benefit.recorded").order_by(LogEntry.id)
    ).all()
    assert [e.details["replaced"] for e in entries] == [False, True]


def _refused(db, trajectory, actor, now, **changes) -> Invalid:
    before = (_count(db, CostBenefit), _count(db, LogEntry))
    arguments = {**EXAMPLE, "expected_benefit_override": None, "override_reason": "", **changes}
    with pytest.raises(Invalid) as error:
        record_cost_benefit(trajectory, **arguments, actor=actor, now=now)
    assert (_count(db, CostBenefit), _count(db, LogEntry)) == before
    return error.value


def test_override_without_reason_is_refused_and_changes_nothing(db, trajectory, actor, now):
    error = _refused(db, trajectory, actor, now, expected_benefit_override=D("1000"), override_reason="  ")
    assert list(error.errors) == ["override_reason"]


def test_negative_input_is_refused_and_changes_nothing(db, trajectory, actor, now):
    error = _refused(db, trajectory, actor, now, daily_wage=D("-1"))
    assert list(error.errors) == ["daily_wage"]


def test_refused_replacement_keeps_the_earlier_analysis(db, trajectory, actor, now):
    record_cost_benefit(
        trajectory, **EXAMPLE, expected_benefit_override=None, override_reason="", actor=actor, now=now
    )
    _refused(db, trajectory, actor, now, programme_price=D("-5"))
    stored = db.session.scalars(sa.select(CostBenefit)).one()
    db.session.expire(stored)
    assert stored.programme_price == D("2450.00") and stored.net_benefit == D("1560.00")


def test_closed_trajectory_is_refused(db, trajectory, actor, now):
    reason = db.session.scalars(sa.select(EndReason)).first()
    trajectory.status, trajectory.closed_on, trajectory.end_reason = (
        TrajectoryStatus.CLOSED,
        dt.date(2026, 3, 1),
        reason,
    )
    db.session.flush()
    error = _refused(db, trajectory, actor, now)
    assert list(error.errors) == ["trajectory"]


def test_suggested_inputs_come_from_employee_and_programme(db, trajectory, actor, now):
    assert suggested_inputs(trajectory) == {
        "reduction_days": None,
        "dossier_cost": None,
        "daily_wage": D("215.50"),
        "programme_price": D("2450.00"),
    }
    record_cost_benefit(
        trajectory,
        **{**EXAMPLE, "daily_wage": D("230")},
        expected_benefit_override=None,
        override_reason="",
        actor=actor,
        now=now,
    )
    assert suggested_inputs(trajectory)["daily_wage"] == D("230.00")
    assert trajectory.employee.daily_wage == D("215.50")  # editable in the analysis only


# ---- the input schema ----------------------------------------------------------------------------------


def test_schema_reads_dutch_and_plain_notation():
    loaded = CostBenefitInput().load(
        {
            "reduction_days": "20,25",
            "dossier_cost": "€ 300",
            "daily_wage": "215,505",
            "programme_price": "2.450",
            "expected_benefit": "1.234,56",
            "override_reason": "Eigen inschatting",
        }
    )
    assert loaded["reduction_days"] == D("20.3")
    assert loaded["dossier_cost"] == D("300.00")
    assert loaded["daily_wage"] == D("215.51")  # half up
    assert loaded["programme_price"] == D("2450.00")
    assert loaded["expected_benefit"] == D("1234.56")
    assert all(type(v) is Decimal for k, v in loaded.items() if k not in ("override_reason", "remark"))
    plain = CostBenefitInput().load(
        {"reduction_days": 20, "dossier_cost": "300.00", "daily_wage": "215.50", "programme_price": "2450.00"}
    )
    assert plain["expected_benefit"] is None and plain["override_reason"] == ""
    assert compute_cost_benefit(**{k: plain[k] for k in EXAMPLE}).net_benefit == D("1560.00")


def _messages(data) -> dict:
    with pytest.raises(ValidationError) as error:
        CostBenefitInput().load(data)
    return error.value.messages


def test_schema_messages_are_dutch():
    assert _messages({}) == {name: ["Dit veld is verplicht."] for name in EXAMPLE}
    messages = _messages(
        {**{k: str(v) for k, v in EXAMPLE.items()}, "daily_wage": "veel", "dossier_cost": "-1"}
    )
    assert messages == {
        "daily_wage": ["Geef een bedrag, bijvoorbeeld 215,50."],
        "dossier_cost": ["Mag niet negatief zijn."],
    }
    assert _messages({**{k: str(v) for k, v in EXAMPLE.items()}, "programme_price": "NaN"}) == {
        "programme_price": ["Geef een bedrag."]
    }


def test_schema_wants_a_reason_with_an_override():
    data = {**{k: str(v) for k, v in EXAMPLE.items()}, "expected_benefit": "1000"}
    assert _messages(data) == {
        "override_reason": ["Geef een reden waarom u de berekende verwachte baten aanpast."]
    }


def test_schema_refuses_unknown_fields():
    assert "diagnose" in _messages({**{k: str(v) for k, v in EXAMPLE.items()}, "diagnose": "x"})


def test_task_result_for_t3_uses_the_schema(now):
    from casework.taskresults import load_result

    loaded = load_result(TaskKind.COST_BENEFIT, {k: str(v) for k, v in EXAMPLE.items()}, today=now.date())
    assert loaded["daily_wage"] == D("215.50")
    with pytest.raises(Invalid) as error:
        load_result(TaskKind.COST_BENEFIT, {"reduction_days": "-3"}, today=now.date())
    assert error.value.errors["reduction_days"] == "Mag niet negatief zijn."
    assert error.value.errors["daily_wage"] == "Dit veld is verplicht."
