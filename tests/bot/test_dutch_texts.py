"""Issue 16 items 5 and 6: what the bot says about the demo reads as Dutch: App Home, the reminders of a signal
scan, the answers to `taken` and `signalen`, every modal a case manager opens, and every document of the demo (the
letters its trajectories produced, and every document template rendered for each of its trajectories). No signal
kind ("rtw_target_passed"), step key ("plan_van_aanpak", "evaluatie_2"), English word, or amount/date in another
form; snooze and dossier buttons in plain words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.readable import internal_codes, read_page


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


def _problems(where: str, texts: list[str]) -> list[str]:
    return [f"{where}: {code}" for text in texts for code in internal_codes(text)]


def test_every_document_of_the_demo_reads_as_dutch(demo_app):
    from casework.calendar import local_day
    from casework.documents import merge_fields, render_html
    from models import Document, DocumentTemplate, Trajectory, db, utcnow

    with demo_app.app_context():
        today = local_day(utcnow())
        problems: list[str] = []
        stored = db.session.scalars(sa.select(Document)).all()
        assert stored, "the demo has produced letters"
        for document in stored:
            text, _links = read_page(document.html)
            assert text.strip()
            problems += _problems(f"document {document.title!r}", [document.title, text])
        templates = db.session.scalars(sa.select(DocumentTemplate)).all()
        trajectories = db.session.scalars(sa.select(Trajectory)).all()
        assert len(templates) >= 3 and trajectories
        for template in templates:
            for trajectory in trajectories:
                label = trajectory.employee.employer.label
                html = render_html(template, merge_fields(trajectory, today=today), label)
                text, _links = read_page(html)
                problems += _problems(f"{template.name} for trajectory {trajectory.id}", [text])
        db.session.rollback()
    assert not problems, "\n".join(problems[:20])


def test_every_modal_a_case_manager_opens_on_the_demo_reads_as_dutch(demo_app):
    from bot.modals.close import close_modal
    from bot.modals.contact import contact_modal, weight_modal
    from bot.modals.sickness import recovery_modal, sick_report_modal
    from bot.modals.start import picker_modal, start_modal
    from bot.modals.tasks import skip_modal, task_modal
    from casework.calendar import local_day
    from models import Employee, SickReport, Task, TaskStatus, Trajectory, TrajectoryStatus, db, utcnow

    with demo_app.app_context():
        today = local_day(utcnow())
        problems: list[str] = []
        views: list[tuple[str, dict]] = [("kies werknemer", picker_modal())]
        open_tasks = db.session.scalars(sa.select(Task).where(Task.status == TaskStatus.OPEN)).all()
        assert len({task.kind for task in open_tasks}) >= 2
        for task in open_tasks:
            views += [
                (f"taak {task.id}", task_modal(task, today)),
                (f"overslaan {task.id}", skip_modal(task)),
            ]
        for trajectory in db.session.scalars(
            sa.select(Trajectory).where(Trajectory.status == TrajectoryStatus.OPEN)
        ):
            views.append((f"sluiten {trajectory.id}", close_modal(trajectory)))
        for employee in db.session.scalars(sa.select(Employee)):
            views += [
                (f"start {employee.id}", start_modal(employee, today)),
                (f"contact {employee.id}", contact_modal(employee, today)),
                (f"zwaarte {employee.id}", weight_modal(employee, today)),
                (f"ziekmelding {employee.id}", sick_report_modal(employee, today)),
            ]
        with_report = db.session.scalars(  # an open report: the demo also has ended ones (issue 16)
            sa.select(Employee)
            .join(SickReport, SickReport.employee_id == Employee.id)
            .where(SickReport.recovery_date.is_(None), SickReport.closed_on.is_(None))
            .distinct()
        ).all()
        assert with_report
        for employee in with_report:
            views.append((f"herstel {employee.id}", recovery_modal(employee, today)))
        for where, view in views:
            texts = _texts([view.get("title"), view.get("submit"), view.get("close"), view.get("blocks", [])])
            assert texts, where
            problems += _problems(where, texts)
        db.session.rollback()
    assert not problems, "\n".join(problems[:20])
