"""The signal scan (SPEC §6): per kind one statement that resolves and one that raises, then one outbox insert.

A rescan recomputes only what may have changed (issue 15): a kind listed in READS is computed again when a table
it reads was written since (the database's triggers note every write in data_changes, committed with it), when
the Dutch day changed, when one of its thresholds in the day passed (CROSSINGS), when its statements changed
(a new release) or when its last computation is older than `full_every` (TRAJECT_SCAN_FULL_MINUTES, the safety
net); otherwise its open signals are already what a full scan would leave, and it is skipped. A kind not listed
in READS is computed at every scan. A rescan with nothing new runs one statement.

Every statement is set-based (`INSERT … SELECT … ON CONFLICT DO NOTHING` against the partial unique index
uq_signals_open_kind_subject_due, `UPDATE … WHERE NOT EXISTS`); nothing loops over rows in Python. The scan
looks at what is due and not yet signalled, so one run after any downtime catches up by itself. It runs in the
caller's transaction: signals and their notifications are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_app_context

from casework.absence_figures import FREQUENT_REPORTS, frequent_since
from casework.agreements import carrier_sql
from casework.calendar import local_day
from casework.deadlines import DUE_SOON_DAYS, RIV_MISSING_PREFIX, RIV_ONLY, STEP_LABELS, step_label
from casework.i18n import LANGUAGES, SOURCE, speaking, translate
from casework.i18n import gettext as _
from casework.logbook import Actor, log
from casework.seeddata import TEMPLATES
from casework.signals import SIGNAL_TITLES
from models import ClientWeight, SickReportOutcome, db

from .sqlparts import Dialect, execute, literal, sql_sentence, statement

SCANNED_KINDS = (
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
IN_AGENDA_UNREPORTED = "('ingepland', 'af_te_melden')"
WEIGHT_VALID_MONTHS = 3  # a client weight assessed longer ago is signalled (PACTA: "ver in het verleden")
_INSERT = (
    "INSERT INTO signals (kind, subject_type, subject_id, due_date, employee_id, trajectory_id, detail,"
    " status, raised_at)"
)
_ON_CONFLICT = " ON CONFLICT (kind, subject_type, subject_id, due_date) WHERE status = 'open' DO NOTHING"
ANALYZE_AFTER_ROWS = 10_000
_RESOLVE = "UPDATE signals SET status = 'resolved', resolved_at = :now WHERE status = 'open' AND kind = "
DEFAULT_FULL_EVERY = dt.timedelta(minutes=60)

# The tables each kind's statements read (tests/jobs/test_scan_incremental.py checks them against the SQL, and that
# each has the triggers of migration 6c1f0e9b7a42). Every kind reads `signals`: its own open signals. A kind
# added without an entry here is simply computed at every scan; one with an entry is skipped while none of these
# tables was written, the Dutch day is the same and none of its CROSSINGS passed.
READS: dict[str, frozenset[str]] = {
    "task_overdue": frozenset({"signals", "tasks", "trajectories"}),
    "rtw_target_passed": frozenset({"signals", "sick_reports"}),
    "prognosis_passed": frozenset({"signals", "interventions", "trajectories"}),
    "not_contacted": frozenset({"signals", "employees", "trajectories", "sick_reports"}),
    "weight_outdated": frozenset({"signals", "employees", "trajectories", "sick_reports"}),
    "poortwachter_due": frozenset(
        {
            "signals",
            "poortwachter_open_steps",
            "sick_reports",
            "employees",
            "service_agreements",
            "service_variations",
        }
    ),
    "consult_pending": frozenset({"signals", "consults", "consult_types"}),
    "consult_due": frozenset({"signals", "employees", "trajectories", "sick_reports", "consults"}),
    "frequent_absence": frozenset({"signals", "sick_reports", "employees", "sick_report_end_reasons"}),
}
# A kind whose statements compare with :now (not only with :today and :soon) names here, as a condition on the
# kind's state row `st`, whether a threshold passed since its last computation (st.scanned_at, :now].
CROSSINGS: dict[str, str] = {
    "consult_pending": f"EXISTS (SELECT 1 FROM consults c WHERE c.status IN {IN_AGENDA_UNREPORTED}"
    " AND c.ends_at > st.scanned_at AND c.ends_at <= :now)",
}
OUTBOX = "outbox"  # the outbox insert's state row: it depends on no clock, only on these tables
OUTBOX_READS = frozenset({"signals", "notifications", "employees", "trajectories", "tasks", "users"})


@dataclass
class ScanReport:
    """What one scan changed: signals raised and resolved per kind, notifications queued."""

    raised: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, int] = field(default_factory=dict)
    queued: int = 0
    skipped: list[str] = field(default_factory=list)  # kinds (and "outbox") not recomputed: nothing changed

    @property
    def rows_written(self) -> int:
        """Every row the scan inserted or updated."""
        return sum(self.raised.values()) + sum(self.resolved.values()) + self.queued

    def summary(self) -> str:
        """One line for the console and the log."""
        parts = [
            _(
                "%(kind)s: %(raised)s nieuw, %(resolved)s opgelost",
                kind=_(SIGNAL_TITLES[k]),
                raised=self.raised.get(k, 0),
                resolved=self.resolved.get(k, 0),
            )
            for k in SCANNED_KINDS
        ]
        return _(
            "Signaleringen: %(parts)s. %(queued)s herinneringen klaargezet.",
            parts="; ".join(parts),
            queued=self.queued,
        )


def _contact_due(d: Dialect) -> str:
    """When an employee with an open case must next be contacted, as a day number (grouped per employee)."""
    interval = " ".join(f"WHEN '{w.value}' THEN {w.contact_interval_days}" for w in ClientWeight)
    since = (
        "CASE WHEN e.last_contact_on IS NULL OR e.last_contact_on < min(o.since)"
        " THEN min(o.since) ELSE e.last_contact_on END"
    )
    return f"{d.day_number(since)} + CASE e.client_weight {interval} ELSE 21 END"


# "Tijd voor een praatje" (seed 004 slide 54): weeks without a consult held or planned, per client weight (low,
# medium, high), before the case manager is told to plan one; TRAJECT_PRAATJE_WEEKS overrides them.
PRAATJE_WEEKS = (6, 4, 2)
PLANNED_OR_HELD = "('ingepland', 'af_te_melden', 'afgehandeld')"


def praatje_weeks(config: Any = None) -> tuple[int, int, int]:
    """The weeks for low, medium and high client weight: TRAJECT_PRAATJE_WEEKS "6,4,2" (each 1-52)."""
    value = (config or {}).get("TRAJECT_PRAATJE_WEEKS") or os.environ.get("TRAJECT_PRAATJE_WEEKS") or ""
    if not str(value).strip():
        return PRAATJE_WEEKS
    parts = [p.strip() for p in str(value).split(",")]
    if len(parts) != 3 or not all(p.isdigit() and 1 <= int(p) <= 52 for p in parts):
        raise ValueError(
            "TRAJECT_PRAATJE_WEEKS moet drie aantallen weken van 1 tot en met 52 zijn (licht, middel, zwaar),"
            f" bijvoorbeeld 6,4,2; niet {value!r}"
        )
    low, medium, high = (int(p) for p in parts)
    return low, medium, high


def _praatje_wanted(d: Dialect) -> str:
    """Employees with an open trajectory or sick report, no consult planned now, and none held or planned for
    longer than their client weight allows, with the day a consult was due: counted from the last consult held
    or planned (its day), or else from the start of the earliest open case."""
    last = _day(d, "max(c.starts_at)")
    since = "CASE WHEN k.last_day IS NULL OR k.last_day < min(o.since) THEN min(o.since) ELSE k.last_day END"
    weeks = (
        "CASE e.client_weight WHEN 'low' THEN :praatje_low WHEN 'high' THEN :praatje_high"
        " ELSE :praatje_medium END"
    )
    due = f"{d.day_number(since)} + 7 * {weeks}"
    return (
        f"SELECT e.id AS employee_id, {d.from_day_number(due)} AS due FROM employees e"
        f" JOIN {_OPEN_CASES} o ON o.employee_id = e.id"
        f" LEFT JOIN (SELECT c.employee_id, {last} AS last_day,"
        f" max(CASE WHEN c.status IN {IN_AGENDA_UNREPORTED} THEN 1 ELSE 0 END) AS planned"
        f" FROM consults c WHERE c.status IN {PLANNED_OR_HELD} GROUP BY c.employee_id) k ON k.employee_id = e.id"
        " WHERE k.planned IS NULL OR k.planned = 0"
        " GROUP BY e.id, e.client_weight, k.last_day"
        f" HAVING {due} < {d.day_number(':today')}"
    )


_OPEN_CASES = (
    "(SELECT tr.employee_id, tr.started_on AS since FROM trajectories tr WHERE tr.status = 'open'"
    " UNION ALL SELECT sr.employee_id, sr.first_sick_day FROM sick_reports sr"
    " WHERE sr.recovery_date IS NULL AND sr.closed_on IS NULL)"
)


def _weight_wanted(d: Dialect) -> str:
    """Employees with an open trajectory or sick report whose client weight is out of date, with the day the
    (re)assessment was due: 3 months after the last one, or the start of the earliest open case if never."""
    due = f"COALESCE({d.plus_months('e.client_weight_assessed_on', WEIGHT_VALID_MONTHS)}, min(o.since))"
    return (
        f"SELECT e.id AS employee_id, {due} AS due FROM employees e"
        f" JOIN {_OPEN_CASES} o ON o.employee_id = e.id"
        f" GROUP BY e.id, e.client_weight_assessed_on HAVING {due} < :today"
    )


def _contact_wanted(d: Dialect) -> str:
    """Employees with an open trajectory or an open sick report whose contact is overdue, with the date it was
    due; the count starts at the earliest open case (trajectory start or first sick day) or the last contact."""
    return (
        f"SELECT e.id AS employee_id, {d.from_day_number(_contact_due(d))} AS due FROM employees e"
        f" JOIN {_OPEN_CASES} o ON o.employee_id = e.id"
        " GROUP BY e.id, e.last_contact_on, e.client_weight"
        f" HAVING {_contact_due(d)} < {d.day_number(':today')}"
    )


# The open Poortwachter steps (casework.timeline keeps them) of open reports that are due within 7 days or
# missed. A missed step stays wanted until it is recorded as done or waived: then its row is gone. The signal's
# subject is the sick report, its subject_type "pw:<step>", so two steps due on the same day are two signals.
# An item missing from the re-integratieverslag ("riv_<step>", dated on the first day of week 85) is wanted from
# that day on, not 7 days before: the dossier shows the checklist from week 80 already (casework.riv).
# Steps the employer carries (its variation says so, seed 001 "Op afroep") are not the case manager's: they are
# not signalled, and an open signal is resolved the day the employer starts carrying them.
_POORTWACHTER_WANTED = (
    "SELECT ps.sick_report_id AS report_id, ps.employee_id, ps.step_key AS step, ps.due_date AS due"
    " FROM poortwachter_open_steps ps CROSS JOIN sick_reports sr WHERE sr.id = ps.sick_report_id"
    " AND ps.due_date <= :soon AND (ps.due_date <= :today OR ps.step_key NOT LIKE 'riv!_%' ESCAPE '!')"
    " AND sr.recovery_date IS NULL AND sr.closed_on IS NULL"
    " AND "
    + carrier_sql("(SELECT ce.employer_id FROM employees ce WHERE ce.id = ps.employee_id)")
    + " = 'arbodienst'"
)


# Frequent verzuim (casework.absence_figures): employees still employed with FREQUENT_REPORTS or more sick reports
# whose first sick day lies in the 12 months up to today (after :year_ago), reports entered in error not counted.
# The due date is the first sick day of the latest report, so a further report raises a new signal; the detail is
# the number of reports. The signal resolves when a report drops out of the 12 months.
_FREQUENT_WANTED = (
    "SELECT sr.employee_id, max(sr.first_sick_day) AS due, count(*) AS reports FROM sick_reports sr"
    " JOIN employees e ON e.id = sr.employee_id"
    " LEFT JOIN sick_report_end_reasons er ON er.id = sr.end_reason_id"
    " WHERE sr.first_sick_day > :year_ago AND sr.first_sick_day <= :today"
    f" AND (er.outcome IS NULL OR er.outcome <> {literal(SickReportOutcome.ERRONEOUS.value)})"
    " AND (e.employment_end IS NULL OR e.employment_end >= :today)"
    f" GROUP BY sr.employee_id HAVING count(*) >= {FREQUENT_REPORTS}"
)


def _statements(d: Dialect) -> list[tuple[str, str, str]]:
    """(kind, resolve statement, raise statement) for every scanned kind.

    `CROSS JOIN … WHERE` is an inner join on both databases; on SQLite it also fixes the join order, so the
    partial index of open tasks (or running interventions) drives the query instead of open trajectories.
    """
    wanted = f"WITH wanted AS ({_POORTWACHTER_WANTED})"
    return [
        (
            "task_overdue",
            _RESOLVE + "'task_overdue' AND NOT EXISTS (SELECT 1 FROM tasks t"
            " JOIN trajectories tr ON tr.id = t.trajectory_id WHERE t.id = signals.subject_id"
            " AND t.status = 'open' AND tr.status = 'open' AND t.due_date = signals.due_date"
            " AND t.due_date < :today)",
            _INSERT + " SELECT 'task_overdue', 'task', t.id, t.due_date, tr.employee_id, tr.id,"
            " t.key || ' ' || t.name, 'open', :now FROM tasks t CROSS JOIN trajectories tr"
            " WHERE tr.id = t.trajectory_id AND t.status = 'open' AND t.due_date < :today AND tr.status = 'open'"
            + _ON_CONFLICT,
        ),
        (
            "rtw_target_passed",
            _RESOLVE + "'rtw_target_passed' AND NOT EXISTS (SELECT 1 FROM sick_reports sr"
            " WHERE sr.id = signals.subject_id AND sr.recovery_date IS NULL AND sr.closed_on IS NULL"
            " AND sr.target_rtw_date = signals.due_date AND sr.target_rtw_date < :today)",
            _INSERT + " SELECT 'rtw_target_passed', 'sick_report', sr.id, sr.target_rtw_date, sr.employee_id,"
            " NULL, '', 'open', :now FROM sick_reports sr WHERE sr.recovery_date IS NULL"
            " AND sr.closed_on IS NULL AND sr.target_rtw_date < :today" + _ON_CONFLICT,
        ),
        (
            "prognosis_passed",
            _RESOLVE + "'prognosis_passed' AND NOT EXISTS (SELECT 1 FROM interventions i"
            " JOIN trajectories tr ON tr.id = i.trajectory_id WHERE i.id = signals.subject_id"
            " AND i.actual_end IS NULL AND tr.status = 'open' AND i.prognosis_end = signals.due_date"
            " AND i.prognosis_end < :today)",
            _INSERT + " SELECT 'prognosis_passed', 'intervention', i.id, i.prognosis_end, tr.employee_id,"
            " tr.id, '', 'open', :now FROM interventions i CROSS JOIN trajectories tr"
            " WHERE tr.id = i.trajectory_id AND i.actual_end IS NULL AND i.prognosis_end < :today"
            " AND tr.status = 'open'" + _ON_CONFLICT,
        ),
        (
            "not_contacted",
            f"WITH wanted AS ({_contact_wanted(d)}) "
            + _RESOLVE
            + "'not_contacted' AND id NOT IN (SELECT s.id FROM signals s JOIN wanted w"
            " ON w.employee_id = s.subject_id AND w.due = s.due_date"
            " WHERE s.kind = 'not_contacted' AND s.status = 'open')",
            f"WITH wanted AS ({_contact_wanted(d)}) "
            + _INSERT
            + " SELECT 'not_contacted', 'employee', w.employee_id, w.due, w.employee_id, NULL, '', 'open', :now"
            " FROM wanted w WHERE w.employee_id IS NOT NULL" + _ON_CONFLICT,
        ),
        (
            "weight_outdated",
            f"WITH wanted AS ({_weight_wanted(d)}) "
            + _RESOLVE
            + "'weight_outdated' AND id NOT IN (SELECT s.id FROM signals s JOIN wanted w"
            " ON w.employee_id = s.subject_id AND w.due = s.due_date"
            " WHERE s.kind = 'weight_outdated' AND s.status = 'open')",
            f"WITH wanted AS ({_weight_wanted(d)}) "
            + _INSERT
            + " SELECT 'weight_outdated', 'employee', w.employee_id, w.due, w.employee_id, NULL, '', 'open', :now"
            " FROM wanted w WHERE w.employee_id IS NOT NULL" + _ON_CONFLICT,
        ),
        (
            "frequent_absence",
            f"WITH wanted AS ({_FREQUENT_WANTED}) "
            + _RESOLVE
            + "'frequent_absence' AND id NOT IN (SELECT s.id FROM signals s JOIN wanted w"
            " ON w.employee_id = s.subject_id AND w.due = s.due_date"
            " WHERE s.kind = 'frequent_absence' AND s.status = 'open')",
            f"WITH wanted AS ({_FREQUENT_WANTED}) "
            + _INSERT
            + " SELECT 'frequent_absence', 'employee', w.employee_id, w.due, w.employee_id, NULL,"
            " CAST(w.reports AS VARCHAR(10)), 'open', :now FROM wanted w WHERE w.employee_id IS NOT NULL"
            + _ON_CONFLICT,
        ),
        (
            "poortwachter_due",
            wanted
            + " "
            + _RESOLVE
            + "'poortwachter_due' AND id NOT IN (SELECT s.id FROM signals s JOIN wanted w"
            " ON w.report_id = s.subject_id AND w.due = s.due_date AND s.subject_type = 'pw:' || w.step"
            " WHERE s.kind = 'poortwachter_due' AND s.status = 'open')",
            wanted
            + " "
            + _INSERT
            + " SELECT 'poortwachter_due', 'pw:' || w.step, w.report_id, w.due, w.employee_id, NULL, w.step,"
            " 'open', :now FROM wanted w WHERE w.report_id IS NOT NULL" + _ON_CONFLICT,
        ),
        (
            "consult_due",
            f"WITH wanted AS ({_praatje_wanted(d)}) "
            + _RESOLVE
            + "'consult_due' AND id NOT IN (SELECT s.id FROM signals s JOIN wanted w"
            " ON w.employee_id = s.subject_id AND w.due = s.due_date"
            " WHERE s.kind = 'consult_due' AND s.status = 'open')",
            f"WITH wanted AS ({_praatje_wanted(d)}) "
            + _INSERT
            + " SELECT 'consult_due', 'employee', w.employee_id, w.due, w.employee_id, NULL, '', 'open', :now"
            " FROM wanted w WHERE w.employee_id IS NOT NULL" + _ON_CONFLICT,
        ),
        (
            # "Nog niet afgemeld" (seed 004 slide 54): a consult past its end without an outcome. Its due date is
            # the (UTC) day it ended; consults end in working hours, when that is also the Dutch day.
            "consult_pending",
            _RESOLVE
            + "'consult_pending' AND NOT EXISTS (SELECT 1 FROM consults c WHERE c.id = signals.subject_id"
            f" AND c.status IN {IN_AGENDA_UNREPORTED} AND c.ends_at <= :now AND {_day(d, 'c.ends_at')} = signals.due_date)",
            _INSERT
            + f" SELECT 'consult_pending', 'consult', c.id, {_day(d, 'c.ends_at')}, c.employee_id, NULL,"
            " ct.name, 'open', :now FROM consults c JOIN consult_types ct ON ct.id = c.consult_type_id"
            f" WHERE c.status IN {IN_AGENDA_UNREPORTED} AND c.ends_at <= :now" + _ON_CONFLICT,
        ),
    ]


def _day(d: Dialect, moment: str) -> str:
    """The date of a stored (UTC) datetime."""
    return f"date({moment})" if d.sqlite else f"CAST({moment} AS DATE)"


# Af te melden: PACTA's hidden status bit, set for every planned consult whose end has passed.
_TO_REPORT = "UPDATE consults SET status = 'af_te_melden' WHERE status = 'ingepland' AND ends_at <= :now"


def _seeded(language: str, column: str) -> str:
    """A task's name in SQL, the seeded ones (casework.seeddata) in `language`; a name of one's own stays."""
    if language == SOURCE:
        return column
    with speaking(language):
        names = {task["name"] for template in TEMPLATES for task in template["tasks"]}
        whens = " ".join(
            f"WHEN {literal(n)} THEN {literal(translate(n))}" for n in sorted(names) if translate(n) != n
        )
    return f"CASE {column} {whens} ELSE {column} END" if whens else column


def _reminder_text(language: str, name: str, day: str) -> str:
    """The SQL of a reminder's sentence per kind of signal, in one language; `name` and `day` are SQL."""
    with speaking(language):
        named = {
            **{k: step_label(k) for k in STEP_LABELS},
            **{f"{RIV_MISSING_PREFIX}{k}": step_label(f"{RIV_MISSING_PREFIX}{k}") for k in RIV_ONLY},
        }
        labels = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in named.items())
        step = (
            f"CASE s.detail {labels} ELSE CASE WHEN s.detail LIKE 'evaluatie!_%' ESCAPE '!'"
            f" THEN {literal(step_label('evaluatie'))} ELSE s.detail END END"
        )
        sentences = {
            "task_overdue": _("Taak %(key)s %(task)s voor %(name)s is over de deadline van %(day)s."),
            "rtw_target_passed": _("De streefdatum werkhervatting van %(name)s (%(day)s) is verstreken."),
            "prognosis_passed": _(
                "De prognose-einddatum van de interventie van %(name)s (%(day)s) is verstreken."
            ),
            "not_contacted": _("Al te lang geen contact met %(name)s: contact was uiterlijk %(day)s nodig."),
            "consult_pending": _("Gesprek %(consult)s met %(name)s van %(day)s is nog niet afgemeld."),
            "consult_due": _(
                "Tijd voor een praatje met %(name)s: al te lang geen gesprek gevoerd of gepland; een gesprek was"
                " uiterlijk %(day)s nodig."
            ),
            "weight_outdated": _(
                "De cliëntzwaarte van %(name)s moet opnieuw beoordeeld worden: dat was uiterlijk %(day)s nodig."
            ),
            "frequent_absence": _(
                "Frequent verzuim: %(name)s meldde zich %(count)s keer ziek in 12 maanden, het laatst op %(day)s."
                " Tijd voor een verzuimgesprek."
            ),
        }
        otherwise = _("Poortwachter: %(step)s voor %(name)s, uiterlijk %(day)s.")
    parts = {
        "key": "t.key",
        "task": _seeded(language, "t.name"),
        "name": name,
        "day": day,
        "consult": "s.detail",
        "count": "s.detail",
    }
    parts["step"] = step
    whens = " ".join(f"WHEN {literal(k)} THEN {sql_sentence(v, **parts)}" for k, v in sentences.items())
    return f"CASE s.kind {whens} ELSE {sql_sentence(otherwise, **parts)} END"


