"""The scheduler process: signal scan, outbox delivery, day change and retention purge, under one database lock.

Jobs coalesce and never run twice at once (max_instances=1); missed runs are not replayed, because every job
works on "due and not yet done" and one run catches up. Each job run is one transaction (the delivery commits
per claim and per message, so a crash loses nothing).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from flask import Flask

from models import db, utcnow

from .locks import DatabaseLock, SchedulerLockHeld
from .settings import Settings

logger = logging.getLogger("traject.jobs")


def run_scan(now: dt.datetime) -> str:
    """One signal scan, committed."""
    from flask import current_app

    from .consult_reminders import remind_consults, reminder_minutes
    from .scan import scan_signals

    settings = Settings.load(current_app.config)
    report = scan_signals(now, full_every=dt.timedelta(minutes=settings.scan_full_minutes))
    reminded = remind_consults(now, reminder_minutes(current_app.config))
    db.session.commit()
    return report.summary() + (f"; {reminded} gesprekherinneringen" if reminded else "")


def run_deliver(now: dt.datetime, settings: Settings, config: Any) -> str:
    """One delivery pass (commits as it goes)."""
    from .outbox import deliver
    from .slack import make_client

    client = make_client(config)
    if client is None:
        return "SLACK_BOT_TOKEN is niet ingesteld: geen herinneringen verstuurd"
    return deliver(client, now, settings).summary()


def run_day_change(now: dt.datetime) -> str:
    """The day change, committed in batches."""
    from bot.deliveries import purge_deliveries

    from .daychange import day_change

    fired, failed = day_change(now)
    forgotten = purge_deliveries(now)  # Slack requests older than a day can no longer come back
    db.session.commit()
    return (
        f"Dagwissel: trigger \u201cTaak te laat\u201d {fired} keer afgevuurd, {failed} mislukt; "
        f"{forgotten} oude Slack-verzoeken vergeten"
    )


def run_purge(now: dt.datetime, settings: Settings, dry_run: bool = False) -> str:
    """The retention purge, committed."""
    from .purge import purge

    found = purge(now, settings.retention_days, dry_run=dry_run)
    db.session.commit()
    return f"Bewaartermijn: {len(found)} dossier(s) {'te verwijderen' if dry_run else 'verwijderd'}"


def _job(app: Flask, name: str, work: Callable[[dt.datetime], str]) -> Callable[[], None]:
    """Wrap a job: app context, the clock read once, rollback and a log line on failure."""

    def run() -> None:
        with app.app_context():
            try:
                outcome = work(utcnow())
                logger.info("%s: %s", name, outcome)
            except Exception:
                db.session.rollback()
                logger.exception("Job %s failed", name)
            finally:
                db.session.remove()

    run.__name__ = name
    return run


def build_scheduler(
    app: Flask, lock: DatabaseLock, scheduler_class: type[BaseScheduler] = BlockingScheduler
) -> BaseScheduler:
    """A scheduler with the four jobs and the lock's heartbeat (the lock must be held already)."""
    settings = Settings.load(app.config)
    scheduler = scheduler_class(
        timezone=settings.timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    start = dt.datetime.now(dt.UTC)
    add = scheduler.add_job
    add(
        _job(app, "day_change", run_day_change),
        CronTrigger(hour=0, minute=5, timezone=settings.timezone),
        id="day_change",
        name="day_change",
        next_run_time=start,
    )
    add(
        _job(app, "scan", run_scan),
        "interval",
        minutes=settings.scan_minutes,
        id="scan",
        name="scan",
        next_run_time=start + dt.timedelta(seconds=5),
    )
    add(
        _job(app, "deliver", lambda now: run_deliver(now, settings, app.config)),
        "interval",
        seconds=settings.deliver_seconds,
        id="deliver",
        name="deliver",
        next_run_time=start + dt.timedelta(seconds=10),
    )
    add(
        _job(app, "purge", lambda now: run_purge(now, settings)),
        CronTrigger(hour=2, minute=30, timezone=settings.timezone),
        id="purge",
        name="purge",
    )

    def heartbeat() -> None:
        try:
            lock.heartbeat()
        except SchedulerLockHeld as error:
            logger.error("Scheduler stops: %s", error)
            scheduler.shutdown(wait=False)

    add(
        heartbeat,
        "interval",
        seconds=max(settings.lock_stale_seconds / 4, 1),
        id="heartbeat",
        name="heartbeat",
    )
    return scheduler


def run_blocking(app: Flask) -> None:
    """`traject scheduler`: wait for the database lock, then run the jobs until stopped."""
    settings = Settings.load(app.config)
    with app.app_context():
        engine = db.engine
    lock = DatabaseLock(engine, stale_seconds=settings.lock_stale_seconds)
    lock.acquire(blocking=True)
    logger.info("Scheduler %s holds the database lock", lock.holder)
    try:
        build_scheduler(app, lock).start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        lock.release()


def start_background(app: Flask) -> threading.Thread:
    """`traject run`: the scheduler in a background thread of the web process (it waits for the lock there)."""
    settings = Settings.load(app.config)

    def main() -> None:
        with app.app_context():
            engine = db.engine
        lock = DatabaseLock(engine, stale_seconds=settings.lock_stale_seconds)
        lock.acquire(blocking=True)
        logger.info("Scheduler %s (in traject run) holds the database lock", lock.holder)
        build_scheduler(app, lock, BackgroundScheduler).start()

    thread = threading.Thread(target=main, name="traject-scheduler", daemon=True)
    thread.start()
    return thread
