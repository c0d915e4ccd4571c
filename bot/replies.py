"""What each subcommand answers: the same for `/traject`, a direct message and `traject chat`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from casework.calendar import local_day
from casework.errors import Invalid
from casework.logbook import Actor
from casework.notes import add_note
from casework.registration import ensure_can_see
from casework.search import search_clients
from models import Employee, Notification, Signal, SignalStatus, Task, TaskStatus, Trajectory, User, db

from .blocks import button, employee_label, section, task_line
from .words import HELP, HINT


@dataclass
class Reply:
    """Text and blocks to post, and optionally a modal to open."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    modal: dict[str, Any] | None = None


def my_tasks(user: User, today: dt.date) -> list[Task]:
    """My open, not snoozed tasks of open trajectories, overdue first, then by due date."""
    return list(
        db.session.scalars(
            sa.select(Task)
            .join(Trajectory)
            .where(
                Task.assignee_id == user.id,
                Task.status == TaskStatus.OPEN,
                Trajectory.closed_on.is_(None),
                sa.or_(Task.snoozed_until.is_(None), Task.snoozed_until <= today),
            )
            .order_by(Task.due_date, Task.id)
        )
    )


def my_signals(user: User, today: dt.date) -> list[Signal]:
    """My open, not snoozed signals (those I am a recipient of)."""
    mine = sa.select(Notification.signal_id).where(Notification.recipient_id == user.id)
    return list(
        db.session.scalars(
            sa.select(Signal)
            .where(
                Signal.id.in_(mine),
                Signal.status == SignalStatus.OPEN,
                sa.or_(Signal.snoozed_until.is_(None), Signal.snoozed_until <= today),
            )
            .order_by(Signal.due_date, Signal.id)
        )
    )


def tasks_reply(user: User, today: dt.date) -> Reply:
    """My open tasks with a button to complete each."""
    tasks = my_tasks(user, today)
    if not tasks:
        return Reply("Je hebt geen open taken.")
    blocks = [section(f"*Mijn open taken ({len(tasks)})*")]
    for task in tasks:
        blocks.append(section(task_line(task, today), button("Afronden", "task.open", task.id)))
    return Reply(f"Je hebt {len(tasks)} open taken.", blocks)


def signals_reply(user: User, today: dt.date) -> Reply:
    """My open signals."""
    signals = my_signals(user, today)
    if not signals:
        return Reply("Je hebt geen open signaleringen.")
    lines = [f"• {s.detail or s.kind.value} (uiterlijk {s.due_date:%d-%m-%Y})" for s in signals]
    return Reply(f"Je hebt {len(signals)} signaleringen:\n" + "\n".join(lines))


def find_employee(term: str, user: User) -> tuple[Employee | None, Reply | None]:
    """Exactly one employee in my caseload for a term, or a reply saying why not."""
    if not term:
        return None, Reply("Noem een werknemer, bijvoorbeeld `jansen`.")
    found = search_clients(term, viewer=user)
    if not found.employees:
        return None, Reply(found.message or f"Geen werknemer gevonden voor \u201c{term}\u201d.")
    if len(found.employees) > 1:
        names = ", ".join(employee_label(e) for e in found.employees[:10])
        return None, Reply(f"Meerdere werknemers gevonden: {names}. Maak de zoekterm preciezer.")
    return found.employees[0], None


def search_reply(term: str, user: User) -> Reply:
    """Employees in my caseload matching a term, each with buttons."""
    if not term:
        return Reply("Geef een zoekterm, bijvoorbeeld `zoek jansen`.")
    found = search_clients(term, viewer=user)
    if not found.employees:
        return Reply(found.message or f"Geen werknemers gevonden voor \u201c{term}\u201d.")
    blocks = [section(f"*Gevonden voor \u201c{term}\u201d*")]
    for e in found.employees:
        blocks.append(section(employee_label(e), button("Start traject", "start.open", e.id)))
    return Reply(f"{len(found.employees)} werknemer(s) gevonden.", blocks)


def dispatch(command: str | None, args: str, *, user: User, actor: Actor, now: dt.datetime) -> Reply:
    """Answer one subcommand (Invalid propagates for the caller to show and roll back)."""
    from .modals.start import picker_modal, start_modal

    today = local_day(now)
    if command is None:
        return Reply(HINT)
    if command == "help":
        return Reply(HELP)
    if command == "tasks":
        return tasks_reply(user, today)
    if command == "signals":
        return signals_reply(user, today)
    if command == "search":
        return search_reply(args, user)
    if command == "start":
        if not args:
            return Reply("Noem de werknemer: `start jansen`.", modal=picker_modal())
        employee, why = find_employee(args, user)
        if employee is None:
            return why
        return Reply(
            f"Traject starten voor {employee_label(employee)}",
            [
                section(
                    f"Traject starten voor {employee_label(employee)}",
                    button("Start", "start.open", employee.id),
                )
            ],
            modal=start_modal(employee, today),
        )
    if command == "dossier":
        employee, why = find_employee(args, user)
        if employee is None:
            return why
        ensure_can_see(employee, user)
        open_ = [t for t in employee.trajectories if t.closed_on is None]
        lines = [f"• {t.template.name} sinds {t.started_on:%d-%m-%Y}" for t in open_] or [
            "• geen open trajecten"
        ]
        return Reply(f"*Dossier {employee_label(employee)}*\n" + "\n".join(lines))
    if command == "note":
        term, _, text = args.partition(" ")
        employee, why = find_employee(term, user)
        if employee is None:
            return why
        add_note(employee, text, actor=actor, now=now)
        return Reply(f"Aantekening toegevoegd aan het dossier van {employee_label(employee)}.")
    if command == "report":
        from .report_reply import report_text

        return Reply(report_text(args, user, today))
    raise Invalid({"_": HINT})
