"""The outcome reports on a generated data set, each beside an equivalent hand-written SQL, and a streamed CSV export.

Run with `python -m benchmarks.reports [--trajectories 1000000] [--sqlite-only|--postgresql-only]`. The data set:
`benchmarks.generate` (employees with one open trajectory each) plus closed trajectories up to the asked number,
spread over 2024-2026 with end reasons, a done first task for half of them, a cost/benefit for a third and an
ended intervention for a fifth; trajectories linked to their employee's latest sick report, half of the open
sick reports ended, every ended one with an end reason of each class in turn. Printed per database and grouping:
the median of three runs of casework.reports.outcome_report (three statements: trajectory figures, sick-report
figures, counts per end reason), of three hand-written SQL statements computing the same figures, their ratio
(target at most 2x), whether every count, median and saving agrees,
and the CSV export of every trajectory row (casework.reports_export.trajectory_rows_csv) with peak memory.
Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.common import NOW, timed
from benchmarks.common import peak_mb as _peak_mb
from benchmarks.common import postgres as _postgres

REPEAT = 3
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
GROUP_SQL = {  # grouping: (group expression, extra joins) of the hand-written trajectory statement
    "none": ("'Totaal'", ""),
    "employer": ("er.name", ""),
    "case_manager": ("coalesce(u.name, '(geen)')", "LEFT JOIN users u ON u.id = t.case_manager_id"),
    "programme": ("coalesce(p.name, '(geen)')", "LEFT JOIN programmes p ON p.id = t.programme_id"),
}
SICK_GROUP_SQL = {  # the same for sick reports: the employee's case manager, the latest trajectory's programme
    "none": ("'Totaal'", ""),
    "employer": ("er.name", ""),
    "case_manager": ("coalesce(u.name, '(geen)')", "LEFT JOIN users u ON u.id = e.case_manager_id"),
    "programme": ("coalesce(p.name, '(geen)')", "LEFT JOIN programmes p ON p.id = t.programme_id"),
}
WORK = "('own_work', 'adapted_work', 'other_employer')"


def _days(dialect: str, later: str, earlier: str) -> str:
    if dialect == "sqlite":
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    return f"({later} - {earlier})"


def hand_written(grouping: str, dialect: str) -> str:
    """The trajectory figures as one SQL text (deadlines from the temporary table bench_deadlines)."""
    group, joins = GROUP_SQL[grouping]
    to = ":t" if dialect == "sqlite" else "CAST(:t AS DATE)"
    end = "coalesce(sr.recovery_date, sr.closed_on)"
    cnt = "(r.outcome IS NULL OR r.outcome <> 'erroneous')"
    opened = f"({cnt} AND t.started_on BETWEEN :f AND :t)"
    closed = f"({cnt} AND t.closed_on BETWEEN :f AND :t AND t.end_reason_id IS NOT NULL)"
    open_end = f"({cnt} AND (t.closed_on IS NULL OR t.closed_on > :t))"
    goal = (
        f"({closed} AND t.end_goal_id IS NOT NULL AND ((sre.end_goal_id = t.end_goal_id AND {end} <= :t)"
        " OR r.end_goal_id = t.end_goal_id))"
    )
    saving = (
        f"({cnt} AND t.programme_id IS NOT NULL AND (r.outcome IS NULL OR r.outcome <> 'no_approval')"
        f" AND cb.expected_rtw_date IS NOT NULL AND {end} BETWEEN :f AND :t AND sre.outcome IN {WORK})"
    )
    one = lambda cond: f"CASE WHEN {cond} THEN 1 ELSE 0 END"  # noqa: E731
    return f"""
WITH fd AS (SELECT t.id AS trajectory_id, min(ct.day) AS first_contact FROM trajectories t
            JOIN contacts ct ON ct.employee_id = t.employee_id AND ct.with_whom = 'werknemer'
            AND ct.day >= t.started_on WHERE t.started_on BETWEEN :f AND :t GROUP BY t.id),
