"""What Slack's limits change for a user: long searches page, App Home pages, programme options keep the price."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.logbook import Actor
from casework.process import start_trajectory
from models import Employee, Task, TrajectoryTemplate


@pytest.fixture
def many(db, casemanager, create_employer):
    """Factory: n employees named Bakker in the case manager's caseload, at one employer."""

    def make(n: int) -> list[Employee]:
        employer = create_employer(name="Bouw & Zonen B.V.")
        people = [
            Employee(
                employer=employer,
                personnel_number=f"B{i:05d}",
                first_name=f"Piet{i:03d}",
                last_name="Bakker",
                case_manager=casemanager,
                daily_wage=Decimal("150.00"),
            )
            for i in range(n)
        ]
        db.session.add_all(people)
        db.session.flush()
        return people

    return make


def _blocks(call) -> list[dict]:
    blocks = call.body.get("blocks")
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def test_a_search_of_more_than_500_shows_a_page_the_cap_and_the_console(ui, fake_slack, casemanager, many):
    many(501)
    ui.command(casemanager.slack_user_id, "zoek bakker")
    [call] = fake_slack.calls("chat.postEphemeral")
    blocks = _blocks(call)
    assert len(blocks) <= 50
    rows = [b for b in blocks if b.get("accessory", {}).get("action_id") == "start.open"]
    assert len(rows) == 20 and rows[0]["text"]["text"] == "Piet000 Bakker (Bouw &amp; Zonen B.V.)"
    footer = next(b for b in blocks if b["type"] == "context")["elements"][0]["text"]
    assert "1–20 van meer dan 500" in footer
    assert "Meer dan 500 resultaten; verfijn de zoekopdracht." in footer
    assert "<http://127.0.0.1:5000/admin/dossiers/?q=bakker|Dezelfde zoekopdracht in de console>" in footer
    assert call.body["text"] == "Meer dan 500 resultaten; verfijn de zoekopdracht."
    more = next(b for b in blocks if b["type"] == "actions")["elements"][0]
    assert more["text"]["text"] == "Meer tonen"

    ui.click(casemanager.slack_user_id, more["action_id"], more["value"])
    [page2] = fake_slack.calls("chat.postMessage")
    rows = [b for b in _blocks(page2) if b.get("accessory", {}).get("action_id") == "start.open"]
    assert rows[0]["text"]["text"].startswith("Piet020 Bakker") and len(rows) == 20
    assert "21–40 van meer dan 500" in json.dumps(_blocks(page2), ensure_ascii=False)


def test_a_bsn_is_never_echoed(ui, fake_slack, casemanager, create_employee):
    create_employee(last_name="Jansen", case_manager=casemanager, bsn="111222333")
    ui.command(casemanager.slack_user_id, "zoek 111222333")
    ui.command(casemanager.slack_user_id, "zoek 123456782")
    ui.command(casemanager.slack_user_id, "dossier 123456782")
    sent = json.dumps([c.body for c in fake_slack.calls()])
    assert "111222333" not in sent and "123456782" not in sent
    assert "Anna Jansen" in sent  # found by BSN, named by name only
    assert ui.texts()[-1] == "Geen werknemer gevonden voor het opgegeven nummer."


def test_typed_names_cannot_link_or_mention(ui, fake_slack, casemanager, create_employee, create_employer):
    employer = create_employer(name="<!channel> & Co")
    create_employee(
        first_name="Evil",
        last_name="<https://evil.example|klik>",
        employer=employer,
        case_manager=casemanager,
    )
    ui.command(casemanager.slack_user_id, "zoek evil")
    sent = json.dumps([c.body for c in fake_slack.calls("chat.postEphemeral")])
    assert "<!channel>" not in sent and "<https://evil" not in sent
    assert "&lt;!channel&gt; &amp; Co" in sent and "&lt;https://evil.example|klik&gt;" in sent


def test_app_home_with_many_tasks_pages_and_keeps_every_close_button(
    post, fake_slack, db, casemanager, many, now
):
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    for person in many(25):
        start_trajectory(person, template, actor=Actor(casemanager), now=now - dt.timedelta(days=9))
    tasks = db.session.scalar(
        sa.select(sa.func.count()).select_from(Task).where(Task.assignee_id == casemanager.id)
    )
    assert tasks >= 25
    event = {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": "EvHomeMany",
        "event": {"type": "app_home_opened", "user": casemanager.slack_user_id, "tab": "home"},
    }
    post(event=event)
    [call] = fake_slack.calls("views.publish")
    view = json.loads(call.body["view"]) if isinstance(call.body["view"], str) else call.body["view"]
    blocks = view["blocks"]
    assert len(blocks) <= 100
    summaries = [b["elements"][0]["text"] for b in blocks if b["type"] == "context"]
    assert summaries[0] == f"1–10 van {tasks} open taken, waarvan {tasks} te laat"
    assert summaries[2] == "1–10 van 25 open trajecten"
    closes = [
        e
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "trajectory.close"
    ]
    assert len(closes) == 10
    pager = next(b for b in blocks if b.get("block_id") == "page-trajectories")["elements"]
    assert [e["text"]["text"] for e in pager] == ["Volgende"]

    payload = {
        "type": "block_actions",
        "user": {"id": casemanager.slack_user_id},
        "team": {"id": "T1"},
        "view": view,
        "actions": [{**pager[0], "type": "button"}],
    }
    post({"payload": json.dumps(payload)})
    call = fake_slack.calls("views.publish")[-1]
    view = json.loads(call.body["view"]) if isinstance(call.body["view"], str) else call.body["view"]
    summaries = [b["elements"][0]["text"] for b in view["blocks"] if b["type"] == "context"]
    assert summaries[0].startswith("1–10 van") and summaries[2] == "11–20 van 25 open trajecten"
    pager = next(b for b in view["blocks"] if b.get("block_id") == "page-trajectories")["elements"]
    assert [e["text"]["text"] for e in pager] == ["Vorige", "Volgende"]


