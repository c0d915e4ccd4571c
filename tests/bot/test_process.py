"""The whole "Inzet interventie" process in Slack, from `/traject start` to the closed trajectory."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from models import Category, EndGoal, Task, TaskStatus, Trajectory, TrajectoryStatus

BSN = "111222333"


@pytest.fixture
def case(db, casemanager, create_employee, create_sick_report, create_programme):
    """Jansen in the case manager's caseload, sick, with a programme in Utrecht to choose."""
    employee = create_employee(last_name="Jansen", case_manager=casemanager, bsn=BSN)
    create_sick_report(employee)
    create_programme(name="Mediation Utrecht", regions=("Utrecht",), price="2450.00", duration_weeks=8)
    create_programme(name="Coaching Limburg", regions=("Limburg",), price="900.00")
    return employee


def labels(view) -> list[str]:
    return [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]


def open_task(db, employee, key: str) -> Task:
    return db.session.scalars(
        sa.select(Task)
        .join(Trajectory)
        .where(Trajectory.employee_id == employee.id, Task.key == key, Task.status == TaskStatus.OPEN)
    ).one()


def run_until_approval(ui, db, clock, uid: str, employee) -> Trajectory:
    ui.command(uid, "start jansen")
    assert ui.submit(uid, ui.last_modal(), {"Traject": "Inzet interventie"}).status_code == 200
    trajectory = db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employee.id))

    clock.advance(1)
    ui.click(uid, "task.open", str(open_task(db, employee, "T1").id))
    category = db.session.scalars(sa.select(Category.name).order_by(Category.name)).first()
    goal = db.session.scalars(sa.select(EndGoal.name).order_by(EndGoal.name)).first()
    answers = {"Categorie": category, "Einddoel": goal, "Verzuimmelding": "Eerste ziektedag"}
    assert ui.submit(uid, ui.last_modal(), answers).get_data() == b""
    assert trajectory.category.name == category and trajectory.sick_report is not None

    clock.advance(1)
    ui.click(uid, "task.open", str(open_task(db, employee, "T2").id))
    view = ui.last_modal()
    options = [
        o["text"]["text"]
        for b in view["blocks"]
        if b.get("block_id") == "programme_id"
        for o in b["element"]["options"]
    ]
    assert any(o.startswith("Coaching Limburg") for o in options)
    ui.change(uid, view, {"Regio's": ["Utrecht"]}, "Regio's")  # the result list updates in place
    view = ui.last_modal()
    options = [
        o["text"]["text"]
        for b in view["blocks"]
        if b.get("block_id") == "programme_id"
        for o in b["element"]["options"]
    ]
    assert options[0].startswith("Mediation Utrecht") and not any(o.startswith("Coaching") for o in options)
    ui.submit(uid, view, {"Regio's": ["Utrecht"], "Programma": "Mediation Utrecht"})
    assert trajectory.programme.name == "Mediation Utrecht"

    clock.advance(1)
    ui.click(uid, "task.open", str(open_task(db, employee, "T3").id))
    figures = {
        "Reductie verzuimdagen": "20",
        "Kosten dossiertijd": "300",
        "Dagloon": "215,50",
        "Programmaprijs": "2450",
    }
    ui.change(uid, ui.last_modal(), figures, "Dagloon")
    view = ui.last_modal()
    shown = " ".join(b["text"]["text"] for b in view["blocks"] if b["type"] == "section")
    assert "Bruto baten: 20 dagen × € 215,50 = *€ 4.310,00*" in shown
    assert "Kosten: € 2.450,00 + € 300,00 = *€ 2.750,00*" in shown
    assert "Netto baten (verwachte baten): *€ 1.560,00*" in shown  # 20 × 215,50 − (2450 + 300)
    assert "Verhouding baten/kosten: *1,57*" in shown
    refused = ui.submit(uid, view, {**figures, "Dagloon": "veel"})
    assert json.loads(refused.get_data())["response_action"] == "errors"
    assert "daily_wage" in json.loads(refused.get_data())["errors"]
    assert trajectory.cost_benefit is None  # a rejected input changes nothing
    assert ui.submit(uid, view, figures).get_data() == b""
    assert str(trajectory.cost_benefit.net_benefit) == "1560.00"
    return trajectory


