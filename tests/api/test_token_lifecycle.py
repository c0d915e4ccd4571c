"""API tokens: expiry, revocation and a last use recorded at most once a minute."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import time_machine

from casework.accounts import create_api_token
from casework.logbook import SYSTEM
from models import ApiToken


def _token(db, now, **kw):
    row, secret = create_api_token(name="koppeling", actor=SYSTEM, now=now, **kw)
    db.session.commit()
    return row, {"Authorization": f"Bearer {secret}"}


def test_an_expired_token_answers_401(client, db, now):
    row, headers = _token(db, now, expires_days=7)
    with time_machine.travel(now + dt.timedelta(days=6, hours=23), tick=False):
        assert client.get("/api/v1/employers/", headers=headers).status_code == 200
    with time_machine.travel(now + dt.timedelta(days=7, seconds=1), tick=False):
        response = client.get("/api/v1/employers/", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["message"] == "Onbekend, verlopen of ingetrokken API-token."


def test_last_use_is_written_at_most_once_a_minute(client, db, now):
    row, headers = _token(db, now)
    with time_machine.travel(now + dt.timedelta(seconds=10), tick=False):
        client.get("/api/v1/employers/", headers=headers)
    first = db.session.scalar(sa.select(ApiToken.last_used_at).where(ApiToken.id == row.id))
    assert first == now + dt.timedelta(seconds=10)
    with time_machine.travel(now + dt.timedelta(seconds=50), tick=False):
        client.get("/api/v1/employers/", headers=headers)
    assert db.session.scalar(sa.select(ApiToken.last_used_at).where(ApiToken.id == row.id)) == first
    with time_machine.travel(now + dt.timedelta(seconds=75), tick=False):
        client.get("/api/v1/employers/", headers=headers)
    later = db.session.scalar(sa.select(ApiToken.last_used_at).where(ApiToken.id == row.id))
    assert later == now + dt.timedelta(seconds=75)


def test_a_token_of_a_deactivated_user_answers_401_even_before_revocation(client, db, now, casemanager):
    _row, headers = _token(db, now, user=casemanager)
    assert client.get("/api/v1/employees/", headers=headers).status_code == 200
    casemanager.active = False
    db.session.commit()
    assert client.get("/api/v1/employees/", headers=headers).status_code == 401
