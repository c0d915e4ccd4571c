"""`/traject dossier` shows the re-integratieverslag check from week 80 (issue 14 item 6)."""

from __future__ import annotations

import datetime as dt

from casework.logbook import Actor
from casework.poortwachter import record_step_done

FIRST = dt.date(2026, 1, 5)  # week 80 starts on 12-07-2027, week 85 on 16-08-2027


def test_the_dossier_reply_lists_the_riv_items_from_week_80(
    command, fake_slack, clock, casemanager, create_employee, create_sick_report
):
    employee = create_employee(last_name="Jansen", case_manager=casemanager)
    report = create_sick_report(employee, first_sick_day=FIRST)
    record_step_done(
        report, "probleemanalyse", dt.date(2026, 2, 10), actor=Actor(), now=dt.datetime(2026, 3, 2)
    )
    clock.now = dt.datetime(2027, 7, 11, 9, 0)  # the last day of week 79
    command(casemanager.slack_user_id, "dossier jansen")
    clock.advance(1)  # week 80
    command(casemanager.slack_user_id, "dossier jansen")
    before, after = (c.body["text"] for c in fake_slack.calls("chat.postEphemeral"))
    assert "Re-integratieverslag" not in before
    assert (
        "*Re-integratieverslag* (verzuim vanaf 05-01-2026, week 80): nog 6 onderdelen ontbreken, gesignaleerd vanaf 16-08-2027"
        in after
    )
    assert "✅ Probleemanalyse: aanwezig, 10-02-2026" in after
    assert "❌ Eindevaluatie: ontbreekt" in after
    assert "▫️ Arbeidsdeskundig onderzoek: alleen als er een was" in after
