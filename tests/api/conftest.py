"""API fixtures: tokens (for nobody, an admin, a case manager) and a helper that calls with a bearer header."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


class Caller:
    """The test client with one token's Authorization header."""

    def __init__(self, client, secret: str, row) -> None:
        self.client, self.secret, self.row = client, secret, row
        self.headers = {"Authorization": f"Bearer {secret}"}

    def __getattr__(self, method: str):
        def call(path: str, **kwargs):
            from models import db

            db.session.commit()  # the test's rows so far stay when a refused call rolls back (a savepoint here)
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return getattr(self.client, method)(f"/api/v1{path}", headers=headers, **kwargs)

        return call


@pytest.fixture
def make_token(db, client, now):
    """Factory: a token (optionally linked to a user) and a Caller using it."""
    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM

    count = iter(range(1, 1000))

    def make(user=None, name: str | None = None) -> Caller:
        row, secret = create_api_token(
            name=name or f"hr-koppeling-{next(count)}", actor=SYSTEM, now=now, user=user
        )
        return Caller(client, secret, row)

    return make


@pytest.fixture
def api(make_token):
    """A token linked to no user: sees everything."""
    return make_token(name="hr-systeem")


@pytest.fixture
def template(db):
    """The seed's "Inzet interventie" template."""
    from models import TrajectoryTemplate

    return db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )


def log_actions(db, **where) -> list[tuple[str, str]]:
    """(action, actor_name) of the log book's entries matching `where`, in order."""
    from models import LogEntry

    query = sa.select(LogEntry.action, LogEntry.actor_name).filter_by(**where).order_by(LogEntry.id)
    return [tuple(r) for r in db.session.execute(query)]
