"""Ziekmelding, herstel and contact in Slack: modals through the engine, refusals as field errors, nothing changed."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
import sqlalchemy as sa

from bot.reminders import ACTION_ASSESS_WEIGHT, ACTION_RECORD_CONTACT
from casework.logbook import Actor
from casework.registration import register_sick_report
from jobs.outbox import deliver
from jobs.scan import scan_signals
from jobs.settings import Settings
from jobs.slack import make_client
from models import Contact, LogEntry, SickReport, SickReportPercentage, Signal, SignalStatus
from tests.bot.slackui import decoded


@pytest.fixture
def jansen(casemanager, create_employee):
    """Jansen, in the case manager's caseload, not sick."""
    return create_employee(last_name="Jansen", case_manager=casemanager)


@pytest.fixture
def sick(db, casemanager, jansen, now):
    """Jansen reported sick from 05-01-2026 through the engine (100%, the first line of the history)."""
    return register_sick_report(jansen, {"first_sick_day": "2026-01-05"}, actor=Actor(casemanager), now=now)


def inputs(view) -> list[str]:
    return [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]


def errors(response) -> dict[str, str]:
    answer = json.loads(response.get_data())
    assert answer["response_action"] == "errors"
    return answer["errors"]


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def logged(db, action: str) -> list[str]:
    return list(db.session.scalars(sa.select(LogEntry.message).where(LogEntry.action == action)))


# ---- ziekmelding ------------------------------------------------------------------------------------------


def test_ziekmelding_registers_a_sick_report_with_its_flags(ui, db, casemanager, jansen):
    uid = casemanager.slack_user_id
    ui.command(uid, "ziekmelding jansen")
    view = ui.last_modal()
    assert view["callback_id"] == "sick_report"
    assert inputs(view) == [
        "Eerste ziektedag",
        "Percentage arbeidsongeschikt",
        "Verwachte hersteldatum",
        "ZW-vangnet",
        "Arbeidsgerelateerd",
        "Verhaal mogelijk (regres)",
    ]
    answers = {
        "Eerste ziektedag": "2026-02-23",
        "Percentage arbeidsongeschikt": "50",
        "Verwachte hersteldatum": "2026-04-01",
        "ZW-vangnet": "Zwangerschap",
        "Arbeidsgerelateerd": "Ja",
    }
    assert ui.submit(uid, view, answers).get_data() == b""  # the modal closes
    report = db.session.scalar(sa.select(SickReport).where(SickReport.employee_id == jansen.id))
    assert report.first_sick_day == dt.date(2026, 2, 23)
    assert report.percentage == Decimal("50")
    assert report.target_rtw_date == dt.date(2026, 4, 1)
    assert report.zw_vangnet.value == "zwangerschap"
    assert report.work_related is True and report.recourse_possible is False
    assert [(p.from_date, p.percentage) for p in report.percentages] == [
        (dt.date(2026, 2, 23), Decimal("50"))
    ]
    assert logged(db, "sick_report.registered") == ["Verzuimmelding vanaf 23-02-2026 (50%)"]
    assert ui.texts()[-1] == "Ziekmelding vastgelegd voor Anna Jansen: ziek sinds 23-02-2026, 50%."


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"Eerste ziektedag": "2026-03-20"}, "first_sick_day", "meer dan 7 dagen in de toekomst"),
        ({"Percentage arbeidsongeschikt": "0"}, "percentage", "groter dan 0 en hoogstens 100"),
        ({"Percentage arbeidsongeschikt": "101"}, "percentage", "groter dan 0 en hoogstens 100"),
        ({"Percentage arbeidsongeschikt": "veel"}, "percentage", "Geef een getal"),
        (
            {"Eerste ziektedag": "2026-02-23", "Verwachte hersteldatum": "2026-02-01"},
            "target_rtw_date",
            "vóór de eerste ziektedag",
        ),
    ],
)
def test_ziekmelding_refusals_are_field_errors_and_change_nothing(
    ui, db, casemanager, jansen, answers, field, message
):
    uid = casemanager.slack_user_id
    ui.command(uid, "ziekmelding jansen")
    found = errors(ui.submit(uid, ui.last_modal(), answers))
    assert message in found[field]
    assert count(db, SickReport) == 0 and count(db, SickReportPercentage) == 0
    assert logged(db, "sick_report.registered") == []


