"""Where a `next` parameter may send the browser: only to a path of this site (no open redirect)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Browsers drop tabs and line breaks from URLs and read "\" as "/": "/\t/evil.example" becomes "//evil.example".
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def local_target(target: str | None, fallback: str) -> str:
    """`target` when it is a path on this site (`/admin/...`), else `fallback`."""
    target = target or ""
    if not target.startswith("/") or _CONTROL.search(target) or _CONTROL.search(unquote(target)):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//") or unquote(target).startswith("//"):
        return fallback
    return target
