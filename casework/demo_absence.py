"""The demo's personeelsbestand and its short absence, so that its absence figures read as a Dutch employer's.

An employer of 50 to 90 people has a verzuimpercentage of 3-8% and about one sick report per employee per year,
most of them short. The demo's employees are those with long or eventful absence (casework.demo); here each
employer gets its workforce figures (headcount and fte, fte below the headcount: part-time work) and a few
employees who were ill briefly, twice in the last year (never three times: that is frequent absence, which the
demo shows on purpose elsewhere). The bakery delivered its figure only from eleven months ago, so its row counts
the first weeks of the year over its known employees ("deels personeelsbestand").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from models import Employee, Employer, EmployerWorkforce, SickReport, SickReportPercentage, db

# Per employer: (headcount, fte) last calendar year and from 1 January this year; None: one figure from
# PARTIAL_SINCE days ago, the second pair. Then how many employees were ill briefly, twice.
WORKFORCE: dict[str, tuple[tuple[int, str] | None, tuple[int, str], int]] = {
    "Bakkerij De Korenschoof B.V.": (None, (46, "37.40"), 8),
    "Installatiebedrijf Van Dijk & Zonen": ((58, "52.20"), (62, "55.80"), 10),
    "Zorggroep De Linde": ((84, "61.50"), (88, "64.00"), 16),
    "Transportbedrijf Noorderlicht": ((52, "48.00"), (55, "50.50"), 14),
}
PARTIAL_SINCE = 330
HOURS = (Decimal("38"), Decimal("32"), Decimal("24"), Decimal("36"))


def add_workforces(employers: list[Employer], today: dt.date) -> None:
    """Each demo employer's workforce figures, covering the last 12 months (the bakery's only part of them)."""
    this_year = dt.date(today.year, 1, 1)
    for employer in employers:
        last, now, _brief = WORKFORCE[employer.name]
        if last is None:
            start = today - dt.timedelta(days=PARTIAL_SINCE)
            db.session.add(
                EmployerWorkforce(employer=employer, valid_from=start, headcount=now[0], fte=Decimal(now[1]))
            )
            continue
        db.session.add(
            EmployerWorkforce(
                employer=employer,
                valid_from=dt.date(today.year - 1, 1, 1),
                valid_until=this_year - dt.timedelta(days=1),
                headcount=last[0],
                fte=Decimal(last[1]),
            )
        )
        db.session.add(
            EmployerWorkforce(employer=employer, valid_from=this_year, headcount=now[0], fte=Decimal(now[1]))
        )


def brief_absence(demo: Any, employers: list[Employer], make_employee: Any, reason: Any) -> None:
    """Employees ill twice in the last year for 1 to 5 days each, recovered (hersteld eigen werk)."""
    m = 0
    for employer in employers:
        for _ in range(WORKFORCE[employer.name][2]):
            m += 1
            employee: Employee = make_employee(employer, HOURS[m % len(HOURS)])
            for first_before, days in (
                (20 + (m * 23) % 150, 1 + m % 5),
                (190 + (m * 31) % 150, 1 + (m + 2) % 5),
            ):
                first = demo.today - dt.timedelta(days=first_before)
                report = SickReport(
                    employee=employee,
                    first_sick_day=first,
                    percentage=Decimal("100"),
                    recovery_date=first + dt.timedelta(days=days),
                    end_reason=reason,
                    reported_at=demo.now,
                )
                report.percentages.append(SickReportPercentage(percentage=Decimal("100"), from_date=first))
                db.session.add(report)
                demo.count("sick reports")
