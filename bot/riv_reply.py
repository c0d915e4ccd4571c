"""The re-integratieverslag check in Slack (issue 14 item 6): a section of the dossier reply from week 80."""

from __future__ import annotations

from casework.calendar import dutch_date
from casework.dossier import Dossier
from casework.i18n import gettext as _
from casework.i18n import ngettext
from casework.riv import RivStatus

from .blocks import escape

MARKS = {
    RivStatus.PRESENT: "✅",
    RivStatus.WAIVED: "➖",
    RivStatus.MISSING: "❌",
    RivStatus.NOT_APPLICABLE: "▫️",
}


def _missing(n: int) -> str:
    return ngettext("nog %(num)s onderdeel ontbreekt", "nog %(num)s onderdelen ontbreken", n)


def riv_lines(dossier: Dossier) -> list[str]:
    """Per sick report in week 80 or later: what UWV expects in the re-integratieverslag, present or missing."""
    lines: list[str] = []
    for report in dossier.employee.sick_reports:
        check = dossier.riv.get(report.id)
        if check is None:
            continue
        state = (
            _("alles aanwezig")
            if check.complete
            else _(
                "%(missing)s, gesignaleerd vanaf %(day)s",
                missing=_missing(len(check.missing)),
                day=dutch_date(check.signalled_from),
            )
        )
        head = _(
            "*Re-integratieverslag* (verzuim vanaf %(day)s, week %(week)s): %(state)s",
            day=dutch_date(report.first_sick_day),
            week=check.week,
            state=state,
        )
        lines.append(head)
        lines.extend(f"{MARKS[item.status]} {escape(item.words)}" for item in check.items)
    return lines