def _outbox(d: Dialect) -> str:
    """One notification per recipient (SPEC §6) of each open signal that has none yet.

    Reminders are queued when a signal is raised; a signal nobody could be reminded of then (no case manager,
    no Slack id) is queued at the first scan that finds someone. Signals already queued are skipped first, so a
    scan with nothing new reads no tasks or employees.
    """
    name = (
        "trim(e.first_name || ' ' || CASE WHEN e.name_prefix <> '' THEN e.name_prefix || ' ' ELSE '' END"
        " || e.last_name)"
    )
    day = d.dutch_date("s.due_date")
    # Each reminder in its recipient's language (casework.i18n): the sentences of every language, chosen per row.
    texts = {language: _reminder_text(language, name, day) for language in LANGUAGES}
    others = " ".join(f"WHEN {literal(k)} THEN {v}" for k, v in texts.items() if k != SOURCE)
    text = f"CASE u.language {others} ELSE {texts[SOURCE]} END"
    kinds = ", ".join(literal(k) for k in SCANNED_KINDS)
    manager = "COALESCE(e.case_manager_id, tr.case_manager_id)"
    # Each open signal is joined with two "roles": 1 = the case manager, 2 = the task's assignee when that is
    # someone else; no UNION (and its sort) is needed to keep one row per signal and person.
    # The signals already queued are read once, before the insert (a materialised CTE): an anti-join against the
    # notifications table itself could be planned as a nested loop that rescans the table the same statement is
    # filling, which made the first scan on an empty outbox quadratic on PostgreSQL.
    return (
        "WITH queued AS MATERIALIZED (SELECT DISTINCT signal_id FROM notifications) "
        "INSERT INTO notifications (signal_id, recipient_id, text, status, created_at, next_attempt_at,"
        " attempts, last_error)"
        f" SELECT s.id, u.id, {text}, 'pending', :now, :now, 0, ''"
        " FROM signals s JOIN employees e ON e.id = s.employee_id"
        " LEFT JOIN trajectories tr ON tr.id = s.trajectory_id"
        " LEFT JOIN tasks t ON s.kind = 'task_overdue' AND t.id = s.subject_id"
        " CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2 AS n) role"
        f" JOIN users u ON u.id = CASE role.n WHEN 1 THEN {manager} ELSE t.assignee_id END"
        f" WHERE s.status = 'open' AND s.kind IN ({kinds})"
        " AND NOT EXISTS (SELECT 1 FROM queued q WHERE q.signal_id = s.id)"
        f" AND (role.n = 1 OR COALESCE(t.assignee_id, -1) <> COALESCE({manager}, -1))"
        " AND u.active = :yes AND u.slack_user_id IS NOT NULL"
        " ON CONFLICT (signal_id, recipient_id) DO NOTHING"
    )


