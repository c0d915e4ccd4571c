"""Links from Slack into the console: its base URL, a dossier, a search."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlencode


def base_url(config: Any) -> str:
    """Where the console is reached (TRAJECT_BASE_URL in the config or the environment)."""
    return (
        config.get("TRAJECT_BASE_URL") or os.environ.get("TRAJECT_BASE_URL") or "http://127.0.0.1:5000"
    ).rstrip("/")


def dossier_url(base: str, employee_id: int) -> str:
    """The console page of an employee's dossier."""
    return f"{base.rstrip('/')}/admin/dossiers/{employee_id}/"


def search_url(base: str, term: str) -> str:
    """The console's employee list searching the same term (never called with a BSN: it would be in a URL)."""
    return f"{base.rstrip('/')}/admin/dossiers/?{urlencode({'q': term})}"
