"""Issue 16 item 5: what the bot says about the demo reads as Dutch: App Home, the reminders of a signal scan, and
the answers to `taken` and `signalen`. No signal kind ("rtw_target_passed"), step key ("plan_van_aanpak",
"evaluatie_2"), English word, or amount/date in another form; snooze and dossier buttons in plain words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.readable import internal_codes


@pytest.fixture(scope="module")
def demo_app(app_factory) -> Iterator[Flask]:
    """An app on its own database with the seed configuration and the demo data."""
    from console.cli import cli
    from models import db

    application = app_factory()
    runner = application.test_cli_runner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every text a person reads in Block Kit: sections, headers, context lines, buttons."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("plain_text", "mrkdwn") and isinstance(node.get("text"), str):
                found.append(node["text"])
            for key, value in node.items():
                if key not in ("action_id", "block_id", "value", "url"):  # ids a person never reads
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return found


def test_home_reminders_and_answers_of_the_demo_have_no_internal_codes(demo_app):
    from bot.home import home_view
    from bot.reminders import Item, blocks, fallback_text
    from bot.replies import signals_reply, tasks_reply
    from casework.calendar import local_day
    from jobs.scan import scan_signals
    from models import Notification, Role, Signal, User, db, utcnow

    with demo_app.app_context():
        # The demo's own day and one a few months on: Poortwachter steps, contacts and tasks are all overdue.
        for moment in (utcnow(), utcnow() + dt.timedelta(days=120)):
            scan_signals(moment)
        db.session.flush()
        kinds = set(db.session.scalars(sa.select(Signal.kind).distinct()))
        assert {k.value for k in kinds} >= {"task_overdue", "not_contacted", "poortwachter_due"}
        today = local_day(utcnow()) + dt.timedelta(days=120)
        read: list[str] = []
        for user in db.session.scalars(sa.select(User).where(User.role == Role.CASEMANAGER)):
            read += _texts(home_view(user, today, "https://traject.example")["blocks"])
            read += [tasks_reply(user, today).text, signals_reply(user, today).text]
        items = [
            Item(
                notification_id=n.id,
                text=n.text,
                kind=s.kind.value,
                signal_id=s.id,
                task_id=s.subject_id if s.subject_type == "task" else None,
                employee_id=s.employee_id,
            )
            for n, s in db.session.execute(sa.select(Notification, Signal).join(Signal))
        ]
        assert len(items) > 10
        read += _texts(blocks(items)) + [fallback_text(items)]
        db.session.rollback()
    joined = "\n".join(read)
    assert "Later herinneren (1 dag)" in joined and "Dossier openen" in joined
    assert "Poortwachter-termijn: Plan van aanpak" in joined or "Poortwachter: Plan van aanpak" in joined
    problems = [code for text in read for code in internal_codes(text)]
    assert not problems, "\n".join(problems[:20])
