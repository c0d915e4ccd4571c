"""Issue 16 item 6, the parts a crawl of the console does not reach: every document of the demo (the letters its
trajectories produced, and every document template rendered for each of the demo's trajectories) and every Slack
modal a case manager opens on the demo (a task's modal for each open task, start, close, contact, client weight,
sick report, recovery, skip). Read as a user reads them: no internal code, English word, or amount/date that is
not in Dutch form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.readable import internal_codes, read_page

from .test_dutch_texts import _texts


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
        with_report = db.session.scalars(
            sa.select(Employee).join(SickReport, SickReport.employee_id == Employee.id).distinct()
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