def _fresh_statistics(d: Dialect, table: str, written: int, at_least: int = ANALYZE_AFTER_ROWS) -> None:
    """After a large insert, let PostgreSQL's planner know (ANALYZE sees this transaction's own rows).

    Without it, the first scan after a bulk import plans the outbox insert for an empty signals table and
    chooses nested loops over hundreds of thousands of rows; autovacuum would only catch up after the commit.
    """
    if not d.sqlite and written >= at_least:
        db.session.execute(sa.text(f"ANALYZE {table}"))


def _version(*parts: object) -> str:
    """A digest of what a kind's state was computed with: a new release with other statements recomputes it."""
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def _looked_up(d: Dialect) -> str:
    """One statement: the tables written since the last scan (taken: deleted) and the kinds' state rows."""
    crossed = " ".join(
        f"WHEN {literal(k)} THEN CASE WHEN {c} THEN 1 ELSE 0 END" for k, c in CROSSINGS.items()
    )
    crossed = f"CASE st.kind {crossed} ELSE 0 END" if crossed else "0"
    state = (
        f"SELECT 'state' AS source, st.kind AS name, st.day, st.scanned_at, st.version, {crossed} AS crossed"
    )
    if d.sqlite:  # SQLite: the scan holds the write lock (BEGIN IMMEDIATE); it deletes the notes only if any
        return (
            f"{state} FROM scan_states st UNION ALL SELECT 'change', t.table_name, NULL, NULL, NULL, 0"
            " FROM (SELECT DISTINCT table_name FROM data_changes) t"
        )
    # A note committed after this statement's snapshot is not deleted: the next scan sees it.
    return (
        "WITH taken AS (DELETE FROM data_changes RETURNING table_name) "
        f"{state} FROM scan_states st UNION ALL SELECT 'change', t.table_name, NULL, NULL, NULL, 0"
        " FROM (SELECT DISTINCT table_name FROM taken) t"
    )


