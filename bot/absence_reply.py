"""`verzuim [WERKGEVER] [PERIODE]`: the absence figures (casework.absence_figures) of my caseload, overall and per
employer, and a link to the console page "Verzuimcijfers"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from flask import current_app

from bot.links import base_url
from casework.absence_figures import BASIS_WORDS, KNOWN, absence_figures, default_period, find_employer
from casework.calendar import dutch_date
from casework.errors import Invalid
from casework.periods import parse_period
from casework.schemas import thousands
from models import Role, User

MAX_EMPLOYERS = 10  # per-employer lines in one answer; the console page has them all
# A caseload is not an employer's workforce: its figures count the known employees (casework.absence_figures).
CASELOAD_BASIS = " (een caseload is niet het personeelsbestand van een werkgever)"


def _number(value: Decimal | None, unit: str = "") -> str:
    """A figure with a Dutch decimal comma, or "geen" when there was nothing to divide by."""
    if value is None:
        return "geen (niets om over te rekenen)"
    return f"{value}".replace(".", ",") + unit


def _split(args: str, today: dt.date) -> tuple[str, tuple[dt.date, dt.date]]:
    """The employer words and the period: the last word is the period when it reads as one."""
    words = args.split()
    if words:
        try:
            return " ".join(words[:-1]), parse_period(words[-1], today)
        except Invalid:
            pass
    return " ".join(words), default_period(today)


def absence_url(base: str, date_from: dt.date, date_to: dt.date, employer_id: int | None) -> str:
    """The console's Verzuimcijfers page for the same period (and employer)."""
    query = {"van": date_from.isoformat(), "tot": date_to.isoformat()}
    if employer_id is not None:
        query["werkgever"] = str(employer_id)
    return f"{base.rstrip('/')}/admin/absence/?{urlencode(query)}"


def absence_text(args: str, user: User, today: dt.date) -> str:
    """The summary; Invalid (under `employer` or `period`) when the employer or the period is not understood."""
    words, (date_from, date_to) = _split(args, today)
    employer = find_employer(words)
    figures = absence_figures(date_from, date_to, viewer=user, employer=employer)
    whose = "alle werknemers" if user.role == Role.ADMIN else "je caseload"
    if employer is not None:
        whose += f", {employer.name}"
    total = figures.total
    lines = [f"*Verzuimcijfers {dutch_date(date_from)} t/m {dutch_date(date_to)}* ({whose})"]
    if not figures.rows:
        lines.append("Geen werknemers in dienst in deze periode.")
    else:
        lines += [
            f"• Verzuimpercentage: {_number(total['absence_percentage'], '%')}"
            f" ({thousands(total['employees'])} werknemers)",
            f"• Meldingsfrequentie: {_number(total['report_frequency'])} per werknemer per jaar"
            f" ({thousands(total['new_reports'])} nieuwe ziekmeldingen)",
            f"• Gemiddelde verzuimduur: {_number(total['mean_duration'], ' dagen')}"
            f" ({thousands(total['ended_reports'])} beëindigd: kort {total['short']}, middellang {total['medium']},"
            f" lang {total['long']}, extra lang {total['extra_long']})",
            f"• Frequent verzuim (3 of meer ziekmeldingen in 12 maanden): {total['frequent_absentees']}",
            f"• Basis: {BASIS_WORDS[total['basis']]}" + (CASELOAD_BASIS if user.role != Role.ADMIN else ""),
        ]
        if total["without_hours"]:
            lines.append(f"• Zonder contracturen, geteld als voltijd: {total['without_hours']}")
        if employer is None and len(figures.rows) > 1:
            lines.append("*Per werkgever* (verzuimpercentage, meldingsfrequentie):")
            for row in figures.rows[:MAX_EMPLOYERS]:
                basis = "" if row["basis"] == KNOWN else f" ({BASIS_WORDS[row['basis']]})"
                lines.append(
                    f"• {row['employer']}: {_number(row['absence_percentage'], '%')},"
                    f" {_number(row['report_frequency'])}{basis}"
                )
            if len(figures.rows) > MAX_EMPLOYERS:
                lines.append(f"… en nog {len(figures.rows) - MAX_EMPLOYERS} werkgevers.")
    url = absence_url(base_url(current_app.config), date_from, date_to, employer.id if employer else None)
    lines.append(f"Alle cijfers en definities: {url}")
    return "\n".join(lines)
