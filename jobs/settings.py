"""The scheduler's settings: the app's config first, then the environment, then the defaults (README table)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

DEFAULTS: dict[str, str] = {
    "TRAJECT_SCAN_MINUTES": "5",
    "TRAJECT_SCAN_FULL_MINUTES": "60",
    "TRAJECT_DELIVER_SECONDS": "10",
    "TRAJECT_SLACK_RATE": "1.0",
    "TRAJECT_DELIVERY_MAX_ATTEMPTS": "5",
    "TRAJECT_DELIVERY_BATCH": "100",
    "TRAJECT_DELIVERY_CLAIM_TIMEOUT": "300",
    "TRAJECT_QUIET_HOURS": "18:00-08:00",
    "TRAJECT_QUIET_WEEKENDS": "1",
    "TRAJECT_TIMEZONE": "Europe/Amsterdam",
    "TRAJECT_RETENTION_DAYS": "730",
    "TRAJECT_LOCK_STALE_SECONDS": "60",
    "TRAJECT_SCHEDULER_IN_RUN": "1",
}


def _get(config: Any, name: str) -> str:
    value = config.get(name) if config is not None else None
    if value is None:
        value = os.environ.get(name)
    return str(DEFAULTS[name] if value is None else value).strip()


def _flag(value: str) -> bool:
    return value.lower() in {"1", "true", "yes", "on"}


def _window(value: str) -> tuple[dt.time, dt.time] | None:
    """'18:00-08:00' as two times; empty or 'none' means no quiet hours by the clock."""
    if value.lower() in {"", "none", "off", "0"}:
        return None
    start, _, end = value.partition("-")
    try:
        return dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())
    except ValueError as error:
        raise ValueError(f"TRAJECT_QUIET_HOURS moet eruitzien als 18:00-08:00, niet {value!r}") from error


def _minutes(value: str) -> float:
    """TRAJECT_SCAN_FULL_MINUTES: a number of minutes, 0 or more."""
    try:
        minutes = float(value)
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes < float("inf"):
        raise ValueError(
            f"TRAJECT_SCAN_FULL_MINUTES moet een aantal minuten zijn (0 of meer), niet {value!r}"
        )
    return minutes


@dataclass(frozen=True)
class Settings:
    """Everything the jobs read from the configuration."""

    scan_minutes: float
    scan_full_minutes: float  # a kind not recomputed for this long is, changed or not (0: every scan in full)
    deliver_seconds: float
    slack_rate: float  # messages per second, for the whole process
    max_attempts: int
    batch: int
    claim_timeout: float  # seconds after which a claim left in "sending" counts as crashed
    quiet_hours: tuple[dt.time, dt.time] | None
    quiet_weekends: bool  # weekends and Dutch public holidays
    timezone: str
    retention_days: int
    lock_stale_seconds: float
    scheduler_in_run: bool

    @classmethod
    def load(cls, config: Any = None) -> Settings:
        """Read the settings from a Flask config mapping (or None) and the environment."""
        get = lambda name: _get(config, name)  # noqa: E731
        return cls(
            scan_minutes=float(get("TRAJECT_SCAN_MINUTES")),
            scan_full_minutes=_minutes(get("TRAJECT_SCAN_FULL_MINUTES")),
            deliver_seconds=float(get("TRAJECT_DELIVER_SECONDS")),
            slack_rate=float(get("TRAJECT_SLACK_RATE")),
            max_attempts=int(get("TRAJECT_DELIVERY_MAX_ATTEMPTS")),
            batch=int(get("TRAJECT_DELIVERY_BATCH")),
            claim_timeout=float(get("TRAJECT_DELIVERY_CLAIM_TIMEOUT")),
            quiet_hours=_window(get("TRAJECT_QUIET_HOURS")),
            quiet_weekends=_flag(get("TRAJECT_QUIET_WEEKENDS")),
            timezone=get("TRAJECT_TIMEZONE"),
            retention_days=int(get("TRAJECT_RETENTION_DAYS")),
            lock_stale_seconds=float(get("TRAJECT_LOCK_STALE_SECONDS")),
            scheduler_in_run=_flag(get("TRAJECT_SCHEDULER_IN_RUN")),
        )


def current_settings() -> Settings:
    """The settings of the current Flask app."""
    from flask import current_app

    return Settings.load(current_app.config)