fi AS (SELECT trajectory_id, min(started_on) AS day FROM interventions GROUP BY trajectory_id
       HAVING min(started_on) BETWEEN :f AND :t),
b AS (SELECT {group} AS g, t.id AS tid, {one(cnt)} AS cnt,
        {one(opened)} AS opened, {one(closed)} AS closed, {one(open_end)} AS open_at_end,
        {one(f"{closed} AND r.outcome = 'no_approval'")} AS no_approval,
        {one("t.closed_on BETWEEN :f AND :t AND r.outcome = 'erroneous'")} AS erroneous,
        {one(f"{closed} AND r.outcome = 'success'")} AS successful,
        {one(goal)} AS goal,
        CASE WHEN {closed} THEN {_days(dialect, "t.closed_on", "t.started_on")} END AS dur,
        CASE WHEN {open_end} THEN {_days(dialect, to, "t.started_on")} END AS age,
        {one(f"{cnt} AND fi.day IS NOT NULL")} AS first_iv,
        CASE WHEN {cnt} THEN {_days(dialect, "fi.day", "t.started_on")} END AS to_first,
        {one(f"{opened} AND fd.first_contact <= d.deadline")} AS timely,
        CASE WHEN {opened} THEN cb.programme_price END AS price,
        CASE WHEN {opened} THEN coalesce(cb.expected_benefit_override, cb.expected_benefit_computed) END AS benefit,
        CASE WHEN {opened} THEN cb.reduction_days END AS reduction,
        {one(saving)} AS saving,
        CASE WHEN {saving} THEN cb.reduction_days END AS predicted,
        CASE WHEN {saving} THEN {_days(dialect, "cb.expected_rtw_date", end)} END AS realised
      FROM trajectories t JOIN employees e ON e.id = t.employee_id JOIN employers er ON er.id = e.employer_id
      LEFT JOIN end_reasons r ON r.id = t.end_reason_id LEFT JOIN cost_benefits cb ON cb.trajectory_id = t.id
      LEFT JOIN fd ON fd.trajectory_id = t.id LEFT JOIN fi ON fi.trajectory_id = t.id
      LEFT JOIN sick_reports sr ON sr.id = t.sick_report_id
      LEFT JOIN sick_report_end_reasons sre ON sre.id = sr.end_reason_id
      LEFT JOIN bench_deadlines d ON d.day = t.started_on {joins}
      WHERE t.started_on <= :t AND (t.closed_on IS NULL OR t.closed_on >= :f OR {end} BETWEEN :f AND :t)),
tot AS (SELECT g, sum(opened) o, sum(closed) c, sum(open_at_end) oe, sum(no_approval) na, sum(erroneous) er,
        sum(successful) sc, sum(goal) gl, avg(dur * 1.0) m, avg(age * 1.0) a, sum(first_iv) fi,
        avg(to_first * 1.0) tf, sum(timely) tm, sum(price) pr, sum(benefit) bn, sum(reduction) rd, sum(saving) sv,
        avg(predicted * 1.0) pm, avg(realised * 1.0) rm, min(realised) rmin, max(realised) rmax FROM b GROUP BY g),
rk AS (SELECT g, dur, row_number() OVER (PARTITION BY g ORDER BY dur) rn, count(*) OVER (PARTITION BY g) n
       FROM b WHERE dur IS NOT NULL),
med AS (SELECT g, avg(dur * 1.0) med FROM rk WHERE 2 * rn BETWEEN n AND n + 2 GROUP BY g),
rr AS (SELECT g, realised, row_number() OVER (PARTITION BY g ORDER BY realised) rn,
       count(*) OVER (PARTITION BY g) n FROM b WHERE realised IS NOT NULL),
