"""`/traject agenda`, the held / no-show buttons and today's consults in App Home, against the strict fake Slack."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from bot.agenda import ACTION_HELD, ACTION_INVITE, ACTION_NO_SHOW
from casework.agenda import add_availability
from casework.consults import create_consult, plan_consult
from casework.logbook import Actor
from models import Consult, ConsultStatus, Contact, Document
from tests.bot.conftest import next_trigger


@pytest.fixture
def day(db, agenda, casemanager, weekly_availability, now):
    """Two consults today (Monday 2 March): 09:00 (started; NOW is 10:30 local) and 11:00 (not yet)."""
    yesterday = now - dt.timedelta(days=1)
    add_availability(weekly_availability(), actor=Actor(casemanager), now=yesterday)
    made = []
    for hour in (9, 11):
        consult = create_consult(
            agenda.employee,
            {"consult_type_id": agenda.consult_type.id},
            actor=Actor(casemanager),
            now=yesterday,
        )
        plan_consult(
            consult, {"starts_at": f"2026-03-02T{hour:02d}:00"}, actor=Actor(casemanager), now=yesterday
        )
        made.append(consult)
    db.session.flush()
    return made


def _blocks(call) -> list[dict]:
    blocks = call.body.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def _texts(blocks) -> list[str]:
    out = []
    for b in blocks:
        if "text" in b:
            out.append(b["text"]["text"])
        for e in b.get("elements", []):
            if e.get("type") == "mrkdwn":
                out.append(e["text"])
    return out


def test_agenda_today_lists_consults_with_buttons_for_the_started_one(
    ui, fake_slack, casemanager, day, agenda
):
    ui.command(casemanager.slack_user_id, "agenda")
    blocks = _blocks(fake_slack.calls("chat.postEphemeral")[-1])
    texts = _texts(blocks)
    assert texts[0] == "Mijn agenda vandaag"
    assert texts[1].startswith("*ma 2-3 09:00–09:45* Spreekuur · Anna Jansen") and "Ingepland" in texts[1]
    assert texts[2].startswith("*ma 2-3 11:00–11:45*")
    assert "1 gesprek nog af te melden." in texts
    buttons = [(e["action_id"], e["value"]) for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == [
        (ACTION_HELD, str(day[0].id)),
        (ACTION_NO_SHOW, str(day[0].id)),
        (ACTION_INVITE, str(day[1].id)),  # planned, not started: its invitation letter
    ]


def test_the_invitation_button_makes_the_letter_in_the_dossier(ui, db, casemanager, day):
    from casework.dossier import dossier_documents

    ui.click(casemanager.slack_user_id, ACTION_INVITE, str(day[1].id))
    answer = ui.texts()[-1]
    name = day[1].employee.full_name
    assert answer.startswith(f"Uitnodiging gemaakt: Uitnodiging spreekuur op 02-03-2026 – {name}. Ze staat")
    assert f"/admin/dossiers/{day[1].employee_id}/#documents|het dossier>" in answer
    (document,) = db.session.scalars(dossier_documents(day[1].employee_id))
    assert document.consult_id == day[1].id and "van 11:00 tot 11:45 uur" in document.html
    ui.click(casemanager.slack_user_id, ACTION_INVITE, str(day[0].id))  # 09:00 has started
    assert ui.texts()[-1] == "Het gesprek is al begonnen; een uitnodiging kan alleen vooraf."
    assert db.session.scalars(sa.select(Document).where(Document.consult_id == day[0].id)).first() is None


def test_agenda_week_and_a_wrong_word(ui, fake_slack, casemanager, day):
    ui.command(casemanager.slack_user_id, "agenda week")
    assert _texts(_blocks(fake_slack.calls("chat.postEphemeral")[-1]))[0] == "Mijn agenda deze week"
    ui.command(casemanager.slack_user_id, "agenda morgen")
    assert ui.texts()[-1] == "Typ `agenda`, `agenda vandaag` of `agenda week`."


def test_held_records_a_contact_and_no_show_goes_back_to_the_tray(ui, db, casemanager, day):
    first, second = day
    ui.click(casemanager.slack_user_id, ACTION_HELD, str(first.id))
    assert ui.texts()[-1].startswith("Gesprek met Anna Jansen") and ui.texts()[-1].endswith(": Afgehandeld.")
    assert db.session.get(Consult, first.id).status == ConsultStatus.DONE
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 1
    ui.click(casemanager.slack_user_id, ACTION_NO_SHOW, str(second.id))  # 11:00 has not started yet
    assert ui.texts()[-1] == "Het gesprek is nog niet begonnen; afmelden kan daarna."
    assert db.session.get(Consult, second.id).status == ConsultStatus.PLANNED


def test_another_case_manager_cannot_report(ui, db, create_user, day):
    other = create_user(name="Piet Anders")
    ui.click(other.slack_user_id, ACTION_HELD, str(day[0].id))
    assert ui.texts()[-1] == "Deze werknemer hoort niet bij uw caseload."
    assert db.session.get(Consult, day[0].id).status == ConsultStatus.PLANNED


def test_app_home_shows_today(post, fake_slack, casemanager, day):
    post(
        event={
            "type": "event_callback",
            "team_id": "T1",
            "event_id": f"EvHome{next_trigger()}",
            "event": {"type": "app_home_opened", "user": casemanager.slack_user_id, "tab": "home"},
        }
    )
    [call] = fake_slack.calls("views.publish")
    view = call.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    texts = _texts(view["blocks"])
    at = texts.index("Mijn agenda vandaag")
    assert texts[at + 1].startswith("*ma 2-3 09:00–09:45*") and texts[at + 2].startswith(
        "*ma 2-3 11:00–11:45*"
    )