def test_accept_path_runs_to_a_successful_close(ui, db, clock, casemanager, case, fake_slack):
    uid = casemanager.slack_user_id
    trajectory = run_until_approval(ui, db, clock, uid, case)
    clock.advance(2)
    ui.click(uid, "task.open", str(open_task(db, case, "T4").id))
    ui.submit(uid, ui.last_modal(), {"Akkoord": "Ja"})
    clock.advance(1)
    ui.click(uid, "task.open", str(open_task(db, case, "T5").id))
    ui.submit(uid, ui.last_modal(), {})
    clock.advance(26)
    ui.click(uid, "task.open", str(open_task(db, case, "T6").id))
    assert "Conclusie" not in labels(ui.last_modal())  # a progress report holds no conclusion
    ui.submit(uid, ui.last_modal(), {"Ontvangen op": clock.now.date().isoformat()})
    clock.advance(29)
    ui.click(uid, "task.open", str(open_task(db, case, "T7").id))
    ui.submit(uid, ui.last_modal(), {"Ontvangen op": clock.now.date().isoformat(), "Conclusie": "Succesvol"})
    assert trajectory.status is TrajectoryStatus.CLOSED
    assert trajectory.end_reason.name == "Interventie succesvol afgerond"
    assert "Taak T7 Eindrapportage ontvangen afgerond." in ui.texts()
    assert all(BSN not in json.dumps(c.body) for c in fake_slack.calls())


def test_reject_path_closes_without_approval(ui, db, clock, casemanager, case, fake_slack):
    uid = casemanager.slack_user_id
    trajectory = run_until_approval(ui, db, clock, uid, case)
    clock.advance(2)
    ui.click(uid, "task.open", str(open_task(db, case, "T4").id))
    view = ui.last_modal()
    assert [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"][0] == "Akkoord"
    ui.submit(uid, view, {"Akkoord": "Nee"})
    assert trajectory.status is TrajectoryStatus.CLOSED
    assert trajectory.end_reason.name == "Traject gestopt i.v.m. geen akkoord op offerte"
    assert all(BSN not in json.dumps(c.body) for c in fake_slack.calls())


def test_optional_steps_are_skipped_with_a_reason_and_categories_follow_the_agreement(
    ui, db, clock, casemanager, case
):
    uid = casemanager.slack_user_id
    ui.command(uid, "start jansen")
    arbo = db.session.scalar(sa.select(Category).where(Category.name == "Arbo"))
    start = ui.last_modal()
    categories = [
        o["text"]["text"]
        for b in start["blocks"]
        if b["block_id"] == "category"
        for o in b["element"]["options"]
    ]
    assert "Arbo" in categories and "ZW" not in categories  # the employer's agreement is WVP only
    ui.submit(uid, start, {"Traject": "Inzet interventie", "Categorie": "Arbo"})
    trajectory = db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == case.id))
    t1 = open_task(db, case, "T1")
    ui.click(uid, "task.open", str(t1.id))
    view = ui.last_modal()
    head = view["blocks"][0]["text"]["text"]
    assert "Bij de start vastgelegd" in head and "Categorie: Arbo" in head
    category = next(b for b in view["blocks"] if b.get("block_id") == "category_id")
    assert category["optional"] is True and category["element"]["initial_option"]["text"]["text"] == "Arbo"
    skip = next(b for b in view["blocks"] if b["type"] == "actions")
    ui.click(uid, skip["elements"][0]["action_id"], skip["elements"][0]["value"], view)
    pushed = ui.last_modal()
    assert pushed["callback_id"] == "skip" and labels(pushed) == ["Reden"]
    refused = json.loads(ui.submit(uid, pushed, {"Reden": " "}).get_data() or b"{}")
    assert refused.get("response_action") == "errors" and t1.status is TaskStatus.OPEN
    answer = ui.submit(uid, pushed, {"Reden": "Alles is bij de start vastgelegd"})
    assert json.loads(answer.get_data()) == {"response_action": "clear"}
    assert t1.status is TaskStatus.SKIPPED and t1.reason == "Alles is bij de start vastgelegd"
    assert trajectory.category == arbo
    assert "Taak T1 Vastleggen traject en polis overgeslagen." in ui.texts()
    t2 = open_task(db, case, "T2")
    ui.click(uid, "task.open", str(t2.id))
    assert not [b for b in ui.last_modal()["blocks"] if b["type"] == "actions"]  # T2 is not optional
