"""The re-integratieverslag check in Slack (issue 14 item 6): a section of the dossier reply from week 80."""

from __future__ import annotations

from casework.calendar import dutch_date
from casework.dossier import Dossier
from casework.riv import RivStatus

from .blocks import escape

MARKS = {
    RivStatus.PRESENT: "✅",
    RivStatus.WAIVED: "➖",
    RivStatus.MISSING: "❌",
    RivStatus.NOT_APPLICABLE: "▫️",
}


def _missing(n: int) -> str:
    return "nog 1 onderdeel ontbreekt" if n == 1 else f"nog {n} onderdelen ontbreken"


def riv_lines(dossier: Dossier) -> list[str]:
    """Per sick report in week 80 or later: what UWV expects in the re-integratieverslag, present or missing."""
    lines: list[str] = []
    for report in dossier.employee.sick_reports:
        check = dossier.riv.get(report.id)
        if check is None:
            continue
        head = (
            f"*Re-integratieverslag* (verzuim vanaf {dutch_date(report.first_sick_day)}, week {check.week}): "
            + (
                "alles aanwezig"
                if check.complete
                else f"{_missing(len(check.missing))}, gesignaleerd vanaf {dutch_date(check.signalled_from)}"
            )
        )
        lines.append(head)
        lines.extend(f"{MARKS[item.status]} {escape(item.words)}" for item in check.items)
    return lines