def test_programme_options_keep_name_and_price_and_show_details(
    ui, db, casemanager, create_employee, create_programme, clock
):
    from tests.bot.test_process import open_task

    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    long_name = "Uitgebreid re-integratietraject met loopbaancoaching, mediation en nazorg voor werkgever"
    create_programme(name=long_name, price="12450.00", duration_weeks=12, provider=None)
    uid = casemanager.slack_user_id
    ui.command(uid, "start jansen")
    ui.submit(uid, ui.last_modal(), {"Traject": "Inzet interventie"})
    task = open_task(db, employee, "T1")
    from casework.process import complete_task
    from models import Category, EndGoal

    complete_task(
        task,
        {
            "category_id": db.session.scalar(sa.select(Category.id)),
            "end_goal_id": db.session.scalar(sa.select(EndGoal.id)),
        },
        actor=Actor(casemanager),
        now=clock.now,
    )
    ui.click(uid, "task.open", str(open_task(db, employee, "T2").id))
    view = ui.last_modal()
    select = next(b for b in view["blocks"] if b.get("block_id") == "programme_id")["element"]
    [shown] = [o for o in select["options"] if o["text"]["text"].startswith("Uitgebreid")]
    assert len(shown["text"]["text"]) <= 75 and shown["text"]["text"].endswith("… — € 12.450,00")
    assert shown["description"]["text"].endswith(", 12 wk")
    ui.change(uid, view, {"Programma": "Uitgebreid"}, "Programma")
    details = json.dumps(ui.last_modal()["blocks"], ensure_ascii=False)
    assert long_name in details and "Prijs: € 12.450,00 · Looptijd: 12 weken" in details


def test_taken_with_many_tasks_fits_one_message(ui, fake_slack, db, casemanager, many, now):
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    for person in many(60):  # one block each was 61 blocks: Slack refused the whole answer
        start_trajectory(person, template, actor=Actor(casemanager), now=now - dt.timedelta(days=9))
    ui.command(casemanager.slack_user_id, "taken")
    [call] = fake_slack.calls("chat.postEphemeral")
    blocks = _blocks(call)
    assert len(blocks) <= 50
    assert blocks[-1]["elements"][0]["text"] == "De eerste 40 van 60; alle taken staan in App Home."
    assert call.body["text"] == "Je hebt 60 open taken."


def test_taken_reads_the_first_page_only_in_a_few_statements(db, casemanager, many, now):
    """`/traject taken` counts in the database and loads the 40 lines it shows with their employees, instead of
    every open task of the caseload with a statement per line (issue 15: 5,000 tasks cost 0.27 s a command)."""
    from bot.replies import tasks_reply
    from casework.calendar import local_day

    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    for person in many(60):
        start_trajectory(person, template, actor=Actor(casemanager), now=now - dt.timedelta(days=9))
    db.session.flush()
    db.session.expire_all()  # nothing loaded yet, as in a fresh interaction
    statements: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        if "SAVEPOINT" not in statement.upper():
            statements.append(statement)

    connection = db.session.connection()
    sa.event.listen(connection, "before_cursor_execute", remember)
    try:
        reply = tasks_reply(casemanager, local_day(now))
    finally:
        sa.event.remove(connection, "before_cursor_execute", remember)
    assert reply.text == "Je hebt 60 open taken."
    lines = [
        b["text"]["text"] for b in reply.blocks if b.get("accessory", {}).get("action_id") == "task.open"
    ]
    assert len(lines) == 40 and all("Bakker (Bouw &amp; Zonen B.V.)" in line for line in lines)
    assert len(statements) <= 4, statements  # own tasks, the count, the page (and the user, if expired)


def test_a_submission_that_waited_for_a_thread_is_due_when_the_request_came_in():
    """A modal's late acknowledgement counts from when the request came in, not from when its listener got a
    thread of the pool: one that waited past ACK_WITHIN closes the modal at once (its outcome goes by message)."""
    import threading
    import time

    from bot.listeners.views import ACK_WITHIN, _LateAck

    acked = threading.Event()
    waited = _LateAck(lambda **answer: acked.set(), received_at=time.monotonic() - ACK_WITHIN - 1)
    assert waited._timer.interval == 0.0
    assert acked.wait(timeout=60)
    assert waited.answer({"response_action": "clear"}) is True  # closed already: the answer goes by message
    fresh = _LateAck(lambda **answer: None, received_at=time.monotonic())
    assert 0 < fresh._timer.interval <= ACK_WITHIN
    assert fresh.answer({}) is False