@dataclass(frozen=True)
class _Plan:
    """Every statement of a scan on one database, built once per process (a rescan with nothing new is mostly
    this bookkeeping), with the digest of each kind's."""

    work: list[tuple[str, str, str]]
    versions: dict[str, str]
    outbox: str
    outbox_version: str
    looked_up: Any


_PLANS: dict[tuple[str, int], _Plan] = {}


def _plan(d: Dialect) -> _Plan:
    key = (d.name, DUE_SOON_DAYS)
    if key not in _PLANS:
        work = _statements(d)
        outbox = _outbox(d)
        looked_up = statement(_looked_up(d)).columns(
            sa.column("source"),
            sa.column("name"),
            sa.column("day", sa.Date()),
            sa.column("scanned_at", sa.DateTime()),
            sa.column("version"),
            sa.column("crossed"),
        )
        versions = {
            k: _version(d.name, resolve, raise_, sorted(READS[k]), CROSSINGS.get(k), DUE_SOON_DAYS)
            for k, resolve, raise_ in work
            if k in READS
        }
        _PLANS[key] = _Plan(work, versions, outbox, _version(d.name, outbox, sorted(OUTBOX_READS)), looked_up)
    return _PLANS[key]


def _state_rows(session: Any, d: Dialect, now: dt.datetime) -> tuple[set[str], dict[str, Any]]:
    """(tables written since the last scan, state row per kind) — the state of the kinds those tables feed
    removed, so that they are recomputed whichever kinds this scan runs."""
    rows = session.execute(_plan(d).looked_up, {"now": now}).all()
    changed = {r.name for r in rows if r.source == "change"}
    states = {r.name: r for r in rows if r.source == "state"}
    if changed and d.sqlite:
        session.execute(sa.text("DELETE FROM data_changes"))
    reads = {**READS, OUTBOX: OUTBOX_READS}
    stale = sorted(k for k in states if reads.get(k, frozenset()) & changed or k not in reads)
    if stale:
        session.execute(
            sa.text("DELETE FROM scan_states WHERE kind IN :kinds").bindparams(
                sa.bindparam("kinds", expanding=True)
            ),
            {"kinds": stale},
        )
        for kind in stale:
            del states[kind]
    return changed, states


