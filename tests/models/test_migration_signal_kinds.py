"""Adding a signal kind rebuilds the signals table on SQLite: signals and their reminders survive it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from models import Notification, Signal, SignalKind, User, db

BEFORE = "5e8a2c7d9b14"  # the revision before employees.client_weight_assessed_on and weight_outdated


def test_the_weight_migration_keeps_signals_their_notifications_and_the_partial_indexes(make_app):
    app = make_app()
    with app.app_context():
        upgrade(revision=BEFORE)
        user = User(email="cm@example.nl", name="Casemanager", role="casemanager", slack_user_id="U1")
        db.session.add(user)
        db.session.flush()
        for subject in (1, 2):
            signal = Signal(
                kind=SignalKind.NOT_CONTACTED,
                subject_type="employee",
                subject_id=subject,
                due_date=dt.date(2026, 3, 1),
            )
            db.session.add(signal)
            db.session.flush()
            db.session.add(Notification(signal=signal, recipient=user, text=f"Reminder {subject}"))
        db.session.commit()

        upgrade()
        assert db.session.scalars(sa.select(Notification.text).order_by(Notification.text)).all() == [
            "Reminder 1",
            "Reminder 2",
        ]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Signal)) == 2
        db.session.add(
            Signal(
                kind=SignalKind.WEIGHT_OUTDATED,
                subject_type="employee",
                subject_id=1,
                due_date=dt.date(2026, 3, 1),
            )
        )
        db.session.flush()  # the new kind passes the CHECK constraint
        duplicate = Signal(
            kind=SignalKind.NOT_CONTACTED, subject_type="employee", subject_id=1, due_date=dt.date(2026, 3, 1)
        )
        db.session.add(duplicate)
        try:
            db.session.flush()
        except sa.exc.IntegrityError:
            db.session.rollback()
        else:  # pragma: no cover - the assertion below reports it
            raise AssertionError("the partial unique index of open signals is gone")
        db.session.commit()

        downgrade(revision=BEFORE)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 2
        db.session.remove()
