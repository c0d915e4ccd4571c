"""`/traject verzuim [WERKGEVER] [PERIODE]` on the hand-built data set of tests/reports/absence_data.py: the
figures worked out there, for my caseload, per employer, and a link to the console page."""

from __future__ import annotations

import pytest

from tests.reports.absence_data import build

BASE = "https://traject.example.nl"


@pytest.fixture
def absence(db, create_employer, create_employee, create_user):
    """The hand-built data set."""
    return build(db, create_employer, create_employee, create_user)


@pytest.fixture
def base_url(slack_app, monkeypatch):
    """The console's address the bot links to."""
    monkeypatch.setitem(slack_app.config, "TRAJECT_BASE_URL", BASE + "/")
    return BASE


def said(fake_slack) -> str:
    """The one ephemeral answer the bot posted."""
    [call] = fake_slack.calls("chat.postEphemeral")
    return call.body["text"]


def test_my_caseloads_figures_for_a_quarter(command, fake_slack, absence, base_url):
    command(absence.cm.slack_user_id, "verzuim 2026-K1")
    assert said(fake_slack) == (
        "*Verzuimcijfers 01-01-2026 t/m 31-03-2026* (je caseload)\n"
        "• Verzuimpercentage: 20,50% (2 werknemers)\n"
        "• Meldingsfrequentie: 7,35 per werknemer per jaar (3 nieuwe ziekmeldingen)\n"
        "• Gemiddelde verzuimduur: 13,5 dagen (2 beëindigd: kort 1, middellang 1, lang 0, extra lang 0)\n"
        "• Frequent verzuim (3 of meer ziekmeldingen in 12 maanden): 0\n"
        "• Basis: bekende werknemers (een caseload is niet het personeelsbestand van een werkgever)\n"
        f"Alle cijfers en definities: {BASE}/admin/absence/?van=2026-01-01&tot=2026-03-31"
    )


def test_the_administrator_gets_the_total_and_each_employer(
    command, fake_slack, absence, admin_user, base_url
):
    command(admin_user.slack_user_id, "absence 2026-Q1")
    text = said(fake_slack)
    assert text.startswith("*Verzuimcijfers 01-01-2026 t/m 31-03-2026* (alle werknemers)\n")
    assert "• Verzuimpercentage: 18,42% (8 werknemers)\n" in text
    assert (
        "• Gemiddelde verzuimduur: 106,5 dagen (8 beëindigd: kort 2, middellang 3, lang 2, extra lang 1)\n"
        in text
    )
    assert "• Frequent verzuim (3 of meer ziekmeldingen in 12 maanden): 1\n" in text
    assert "• Basis: bekende werknemers\n" in text
    assert "• Zonder contracturen, geteld als voltijd: 1\n" in text
    assert "*Per werkgever* (verzuimpercentage, meldingsfrequentie):\n" in text
    assert "• Verzuim A B.V.: 26,98%, 4,36\n• Verzuim B B.V.: 0,53%, 1,62\n" in text


def test_one_employer_by_part_of_its_name(command, fake_slack, absence, admin_user, base_url):
    command(admin_user.slack_user_id, "verzuim verzuim b 2026-K1")
    text = said(fake_slack)
    assert "(alle werknemers, Verzuim B B.V.)" in text
    assert "• Verzuimpercentage: 0,53% (3 werknemers)\n" in text
    assert "Per werkgever" not in text
    assert text.endswith(f"/admin/absence/?van=2026-01-01&tot=2026-03-31&werkgever={absence.employer_b.id}")


def test_the_default_is_the_last_12_months(command, fake_slack, absence, base_url):
    command(absence.cm.slack_user_id, "verzuim")  # the clock says 2 March 2026
    assert said(fake_slack).startswith("*Verzuimcijfers 03-03-2025 t/m 02-03-2026* (je caseload)\n")


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("verzuim Bestaat niet", "Geen werkgever gevonden met 'Bestaat niet' in de naam."),
        ("verzuim Verzuim", "Meer dan één werkgever heeft 'Verzuim' in de naam; geef de volledige naam."),
    ],
)
def test_an_unknown_or_unclear_employer_is_named(command, fake_slack, absence, admin_user, text, answer):
    command(admin_user.slack_user_id, text)
    assert answer in said(fake_slack)