rmed AS (SELECT g, avg(realised * 1.0) med FROM rr WHERE 2 * rn BETWEEN n AND n + 2 GROUP BY g),
iv AS (SELECT b.g, count(*) n, sum(CASE WHEN ir.outcome = 'success' THEN 1 ELSE 0 END) s,
       avg({_days(dialect, "i.actual_end", "i.started_on")} * 1.0) d,
       avg({_days(dialect, "i.prognosis_end", "i.started_on")} * 1.0) p
       FROM b JOIN interventions i ON i.trajectory_id = b.tid LEFT JOIN end_reasons ir ON ir.id = i.end_reason_id
       WHERE b.cnt = 1 AND i.actual_end BETWEEN :f AND :t GROUP BY b.g)
SELECT tot.*, med.med, rmed.med rmed, iv.n, iv.s, iv.d, iv.p FROM tot LEFT JOIN med ON med.g = tot.g
LEFT JOIN rmed ON rmed.g = tot.g LEFT JOIN iv ON iv.g = tot.g ORDER BY tot.g"""


def hand_written_sick(grouping: str) -> str:
    """The sick-report figures as one SQL text."""
    group, joins = SICK_GROUP_SQL[grouping]
    cnt = "(oc IS NULL OR oc <> 'erroneous')"
    one = lambda cond: f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END)"  # noqa: E731
    return f"""
WITH lt AS (SELECT sick_report_id, max(id) AS tid FROM trajectories WHERE sick_report_id IS NOT NULL
            GROUP BY sick_report_id),
s AS (SELECT {group} AS g, sr.first_sick_day AS fsd, coalesce(sr.recovery_date, sr.closed_on) AS ed,
        sre.outcome AS oc
      FROM sick_reports sr JOIN employees e ON e.id = sr.employee_id JOIN employers er ON er.id = e.employer_id
      LEFT JOIN sick_report_end_reasons sre ON sre.id = sr.end_reason_id
      LEFT JOIN lt ON lt.sick_report_id = sr.id LEFT JOIN trajectories t ON t.id = lt.tid {joins}
      WHERE sr.first_sick_day <= :t
        AND (coalesce(sr.recovery_date, sr.closed_on) IS NULL OR coalesce(sr.recovery_date, sr.closed_on) >= :f))
SELECT g, {one(f"{cnt} AND fsd >= :f")} o, {one(f"{cnt} AND ed BETWEEN :f AND :t")} c,
       {one(f"{cnt} AND (ed IS NULL OR ed > :t)")} oe, {one(f"{cnt} AND ed BETWEEN :f AND :t AND oc IN {WORK}")} w,
       {one(f"{cnt} AND ed BETWEEN :f AND :t AND oc = 'other_outflow'")} ot,
       {one("ed BETWEEN :f AND :t AND oc = 'erroneous'")} er
