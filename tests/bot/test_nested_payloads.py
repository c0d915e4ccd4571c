"""Deeply nested Slack payloads are refused with a clear message, not a 500."""

from __future__ import annotations

import pytest

TOO_DEEP = "De JSON is te diep genest (hoogstens 64 niveaus)."


@pytest.mark.parametrize("payload", ["[" * 50_000 + "]" * 50_000, '{"a":' * 100 + "1" + "}" * 100])
def test_a_deeply_nested_interactivity_payload_is_refused(post, fake_slack, payload):
    response = post({"payload": payload})
    assert response.status_code == 400
    assert response.get_data(as_text=True) == TOO_DEEP
    assert fake_slack.calls() == []


def test_a_deeply_nested_event_is_refused(post):
    event: dict = {"type": "event_callback"}
    inner = event
    for _ in range(100):
        inner["x"] = {}
        inner = inner["x"]
    response = post(event=event)
    assert response.status_code == 400 and response.get_data(as_text=True) == TOO_DEEP