def test_the_frequent_absence_reminder_names_the_employee_and_opens_the_contact_modal(
    ui, db, fake_slack, casemanager, create_employee, create_sick_report, now
):
    import datetime as dt

    import sqlalchemy as sa

    from bot.reminders import ACTION_RECORD_CONTACT
    from jobs.outbox import deliver
    from jobs.scan import scan_signals
    from jobs.settings import Settings
    from jobs.slack import make_client
    from models import Signal
    from tests.bot.slackui import decoded

    kim = create_employee(
        case_manager=casemanager, first_name="Kim", last_name="Visser", last_contact_on=now.date()
    )
    for first in (dt.date(2025, 6, 2), dt.date(2025, 10, 6), dt.date(2026, 2, 2)):
        create_sick_report(kim, first_sick_day=first, recovery_date=first + dt.timedelta(days=3))
    scan_signals(now)
    assert db.session.scalar(sa.select(Signal.kind).where(Signal.employee_id == kim.id)) == "frequent_absence"
    settings = Settings.load(
        {"TRAJECT_QUIET_HOURS": "", "TRAJECT_QUIET_WEEKENDS": "0", "TRAJECT_SLACK_RATE": "0"}
    )
    client = make_client({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url})
    assert deliver(client, now, settings).messages == 1
    [message] = [c for c in fake_slack.calls() if c.method == "chat.postMessage"]
    blocks = decoded(message.body["blocks"])
    assert blocks[0]["text"]["text"] == (
        "*Frequent verzuim*\nFrequent verzuim: Kim Visser meldde zich 3 keer ziek in 12 maanden, het laatst op"
        " 02-02-2026. Tijd voor een verzuimgesprek."
    )
    buttons = {e["text"]["text"]: e for e in blocks[1]["elements"]}
    assert list(buttons) == [
        "Later herinneren (1 dag)",
        "Later herinneren (3 dagen)",
        "Later herinneren (7 dagen)",
        "Gesprek vastleggen",
        "Dossier openen",
    ]
    button = buttons["Gesprek vastleggen"]
    assert (button["action_id"], button["value"]) == (ACTION_RECORD_CONTACT, str(kim.id))
    ui.click(casemanager.slack_user_id, button["action_id"], button["value"])
    assert ui.last_modal()["callback_id"] == "contact"


def test_the_figures_say_their_basis_with_the_workforce(command, fake_slack, absence, admin_user, base_url):
    from tests.reports.absence_data import add_workforces

    add_workforces(absence, admin_user)  # worked out in tests/reports/test_absence_workforce.py
    command(admin_user.slack_user_id, "verzuim 2026-K1")
    text = said(fake_slack)
    assert "• Verzuimpercentage: 2,66% (55 werknemers)\n" in text
    assert "• Meldingsfrequentie: 0,44 per werknemer per jaar (6 nieuwe ziekmeldingen)\n" in text
    assert "• Basis: gemengd\n" in text
    assert (
        "• Verzuim A B.V.: 4,30%, 0,59 (deels personeelsbestand)\n• Verzuim B B.V.: 0,06%, 0,19 (personeelsbestand)\n"
        in text
    )


def test_a_case_manager_keeps_the_known_basis_with_the_workforce(
    command, fake_slack, absence, admin_user, base_url
):
    from tests.reports.absence_data import add_workforces

    add_workforces(absence, admin_user)
    command(absence.cm.slack_user_id, "verzuim 2026-K1")
    text = said(fake_slack)
    assert "• Verzuimpercentage: 20,50% (2 werknemers)\n" in text
    assert (
        "• Basis: bekende werknemers (een caseload is niet het personeelsbestand van een werkgever)\n" in text
    )
