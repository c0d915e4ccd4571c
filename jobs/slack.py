"""The Slack side of delivery: the Web API client (429s wait for Retry-After) and the global message rate."""

from __future__ import annotations

import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler


def make_client(config: Any) -> WebClient | None:
    """The Slack Web API client of the app (None without SLACK_BOT_TOKEN); 429s wait for Retry-After."""
    token = config.get("SLACK_BOT_TOKEN")
    if not token:
        return None
    return WebClient(
        token=token,
        base_url=config.get("SLACK_API_URL") or "https://slack.com/api/",
        timeout=15,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


class RateLimiter:
    """At most `rate` messages per second for the whole process."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = 0.0

    def wait(self) -> None:
        """Sleep until the next message may go."""
        delay = self.next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.next_at = max(self.next_at, time.monotonic()) + self.interval


_limiters: dict[float, RateLimiter] = {}


def limiter_for(rate: float) -> RateLimiter:
    """The process-wide limiter for a rate."""
    return _limiters.setdefault(rate, RateLimiter(rate))