def test_ziekmelding_refuses_a_second_open_report(ui, db, casemanager, jansen, create_sick_report):
    create_sick_report(jansen)  # since 05-01-2026
    uid = casemanager.slack_user_id
    ui.command(uid, "ziekmelding jansen")
    found = errors(ui.submit(uid, ui.last_modal(), {}))
    assert found == {"first_sick_day": "Er loopt al een verzuimmelding sinds 05-01-2026."}
    assert count(db, SickReport) == 1


# ---- herstel ----------------------------------------------------------------------------------------------


def test_herstel_records_partial_recovery_then_the_recovery(ui, db, casemanager, jansen, sick):
    report = sick
    uid = casemanager.slack_user_id
    ui.command(uid, "herstel jansen")
    view = ui.last_modal()
    assert view["callback_id"] == "recovery"
    assert inputs(view) == [
        "Soort melding",
        "Nieuw percentage arbeidsongeschikt",
        "Per datum",
        "Beëindigingsreden (bij hersteldmelding)",
    ]
    assert "Ziek sinds 05-01-2026, nu 100% arbeidsongeschikt." in view["blocks"][0]["text"]["text"]
    answers = {"Nieuw percentage arbeidsongeschikt": "40", "Per datum": "2026-02-16"}
    assert ui.submit(uid, view, answers).get_data() == b""
    assert report.percentage == Decimal("40")
    assert [p.percentage for p in report.percentages] == [Decimal("100"), Decimal("40")]
    assert logged(db, "sick_report.percentage") == [
        "Gedeeltelijk herstel per 16-02-2026: 40% ziek (was 100%)"
    ]

    ui.command(uid, "herstel jansen")
    answers = {
        "Soort melding": "Hersteldmelding",
        "Per datum": "2026-03-01",
        "Beëindigingsreden (bij hersteldmelding)": "Hersteld eigen werk",
    }
    assert ui.submit(uid, ui.last_modal(), answers).get_data() == b""
    assert report.recovery_date == dt.date(2026, 3, 1)
    assert report.end_reason.name == "Hersteld eigen werk"
    assert logged(db, "sick_report.recovered") == ["Hersteld gemeld per 01-03-2026 (Hersteld eigen werk)"]
    assert (
        ui.texts()[-1]
        == "Hersteldmelding vastgelegd voor Anna Jansen: hersteld per 01-03-2026 (Hersteld eigen werk)."
    )


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"Nieuw percentage arbeidsongeschikt": "101", "Per datum": "2026-02-16"},
            "percentage",
            "hoogstens 100",
        ),
        ({"Nieuw percentage arbeidsongeschikt": "", "Per datum": "2026-02-16"}, "percentage", "verplicht"),
        ({"Nieuw percentage arbeidsongeschikt": "40", "Per datum": "2026-03-09"}, "day", "in de toekomst"),
        (
            {"Nieuw percentage arbeidsongeschikt": "40", "Per datum": "2026-01-05"},
            "day",
            "Kies een datum na 05-01-2026",
        ),
        ({"Soort melding": "Hersteldmelding", "Per datum": "2025-12-31"}, "day", "vóór de eerste ziektedag"),
        ({"Soort melding": "Hersteldmelding", "Per datum": "2026-03-03"}, "day", "in de toekomst"),
        (
            {"Soort melding": "Hersteldmelding", "Per datum": "2026-03-01"},
            "end_reason_id",
            "Kies een beëindigingsreden.",
        ),
        (
            {
                "Nieuw percentage arbeidsongeschikt": "40",
                "Per datum": "2026-02-16",
                "Beëindigingsreden (bij hersteldmelding)": "Uit dienst",
            },
            "end_reason_id",
            "hoort bij een hersteldmelding",
        ),
        (
            {"Soort melding": "Hersteldmelding", "Nieuw percentage arbeidsongeschikt": "20"},
            "percentage",
            "Laat het percentage leeg",
        ),
    ],
)
def test_herstel_refusals_are_field_errors_and_change_nothing(
    ui, db, casemanager, jansen, sick, answers, field, message
):
    report = sick
    uid = casemanager.slack_user_id
    ui.command(uid, "herstel jansen")
    found = errors(ui.submit(uid, ui.last_modal(), answers))
    assert message in found[field]
    assert report.percentage == Decimal("100") and len(report.percentages) == 1
    assert report.recovery_date is None
    assert logged(db, "sick_report.percentage") == [] and logged(db, "sick_report.recovered") == []
    assert logged(db, "sick_report.registered") == ["Verzuimmelding vanaf 05-01-2026 (100%)"]