FROM s GROUP BY g ORDER BY g"""


def hand_written_reasons(grouping: str, dialect: str) -> str:
    """The counts per end reason as one SQL text (the trajectory and sick-report rows again, as the report does)."""
    trajectory = hand_written(grouping, dialect).split("\ntot AS")[0].rstrip(",")
    trajectory = trajectory.replace("AS realised\n", "AS realised, r.name AS reason, r.outcome AS oc\n", 1)
    sick = hand_written_sick(grouping).split("\nSELECT g,")[0].replace("WITH lt AS", "lt AS", 1)
    sick = sick.replace("AS oc\n", "AS oc, sre.name AS reason\n", 1)
    return f"""{trajectory},
{sick}
SELECT 'trajectory' k, g, reason, oc, count(*) n FROM b WHERE closed = 1 OR erroneous = 1 GROUP BY g, reason, oc
UNION ALL
SELECT 'sick_report' k, g, reason, oc, count(*) n FROM s WHERE ed BETWEEN :f AND :t AND reason IS NOT NULL
GROUP BY g, reason, oc"""


def _more(engine: sa.Engine, count: int, seed: int = 7) -> dict[str, int]:
    """Closed trajectories (with done tasks, cost/benefits, interventions) up to `count` trajectories in all."""
    from benchmarks.generate import _load, _sqlite

    rng = random.Random(seed)
    with engine.connect() as c:
        q = lambda sql: [tuple(r) for r in c.execute(sa.text(sql))]  # noqa: E731
        employees = q("SELECT id, case_manager_id FROM employees ORDER BY id")
        (template_id,) = q("SELECT min(id) FROM trajectory_templates")[0]
        task = q(
            f"SELECT id, key, name, kind FROM task_templates WHERE trajectory_template_id = {template_id}"
        )[0]
        reasons = q("SELECT id, end_goal_id FROM end_reasons ORDER BY id")
        goals = [r[0] for r in q("SELECT id FROM end_goals ORDER BY id")]
        programmes = [r for r in q("SELECT id, price FROM programmes ORDER BY id")] or [(None, 0)]
        report_of = dict(q("SELECT employee_id, max(id) FROM sick_reports GROUP BY employee_id"))
        base = {
            t: c.scalar(sa.text(f"SELECT coalesce(max(id), 0) FROM {t}")) for t in ("trajectories", "tasks")
        }
        existing = c.scalar(sa.text("SELECT count(*) FROM trajectories"))
    n = max(count - existing, 0)
    plan = []
    for i in range(n):
        started = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 800))
        closed = started + dt.timedelta(days=rng.randint(5, 400))
        plan.append((base["trajectories"] + i + 1, started, closed, rng.random()))

    def trajectories() -> Iterator[tuple]:
        for tid, started, closed, r in plan:
            employee, manager = employees[tid % len(employees)]
            reason, _ = reasons[tid % len(reasons)]
            programme = programmes[tid % len(programmes)][0] if r < 0.6 else None
            yield (
                tid,
                template_id,
                employee,
                manager,
                "closed",
                started,
                closed,
                reason,
                goals[tid % len(goals)],
                programme,
                report_of.get(employee),
                NOW,
            )

    def tasks() -> Iterator[tuple]:
        for k, (tid, started, _, r) in enumerate(p for p in plan if p[3] < 0.5):
            done = dt.datetime.combine(started + dt.timedelta(days=int(r * 40)), dt.time(10))
            yield (
                base["tasks"] + k + 1,
                tid,
                task[0],
                task[1],
                task[2],
                task[3],
                "done",
                started,
                done,
                NOW,
                0,
            )

    def cost_benefits() -> Iterator[tuple]:
        for tid, started, _, r in plan:
            if r < 0.33:
                expected = started + dt.timedelta(days=30 + int(r * 400))
                yield (tid, round(r * 60, 1), 0, 200, 1500, 2000, 1500, 500, 500, NOW, expected)

    def interventions() -> Iterator[tuple]:
        for tid, started, closed, r in plan:
            if r < 0.2 and programmes[0][0] is not None:
                end = started + (closed - started) / 2
                yield (
                    tid,
                    programmes[0][0],
                    1500,
                    started,
                    started + dt.timedelta(days=60),
                    end,
                    reasons[tid % len(reasons)][0],
                )

    raw = engine.raw_connection()
    dialect = engine.dialect.name
    fix = (
        (lambda rows: rows)
        if dialect == "postgresql"
        else (lambda rows: (tuple(map(_sqlite, r)) for r in rows))
    )
    try:
        counts = {
            "trajectories": _load(
                raw,
                dialect,
                "trajectories",
                (
                    "id",
                    "template_id",
                    "employee_id",
                    "case_manager_id",
                    "status",
                    "started_on",
                    "closed_on",
                    "end_reason_id",
                    "end_goal_id",
                    "programme_id",
                    "sick_report_id",
                    "created_at",
                ),
                fix(trajectories()),
            ),
            "done tasks": _load(
                raw,
                dialect,
                "tasks",
                (
                    "id",
                    "trajectory_id",
                    "task_template_id",
                    "key",
                    "name",
                    "kind",
                    "status",
                    "due_date",
                    "completed_at",
                    "created_at",
                    "chain_depth",
                ),
                fix(tasks()),
            ),
            "cost_benefits": _load(
                raw,
                dialect,
                "cost_benefits",
                (
                    "trajectory_id",
                    "reduction_days",
                    "dossier_cost",
                    "daily_wage",
                    "programme_price",
                    "gross_benefit",
                    "cost",
                    "net_benefit",
                    "expected_benefit_computed",
                    "computed_at",
                    "expected_rtw_date",
                ),
                fix(cost_benefits()),
            ),
            "interventions": _load(
                raw,
                dialect,
                "interventions",
                (
                    "trajectory_id",
                    "programme_id",
                    "price",
                    "started_on",
                    "prognosis_end",
                    "actual_end",
                    "end_reason_id",
                ),
                fix(interventions()),
            ),
        }
        # Half of the open sick reports ended (a day after the first, up to 300 days), and every ended one gets
        # an end reason of each class in turn, so the sick-report figures have cases.
        later = (
            "date(first_sick_day, '+' || (id % 300) || ' days')"
            if dialect == "sqlite"
            else "first_sick_day + (id % 300)"
        )
        cursor = raw.cursor()
        cursor.execute(
            f"UPDATE sick_reports SET recovery_date = {later} WHERE recovery_date IS NULL AND id % 2 = 0"
        )
        # the seed's nine reasons have consecutive ids in a new database
        cursor.execute(
            "UPDATE sick_reports SET end_reason_id = (SELECT min(id) FROM sick_report_end_reasons) + id % 9"
            " WHERE recovery_date IS NOT NULL"
        )
        counts["ended sick reports"] = cursor.rowcount
        if dialect == "postgresql":
            raw.cursor().execute("SELECT setval('trajectories_id_seq', (SELECT max(id) FROM trajectories))")
            raw.cursor().execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return counts


def _hand(grouping: str, dialect: str, params: dict[str, Any]) -> tuple[list, list, list]:
    """The three hand-written statements: trajectory figures, sick-report figures, counts per end reason."""
    run = lambda sql: db_execute(sql, params)  # noqa: E731
    return (
        run(hand_written(grouping, dialect)),
        run(hand_written_sick(grouping)),
        run(hand_written_reasons(grouping, dialect)),
    )


def db_execute(sql: str, params: dict[str, Any]) -> list:
    from models import db

    return db.session.execute(sa.text(sql), params).all()


def _same(report: Any, trajectories: list, sick: list, reasons: list) -> bool:
    """Whether the report's rows hold the hand-written figures (every count, the medians and the savings)."""
    rows = {r["group"]: r for r in report.rows}
    keys = ("opened", "closed", "open_at_end", "no_approval", "trajectory_erroneous", "successful")
    keys += ("goal_achieved", "first_interventions", "timely", "saving_cases")
    for h in trajectories:
        row = rows.get(h.g)
        got = None if row is None else [row[k] for k in keys]
        if got != [int(v or 0) for v in (h.o, h.c, h.oe, h.na, h.er, h.sc, h.gl, h.fi, h.tm, h.sv)]:
            return False
        median = None if h.med is None else round(float(h.med), 1)
        realised = None if h.rmed is None else round(float(h.rmed), 1)
        if (median, realised, int(h.n or 0)) != (
            None if row["throughput_median"] is None else float(row["throughput_median"]),
            None if row["saving_realised_median"] is None else float(row["saving_realised_median"]),
            row["interventions_ended"],
        ):
            return False
    sick_keys = ("sick_opened", "sick_closed", "sick_open_at_end", "work_outflow", "other_outflow")
    for h in sick:
        row = rows.get(h.g)
        if row is None or [row[k] for k in (*sick_keys, "sick_erroneous")] != [
            int(v or 0) for v in (h.o, h.c, h.oe, h.w, h.ot, h.er)
        ]:
            return False
    counted = sorted(
        (r["kind"], r["group"], r["end_reason"], r["outcome"], r["count"]) for r in report.end_reasons
    )
    return counted == sorted((h.k, h.g, h.reason, str(h.oc), int(h.n)) for h in reasons)


