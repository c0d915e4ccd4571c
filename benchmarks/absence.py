"""The absence figures (verzuimcijfers) on the generated data set, beside hand-written statements.

Run with `python -m benchmarks.absence [--scale 0.1] [--sqlite-only|--postgresql-only]`. The data set is
benchmarks/generate.py's (100,000 employees at scale 1, with employment dates, contract hours, ended and open sick
reports and their percentage histories), with workforce figures (personeelsbestand) added for two thirds of the
employers. Printed per database, each the median of REPEAT runs:

- the hand-written reference: five plain GROUP BY statements a person would write for the same sums (employment
  on the days no workforce figure covers, weighted sick days from the percentage history, reports with their
  durations and classes, frequent absence, the workforce figures' headcount- and fte-days),
  combined per employer in Python; the benchmark checks that every employer's sums equal the engine's;
- casework.absence_figures.absence_figures for the 12 months up to the benchmark's day, all employers, as a ratio
  to the reference (target at most 2x);
- the same for one employer and for one case manager's caseload (what the console shows them).
Nothing here asserts on time; the targets are printed beside the numbers.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from benchmarks.common import NOW, check, generated_app, on_each_database, peak_mb, scale_arguments, timed

REPEAT = 3


def hand_written(dialect: str) -> list[str]:
    """The reference statements, each grouped by employer; parameters as casework.absence_figures.figures_params."""
    lite = dialect == "sqlite"
    day = (lambda n: f":{n}") if lite else (lambda n: f"CAST(:{n} AS DATE)")
    days = (
        (lambda a, b: f"CAST(julianday({a}) - julianday({b}) AS INTEGER)")
        if lite
        else (lambda a, b: f"({a} - {b})")
    )
    big, small = ("max", "min") if lite else ("greatest", "least")
    next_day = (lambda x: f"date({x}, '+1 day')") if lite else (lambda x: f"({x} + 1)")
    employed = (
        f"SELECT e.id, e.employer_id, COALESCE(e.contract_hours, :full_time) AS hours,"
        f" {big}({day('date_from')}, COALESCE(e.employment_start, {day('date_from')})) AS lo,"
        f" {small}({day('after_end')}, COALESCE({next_day('e.employment_end')}, {day('after_end')})) AS hi,"
        " e.contract_hours FROM employees e"
        f" WHERE COALESCE(e.employment_start, {day('date_to')}) <= {day('date_to')}"
        f" AND COALESCE(e.employment_end, {day('date_from')}) >= {day('date_from')}"
    )
    counted = "(er.outcome IS NULL OR er.outcome <> :erroneous)"
    end = "COALESCE(sr.recovery_date, sr.closed_on)"
    stop = f"CASE WHEN {end} IS NULL THEN NULL WHEN {end} > sr.first_sick_day THEN {end} ELSE {next_day('sr.first_sick_day')} END"
    dur = days(stop, "sr.first_sick_day")
    ended_in = f"{end} BETWEEN {day('date_from')} AND {day('date_to')}"
    classes = ", ".join(
        f"sum(CASE WHEN {ended_in} AND {dur} BETWEEN {lo} AND {hi} THEN 1 ELSE 0 END)"
        for lo, hi in ((1, 7), (8, 42), (43, 365), (366, 10**6))
    )
    segment_end = f"COALESCE(lead(p.from_date) OVER (PARTITION BY p.sick_report_id ORDER BY p.from_date), {day('after_end')})"
    # The workforce figures' days in the period [lo, hi).
    workforce = (
        f"SELECT w.employer_id, w.headcount, w.fte, {big}({day('date_from')}, w.valid_from) AS lo,"
        f" {small}({day('after_end')}, COALESCE({next_day('w.valid_until')}, {day('after_end')})) AS hi"
        f" FROM employer_workforces w WHERE w.valid_from <= {day('date_to')}"
        f" AND COALESCE(w.valid_until, {day('date_from')}) >= {day('date_from')}"
    )
    # An employee's days in the period that no workforce figure of the employer covers.
    covered = (
        f"(SELECT sum({big}(0, {days(f'{small}(x.hi, wf.hi)', f'{big}(x.lo, wf.lo)')})) FROM ({workforce}) wf"
        " WHERE wf.employer_id = x.employer_id)"
    )
    return [
        f"SELECT employer_id, count(*), sum(CASE WHEN contract_hours IS NULL AND n > 0 THEN 1 ELSE 0 END), sum(n),"
        f" sum(n * hours) FROM (SELECT x.*, {days('x.hi', 'x.lo')} - COALESCE({covered}, 0) AS n"
        f" FROM ({employed}) x) y GROUP BY employer_id",
        # Weighted sick days: each percentage line runs to the next one; reports without lines use their own.
        f"WITH emp AS ({employed}), lines AS (SELECT p.sick_report_id, p.percentage, p.from_date AS a,"
        f" {segment_end} AS b FROM sick_report_percentages p UNION ALL SELECT sr.id, sr.percentage,"
        f" sr.first_sick_day, {day('after_end')} FROM sick_reports sr WHERE NOT EXISTS (SELECT 1 FROM"
        " sick_report_percentages p WHERE p.sick_report_id = sr.id)),"
        f" pieces AS (SELECT emp.employer_id, emp.hours, lines.percentage,"
        f" {days(f'{small}(lines.b, COALESCE({stop}, emp.hi), emp.hi)', f'{big}(lines.a, sr.first_sick_day, emp.lo)')} AS n"
        " FROM lines JOIN sick_reports sr ON sr.id = lines.sick_report_id JOIN emp ON emp.id = sr.employee_id"
        f" LEFT JOIN sick_report_end_reasons er ON er.id = sr.end_reason_id WHERE {counted})"
        " SELECT employer_id, sum(n * percentage * hours) FROM pieces WHERE n > 0 GROUP BY employer_id",
        f"WITH emp AS ({employed}) SELECT emp.employer_id,"
        f" sum(CASE WHEN sr.first_sick_day BETWEEN {day('date_from')} AND {day('date_to')} THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN {ended_in} THEN 1 ELSE 0 END), sum(CASE WHEN {ended_in} THEN {dur} ELSE 0 END), {classes}"
        " FROM sick_reports sr JOIN emp ON emp.id = sr.employee_id"
        f" LEFT JOIN sick_report_end_reasons er ON er.id = sr.end_reason_id WHERE {counted} GROUP BY emp.employer_id",
        f"WITH emp AS ({employed}) SELECT emp.employer_id, count(*) FROM emp JOIN (SELECT sr.employee_id FROM"
        " sick_reports sr LEFT JOIN sick_report_end_reasons er ON er.id = sr.end_reason_id"
        f" WHERE {counted} AND sr.first_sick_day > {day('year_ago')} AND sr.first_sick_day <= {day('date_to')}"
        " GROUP BY sr.employee_id HAVING count(*) >= 3) f ON f.employee_id = emp.id GROUP BY emp.employer_id",
        f"SELECT employer_id, sum({days('hi', 'lo')}), sum({days('hi', 'lo')} * headcount),"
        f" sum({days('hi', 'lo')} * fte * :full_time) FROM ({workforce}) w GROUP BY employer_id",
    ]


KEYS = (
    "employees",
    "without_hours",
    "days",
    "hour_days",
    "covered_days",
    "sick_hour_pct_days",
    "new_reports",
    "ended",
    "duration",
    "short",
    "medium",
    "long",
    "extra_long",
    "frequent",
)


def _hand(session: Any, statements: list[str], params: dict[str, Any]) -> dict[int, dict[str, Decimal]]:
    """Run the reference and combine its sums per employer (missing sums are 0)."""
    per: dict[int, dict[str, Decimal]] = {}
    columns = (KEYS[0:4], KEYS[5:6], KEYS[6:13], KEYS[13:14], ("covered_days", "head_days", "fte_hour_days"))
    for sql, names in zip(statements, columns, strict=True):
        typed = _typed(sql)
        for row in session.execute(typed, params):
            sums = per.setdefault(row[0], dict.fromkeys(KEYS, Decimal(0)))
            for name, value in zip(names, row[1:], strict=True):
                sums[name] = Decimal(str(value or 0))
    for sums in per.values():  # the workforce's days count beside the known employees' uncovered days
        sums["days"] += sums.pop("head_days", Decimal(0))
        sums["hour_days"] += sums.pop("fte_hour_days", Decimal(0))
    return per


def add_workforces(session: Any, date_from: Any) -> int:
    """Workforce figures for two thirds of the generated employers: a third two consecutive periods covering the
    whole period, a third one period from its middle (the rest of the period counts the known employees)."""
    middle = date_from + dt.timedelta(days=180)
    figures = (
        ("id % 3 = 0", date_from - dt.timedelta(days=400), middle - dt.timedelta(days=1)),
        ("id % 3 = 0", middle, None),
        ("id % 3 = 1", middle, None),
    )
    added = 0
    for where, valid_from, valid_until in figures:
        added += session.execute(
            sa.text(
                "INSERT INTO employer_workforces (employer_id, valid_from, valid_until, headcount, fte)"
                " SELECT id, :valid_from, :valid_until, 300 + id % 100, (300 + id % 100) * 0.85 FROM employers"
                f" WHERE name LIKE 'Bench werkgever%' AND {where}"
            ).bindparams(
                sa.bindparam("valid_from", type_=sa.Date()), sa.bindparam("valid_until", type_=sa.Date())
            ),
            {"valid_from": valid_from, "valid_until": valid_until},
        ).rowcount
    session.commit()
    return added


def _typed(sql: str) -> sa.TextClause:
    """A statement with its dates and the full-time hours typed (SQLite binds neither a date nor a Decimal)."""
    names = [n for n in ("date_from", "date_to", "after_end", "year_ago") if f":{n}" in sql]
    typed = [sa.bindparam(n, type_=sa.Date()) for n in names]
    if ":full_time" in sql:
        typed.append(sa.bindparam("full_time", type_=sa.Numeric(4, 2)))
    return sa.text(sql).bindparams(*typed)


def _engine_sums(session: Any, sql: str, params: dict[str, Any]) -> dict[int, dict[str, Decimal]]:
    typed = _typed(sql)
    return {
        r.employer_id: {k: Decimal(str(getattr(r, k) or 0)) for k in KEYS}
        for r in session.execute(typed, params)
    }


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("0.001") * max(abs(a), 1)


def _bench(url: str, label: str, scale: float) -> None:
    from casework.absence_figures import absence_figures, default_period, figures_params, figures_sql
    from models import Employer, Role, User, db

    app = generated_app(url, label, scale, NOW)
    with app.app_context():
        session = db.session
        dialect = db.engine.dialect.name
        date_from, date_to = default_period(NOW.date())
        params = figures_params(date_from, date_to)
        statements = hand_written(dialect)
        print(f"  {add_workforces(session, date_from):,} workforce figures added", flush=True)

        t_hand, hand = timed(lambda: _hand(session, statements, params), REPEAT, after=session.rollback)
        engine = _engine_sums(session, figures_sql(dialect, caseload=False, employer=False), params)
        session.rollback()
        check(
            set(hand) == set(engine),
            f"hand-written and engine differ in employers: {len(hand)} / {len(engine)}",
        )
        for employer_id, sums in engine.items():
            for key in KEYS:
                check(
                    _same(sums[key], hand[employer_id][key]),
                    f"employer {employer_id}, {key}: engine {sums[key]}, hand-written {hand[employer_id][key]}",
                )
        t_all, figures = timed(lambda: absence_figures(date_from, date_to), REPEAT, after=session.rollback)
        employer = session.scalar(sa.select(Employer).where(Employer.name.like("Bench werkgever%")).limit(1))
        t_one, _ = timed(
            lambda: absence_figures(date_from, date_to, employer=employer), REPEAT, after=session.rollback
        )
        manager = session.scalar(
            sa.select(User).where(User.role == Role.CASEMANAGER).order_by(User.id).limit(1)
        )
        t_mine, _ = timed(
            lambda: absence_figures(date_from, date_to, viewer=manager), REPEAT, after=session.rollback
        )

        total = figures.total
        print(
            f"  period {date_from} .. {date_to}: {total['employees']:,} employees in {len(figures.rows):,} employers"
        )
        print(
            f"    verzuimpercentage {total['absence_percentage']}%, meldingsfrequentie {total['report_frequency']},"
            f" {total['ended_reports']:,} ended (mean {total['mean_duration']} days: {total['short']:,} kort,"
            f" {total['medium']:,} middellang, {total['long']:,} lang, {total['extra_long']:,} extra lang),"
            f" {total['frequent_absentees']:,} frequent; every employer's sums equal the hand-written ones"
        )
        print(f"  hand-written, 5 statements             {t_hand:8.3f} s")
        print(
            f"  absence figures, all employers          {t_all:8.3f} s  ratio {t_all / t_hand:5.2f}x the hand-written"
            "  (target at most 2x)"
        )
        print(f"  absence figures, one employer           {t_one:8.3f} s  {t_one / t_hand:5.2f}x")
        print(f"  absence figures, one caseload           {t_mine:8.3f} s  {t_mine / t_hand:5.2f}x")
        print(f"  peak memory of this process             {peak_mb():8.0f} MB", flush=True)
        session.remove()
        db.engine.dispose()


def run(argv: list[str] | None = None) -> None:
    """Benchmark on SQLite and PostgreSQL."""
    args = scale_arguments("python -m benchmarks.absence", argv)
    print(
        f"Absence figures at scale {args.scale:g}: median of {REPEAT} runs (ratio = engine / hand-written statements)"
    )
    on_each_database(args, lambda url, label: _bench(url, label, args.scale))


if __name__ == "__main__":
    run(sys.argv[1:])
