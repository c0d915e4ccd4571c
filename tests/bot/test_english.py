"""Issue 16 item 5: a user who chose English gets English in Slack too (casework.i18n, catalogue "traject").

One case manager switches to English and walks the doors: commands, a modal with a refusal from the engine, App
Home and a reminder delivered by the scheduler. What they read is English, with none of a sample of the Dutch
sentences left; a Dutch colleague in the same run still reads Dutch (the language never leaks between users).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from jobs.outbox import deliver
from jobs.scan import scan_signals
from jobs.settings import Settings
from jobs.slack import make_client
from models import Language
from tests.bot.slackui import decoded

# Dutch a reader of English must never meet in these doors (each one is said in one of them in Dutch).
DUTCH = (
    "Wat ik kan",
    "Je hebt",
    "Dat begrijp ik niet",
    "Mijn taken",
    "Mijn signaleringen",
    "Mijn open trajecten",
    "Afronden",
    "Later herinneren",
    "Dossier openen",
    "Contact vastleggen",
    "uiterlijk",
    "te laat",
    "Taak over de deadline",
    "Lang niet gesproken",
    "is over de deadline",
    "Eerste ziektedag",
    "Vastleggen",
    "Annuleren",
    "Niet opgeslagen",
    "Er loopt al een verzuimmelding",
    "signaleringen",
    "sinds",
)


def texts(node) -> list[str]:
    """Every text a person reads in a message, view or answer (every string but ids, values and types)."""
    skipped = (
        "action_id",
        "block_id",
        "value",
        "url",
        "callback_id",
        "private_metadata",
        "type",
        "response_action",
    )
    if isinstance(node, dict):
        return [t for key, value in node.items() if key not in skipped for t in texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in texts(item)]
    return [node] if isinstance(node, str) else []


def dutch_in(*nodes) -> list[str]:
    """The sample Dutch sentences found in what was said."""
    said = " ".join(t for node in nodes for t in texts(node))
    return [d for d in DUTCH if d in said]


@pytest.fixture
def english(db, casemanager):
    """The case manager reads English."""
    casemanager.language = Language.EN
    db.session.flush()
    return casemanager


@pytest.fixture
def jansen(english, create_employee):
    return create_employee(last_name="Jansen", case_manager=english)


def bot_said(fake_slack) -> list[dict]:
    """The bodies of every message the bot posted (ephemeral or not), decoded."""
    out = []
    for call in fake_slack.calls():
        if call.method.startswith("chat.post"):
            body = dict(call.body)
            if "blocks" in body and body["blocks"] is not None:
                body["blocks"] = decoded(body["blocks"])
            out.append(body)
    return out


def test_commands_answer_in_english(ui, fake_slack, english, jansen, create_user):
    uid = english.slack_user_id
    ui.command(uid, "help")
    ui.command(uid, "tasks")
    ui.command(uid, "taken")  # the Dutch words work in English too
    ui.command(uid, "signals")
    ui.command(uid, "whatever")
    ui.command(uid, "search jansen")
    said = bot_said(fake_slack)
    plain = [s["text"] for s in said]
    assert plain[0].startswith("*What I can do* (`/traject` or a message to me):")
    assert (
        "• `tasks` / `taken` — my to-do list: own tasks (Done, In agenda) and open trajectory tasks"
        in plain[0]
    )
    assert plain[1] == plain[2] == "You have no open tasks."
    assert plain[3] == "You have no open signals."
    assert plain[4].startswith("I don't understand that. Type `help`")
    assert plain[5] == "1 employee found."
    search = said[5]["blocks"]
    assert search[0]["text"]["text"] == "*Found for \u201cjansen\u201d*"
    assert search[1]["accessory"]["text"]["text"] == "Start trajectory"
    assert dutch_in(said) == []

    # A Dutch colleague, right after, is answered in Dutch: the language belongs to the user, not the thread.
    dutch = create_user(name="Kees Nederlands")
    ui.command(dutch.slack_user_id, "taken")
    assert bot_said(fake_slack)[-1]["text"] == "Je hebt geen open taken."


def test_a_modal_and_the_engines_refusal_in_english(ui, db, english, jansen, create_sick_report):
    create_sick_report(jansen)  # since 05-01-2026
    uid = english.slack_user_id
    ui.command(uid, "sick jansen")
    view = ui.last_modal()
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels[:3] == ["First sick day", "Percentage unfit for work", "Expected recovery date"]
    assert (view["title"]["text"], view["submit"]["text"], view["close"]["text"]) == (
        "Sick report",
        "Record",
        "Cancel",
    )
    options = [
        o["text"]["text"]
        for b in view["blocks"]
        if b.get("block_id") == "work_related"
        for o in b["element"]["options"]
    ]
    assert options == ["No", "Yes"]
    response = ui.submit(uid, view, {})
    answer = json.loads(response.get_data())
    assert answer == {
        "response_action": "errors",
        "errors": {"first_sick_day": "A sick report has been open since 05-01-2026."},
    }
    assert dutch_in(view, answer) == []


@pytest.fixture
def overdue(db, english, jansen, now):
    """Jansen's "Inzet interventie" started long ago: its first task is overdue."""
    import sqlalchemy as sa

    from casework.logbook import Actor
    from casework.process import start_trajectory
    from models import TrajectoryTemplate

    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    return start_trajectory(jansen, template, actor=Actor(english), now=now - dt.timedelta(days=30))