def _median_time(work: Callable[[], Any]) -> tuple[float, Any]:
    """Median seconds of `work` over REPEAT runs, and its last answer."""
    return timed(work, REPEAT)


def _bench(url: str, label: str, trajectories: int) -> None:
    from flask_migrate import upgrade

    from benchmarks.generate import Size, generate
    from casework.calendar import add_working_days
    from casework.reports import outcome_report
    from casework.reports_export import trajectory_rows_csv
    from casework.seed import load_seed_configuration
    from console import create_app
    from models import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        db.session.commit()
        started = time.perf_counter()
        employees = max(trajectories // 10, 10)
        counts = generate(
            db.engine, NOW, Size(employees=employees, tasks=employees, case_managers=50, employers=200)
        )
        counts.update(_more(db.engine, trajectories))
        print(
            f"\n{label}: generated in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items()),
            flush=True,
        )
        db.session.execute(
            sa.text("CREATE TEMPORARY TABLE bench_deadlines (day DATE PRIMARY KEY, deadline DATE)")
        )
        span = range((PERIOD[1] - PERIOD[0]).days + 1)
        days = [PERIOD[0] + dt.timedelta(days=i) for i in span]
        db.session.execute(
            sa.text("INSERT INTO bench_deadlines VALUES (:d, :l)"),
            [{"d": d, "l": add_working_days(d, 11)} for d in days],
        )
        dialect = db.engine.dialect.name
        params = {"f": PERIOD[0], "t": PERIOD[1]}
        for grouping in GROUP_SQL:
            t_hand, hand = _median_time(lambda g=grouping: _hand(g, dialect, params))
            t_rep, rep = _median_time(lambda g=grouping: outcome_report(*PERIOD, g))
            print(
                f"  {grouping:<13} report {t_rep:7.3f} s  hand-written {t_hand:7.3f} s  ratio {t_rep / t_hand:4.2f}x"
                f"  (target at most 2x)  {len(rep.rows):>4} rows  same figures: {_same(rep, *hand)}",
                flush=True,
            )
        for grouping in ("month", "region", "label", "category", "provider"):
            t_rep, rep = _median_time(lambda g=grouping: outcome_report(*PERIOD, g))
            print(f"  {grouping:<13} report {t_rep:7.3f} s  {len(rep.rows):>4} rows (no hand-written twin)")
        before = _peak_mb()
        started = time.perf_counter()
        lines = sum(1 for _ in trajectory_rows_csv(dt.date(2010, 1, 1), dt.date(2029, 12, 31)))
        print(
            f"  CSV export of every trajectory: {lines - 1:,} rows in {time.perf_counter() - started:.1f} s,"
            f" peak memory {before:.0f} MB before, {_peak_mb():.0f} MB after",
            flush=True,
        )
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()


def run(argv: list[str] | None = None) -> None:
    """Benchmark on SQLite and PostgreSQL."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reports")
    scale = float(os.environ.get("BENCH_SCALE", "1"))  # `BENCH_SCALE=0.01 make bench` for a quick run
    parser.add_argument("--trajectories", type=int, default=max(int(1_000_000 * scale), 1_000))
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    args = parser.parse_args(argv if argv is not None else [])
    print(
        f"Outcome reports for {PERIOD[0]}..{PERIOD[1]} on {args.trajectories:,} trajectories, median of {REPEAT}"
    )
    if not args.postgresql_only:
        with tempfile.TemporaryDirectory(prefix="traject-bench-") as folder:
            _bench(f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite", args.trajectories)
    if not args.sqlite_only:
        with _postgres() as url:
            if url:
                _bench(url, "PostgreSQL", args.trajectories)


if __name__ == "__main__":
    run(sys.argv[1:])