def _save_states(session: Any, rows: list[dict[str, Any]]) -> None:
    session.execute(
        statement(
            "INSERT INTO scan_states (kind, day, scanned_at, version) VALUES (:kind, :today, :now, :version)"
            " ON CONFLICT (kind) DO UPDATE SET day = excluded.day, scanned_at = excluded.scanned_at,"
            " version = excluded.version"
        ),
        rows,
    )


def scan_signals(
    now: dt.datetime,
    *,
    kinds: tuple[str, ...] = SCANNED_KINDS,
    praatje: tuple[int, int, int] | None = None,
    full_every: dt.timedelta | None = DEFAULT_FULL_EVERY,
) -> ScanReport:
    """Resolve what disappeared, raise what is due, queue the reminders; flushes, the caller commits.

    `praatje`: the weeks per client weight for "Tijd voor een praatje" (default the app's setting).
    A kind (and the outbox) whose inputs did not change since its last computation is skipped (module doc);
    `full_every` None (or zero) computes everything, as does a kind last computed longer ago than that.
    """
    d = Dialect(db.engine.dialect.name)
    today = local_day(now)
    if praatje is None:
        praatje = praatje_weeks(current_app.config if has_app_context() else None)
    params = {
        "now": now,
        "today": today,
        "soon": today + dt.timedelta(days=DUE_SOON_DAYS),
        "year_ago": frequent_since(today),
        "yes": True,
        **dict(zip(("praatje_low", "praatje_medium", "praatje_high"), praatje, strict=True)),
    }
    report = ScanReport()
    session = db.session
    session.flush()
    _changed, states = _state_rows(session, d, now)

    def unchanged(kind: str, version: str, daily: bool) -> bool:
        state = states.get(kind)
        return bool(
            full_every
            and state is not None
            and state.version == version
            and (state.day == today or not daily)
            and state.scanned_at <= now < state.scanned_at + full_every
            and not state.crossed
        )

    plan = _plan(d)
    work = [w for w in plan.work if w[0] in kinds]
    # The parameters beside the clock (settings such as the praatje weeks) are part of what a kind computed with.
    settings = _version(sorted((k, v) for k, v in params.items() if k not in ("now", "today", "soon")))[:20]
    versions = {k: v[:20] + settings for k, v in plan.versions.items()}
    todo = [w for w in work if not (w[0] in versions and unchanged(w[0], versions[w[0]], daily=True))]
    report.skipped = [k for k, _, _ in work if k not in {w[0] for w in todo}]
    computed: list[dict[str, Any]] = []
    if todo and not d.sqlite:  # short statements: compiling them with JIT costs more than it saves
        session.execute(sa.text("SET LOCAL jit = off"))
    for kind, resolve, raise_ in todo:
        if kind == "consult_pending":
            execute(session, _TO_REPORT, params)
        report.resolved[kind] = execute(session, resolve, params)
        report.raised[kind] = execute(session, raise_, params)
        if kind in versions:
            computed.append({**params, "kind": kind, "version": versions[kind]})
    for kind in report.skipped:
        report.resolved[kind] = report.raised[kind] = 0
    outbox, outbox_version = plan.outbox, plan.outbox_version
    if sum(report.raised.values()) or not unchanged(OUTBOX, outbox_version, daily=False):
        if not todo and not d.sqlite:
            session.execute(sa.text("SET LOCAL jit = off"))
        # Whatever was raised: statistics that predate this scan's signals (all resolved before, a purge, an
        # import) estimate one open signal, and the outbox insert then runs its anti-join against the queued
        # signals as a nested loop, every new signal against every queued one (5 s for 3,000 beside 3,000
        # queued, growing with the square). ANALYZE reads a sample of fixed size, so it costs about the same at
        # any size.
        _fresh_statistics(d, "signals", sum(report.raised.values()), at_least=1)
        report.queued = execute(session, outbox, params)
        _fresh_statistics(d, "notifications", report.queued)
        computed.append({**params, "kind": OUTBOX, "version": outbox_version})
    else:
        report.skipped.append(OUTBOX)
    if computed:
        _save_states(session, computed)
        # The notes of this scan's own writes (signals, notifications, consults): they change nothing it computed.
        session.execute(
            sa.text("DELETE FROM data_changes" + ("" if d.sqlite else " WHERE txid = txid_current()"))
        )
    if report.rows_written:
        log(
            Actor(name="scheduler"),
            now,
            "signals.scanned",
            report.summary(),
            details={"raised": report.raised, "resolved": report.resolved, "queued": report.queued},
        )
    session.flush()
    return report