def test_herstel_without_an_open_sick_report_opens_no_modal(ui, fake_slack, casemanager, jansen):
    ui.command(casemanager.slack_user_id, "herstel jansen")
    assert not [c for c in fake_slack.calls() if c.method == "views.open"]
    assert ui.texts()[-1] == "Anna Jansen heeft geen open verzuimmelding."


# ---- finding the employee ---------------------------------------------------------------------------------


def test_without_an_employee_a_picker_opens_the_chosen_modal(ui, casemanager, jansen):
    uid = casemanager.slack_user_id
    ui.command(uid, "contact")
    picker = ui.last_modal()
    assert picker["callback_id"] == "contact"
    assert picker["blocks"][0]["element"]["type"] == "external_select"
    chosen = {
        "type": "block_actions",
        "user": {"id": uid},
        "team": {"id": "T1"},
        "view": {**picker, "id": "V1", "hash": "h"},
        "actions": [
            {
                "action_id": "employee",
                "block_id": "employee",
                "type": "external_select",
                "selected_option": {"value": str(jansen.id)},
            }
        ],
    }
    ui.post({"payload": json.dumps(chosen)})
    view = ui.last_modal()
    assert view["callback_id"] == "contact" and inputs(view) == ["Soort", "Met", "Datum", "Toelichting"]
    assert view["private_metadata"] == str(jansen.id)


def test_an_ambiguous_name_asks_which_employee_first(ui, db, fake_slack, casemanager, create_employee):
    first = create_employee(first_name="Anna", last_name="Jansen", case_manager=casemanager)
    create_employee(first_name="Bert", last_name="Jansen", case_manager=casemanager)
    uid = casemanager.slack_user_id
    ui.command(uid, "ziekmelding jansen")
    assert not [c for c in fake_slack.calls() if c.method == "views.open"]
    blocks = decoded([c for c in fake_slack.calls() if c.method == "chat.postEphemeral"][-1].body["blocks"])
    buttons = [b["accessory"] for b in blocks if b.get("accessory")]
    assert [b["action_id"] for b in buttons] == ["sick_report.open", "sick_report.open"]
    ui.click(uid, "sick_report.open", str(first.id))
    view = ui.last_modal()
    assert view["callback_id"] == "sick_report" and view["private_metadata"] == str(first.id)


