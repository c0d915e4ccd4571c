"""Spoor 2 before the plan van aanpak: Slack's task modal answers with the warning (issue 14 item 8)."""

from __future__ import annotations

from tests.spoor2 import WARNING, spoor_2_at_t5


def test_completing_t5_in_slack_sends_the_warning(
    ui, db, fake_slack, create_employee, create_sick_report, create_programme, casemanager
):
    t5 = spoor_2_at_t5(create_employee(case_manager=casemanager), create_sick_report, create_programme)
    uid = casemanager.slack_user_id
    ui.click(uid, "task.open", str(t5.id))
    ui.submit(uid, ui.last_modal(), {})
    texts = [c.body["text"] for c in fake_slack.calls("chat.postMessage")]
    assert f"Taak T5 {t5.name} afgerond.\n:warning: {WARNING}" in texts
