"""A hand-built data set for the absence figures (verzuimcijfers) of the period 2026-01-01..2026-03-31 (90 days).

Every figure the tests expect is worked out here by hand. Hours: an employee's contract hours, 38 when unknown
(counted as full-time). "pct-days" are sick days times the fraction ill.

Employer "Verzuim A B.V.":
- a1, 40 h, case manager cm: report 05-01 (100%), gedeeltelijk herstel 50% from 15-01, hersteld 25-01.
  Sick: 05-01..14-01 = 10 days × 1 + 15-01..24-01 = 10 days × 0.5 = 15 pct-days → × 40 = 600.
  Available 90 days × 40 = 3600. New 1, ended 1 (20 days: middellang).
- a2, 20 h, in dienst sinds 01-02-2026 (mid-period), case manager cm: report 02-03 hersteld 09-03 (7 days: kort),
  report 20-03 still open (20-03..31-03 = 12 days). Sick 19 × 20 = 380. Available 59 days × 20 = 1180. New 2.
- a3, no contract hours (38): report 20-12-2025, hersteld 31-01-2026 (42 days: middellang). Sick 01-01..30-01 =
  30 × 38 = 1140. Available 90 × 38 = 3420. Not new.
- a4, 38 h: report 01-02 hersteld 09-02 (8 days: middellang) and 10-02 hersteld 25-03 (43 days: lang).
  Sick (8 + 43) × 38 = 1938. Available 3420. New 2.
- a5, 38 h: report 01-03 closed 05-03 as "foutief opgevoerd": counts nowhere. Available 3420.
- c1, 38 h, uit dienst per 31-12-2025: not employed in the period, not counted (nor its report).
  A: employees 5, without hours 1, days 419, hour-days 15040 (395.8 fte-days), sick 4058 (106.8 fte-days),
  verzuimpercentage 4058 / 15040 = 26.98%, new 5, meldingsfrequentie 5 × 365 / 419 = 4.36, ended 5 with 120
  days (mean 24.0), kort 1, middellang 3, lang 1, extra lang 0, frequent 0.
Employer "Verzuim B B.V.":
- b1, 38 h: reports 01-04-2025 (hersteld 03-04-2025), 10-09-2025 (hersteld 12-09-2025), 10-03-2026 hersteld
  11-03-2026 (1 day: kort): exactly 3 with a first sick day in the 12 months after 31-03-2025 → frequent.
  Sick 1 × 38 = 38. Available 3420. New 1.
- b2, 36 h, uit dienst per 14-02-2026: report 01-01-2025 hersteld 01-01-2026 (365 days: lang; no sick day in the
  period). Available 45 days × 36 = 1620.
- b3, 24 h: report 31-12-2024 closed 01-01-2026 (366 days: extra lang). Available 90 × 24 = 2160.
  B: employees 3, days 225, hour-days 7200 (189.5 fte-days), sick 38 (1.0), 0.53%, new 1, frequency 365 / 225 =
  1.62, ended 3 with 732 days (mean 244.0), kort 1, lang 1, extra lang 1, frequent 1.
Total: employees 8, 4096 / 22240 = 18.42%, new 6, 6 × 365 / 644 = 3.40, ended 8 with 852 days (mean 106.5),
kort 2, middellang 3, lang 2, extra lang 1, frequent 1, without hours 1.
The case manager cm sees a1 and a2 only: days 149, hour-days 4780, sick 980 → 20.50%, new 3 → 7.35, ended 2
(20 + 7: mean 13.5), kort 1, middellang 1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

D = dt.date
PERIOD = (D(2026, 1, 1), D(2026, 3, 31))


def build(db, create_employer, create_employee, create_user) -> SimpleNamespace:
    """Add the data set; returns its rows by name."""
    from models import SickReport, SickReportEndReason, SickReportOutcome, SickReportPercentage

    s = db.session
    cm = create_user(name="Verzuim Casemanager")
    healthy = SickReportEndReason(name="Verzuim hersteld", outcome=SickReportOutcome.OWN_WORK)
    wrong = SickReportEndReason(name="Verzuim foutief", outcome=SickReportOutcome.ERRONEOUS)
    s.add_all([healthy, wrong])
    employer_a = create_employer(name="Verzuim A B.V.")
    employer_b = create_employer(name="Verzuim B B.V.")

    def employee(employer, hours, **fields):
        return create_employee(employer, contract_hours=None if hours is None else Decimal(hours), **fields)

    def report(e, first, end=None, *, closed=None, reason=healthy, lines=()):
        r = SickReport(
            employee=e,
            first_sick_day=first,
            percentage=Decimal(lines[-1][1]) if lines else Decimal("100"),
            recovery_date=end,
            closed_on=closed,
            end_reason=reason if (end or closed) else None,
        )
        s.add(r)
        for day, pct in lines or ((first, "100"),):
            r.percentages.append(SickReportPercentage(from_date=day, percentage=Decimal(pct)))
        return r

    a1 = employee(employer_a, "40", case_manager=cm, employment_start=D(2020, 1, 1))
    report(a1, D(2026, 1, 5), D(2026, 1, 25), lines=((D(2026, 1, 5), "100"), (D(2026, 1, 15), "50")))
    a2 = employee(employer_a, "20", case_manager=cm, employment_start=D(2026, 2, 1))
    report(a2, D(2026, 3, 2), D(2026, 3, 9))
    report(a2, D(2026, 3, 20))
    a3 = employee(employer_a, None)
    report(a3, D(2025, 12, 20), D(2026, 1, 31))
    a4 = employee(employer_a, "38")
    report(a4, D(2026, 2, 1), D(2026, 2, 9))
    report(a4, D(2026, 2, 10), D(2026, 3, 25))
    a5 = employee(employer_a, "38")
    report(a5, D(2026, 3, 1), closed=D(2026, 3, 5), reason=wrong)
    c1 = employee(employer_a, "38", employment_end=D(2025, 12, 31))
    report(c1, D(2025, 12, 1))
    b1 = employee(employer_b, "38")
    report(b1, D(2025, 4, 1), D(2025, 4, 3))
    report(b1, D(2025, 9, 10), D(2025, 9, 12))
    report(b1, D(2026, 3, 10), D(2026, 3, 11))
    b2 = employee(employer_b, "36", employment_end=D(2026, 2, 14))
    report(b2, D(2025, 1, 1), D(2026, 1, 1))
    b3 = employee(employer_b, "24")
    report(b3, D(2024, 12, 31), closed=D(2026, 1, 1))
    s.flush()
    return SimpleNamespace(
        cm=cm, employer_a=employer_a, employer_b=employer_b, a1=a1, a2=a2, b1=b1, healthy=healthy
    )


EXPECTED_A = {
    "employer": "Verzuim A B.V.",
    "basis": "known",
    "employees": 5,
    "without_hours": 1,
    "available_days": Decimal("395.8"),
    "sick_days": Decimal("106.8"),
    "absence_percentage": Decimal("26.98"),
    "new_reports": 5,
    "report_frequency": Decimal("4.36"),
    "ended_reports": 5,
    "mean_duration": Decimal("24.0"),
    "short": 1,
    "medium": 3,
    "long": 1,
    "extra_long": 0,
    "frequent_absentees": 0,
}
EXPECTED_B = {
    "employer": "Verzuim B B.V.",
    "basis": "known",
    "employees": 3,
    "without_hours": 0,
    "available_days": Decimal("189.5"),
    "sick_days": Decimal("1.0"),
    "absence_percentage": Decimal("0.53"),
    "new_reports": 1,
    "report_frequency": Decimal("1.62"),
    "ended_reports": 3,
    "mean_duration": Decimal("244.0"),
    "short": 1,
    "medium": 0,
    "long": 1,
    "extra_long": 1,
    "frequent_absentees": 1,
}
EXPECTED_TOTAL = {
    "employer": "Totaal",
    "basis": "known",
    "employees": 8,
    "without_hours": 1,
    "available_days": Decimal("585.3"),  # 22240 / 38
    "sick_days": Decimal("107.8"),  # 4096 / 38
    "absence_percentage": Decimal("18.42"),
    "new_reports": 6,
    "report_frequency": Decimal("3.40"),
    "ended_reports": 8,
    "mean_duration": Decimal("106.5"),
    "short": 2,
    "medium": 3,
    "long": 2,
    "extra_long": 1,
    "frequent_absentees": 1,
}


def add_workforces(data: SimpleNamespace, user) -> None:
    """The workforce figures of tests/reports/test_absence_workforce.py (worked out there): A 50 employees, 40 fte
    from 01-02-2026; B 20 / 16,5 from 01-01-2025 to 31-01-2026 and 22 / 18 from 01-02-2026."""
    from casework.logbook import Actor
    from casework.workforce import add_workforce

    actor, now = Actor(user), dt.datetime(2026, 4, 1, 9, 0)
    add_workforce(
        data.employer_a, {"valid_from": "2026-02-01", "headcount": 50, "fte": "40"}, actor=actor, now=now
    )
    add_workforce(
        data.employer_b,
        {"valid_from": "2025-01-01", "valid_until": "2026-01-31", "headcount": "20", "fte": "16,50"},
        actor=actor,
        now=now,
    )
    add_workforce(
        data.employer_b, {"valid_from": "01-02-2026", "headcount": 22, "fte": 18}, actor=actor, now=now
    )