def test_another_case_managers_employee_is_refused(
    ui, db, fake_slack, casemanager, jansen, create_user, create_employee
):
    other = create_employee(last_name="Visser", case_manager=create_user())
    uid = casemanager.slack_user_id
    ui.click(uid, "contact.open", str(other.id))
    assert not [c for c in fake_slack.calls() if c.method == "views.open"]
    assert ui.texts()[-1] == "Deze werknemer hoort niet bij uw caseload."
    ui.command(uid, "contact jansen")
    view = {**ui.last_modal(), "private_metadata": str(other.id)}  # a modal for someone not in the caseload
    found = errors(ui.submit(uid, view, {"Soort": "Gesprek"}))
    assert found == {"kind": "Deze werknemer hoort niet bij uw caseload."}
    assert count(db, Contact) == 0


# ---- contact ----------------------------------------------------------------------------------------------


def test_contact_is_recorded_and_sets_laatste_contact(ui, db, casemanager, jansen):
    uid = casemanager.slack_user_id
    ui.command(uid, "contact jansen")
    view = ui.last_modal()
    text_input = next(b for b in view["blocks"] if b.get("block_id") == "text")["element"]
    assert text_input["max_length"] == 1500 and text_input["multiline"] is True
    answers = {"Soort": "Telefoon", "Met": "Werknemer", "Datum": "2026-02-27", "Toelichting": "Belde terug."}
    assert ui.submit(uid, view, answers).get_data() == b""
    contact = db.session.scalar(sa.select(Contact))
    assert (contact.kind.value, contact.with_whom.value, contact.day, contact.text) == (
        "telefoon",
        "werknemer",
        dt.date(2026, 2, 27),
        "Belde terug.",
    )
    assert jansen.last_contact_on == dt.date(2026, 2, 27)
    assert logged(db, "employee.contact") == ["Contact (telefoon) met werknemer op 27-02-2026"]


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"Datum": "2026-03-03"}, "day", "in de toekomst"),
        ({"Toelichting": "x" * 1501}, "text", "Hoogstens 1.500 tekens."),
    ],
)
def test_contact_refusals_are_field_errors_and_change_nothing(
    ui, db, casemanager, jansen, answers, field, message
):
    uid = casemanager.slack_user_id
    ui.command(uid, "contact jansen")
    found = errors(ui.submit(uid, ui.last_modal(), answers))
    assert message in found[field]
    assert count(db, Contact) == 0 and jansen.last_contact_on is None


def test_lang_niet_gesproken_button_records_a_contact_and_the_next_scan_resolves_it(
    ui, db, fake_slack, casemanager, jansen, create_sick_report, now
):
    create_sick_report(jansen)  # since 05-01-2026, never contacted: overdue after 21 days (medium)
    scan_signals(now)
    signal = db.session.scalar(sa.select(Signal).where(Signal.kind == "not_contacted"))
    assert signal.status is SignalStatus.OPEN and signal.employee_id == jansen.id

    settings = Settings.load(
        {"TRAJECT_QUIET_HOURS": "", "TRAJECT_QUIET_WEEKENDS": "0", "TRAJECT_SLACK_RATE": "0"}
    )
    client = make_client({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url})
    assert deliver(client, now, settings).messages == 1  # a digest: Poortwachter steps are due too
    reminder = decoded([c for c in fake_slack.calls() if c.method == "chat.postMessage"][-1].body["blocks"])
    at = next(
        i for i, b in enumerate(reminder) if "*Lang niet gesproken*" in b.get("text", {}).get("text", "")
    )
    button = next(e for e in reminder[at + 1]["elements"] if e["action_id"] == ACTION_RECORD_CONTACT)
    assert button["text"]["text"] == "Contact vastleggen" and button["value"] == str(jansen.id)
    others = [
        e["action_id"]
        for b in reminder
        if b["type"] == "actions" and b is not reminder[at + 1]
        for e in b["elements"]
    ]
    assert ACTION_RECORD_CONTACT not in others  # only on "Lang niet gesproken"

    uid = casemanager.slack_user_id
    ui.click(uid, button["action_id"], button["value"])
    view = ui.last_modal()
    assert view["callback_id"] == "contact" and view["private_metadata"] == str(jansen.id)
    assert ui.submit(uid, view, {"Soort": "Video"}).get_data() == b""  # met werknemer, vandaag
    assert jansen.last_contact_on == now.date()
    assert signal.status is SignalStatus.OPEN  # resolved by the scan, not by the door

    scan_signals(now + dt.timedelta(minutes=5))
    db.session.refresh(signal)
    assert signal.status is SignalStatus.RESOLVED
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Signal)
            .where(Signal.kind == "not_contacted", Signal.status == "open")
        )
        == 0
    )


