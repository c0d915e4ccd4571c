"""The fake Slack refuses what Slack refuses: Block Kit limits answered with Slack's own errors."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakeslack import FakeSlack


@pytest.fixture
def strict():
    """A fake Slack and a client; what it refused is looked at by the test itself."""
    fake = FakeSlack.start()
    yield fake, WebClient(token="xoxb-test", base_url=fake.url)
    fake.stop()


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _refused(call, error: str) -> list[str]:
    with pytest.raises(SlackApiError) as raised:
        call()
    assert raised.value.response["error"] == error
    return raised.value.response.get("response_metadata", {}).get("messages", [])


def test_a_message_of_51_blocks_is_refused_and_50_pass(strict):
    fake, client = strict
    client.chat_postMessage(channel="D1", text="ok", blocks=[_section("x")] * 50)
    messages = _refused(
        lambda: client.chat_postMessage(channel="D1", text="te veel", blocks=[_section("x")] * 51),
        "invalid_blocks",
    )
    assert messages == ["[ERROR] must provide at most 50 items [json-pointer:/blocks]"]
    assert [m["text"] for m in fake.messages("D1")] == ["ok"]  # the refused message was not stored


def test_text_lengths_are_slacks(strict):
    _, client = strict
    too_long_button = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "x"},
        "accessory": {"type": "button", "text": {"type": "plain_text", "text": "k" * 76}, "action_id": "a"},
    }
    assert _refused(
        lambda: client.chat_postMessage(channel="D1", text="t", blocks=[too_long_button]), "invalid_blocks"
    ) == ["[ERROR] must be less than 76 characters [json-pointer:/blocks/0/accessory/text/text]"]
    _refused(
        lambda: client.chat_postMessage(channel="D1", text="t", blocks=[_section("x" * 3001)]),
        "invalid_blocks",
    )
    _refused(lambda: client.chat_postMessage(channel="D1", text="x" * 40001), "msg_too_long")
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    _refused(lambda: client.chat_postMessage(channel="D1", text="t", blocks=[header]), "invalid_blocks")
    fields = {"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}
    _refused(lambda: client.chat_postMessage(channel="D1", text="t", blocks=[fields]), "invalid_blocks")


def test_views_are_checked_as_slack_does(strict):
    _, client = strict
    options = [{"text": {"type": "plain_text", "text": f"o{i}"}, "value": str(i)} for i in range(101)]
    select = {
        "type": "input",
        "block_id": "b",
        "label": {"type": "plain_text", "text": "Programma"},
        "element": {"type": "static_select", "action_id": "p", "options": options},
    }
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Een titel van 25 tekens!!"},
        "submit": {"type": "plain_text", "text": "Opslaan"},
        "private_metadata": "m" * 3001,
        "blocks": [select],
    }
    messages = _refused(lambda: client.views_open(trigger_id="t", view=view), "invalid_arguments")
    assert set(messages) == {
        "[ERROR] must provide at most 100 items [json-pointer:/view/blocks/0/element/options]",
        "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]",
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
    }
    home = {"type": "home", "blocks": [_section("x")] * 101}
    _refused(lambda: client.views_publish(user_id="U1", view=home), "invalid_arguments")
    long_option = {**options[0], "text": {"type": "plain_text", "text": "o" * 76}}
    view = {**view, "title": {"type": "plain_text", "text": "Kort"}, "private_metadata": ""}
    view["blocks"] = [{**select, "element": {**select["element"], "options": [long_option]}}]
    assert _refused(lambda: client.views_open(trigger_id="t", view=view), "invalid_arguments") == [
        "[ERROR] must be less than 76 characters [json-pointer:/view/blocks/0/element/options/0/text/text]"
    ]
