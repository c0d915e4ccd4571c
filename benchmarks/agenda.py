"""The agenda (issue 18): free-slot finding and the week view for 200 users with a year of recurring availability
and 50,000 consults, each beside a hand-written equivalent. Target: within 3x of the hand-written version.

Run with `python -m benchmarks.agenda [--scale 0.1] [--sqlite-only|--postgresql-only]` (or BENCH_SCALE). The data
set: per user a weekly availability Monday–Friday 09:00–17:00 for all of 2026 (every other Friday only every
other week, a second pattern), a week of leave, and their share of the consults (Ingepland and Afgehandeld, 45
minutes each, spread over the year's working hours). Then, for a sample of users and weeks:

- free slots: `casework.agenda.free_slots` (45 minutes, at most 20) beside three hand-written SELECTs of the
  user's patterns and consults in the week and a plain day-by-day expansion and subtraction;
- the week view: `casework.agenda.agenda_period` for a week (what the console's week page reads) beside the same
  hand-written statements and expansion.
Both sides must give the same slots and the same consults (checked); the median of REPEAT runs is printed with
the ratio engine / hand-written and its target. Nothing here asserts on time.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from benchmarks.common import NOW, check, on_each_database, peak_mb, scale_arguments, timed

REPEAT = 3
USERS = 200
CONSULTS = 50_000
SAMPLE = 20  # users asked per measurement
TARGET = 3.0
YEAR = 2026


def _build(url: str, label: str, scale: float) -> Any:
    """A migrated, seeded app with the agenda data set at `scale`."""
    from flask_migrate import upgrade

    from casework.seed import load_seed_configuration
    from console import create_app
    from models import (
        Availability,
        Consult,
        ConsultType,
        Employee,
        Employer,
        Label,
        Location,
        Unavailability,
        UnavailabilityKind,
        User,
        db,
    )

    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    users = max(int(USERS * scale), 4)
    consults = max(int(CONSULTS * scale), 100)
    rng = random.Random(18)
    with app.app_context():
        upgrade()
        load_seed_configuration(NOW)
        started = time.perf_counter()
        brand = db.session.scalars(sa.select(Label)).first()
        employer = Employer(name="Agenda B.V.", label=brand)
        location = Location(name="Kantoor")
        kind = db.session.scalars(sa.select(UnavailabilityKind)).first()
        consult_type = ConsultType(name="Bench-spreekuur", duration_minutes=45, price=Decimal("95.00"))
        db.session.add_all([employer, location, consult_type])
        people = [
            User(email=f"agenda{n}@bench.example", name=f"Agenda {n}", role="casemanager")
            for n in range(users)
        ]
        db.session.add_all(people)
        db.session.flush()
        rows = []
        for user in people:
            common = {"user_id": user.id, "recurrence": "weekly", "date_from": dt.date(YEAR, 1, 1)}
            rows.append(
                {
                    **common,
                    "location_id": location.id,
                    "frequency": 1,
                    "date_until": dt.date(YEAR, 12, 31),
                    "start_time": dt.time(9),
                    "end_time": dt.time(17),
                    "weekdays": 0b01111,  # Monday–Thursday
                    "created_at": NOW,
                }
            )
            rows.append(
                {**rows[-1], "frequency": 2, "weekdays": 0b10000, "created_at": NOW + dt.timedelta(1)}
            )
        db.session.execute(sa.insert(Availability), rows)
        leave = []
        for user in people:
            first = dt.date(YEAR, 1, 5) + dt.timedelta(weeks=rng.randrange(50))
            leave.append(
                {
                    "user_id": user.id,
                    "kind_id": kind.id,
                    "recurrence": "weekly",
                    "frequency": 1,
                    "date_from": first,
                    "date_until": first + dt.timedelta(days=4),
                    "start_time": dt.time(0),
                    "end_time": dt.time(23, 59),
                    "weekdays": 0b11111,
                    "created_at": NOW,
                }
            )
        db.session.execute(sa.insert(Unavailability), leave)
        employees = [
            {"employer_id": employer.id, "personnel_number": f"A{n}", "last_name": f"Werknemer {n}"}
            for n in range(users * 10)
        ]
        db.session.execute(sa.insert(Employee), employees)
        employee_ids = list(
            db.session.scalars(sa.select(Employee.id).where(Employee.employer_id == employer.id))
        )
        per_user = consults // users
        slots = [(week, day, hour) for week in range(1, 52) for day in range(4) for hour in range(9, 17)]
        made = []
        for user in people:
            for week, day, hour in rng.sample(slots, min(per_user, len(slots))):
                local = dt.date.fromisocalendar(YEAR, week, day + 1)
                start = _utc(local, dt.time(hour))
                made.append(
                    {
                        "employee_id": rng.choice(employee_ids),
                        "consult_type_id": consult_type.id,
                        "status": "afgehandeld" if start < NOW else "ingepland",
                        "user_id": user.id,
                        "location_id": location.id,
                        "starts_at": start,
                        "ends_at": start + dt.timedelta(minutes=45),
                        "created_at": NOW,
                    }
                )
        db.session.execute(sa.insert(Consult), made)
        db.session.commit()
        print(
            f"\n{label}: {users} users, {2 * users} availabilities, {users} leaves, {len(made):,} consults,"
            f" generated in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
    return app


def _utc(day: dt.date, time_of_day: dt.time) -> dt.datetime:
    from casework.agenda_patterns import to_utc

    return to_utc(day, time_of_day)


# -- the hand-written side -------------------------------------------------------------------------------------
_PATTERNS = (
    "SELECT id, date_from, date_until, start_time, end_time, weekdays, frequency, recurrence, created_at{extra}"
    " FROM {table} WHERE user_id = :user AND date_until >= :first AND date_from <= :last"
)
_CONSULTS = (
    "SELECT id, starts_at, ends_at FROM consults WHERE user_id = :user"
    " AND status IN ('ingepland', 'af_te_melden', 'afgehandeld') AND starts_at < :hi AND ends_at > :lo"
    " ORDER BY starts_at, id"
)


def _value(value: Any, kind: str) -> Any:
    """SQLite hands dates and times back as text in a text() query."""
    if isinstance(value, str):
        return {"date": dt.date, "time": dt.time, "datetime": dt.datetime}[kind].fromisoformat(value)
    return value


def _expand(row: Any, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """Weekly pattern rows expanded day by day (frequency counted in weeks from the start date's week)."""
    date_from, date_until = _value(row.date_from, "date"), _value(row.date_until, "date")
    start_time, end_time = _value(row.start_time, "time"), _value(row.end_time, "time")
    out = []
    day = max(first, date_from)
    anchor = date_from - dt.timedelta(days=date_from.weekday())
    while day <= min(last, date_until):
        weeks = (day - anchor).days // 7
        if row.weekdays & (1 << day.weekday()) and weeks % row.frequency == 0:
            out.append((_utc(day, start_time), _utc(day, end_time)))
        day += dt.timedelta(days=1)
    return out


def _minus(base: list[tuple], holes: list[tuple]) -> list[tuple]:
    out = []
    for start, end in base:
        pieces = [(start, end)]
        for h_start, h_end in holes:
            pieces = [
                piece
                for s, e in pieces
                for piece in ((s, min(e, h_start)), (max(s, h_end), e))
                if piece[0] < piece[1]
            ]
        out.extend(pieces)
    return sorted(out)


def hand_week(session: Any, user_id: int, first: dt.date, last: dt.date) -> tuple[list, list, list[int]]:
    """Available (newest pattern wins), unavailable intervals and consult ids of a user's days, by hand."""
    lo, hi = _utc(first, dt.time()), _utc(last + dt.timedelta(days=1), dt.time())
    params = {"user": user_id, "first": first, "last": last}
    available_rows = session.execute(
        sa.text(_PATTERNS.format(extra="", table="availabilities")), params
    ).all()
    unavailable_rows = session.execute(
        sa.text(_PATTERNS.format(extra="", table="unavailabilities")), params
    ).all()
    consults = session.execute(
        sa.text(_CONSULTS).bindparams(
            sa.bindparam("lo", type_=sa.DateTime()), sa.bindparam("hi", type_=sa.DateTime())
        ),
        {"user": user_id, "lo": lo, "hi": hi},
    ).all()
    available: list[tuple] = []
    for row in sorted(available_rows, key=lambda r: (_value(r.created_at, "datetime"), r.id), reverse=True):
        # a newer pattern wins: an older one's interval that overlaps a kept one is dropped
        available += [
            (s, e) for s, e in _expand(row, first, last) if not any(s < ke and ks < e for ks, ke in available)
        ]
    unavailable = sorted(i for row in unavailable_rows for i in _expand(row, first, last))
    available = [i for i in _minus(sorted(available), unavailable) if i[0] < hi and i[1] > lo]
    return available, [i for i in unavailable if i[0] < hi and i[1] > lo], [c.id for c in consults]


def hand_slots(
    session: Any, user_id: int, first: dt.date, last: dt.date, minutes: int, now: dt.datetime
) -> list:
    """Free slots by hand: the week's free time minus consults, cut into `minutes`, from the next quarter hour."""
    available, _unavailable, _ids = hand_week(session, user_id, first, last)
    lo, hi = _utc(first, dt.time()), _utc(last + dt.timedelta(days=1), dt.time())
    busy = [
        (_value(c.starts_at, "datetime"), _value(c.ends_at, "datetime"))
        for c in session.execute(
            sa.text(_CONSULTS).bindparams(
                sa.bindparam("lo", type_=sa.DateTime()), sa.bindparam("hi", type_=sa.DateTime())
            ),
            {"user": user_id, "lo": lo, "hi": hi},
        )
    ]
    earliest = now.replace(second=0, microsecond=0)
    earliest += dt.timedelta(minutes=(-earliest.minute) % 15)
    length, slots = dt.timedelta(minutes=minutes), []
    for start, end in _minus(available, busy):
        start = max(start, earliest)
        while start + length <= end and len(slots) < 20:
            slots.append((start, start + length))
            start += length
    return slots


def _bench(url: str, label: str, scale: float) -> None:
    from casework.agenda import agenda_period, free_slots
    from models import User, db

    app = _build(url, label, scale)
    with app.app_context():
        session = db.session
        users = list(session.scalars(sa.select(User).where(User.email.like("agenda%")).order_by(User.id)))
        rng = random.Random(3)
        sample = [
            (u, dt.date.fromisocalendar(YEAR, rng.randrange(10, 50), 1))
            for u in rng.sample(users, min(SAMPLE, len(users)))
        ]
        now = dt.datetime(YEAR, 1, 1)

        def engine_slots() -> list:
            return [
                [(s.start, s.end) for s in free_slots(u, w, w + dt.timedelta(days=6), 45, now=now)]
                for u, w in sample
            ]

        def hand_slot_lists() -> list:
            return [hand_slots(session, u.id, w, w + dt.timedelta(days=6), 45, now) for u, w in sample]

        def engine_weeks() -> list:
            periods = [agenda_period(u, w, w + dt.timedelta(days=6)) for u, w in sample]
            return [
                (
                    [(i.start, i.end) for i in p.available],
                    [(i.start, i.end) for i in p.unavailable],
                    [c.id for c in p.consults],
                )
                for p in periods
            ]

        def hand_weeks() -> list:
            return [hand_week(session, u.id, w, w + dt.timedelta(days=6)) for u, w in sample]

        expire = session.expire_all
        t_hand_slots, hs = timed(hand_slot_lists, REPEAT, before=expire)
        t_slots, es = timed(engine_slots, REPEAT, before=expire)
        check(
            hs == es,
            f"free slots differ: {[(a[:2], b[:2]) for a, b in zip(hs, es, strict=True) if a != b][:2]}",
        )
        t_hand_week, hw = timed(hand_weeks, REPEAT, before=expire)
        t_week, ew = timed(engine_weeks, REPEAT, before=expire)
        check(hw == ew, "week views differ")
        n = len(sample)
        found = sum(len(s) for s in es)
        print(
            f"{label}: free slots for {n} users ({found} slots): engine {t_slots / n * 1000:.1f} ms per user,"
            f" hand-written {t_hand_slots / n * 1000:.1f} ms; ratio {t_slots / t_hand_slots:.2f}x (target ≤ {TARGET:.0f}x)"
        )
        consults = sum(len(w[2]) for w in ew)
        print(
            f"{label}: week view for {n} users ({consults} consults): engine {t_week / n * 1000:.1f} ms per user,"
            f" hand-written {t_hand_week / n * 1000:.1f} ms; ratio {t_week / t_hand_week:.2f}x (target ≤ {TARGET:.0f}x)"
        )
        print(f"{label}: peak memory {peak_mb():.0f} MB", flush=True)


def run(argv: list[str] | None = None) -> None:
    """Both databases unless told otherwise."""
    args = scale_arguments("benchmarks.agenda", argv)
    on_each_database(args, lambda url, label: _bench(url, label, args.scale))


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