# ---- cliëntzwaarte ----------------------------------------------------------------------------------------


def test_zwaarte_records_the_weight_and_the_day_it_was_assessed(ui, db, casemanager, jansen):
    uid = casemanager.slack_user_id
    ui.command(uid, "zwaarte jansen")
    view = ui.last_modal()
    assert view["callback_id"] == "client_weight" and inputs(view) == ["Cliëntzwaarte", "Beoordeeld op"]
    assert "nog nooit beoordeeld" in view["blocks"][0]["text"]["text"]
    assert ui.submit(uid, view, {"Cliëntzwaarte": "Hoog", "Beoordeeld op": "2026-02-27"}).get_data() == b""
    assert (jansen.client_weight.value, jansen.client_weight_assessed_on) == ("high", dt.date(2026, 2, 27))
    assert ui.texts()[-1] == "Cliëntzwaarte van Anna Jansen vastgelegd, beoordeeld op 27-02-2026."
    assert logged(db, "employee.updated") == [
        "Werknemer Anna Jansen gewijzigd: cliëntzwaarte, cliëntzwaarte beoordeeld op"
    ]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"Beoordeeld op": "2026-03-03"}, "Deze datum ligt in de toekomst."),
        ({"Beoordeeld op": ""}, "Dit veld is verplicht."),
    ],
)
def test_zwaarte_refusals_are_field_errors_and_change_nothing(ui, db, casemanager, jansen, answers, message):
    uid = casemanager.slack_user_id
    ui.command(uid, "zwaarte jansen")
    found = errors(ui.submit(uid, ui.last_modal(), {"Cliëntzwaarte": "Laag", **answers}))
    assert found == {"client_weight_assessed_on": message}
    assert (jansen.client_weight.value, jansen.client_weight_assessed_on) == ("medium", None)
    assert logged(db, "employee.updated") == []


def test_weight_outdated_reminder_opens_the_weight_modal_and_the_scan_resolves_it(
    ui, db, fake_slack, casemanager, jansen, sick, now
):
    scan_signals(now)
    signal = db.session.scalar(sa.select(Signal).where(Signal.kind == "weight_outdated"))
    assert signal.due_date == dt.date(2026, 1, 5)  # never assessed: due when the sick report began
    settings = Settings.load(
        {"TRAJECT_QUIET_HOURS": "", "TRAJECT_QUIET_WEEKENDS": "0", "TRAJECT_SLACK_RATE": "0"}
    )
    deliver(make_client({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url}), now, settings)
    reminder = decoded([c for c in fake_slack.calls() if c.method == "chat.postMessage"][-1].body["blocks"])
    at = next(
        i for i, b in enumerate(reminder) if "*Cliëntzwaarte verouderd*" in b.get("text", {}).get("text", "")
    )
    button = next(e for e in reminder[at + 1]["elements"] if e["action_id"] == ACTION_ASSESS_WEIGHT)
    assert button["text"]["text"] == "Zwaarte beoordelen"

    uid = casemanager.slack_user_id
    ui.click(uid, button["action_id"], button["value"])
    assert ui.submit(uid, ui.last_modal(), {"Cliëntzwaarte": "Middel"}).get_data() == b""  # assessed today
    assert jansen.client_weight_assessed_on == now.date()
    scan_signals(now + dt.timedelta(minutes=5))
    db.session.refresh(signal)
    assert signal.status is SignalStatus.RESOLVED
