"""What a user reads: the visible text of a page or a Slack message, and the internal codes that must not be in it.

Used by the tests that read every console page and every Slack text of the demo as a user would (issue 16 item 5):
no enum value, snake_case key, `__None`/`None`, English status word, amount or date that is not in Dutch form.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Text that is not read: scripts, styles, the source of a document template being edited (merge fields such as
# {{ employee.full_name }} are the administrator's own words there), Flask-Admin's hidden filter data.
_SKIPPED_TAGS = {"script", "style", "textarea", "template"}
_READ_ATTRIBUTES = ("title", "placeholder", "alt")

SNAKE_CASE = re.compile(r"(?<![\w.@/{])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@(])")
ENUM_NAMES = re.compile(r"\b(?:ADMIN|CASEMANAGER|TASK_OVERDUE|RTW_TARGET_PASSED|NOT_CONTACTED)\b")
NONE = re.compile(r"__None|(?<![\w-])None(?![\w-])")
ENGLISH = re.compile(
    r"\b(?:true|false|closed|done|skipped|cancelled|pending|accepted|rejected|success|overdue|Yes|No|"
    r"Not Found|Forbidden|Internal Server Error|Method Not Allowed)\b(?!-)"  # a Dutch "No-riskpolis" is Dutch
)
ENGLISH_AMOUNT = re.compile(r"€\s*-?\d+\.\d{2}\b|€\s*-?\d{4,}(?:,\d{2})?\b|(?<![\d.,])\d+\.\d{2}(?![\d.,])")
# Dates are dd-mm-jjjj everywhere: neither ISO (2026-03-05) nor without leading zeros (5-3-2026).
OTHER_DATE = re.compile(r"(?<![\d-])(?:\d{4}-\d{2}-\d{2}|\d-\d{1,2}-\d{4}|\d{2}-\d-\d{4})(?![\d-])")
MERGE_FIELD = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


class _Reader(HTMLParser):
    """Collects the text a person sees (and the tooltips they can hover), plus the page's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        # Flask-Admin's data for its scripts: the filter list, and an escaped copy of a new inline form
        hidden = values.get("id") == "filter-groups-data" or "inline-field-template" in (
            values.get("class") or ""
        )
        if tag in _SKIPPED_TAGS or hidden:
            self._skipping.append(tag)
            return
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.append(tag)
            return
        if self._skipping:
            return
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")
        for name in _READ_ATTRIBUTES:
            if values.get(name):
                self.parts.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def read_page(html: str) -> tuple[str, list[str]]:
    """The visible text of an HTML page (one line, spaces collapsed) and its links."""
    reader = _Reader()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split()), reader.links


def internal_codes(text: str) -> list[str]:
    """Every piece of the text a Dutch user should never read: codes, English words, foreign amounts/dates."""
    text = MERGE_FIELD.sub(" ", text)
    found: list[str] = []
    for pattern in (SNAKE_CASE, ENUM_NAMES, NONE, ENGLISH, ENGLISH_AMOUNT, OTHER_DATE):
        for match in pattern.finditer(text):
            found.append(f"{match.group(0)!r} in …{text[max(0, match.start() - 60) : match.end() + 60]}…")
    return found
