"""A scheduler process for the drills: `python -m tests.jobs.worker MODE DATABASE_URL SLACK_URL`.

deliver: print "ready", then run delivery passes until nothing is pending or sending (the crash drill kills it).
once: print "ready", wait for a line on stdin, try the scheduler lock and say "holding" or "waiting"; run day
change, scan and delivery; the holder waits for a second line before it releases; print what it did.
"""

from __future__ import annotations

import sys

import sqlalchemy as sa


def main(mode: str, url: str, slack_url: str) -> None:
    from console import create_app
    from jobs.locks import DatabaseLock
    from jobs.outbox import deliver
    from jobs.settings import Settings
    from jobs.slack import make_client
    from models import Notification, db, utcnow

    config = {
        "TESTING": True,
        "SECRET_KEY": "drill",
        "SQLALCHEMY_DATABASE_URI": url,
        "SLACK_BOT_TOKEN": "xoxb-drill",
        "SLACK_API_URL": slack_url,
        "TRAJECT_QUIET_HOURS": "",
        "TRAJECT_QUIET_WEEKENDS": "0",
        "TRAJECT_SLACK_RATE": "0",
        "TRAJECT_DELIVERY_BATCH": "5",
        "TRAJECT_DELIVERY_CLAIM_TIMEOUT": "0",
    }
    app = create_app(config)
    settings = Settings.load(app.config)
    client = make_client(app.config)
    with app.app_context():
        if mode == "deliver":
            print("ready", flush=True)
            while True:
                deliver(client, utcnow(), settings)
                left = db.session.scalar(
                    sa.select(sa.func.count()).where(Notification.status.in_(["pending", "sending"]))
                )
                db.session.commit()
                if not left:
                    return
        # The drill drives both processes in step through stdin, so how fast each starts does not matter:
        # "go" makes both try the lock; the holder keeps it until "release", sent once both have tried.
        print("ready", flush=True)
        sys.stdin.readline()
        lock = DatabaseLock(db.engine, stale_seconds=60)
        waited = not lock.acquire(blocking=False)
        print("waiting" if waited else "holding", flush=True)
        if waited:
            lock.acquire(blocking=True, poll_seconds=0.05)
        from jobs.scheduler import run_day_change, run_deliver, run_scan

        now = utcnow()
        outcome = [run_day_change(now), run_scan(now), run_deliver(now, settings, app.config)]
        if not waited:
            sys.stdin.readline()
        lock.release()
        print(("waited" if waited else "first") + " | " + " | ".join(outcome), flush=True)
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:4])
