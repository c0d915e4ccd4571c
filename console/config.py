"""Configuration from the environment (SPEC §8); every variable is listed in the README."""

from __future__ import annotations

import os
import zoneinfo
from pathlib import Path
from typing import Any

from models import normalise_database_url

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class ConfigError(RuntimeError):
    """The configuration cannot work; the message says which variable and why."""


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Read the settings from `env` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    default_db = f"sqlite:///{Path(instance_path) / 'traject.db'}"
    settings: dict[str, Any] = {
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(env.get("DATABASE_URL") or default_db),
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        "DEBUG": _flag(env.get("FLASK_DEBUG")) or _flag(env.get("TRAJECT_DEBUG")),
        "SLACK_BOT_TOKEN": env.get("SLACK_BOT_TOKEN") or None,
        "SLACK_SIGNING_SECRET": env.get("SLACK_SIGNING_SECRET") or None,
        "SLACK_APP_TOKEN": env.get("SLACK_APP_TOKEN") or None,
        "SLACK_API_URL": env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL,
        "TRAJECT_LANGUAGE": (env.get("TRAJECT_LANGUAGE") or "nl").strip().lower(),
        # times are stored in UTC and shown in this zone (the scheduler's quiet hours use the same variable)
        "BABEL_DEFAULT_TIMEZONE": (env.get("TRAJECT_TIMEZONE") or "Europe/Amsterdam").strip(),
    }
    settings["TRAJECT_REQUIRE_TOTP"] = (env.get("TRAJECT_REQUIRE_TOTP") or "admin").strip().lower()
    idle = (env.get("TRAJECT_SESSION_IDLE_MINUTES") or "").strip()
    settings["TRAJECT_SESSION_IDLE_MINUTES"] = int(idle) if idle.isdigit() else (idle or 30)
    for name, default in (
        ("TRAJECT_UPLOAD_LINK_DAYS", 120),
        ("TRAJECT_UPLOAD_MAX_MB", 10),
        ("TRAJECT_SLACK_THREADS", 10),
        ("TRAJECT_REPORT_MAX_AGE", 300),
    ):
        value = (env.get(name) or "").strip()
        settings[name] = int(value) if value.isascii() and value.isdigit() else (value or default)
    if (env.get("TRAJECT_PROXY_HOPS") or "").strip():
        settings["TRAJECT_PROXY_HOPS"] = env["TRAJECT_PROXY_HOPS"].strip()
    if (env.get("TRAJECT_SECURE_COOKIES") or "").strip():
        # Cookies are Secure (HTTPS only) outside debug and tests; 0 allows plain HTTP on a trusted network.
        settings["TRAJECT_SECURE_COOKIES"] = _flag(env["TRAJECT_SECURE_COOKIES"])
    return settings


def validate(config: dict[str, Any]) -> None:
    """Refuse to start with a configuration that cannot work, naming the variable."""
    if not config.get("SECRET_KEY") and not (config.get("DEBUG") or config.get("TESTING")):
        raise ConfigError(
            "SECRET_KEY is niet ingesteld. Geef de omgevingsvariabele SECRET_KEY een lange willekeurige waarde "
            '(bijvoorbeeld python -c "import secrets; print(secrets.token_hex(32))"), of FLASK_DEBUG=1 om te ontwikkelen.'
        )
    if config.get("TRAJECT_LANGUAGE") not in {"nl", "en"}:
        raise ConfigError(
            f"TRAJECT_LANGUAGE moet 'nl' of 'en' zijn, niet {config.get('TRAJECT_LANGUAGE')!r}."
        )
    zone = config.get("BABEL_DEFAULT_TIMEZONE") or "Europe/Amsterdam"
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"TRAJECT_TIMEZONE moet een tijdzone zijn zoals Europe/Amsterdam, niet {zone!r}."
        ) from None
    if config.get("TRAJECT_REQUIRE_TOTP", "admin") not in {"admin", "all", "none"}:
        raise ConfigError(
            f"TRAJECT_REQUIRE_TOTP moet 'admin', 'all' of 'none' zijn, niet {config.get('TRAJECT_REQUIRE_TOTP')!r}."
        )
    idle = config.get("TRAJECT_SESSION_IDLE_MINUTES", 30)
    if not isinstance(idle, int) or isinstance(idle, bool) or not 1 <= idle <= 720:
        raise ConfigError(
            f"TRAJECT_SESSION_IDLE_MINUTES moet een heel aantal minuten van 1 tot en met 720 zijn, niet {idle!r}."
        )
    for name, low, high, what in (
        ("TRAJECT_UPLOAD_LINK_DAYS", 1, 3650, "de dagen dat een uploadlink van een provider werkt"),
        ("TRAJECT_UPLOAD_MAX_MB", 1, 100, "de megabytes die een geüpload verslag mag hebben"),
        ("TRAJECT_SLACK_THREADS", 1, 100, "de threads per proces die de Slack-listeners uitvoeren"),
        ("TRAJECT_REPORT_MAX_AGE", 0, 3600, "de seconden dat de rapportagepagina een berekend rapport toont"),
    ):
        value = config.get(name, low)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(
                f"{name} moet een heel getal van {low} tot en met {high} zijn ({what}), niet {value!r}."
            )
    hops = str(config.get("TRAJECT_PROXY_HOPS") or "0")
    if not (hops.isascii() and hops.isdigit() and int(hops) <= 10):
        raise ConfigError(
            f"TRAJECT_PROXY_HOPS moet het aantal proxy's ervoor zijn (0 tot en met 10), niet {hops!r}."
        )
    config["TRAJECT_PROXY_HOPS"] = int(hops)
    uri = config.get("SQLALCHEMY_DATABASE_URI") or ""
    if not (uri.startswith("sqlite") or uri.startswith("postgresql+psycopg://")):
        raise ConfigError(
            f"DATABASE_URL moet een sqlite:///- of postgresql://-URL zijn, niet {uri.split(':', 1)[0]!r}."
        )
