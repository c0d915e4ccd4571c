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
    # Only T1 (5 Jan - 4 Feb, back to work, first contact in time) is in their caseload within the quarter.
    assert said(fake_slack) == (
        "*Rapportage 01-01-2026 t/m 31-03-2026* (je caseload)\n"
        "• Geopend: 1\n"
        "• Gesloten: 1\n"
        "• Open aan het eind: 0\n"
        "• Uitstroom naar werk: 1 van 1 gesloten, 100,0%\n"
        "• Tijdigheid (eerste contact binnen 11 werkdagen): 1 van 1 geopend, 100,0%\n"
        f"Alle cijfers: {BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none"
    )


def test_administrator_gets_every_trajectory(command, fake_slack, dataset, admin_user, base_url):  # noqa: F811
    command(admin_user.slack_user_id, "report 2026-Q1")
    text = said(fake_slack)
    assert "(alle trajecten)" in text
    assert (
        "• Geopend: 4\n• Gesloten: 3\n• Open aan het eind: 2\n" in text
    )  # T1, T2, T5, T6 / T1, T2, T6 / T3, T5
    assert "• Uitstroom naar werk: 2 van 3 gesloten, 66,7%" in text  # T1 and T6
    assert "1 van 4 geopend, 25,0%" in text  # only T1's first task was done within 11 working days


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
    assert "• Gesloten: 1\n" in text  # T1 closed on 4 February: in each of these periods


def test_a_period_without_trajectories_says_so(command, fake_slack, dataset, base_url):  # noqa: F811
    command(dataset.cm.slack_user_id, "rapport 2026-03")  # T1 closed in February, T4 in 2025
    text = said(fake_slack)
    assert "Geen trajecten in deze periode." in text and "Geopend" not in text


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
        "*Rapportage 01-01-2026 t/m 31-03-2026* (je caseload)\n• Geopend: 1\n"
    )
    assert f"{BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none" in call.body["text"]


def test_chat_in_the_terminal_answers_the_same(slack_app, db, dataset, base_url):  # noqa: F811
    screen = _run(slack_app, dataset.cm, ["rapport 2026-K1", "rapport morgen"])
    assert "Rapportage 01-01-2026 t/m 31-03-2026" in screen and "Geopend: 1" in screen
    assert f"{BASE}/admin/reports/?van=2026-01-01&tot=2026-03-31&per=none" in screen
    assert "Periode: \u201cmorgen\u201d begrijp ik niet." in screen