def _home(post, user_id):
    from tests.bot.conftest import next_trigger

    return post(
        event={
            "type": "event_callback",
            "team_id": "T1",
            "event_id": f"EvHome{next_trigger()}",
            "event": {"type": "app_home_opened", "user": user_id, "tab": "home"},
        }
    )


def test_app_home_and_a_reminder_in_english(post, db, fake_slack, english, jansen, overdue, now):
    scan_signals(now)
    _home(post, english.slack_user_id)
    [call] = fake_slack.calls("views.publish")
    view = decoded(call.body["view"])
    shown = texts(view)
    assert shown[0] == "My tasks"
    assert "My signals" in shown and "My open trajectories" in shown
    task = overdue.tasks[0]
    assert any(t.startswith(f"{task.key} ") and " · due " in t and "*overdue*" in t for t in shown), shown
    assert any(t.startswith("Task past its deadline: ") for t in shown), shown
    assert {"Complete", "Remind me later (1 day)", "Remind me later (3 days)", "Open file", "Close"} <= set(
        shown
    )
    assert dutch_in(view) == []

    settings = Settings.load(
        {"TRAJECT_QUIET_HOURS": "", "TRAJECT_QUIET_WEEKENDS": "0", "TRAJECT_SLACK_RATE": "0"}
    )
    assert (
        deliver(
            make_client({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url}), now, settings
        ).messages
        == 1
    )
    reminder = [c for c in fake_slack.calls() if c.method == "chat.postMessage"][-1].body
    blocks = decoded(reminder["blocks"])
    read = texts(blocks)
    assert any(
        t.startswith("*Task past its deadline*\nTask ") and "is past its deadline of" in t for t in read
    ), read
    assert "Open file" in read and "Remind me later (7 days)" in read
    assert "You have" in reminder["text"] or "is past its deadline of" in reminder["text"]
    assert dutch_in(blocks, {"text": reminder["text"]}) == []


def test_a_snooze_button_answers_in_english(ui, db, fake_slack, english, jansen, overdue, now):
    import sqlalchemy as sa

    from bot.reminders import ACTION_SNOOZE
    from models import Signal

    scan_signals(now)
    signal = db.session.scalar(sa.select(Signal).where(Signal.kind == "task_overdue"))
    ui.click(english.slack_user_id, f"{ACTION_SNOOZE}.3", f"{signal.id}:3")
    day = f"{now.date() + dt.timedelta(days=3):%d-%m-%Y}"
    assert ui.texts()[-1] == f"I will remind you of this signal again on {day}."
    ui.click(english.slack_user_id, f"{ACTION_SNOOZE}.3", f"{signal.id}:40")
    assert ui.texts()[-1] == "Choose 1 to 30 days."  # the engine's refusal, in the reader's language


def test_own_tasks_in_english(ui, db, fake_slack, english, jansen, now):
    from casework.agenda_tasks import create_task
    from casework.logbook import Actor

    create_task(
        {"title": "Bel de werkgever", "employee_id": jansen.id, "due_date": "2026-01-02"},
        actor=Actor(english),
        now=now,
    )
    db.session.flush()
    ui.command(english.slack_user_id, "tasks")
    said = bot_said(fake_slack)
    task_texts = " ".join(texts(said[0]["blocks"]))
    assert "*Bel de werkgever*" in task_texts and "due 02-01-2026 — *overdue*" in task_texts
    assert "Done" in task_texts and "New task" in task_texts and "Afgerond" not in task_texts
    assert dutch_in(said) == []
