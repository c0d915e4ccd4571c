"""`/traject rapport [PERIODE]` (and the same in a direct message and `traject chat`) on the hand-built data set
of tests/reports: the caseload's figures, worked out by hand, and a link to the console's report page."""

from __future__ import annotations

import pytest

from tests.bot.test_terminal import _run
from tests.reports.conftest import dataset  # noqa: F401 (the hand-built data set, reused)

BASE = "https://traject.example.nl"


@pytest.fixture
def base_url(slack_app, monkeypatch):
    """The console's address the bot links to."""
    monkeypatch.setitem(slack_app.config, "TRAJECT_BASE_URL", BASE + "/")
    return BASE


def said(fake_slack) -> str:
    """The one ephemeral answer the bot posted."""
    [call] = fake_slack.calls("chat.postEphemeral")
    return call.body["text"]


def test_quarter_summary_of_my_caseload_with_link(command, fake_slack, dataset, base_url):  # noqa: F811
    command(dataset.cm.slack_user_id, "rapport 2026-K1")
    # Only T1 (5 Jan - 4 Feb, successful, first contact in time) and its sick report S1 (back at work 10 Feb, 19
    # days before the target of the analysis, 20 predicted) are in their caseload within the quarter.
    assert said(fake_slack) == (
        "*Rapportage 01-01-2026 t/m 31-03-2026* (je caseload)\n"
        "• Verzuimmeldingen: 1 geopend, 1 afgesloten, 0 open aan het eind\n"
        "• Arbeidsuitstroom: 1 van 1 afgesloten meldingen, 100,0%\n"
        "• Overige uitstroom: 0 van 1, 0,0%\n"
        "• Trajecten: 1 geopend, 1 gesloten, 0 open aan het eind\n"
        "• Slagingspercentage: 1 van 1 gestarte trajecten, 100,0% (0 zonder akkoord apart)\n"
        "• Einddoel bereikt: 1 van 1 gesloten, 100,0%\n"
        "• Tijdigheid (eerste contact binnen 11 werkdagen): 1 van 1 geopend, 100,0%\n"
        "• Besparing per geval: voorspeld 20,0 dagen, gerealiseerd 19,0 dagen (1 geval)\n"
        f"Alle cijfers: {BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none"
    )


def test_administrator_gets_every_trajectory(command, fake_slack, dataset, admin_user, base_url):  # noqa: F811
    command(admin_user.slack_user_id, "report 2026-Q1")
    text = said(fake_slack)
    assert "(alle dossiers)" in text
    # the same numbers as the report page and the API (tests/reports/test_reports.py works them out)
    assert "• Verzuimmeldingen: 4 geopend, 4 afgesloten, 2 open aan het eind\n" in text
    assert "• Arbeidsuitstroom: 2 van 4 afgesloten meldingen, 50,0%\n" in text  # S1, S7
    assert "• Overige uitstroom: 1 van 4, 25,0%\n" in text  # S2
    assert "• Trajecten: 6 geopend, 5 gesloten, 2 open aan het eind\n" in text
    assert "• Slagingspercentage: 3 van 4 gestarte trajecten, 75,0% (1 zonder akkoord apart)\n" in text
    assert "• Einddoel bereikt: 2 van 5 gesloten, 40,0%\n" in text
    assert "2 van 6 geopend, 33,3%" in text  # T1 and T8 had their first contact within 11 working days
    assert "• Besparing per geval: voorspeld 17,5 dagen, gerealiseerd 4,5 dagen (2 gevallen)\n" in text


