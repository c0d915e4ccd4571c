"""The signal scan on 100,000 employees and 1,000,000 open tasks (5% past due), beside hand-written statements.

Run with `python -m benchmarks.signal_scan [--scale 0.1] [--sqlite-only|--postgresql-only]`. SQLite in a
temporary file; PostgreSQL on BENCH_POSTGRES_URL when set, else on a private server started with tests/postgres.py
(skipped when PostgreSQL is not installed). Printed per database, each time the median of REPEAT runs inside a
rolled-back transaction, every run starting from the same state (on PostgreSQL the signal and outbox tables are
vacuumed and analysed before each run, as after an import or a purge):

- the hand-written reference: one `INSERT … SELECT` per scanned kind and one for the outbox (case manager and
  assignee of each signal, with the reminder's text), written without the scan's code; the benchmark checks that
  it raises exactly the signals and notifications the scan raises;
- the first scan (all kinds, their resolves and the outbox) on an empty outbox, as a ratio to the reference;
- a later scan with the same work on an outbox that holds the reminders of the signals resolved before (the scan
  raises them all again), and the ratio first / later (issue 15: the first scan is as fast as the next);
- a rescan with nothing new (0 rows written, issue 15 item 6): the incremental scan beside the hand-written
  statement that finds the rows changed since the last scan (the triggers' notes in data_changes), target at most
  3x, and the same rescan computing every kind in full (TRAJECT_SCAN_FULL_MINUTES=0) beside the hand-written
  reference;
- the peak resident memory of the process (resource.getrusage), generation included.
Nothing here asserts on time; the targets are printed beside the numbers.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import sqlalchemy as sa

from benchmarks.common import NOW, check, generated_app, on_each_database, peak_mb, scale_arguments, timed

REPEAT = 3
IDLE_REPEAT = 51  # a rescan with nothing new takes a millisecond or so: more runs for a steady median
# The kinds hand_written() raises; a kind the scan has beyond these is named in the output.
HAND_KINDS = (
    "task_overdue",
    "rtw_target_passed",
    "prognosis_passed",
    "not_contacted",
    "poortwachter_due",
    "consult_pending",
    "weight_outdated",
    "consult_due",
    "frequent_absence",
)


def hand_written(dialect: str) -> list[str]:
    """The scan's work as a person would write it for one run on a database with no open signals: one insert
    per kind (and the consults' status), then one for the outbox. Only the date functions come from jobs.sqlparts."""
    from casework.deadlines import RIV_MISSING_PREFIX, RIV_ONLY, STEP_LABELS, step_label
    from jobs.sqlparts import Dialect, literal
    from models import ClientWeight

    d = Dialect(dialect)
    insert = (
        "INSERT INTO signals (kind, subject_type, subject_id, due_date, employee_id, trajectory_id, detail,"
        " status, raised_at) "
    )
    upsert = " ON CONFLICT (kind, subject_type, subject_id, due_date) WHERE status = 'open' DO NOTHING"
    since = (
        "max(o.since, coalesce(e.last_contact_on, o.since))"
        if d.sqlite
        else "greatest(o.since, coalesce(e.last_contact_on, o.since))"
    )
    days = (
        "CASE e.client_weight "
        + " ".join(f"WHEN '{w.value}' THEN {w.contact_interval_days}" for w in ClientWeight)
        + " ELSE 21 END"
    )
    due = d.plus_days(since, days)
    reassess = d.plus_months("e.client_weight_assessed_on", 3)  # a client weight is valid for 3 months
    name = (
        "trim(e.first_name || ' ' || CASE WHEN e.name_prefix <> '' THEN e.name_prefix || ' ' ELSE '' END"
        " || e.last_name)"
    )
    day = d.dutch_date("s.due_date")
    started = "date(starts_at)" if d.sqlite else "CAST(starts_at AS DATE)"
    last_or_since = (
        "max(o.since, coalesce(k.last_day, o.since))"
        if d.sqlite
        else "greatest(o.since, coalesce(k.last_day, o.since))"
    )
    weeks = "CASE e.client_weight WHEN 'low' THEN :praatje_low WHEN 'high' THEN :praatje_high ELSE :praatje_medium END"
    praatje = d.plus_days(last_or_since, f"7 * {weeks}")
    ended = "date(c.ends_at)" if d.sqlite else "CAST(c.ends_at AS DATE)"
    step = (
        "CASE s.detail "
        + " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in STEP_LABELS.items())
        + " ".join(
            f" WHEN {literal(RIV_MISSING_PREFIX + k)} THEN {literal(step_label(RIV_MISSING_PREFIX + k))}"
            for k in RIV_ONLY
        )
        + f" ELSE CASE WHEN s.detail LIKE 'evaluatie!_%' ESCAPE '!' THEN {literal(STEP_LABELS['evaluatie'])}"
        " ELSE s.detail END END"
    )
    return [
        insert
        + "SELECT 'task_overdue', 'task', t.id, t.due_date, tr.employee_id, tr.id, t.key || ' ' || t.name,"
        " 'open', :now FROM tasks t JOIN trajectories tr ON tr.id = t.trajectory_id"
        " WHERE t.status = 'open' AND tr.status = 'open' AND t.due_date < :today" + upsert,
        insert
        + "SELECT 'rtw_target_passed', 'sick_report', id, target_rtw_date, employee_id, NULL, '', 'open',"
        " :now FROM sick_reports WHERE recovery_date IS NULL AND closed_on IS NULL AND target_rtw_date < :today"
        + upsert,
        insert
        + "SELECT 'prognosis_passed', 'intervention', i.id, i.prognosis_end, tr.employee_id, tr.id, '',"
        " 'open', :now FROM interventions i JOIN trajectories tr ON tr.id = i.trajectory_id"
        " WHERE i.actual_end IS NULL AND tr.status = 'open' AND i.prognosis_end < :today" + upsert,
        "WITH o AS (SELECT employee_id, min(since) AS since FROM (SELECT employee_id, started_on AS since"
        " FROM trajectories WHERE status = 'open' UNION ALL SELECT employee_id, first_sick_day FROM sick_reports"
        " WHERE recovery_date IS NULL AND closed_on IS NULL) x GROUP BY employee_id), "
        f"due AS (SELECT e.id, {due} AS due FROM employees e JOIN o ON o.employee_id = e.id) "
        + insert
        + "SELECT 'not_contacted', 'employee', id, due, id, NULL, '', 'open', :now FROM due WHERE due < :today"
        + upsert,
        insert
        + "SELECT 'poortwachter_due', 'pw:' || ps.step_key, ps.sick_report_id, ps.due_date, ps.employee_id,"
        " NULL, ps.step_key, 'open', :now FROM poortwachter_open_steps ps JOIN sick_reports sr"
        " ON sr.id = ps.sick_report_id WHERE ps.due_date <= :soon AND sr.recovery_date IS NULL"
        " AND (ps.step_key NOT LIKE 'riv!_%' ESCAPE '!' OR ps.due_date <= :today)"
        " AND sr.closed_on IS NULL" + upsert,
        "UPDATE consults SET status = 'af_te_melden' WHERE status = 'ingepland' AND ends_at <= :now",
        insert
        + f"SELECT 'consult_pending', 'consult', c.id, {ended}, c.employee_id, NULL, ct.name, 'open', :now"
        " FROM consults c JOIN consult_types ct ON ct.id = c.consult_type_id"
        " WHERE c.status IN ('ingepland', 'af_te_melden') AND c.ends_at <= :now" + upsert,
        "WITH o AS (SELECT employee_id, min(since) AS since FROM (SELECT employee_id, started_on AS since"
        " FROM trajectories WHERE status = 'open' UNION ALL SELECT employee_id, first_sick_day FROM sick_reports"
        " WHERE recovery_date IS NULL AND closed_on IS NULL) x GROUP BY employee_id), "
        f"due AS (SELECT e.id, coalesce({reassess}, o.since) AS due FROM employees e JOIN o ON o.employee_id = e.id) "
        + insert
        + "SELECT 'weight_outdated', 'employee', id, due, id, NULL, '', 'open', :now FROM due WHERE due < :today"
        + upsert,
        # Tijd voor een praatje: weeks by client weight since the last consult held or planned (or the start of
        # the open case), for employees with nothing planned now.
        "WITH o AS (SELECT employee_id, min(since) AS since FROM (SELECT employee_id, started_on AS since"
        " FROM trajectories WHERE status = 'open' UNION ALL SELECT employee_id, first_sick_day FROM sick_reports"
        " WHERE recovery_date IS NULL AND closed_on IS NULL) x GROUP BY employee_id), "
        f"k AS (SELECT employee_id, max({started}) AS last_day, max(CASE WHEN status IN ('ingepland',"
        " 'af_te_melden') THEN 1 ELSE 0 END) AS planned FROM consults"
        " WHERE status IN ('ingepland', 'af_te_melden', 'afgehandeld') GROUP BY employee_id), "
        f"due AS (SELECT e.id, {praatje} AS due FROM employees e JOIN o ON o.employee_id = e.id"
        " LEFT JOIN k ON k.employee_id = e.id WHERE k.planned IS NULL OR k.planned = 0) "
        + insert
        + "SELECT 'consult_due', 'employee', id, due, id, NULL, '', 'open', :now FROM due WHERE due < :today"
        + upsert,
        insert
        + "SELECT 'frequent_absence', 'employee', sr.employee_id, max(sr.first_sick_day), sr.employee_id, NULL,"
        " CAST(count(*) AS VARCHAR(10)), 'open', :now FROM sick_reports sr JOIN employees e ON e.id = sr.employee_id"
        " LEFT JOIN sick_report_end_reasons er ON er.id = sr.end_reason_id WHERE sr.first_sick_day > :year_ago"
        " AND sr.first_sick_day <= :today AND (er.outcome IS NULL OR er.outcome <> 'erroneous')"
        " AND (e.employment_end IS NULL OR e.employment_end >= :today) GROUP BY sr.employee_id"
        " HAVING count(*) >= 3" + upsert,
        "WITH r AS (SELECT s.id AS signal_id, coalesce(e.case_manager_id, tr.case_manager_id) AS user_id"
        " FROM signals s JOIN employees e ON e.id = s.employee_id LEFT JOIN trajectories tr"
        " ON tr.id = s.trajectory_id WHERE s.status = 'open'"
        " UNION SELECT s.id, t.assignee_id FROM signals s JOIN tasks t ON t.id = s.subject_id"
        " WHERE s.kind = 'task_overdue' AND s.status = 'open') "
        "INSERT INTO notifications (signal_id, recipient_id, text, status, created_at, next_attempt_at, attempts,"
        " last_error) SELECT s.id, u.id, CASE s.kind"
        f" WHEN 'task_overdue' THEN 'Taak ' || t.key || ' ' || t.name || ' voor ' || {name}"
        f" || ' is over de deadline van ' || {day} || '.'"
        f" WHEN 'rtw_target_passed' THEN 'De streefdatum werkhervatting van ' || {name} || ' (' || {day}"
        " || ') is verstreken.'"
        f" WHEN 'prognosis_passed' THEN 'De prognose-einddatum van de interventie van ' || {name} || ' ('"
        f" || {day} || ') is verstreken.'"
        f" WHEN 'not_contacted' THEN 'Al te lang geen contact met ' || {name} || ': contact was uiterlijk '"
        f" || {day} || ' nodig.'"
        f" WHEN 'consult_pending' THEN 'Gesprek ' || s.detail || ' met ' || {name} || ' van ' || {day}"
        " || ' is nog niet afgemeld.'"
        f" WHEN 'consult_due' THEN 'Tijd voor een praatje met ' || {name} || ': al te lang geen gesprek gevoerd"
        f" of gepland; een gesprek was uiterlijk ' || {day} || ' nodig.'"
        f" WHEN 'weight_outdated' THEN 'De cliëntzwaarte van ' || {name} || ' moet opnieuw beoordeeld worden: dat"
        f" was uiterlijk ' || {day} || ' nodig.'"
        f" WHEN 'frequent_absence' THEN 'Frequent verzuim: ' || {name} || ' meldde zich ' || s.detail || ' keer ziek"
        f" in 12 maanden, het laatst op ' || {day} || '. Tijd voor een verzuimgesprek.'"
        f" ELSE 'Poortwachter: ' || {step} || ' voor ' || {name} || ', uiterlijk ' || {day} || '.' END,"
        " 'pending', :now, :now, 0, '' FROM r JOIN signals s ON s.id = r.signal_id"
        " JOIN users u ON u.id = r.user_id JOIN employees e ON e.id = s.employee_id"
        " LEFT JOIN tasks t ON s.kind = 'task_overdue' AND t.id = s.subject_id"
        " WHERE u.active = :yes AND u.slack_user_id IS NOT NULL"
        " ON CONFLICT (signal_id, recipient_id) DO NOTHING",
    ]


def _rows(session: Any, since: dt.datetime) -> tuple[set, set]:
    """The open signals raised and the notifications queued at or after `since`, as comparable tuples."""
    signals = session.execute(
        sa.text(
            "SELECT kind, subject_type, subject_id, due_date, employee_id, trajectory_id, detail FROM signals"
            " WHERE status = 'open' AND raised_at >= :since"
        ).bindparams(sa.bindparam("since", type_=sa.DateTime())),
        {"since": since},
    ).all()
    notifications = session.execute(
        sa.text(
            "SELECT s.kind, s.subject_type, s.subject_id, s.due_date, n.recipient_id, n.text, n.status"
            " FROM notifications n JOIN signals s ON s.id = n.signal_id WHERE n.created_at >= :since"
        ).bindparams(sa.bindparam("since", type_=sa.DateTime())),
        {"since": since},
    ).all()
    return set(map(tuple, signals)), set(map(tuple, notifications))


def _bench(url: str, label: str, scale: float) -> None:
    from casework.deadlines import DUE_SOON_DAYS
    from jobs.scan import PRAATJE_WEEKS, READS, SCANNED_KINDS, scan_signals
    from jobs.sqlparts import execute
    from models import db

    app = generated_app(url, label, scale, NOW)
    with app.app_context():
        session = db.session
        dialect = db.engine.dialect.name
        today = NOW.date()
        params = {
            "now": NOW,
            "today": today,
            "soon": today + dt.timedelta(days=DUE_SOON_DAYS),
            "year_ago": today.replace(year=today.year - 1),  # the 12 months of frequent absence
            "yes": True,
            **dict(zip(("praatje_low", "praatje_medium", "praatje_high"), PRAATJE_WEEKS, strict=True)),
        }
        statements = hand_written(dialect)

        def fresh() -> None:
            """Back to the state before the run: rolled back, and on PostgreSQL the tables the scan fills
            vacuumed and analysed (a rolled-back run leaves dead rows and, through ANALYZE, row estimates)."""
            session.rollback()
            if dialect == "postgresql":
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.exec_driver_sql("VACUUM ANALYZE signals, notifications")

        def hand() -> int:
            return sum(execute(session, sql, params) for sql in statements)

        seen: dict[str, tuple[set, set]] = {}

        def keep(name: str, at: dt.datetime) -> Any:
            def after() -> None:
                seen.setdefault(name, _rows(session, at))
                session.rollback()

            return after

        t_hand, n_hand = timed(hand, REPEAT, before=fresh, after=keep("hand", NOW))
        t_first, first = timed(lambda: scan_signals(NOW), REPEAT, before=fresh, after=keep("scan", NOW))
        (hand_signals, hand_notes), (scan_signals_, scan_notes) = seen["hand"], seen["scan"]
        check(
            hand_signals == scan_signals_,
            f"hand-written and scan raise different signals: {sorted(hand_signals ^ scan_signals_)[:5]}",
        )
        check(
            hand_notes == scan_notes,
            f"hand-written and scan queue different notifications: {sorted(hand_notes ^ scan_notes)[:5]}",
        )
        seen.clear()

        # A later scan with the same work: the first scan's signals resolved (their reminders sent), so the
        # next one raises them all again beside an outbox that holds as many rows.
        fresh()
        scan_signals(NOW)
        execute(session, "UPDATE signals SET status = 'resolved', resolved_at = :now", params)
        execute(session, "UPDATE notifications SET status = 'sent'", params)
        session.commit()
        later_at = NOW + dt.timedelta(hours=1)
        t_later, later = timed(
            lambda: scan_signals(later_at), REPEAT, before=fresh, after=keep("later", later_at)
        )
        check({s[:3] for s in seen["later"][0]} == {s[:3] for s in scan_signals_}, "the later scan differs")
        scan_signals(later_at)
        session.commit()
        idle_at = later_at + dt.timedelta(minutes=5)
        t_idle_full, idle_full = timed(
            lambda: scan_signals(idle_at, full_every=None), REPEAT, before=fresh, after=session.rollback
        )
        session.rollback()
        t_idle, idle = timed(lambda: scan_signals(idle_at), IDLE_REPEAT, after=session.rollback)
        check(
            idle.rows_written == 0 and idle_full.rows_written == 0, "the rescan with nothing new wrote rows"
        )
        computed = [k for k in SCANNED_KINDS if k not in idle.skipped]
        check(all(k not in READS for k in computed), f"the rescan recomputed {computed}")
        changed = "SELECT table_name FROM data_changes"  # the rows changed since the last scan, by hand
        t_changed, _ = timed(
            lambda: session.execute(sa.text(changed)).all(), IDLE_REPEAT, after=session.rollback
        )

        others = [k for k in SCANNED_KINDS if k not in HAND_KINDS]
        print(f"  hand-written, {len(HAND_KINDS)} kinds + outbox         {t_hand:8.3f} s  {n_hand:>9,} rows")
        print(
            f"  first scan, empty outbox                {t_first:8.3f} s  {first.rows_written:>9,} rows"
            f"  ratio {t_first / t_hand:5.2f}x the hand-written  (target about 1x)"
        )
        print(
            f"    raised {sum(first.raised.values()):,} ({', '.join(f'{k} {v:,}' for k, v in first.raised.items())}),"
            f" queued {first.queued:,}; the same signals and notifications as the hand-written"
            + (f"; kinds not in the reference: {', '.join(others)}" if others else "")
        )
        print(
            f"  later scan, same work, outbox not empty {t_later:8.3f} s  {later.rows_written:>9,} rows"
            f"  first / later {t_first / t_later:5.2f}x  (target at most 1.5x: the first is as fast as the next)"
        )
        print(
            f"  rescan, nothing new, every kind in full {t_idle_full:8.3f} s  {idle_full.rows_written:>9,} rows"
            f"  {t_idle_full / t_hand:5.2f}x the hand-written  (0 rows; TRAJECT_SCAN_FULL_MINUTES=0)"
        )
        print(
            f"  rows changed since the last scan, by hand {t_changed * 1000:6.2f} ms  (one SELECT on data_changes)"
        )
        print(
            f"  rescan, nothing new                     {t_idle * 1000:6.2f} ms  {idle.rows_written:>9,} rows"
            f"  {t_idle / t_changed:5.2f}x the changed-rows statement  (target at most 3x)"
            + (f"; kinds computed at every scan (no READS): {', '.join(computed)}" if computed else "")
        )
        print(
            f"  peak memory of this process             {peak_mb():8.0f} MB  (target under 500 MB)",
            flush=True,
        )
        session.remove()
        db.engine.dispose()


def run(argv: list[str] | None = None) -> None:
    """Benchmark on SQLite and PostgreSQL."""
    args = scale_arguments("python -m benchmarks.signal_scan", argv)
    print(
        f"Signal scan at scale {args.scale:g}: median of {REPEAT} runs (ratio = scan / hand-written statements)"
    )
    on_each_database(args, lambda url, label: _bench(url, label, args.scale))


if __name__ == "__main__":
    run(sys.argv[1:])
