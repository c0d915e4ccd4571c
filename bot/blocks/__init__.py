"""Small Block Kit builders within Slack's limits; names only, never a BSN or anything medical.

Builders that take a label (buttons, headers, options; the modal inputs in bot.modals) say it in the reader's
language (casework.i18n.translate): callers pass the Dutch text marked with N_, or a name as it is.

Text that people typed (names, employers, configured names) is escaped for mrkdwn (`&`, `<`, `>`), so it can
never become a link, a mention or `<!channel>`; texts longer than a field allows are cut with an ellipsis.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from casework.bsn import normalise_bsn
from casework.calendar import dutch_date
from casework.i18n import gettext as _
from casework.i18n import translate
from models import Employee, Task

BUTTON_TEXT = 75  # Slack's Block Kit limits
OPTION_TEXT = 75
OPTION_DESCRIPTION = 75
SECTION_TEXT = 3000
PLAIN_TEXT = 150
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100


def escape(value: object) -> str:
    """Text someone typed, made safe for mrkdwn: it shows as typed and never links or mentions."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(value: str, limit: int) -> str:
    """`value` cut to `limit` characters, ending in an ellipsis when it was longer."""
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def looks_like_bsn(term: str) -> bool:
    """Whether a search term could be a BSN (8 or 9 digits): such a term is never echoed to Slack."""
    digits = normalise_bsn(term.strip())
    return len(digits) == 9 and digits.isdigit()


def shown_term(term: str) -> str:
    """A search term as the bot may repeat it: escaped, and never a BSN."""
    return _("het opgegeven nummer") if looks_like_bsn(term) else f"\u201c{escape(term)}\u201d"


def text(value: str, limit: int = PLAIN_TEXT) -> dict[str, Any]:
    """A plain_text object."""
    return {"type": "plain_text", "text": clip(value, limit) or " "}


def button(label: str, action_id: str, value: object, style: str | None = None) -> dict[str, Any]:
    """A button carrying an id."""
    out = {
        "type": "button",
        "text": text(translate(label), BUTTON_TEXT),
        "action_id": action_id,
        "value": str(value),
    }
    if style:
        out["style"] = style
    return out


def section(markdown: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    """A mrkdwn section (callers escape what people typed), with an optional accessory."""
    out: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(markdown, SECTION_TEXT)},
    }
    if accessory:
        out["accessory"] = accessory
    return out


def context(markdown: str) -> dict[str, Any]:
    """A context block of one mrkdwn text."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(markdown, SECTION_TEXT)}]}


def header(value: str) -> dict[str, Any]:
    """A header block."""
    return {"type": "header", "text": text(translate(value))}


def actions(block_id: str, *elements: dict[str, Any]) -> dict[str, Any]:
    """An actions block."""
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def option(label: str, value: object, description: str = "") -> dict[str, Any]:
    """An option of a select (text cut to 75 characters; an optional description, also 75)."""
    out: dict[str, Any] = {"text": text(translate(label), OPTION_TEXT), "value": str(value)}
    if description:
        out["description"] = text(translate(description), OPTION_DESCRIPTION)
    return out


def employee_label(employee: Employee) -> str:
    """Name and employer, the way the bot names an employee (no BSN, no birth date); plain text, not escaped."""
    return f"{employee.full_name} ({employee.employer.name})"


def employee_md(employee: Employee) -> str:
    """The employee's label escaped for mrkdwn."""
    return escape(employee_label(employee))


def task_line(task: Task, today: dt.date) -> str:
    """One mrkdwn line for a task, saying when it is overdue."""
    late = " — " + _("*te laat*") if task.due_date < today else ""
    who = employee_md(task.trajectory.employee)
    due = _("uiterlijk %(day)s", day=dutch_date(task.due_date))
    return f"{escape(task.key)} {escape(translate(task.name))} · {who} · {due}{late}"