def test_an_english_reader_gets_the_same_figures_in_english(command, fake_slack, db, dataset, base_url):  # noqa: F811
    from models import Language

    dataset.cm.language = Language.EN
    db.session.flush()
    command(dataset.cm.slack_user_id, "report 2026-Q1")
    assert said(fake_slack) == (
        "*Report 01-01-2026 to 31-03-2026* (your caseload)\n"
        "• Sick reports: 1 opened, 1 closed, 0 open at the end\n"
        "• Work outflow: 1 of 1 closed reports, 100,0%\n"
        "• Other outflow: 0 of 1, 0,0%\n"
        "• Trajectories: 1 opened, 1 closed, 0 open at the end\n"
        "• Success rate: 1 of 1 started trajectories, 100,0% (0 without approval apart)\n"
        "• End goal reached: 1 of 1 closed, 100,0%\n"
        "• Timeliness (first contact within 11 working days): 1 of 1 opened, 100,0%\n"
        "• Saving per case: predicted 20,0 days, realised 19,0 days (1 case)\n"
        f"All figures: {BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none"
    )


@pytest.mark.parametrize(
    "period,heading",
    [
        ("", "01-01-2026 t/m 02-03-2026"),  # the clock says 2 March 2026: the year to date
        ("2026", "01-01-2026 t/m 31-12-2026"),
        ("2026-02", "01-02-2026 t/m 28-02-2026"),
        ("30d", "01-02-2026 t/m 02-03-2026"),
    ],
)
def test_period_forms(command, fake_slack, dataset, base_url, period, heading):  # noqa: F811
    command(dataset.cm.slack_user_id, f"rapport {period}".strip())
    text = said(fake_slack)
    assert text.startswith(f"*Rapportage {heading}* (je caseload)\n")
    van, tot = (f"{d[6:]}-{d[3:5]}-{d[:2]}" for d in heading.split(" t/m "))
    assert text.endswith(f"{BASE}/admin/reports/?van={van}&tot={tot}&per=none")
    assert (
        "• Trajecten: " in text and " 1 gesloten, " in text
    )  # T1 closed on 4 February: in each of these periods


def test_a_period_without_trajectories_says_so(command, fake_slack, dataset, base_url):  # noqa: F811
    command(dataset.cm.slack_user_id, "rapport 2026-04")  # T1 closed in February, S1 ended 10 February
    text = said(fake_slack)
    assert "Geen trajecten of verzuimmeldingen in deze periode." in text and "geopend" not in text


@pytest.mark.parametrize("period", ["vorige week", "2026-13", "2026-K5", "0d"])
def test_bad_period_gets_a_hint_naming_the_format(command, fake_slack, dataset, period):  # noqa: F811
    command(dataset.cm.slack_user_id, f"rapport {period}")
    text = said(fake_slack)
    assert text.startswith(f"Periode: \u201c{period}\u201d begrijp ik niet.")
    assert "`2026-03` (maand)" in text and "`2026-K1`" in text and "`30d`" in text
    assert "Geopend" not in text


def test_direct_message_answers_the_same(post, fake_slack, dataset, base_url):  # noqa: F811
    user_id = dataset.cm.slack_user_id
    event = {"type": "message", "channel_type": "im", "channel": f"D{user_id}", "user": user_id}
    post(
        event={
            "type": "event_callback",
            "team_id": "T1",
            "event_id": "EvRapport",
            "event": {**event, "text": "rapport 2026-K1", "ts": "1.000001"},
        }
    )
    [call] = fake_slack.calls("chat.postMessage")
    assert call.body["text"].startswith(
        "*Rapportage 01-01-2026 t/m 31-03-2026* (je caseload)\n• Verzuimmeldingen: 1 geopend, "
    )
    assert f"{BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none" in call.body["text"]


def test_chat_in_the_terminal_answers_the_same(slack_app, db, dataset, base_url):  # noqa: F811
    screen = _run(slack_app, dataset.cm, ["rapport 2026-K1", "rapport morgen"])
    assert "Rapportage 01-01-2026 t/m 31-03-2026" in screen and "Trajecten: 1 geopend" in screen
    assert f"{BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none" in screen
    assert "Periode: \u201cmorgen\u201d begrijp ik niet." in screen
