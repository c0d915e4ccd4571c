"""What each subcommand answers: the same for `/traject`, a direct message and `traject chat`."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from casework.calendar import dutch_date, local_day
from casework.dossier import open_dossier
from casework.errors import Invalid
from casework.i18n import M_, N_, ngettext, translate
from casework.i18n import gettext as _
from casework.logbook import Actor
from casework.notes import add_note, note_error
from casework.search import search_clients
from casework.signals import describe_signal
from models import Employee, Notification, Signal, SignalStatus, Task, TaskStatus, Trajectory, User, db

from .blocks import (
    actions,
    button,
    clip,
    context,
    employee_label,
    employee_md,
    escape,
    looks_like_bsn,
    section,
    shown_term,
    task_line,
)
from .links import base_url, search_url
from .riv_reply import riv_lines
from .words import HELP, HINT

SEARCH_PAGE = 20  # employees per search message: 20 sections and 3 more blocks, under Slack's 50
TASKS_PAGE = 40
MAX_CHOICES = 10  # employees offered as buttons when the words could name more than one
BUTTON_VALUE = 2000

ACTION_SEARCH_MORE = "search.more"
ACTION_NOTE_ADD = "note.add"
ACTION_DOSSIER = "dossier.open"


@dataclass
class Reply:
    """Text and blocks to post, and optionally a modal to open."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    modal: dict[str, Any] | None = None


def _my_open_tasks(user: User, today: dt.date) -> sa.Select:
    """My open, not snoozed tasks of open trajectories (unordered)."""
    return (
        sa.select(Task)
        .join(Trajectory)
        .where(
            Task.assignee_id == user.id,
            Task.status == TaskStatus.OPEN,
            Trajectory.closed_on.is_(None),
            sa.or_(Task.snoozed_until.is_(None), Task.snoozed_until <= today),
        )
    )


def my_tasks(user: User, today: dt.date, *, offset: int = 0, limit: int | None = None) -> list[Task]:
    """My open, not snoozed tasks of open trajectories, overdue first, then by due date; `limit` from `offset`,
    with the employee and employer each line names loaded in the same statement."""
    query = (
        _my_open_tasks(user, today)
        .order_by(Task.due_date, Task.id)
        .options(joinedload(Task.trajectory).joinedload(Trajectory.employee).joinedload(Employee.employer))
    )
    if limit is not None:
        query = query.offset(offset).limit(limit)
    return list(db.session.scalars(query))


def count_my_tasks(user: User, today: dt.date) -> tuple[int, int]:
    """How many tasks my_tasks has, and how many of them are overdue, counted in the database."""
    mine = _my_open_tasks(user, today).subquery()
    total, late = db.session.execute(
        sa.select(sa.func.count(), sa.func.count().filter(mine.c.due_date < today))
    ).one()
    return int(total), int(late)


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
    """My to-do list: my own open tasks (Afgerond, In agenda) and my open trajectory tasks (Afronden), by due
    date; the first page (App Home pages through the trajectory tasks), and a button for a new task. The
    trajectory tasks are counted in the database and only the page shown is loaded."""
    from .agenda_tasks import OWN_SHOWN, new_task_button, own_blocks, own_open

    own = own_open(user)
    count, _late = count_my_tasks(user, today)
    if not count and not own:
        return Reply(
            _("Je hebt geen open taken."), [section(_("Je hebt geen open taken.")), new_task_button()]
        )
    total = count + len(own)
    blocks = [section(_("*Mijn open taken (%(count)s)*", count=total))]
    blocks += own_blocks(own, today, user)
    room = TASKS_PAGE - 2 * min(len(own), OWN_SHOWN)
    for task in my_tasks(user, today, limit=room):
        blocks.append(section(task_line(task, today), button(_("Afronden"), "task.open", task.id)))
    blocks.append(new_task_button())
    if len(own) > OWN_SHOWN:
        blocks.append(
            context(
                _(
                    "De eerste %(page)s van %(count)s eigen taken; alles staat in de console.",
                    page=OWN_SHOWN,
                    count=len(own),
                )
            )
        )
    if count > room:
        blocks.append(
            context(
                _("De eerste %(page)s van %(count)s; alle taken staan in App Home.", page=room, count=count)
            )
        )
    return Reply(ngettext("Je hebt %(num)s open taak.", "Je hebt %(num)s open taken.", total), blocks)


def signals_reply(user: User, today: dt.date) -> Reply:
    """My open signals."""
    signals = my_signals(user, today)
    if not signals:
        return Reply(_("Je hebt geen open signaleringen."))
    lines = [f"• {escape(describe_signal(s))}" for s in signals]
    shown, rest = lines[:100], len(lines) - 100
    more = [_("… en nog %(rest)s; alle signaleringen staan in App Home.", rest=rest)] if rest > 0 else []
    head = ngettext("Je hebt %(num)s signalering:", "Je hebt %(num)s signaleringen:", len(signals))
    return Reply(clip(head + "\n" + "\n".join(shown + more), 39000))


def search_page(term: str, user: User, offset: int = 0) -> Reply:
    """One page of the employees in my caseload matching a term, with "Meer tonen" and a link to the console."""
    if not term:
        return Reply(_("Geef een zoekterm, bijvoorbeeld `zoek jansen`."))
    found = search_clients(term, viewer=user)
    if not found.employees:
        return Reply(_("Geen werknemers gevonden voor %(term)s.", term=shown_term(term)))
    page = found.employees[offset : offset + SEARCH_PAGE]
    total = len(found.employees)
    blocks = [section(_("*Gevonden voor %(term)s*", term=shown_term(term)))]
    for e in page:
        blocks.append(section(employee_md(e), button(_("Start traject"), "start.open", e.id)))
    shown_to = offset + len(page)
    of = (
        _("%(first)s–%(last)s van meer dan %(total)s")
        if found.truncated
        else _("%(first)s–%(last)s van %(total)s")
    )
    summary = [of % {"first": offset + 1, "last": shown_to, "total": total}]
    if found.truncated:
        summary.append(escape(translate(found.message)))
    if not looks_like_bsn(term):  # a BSN never goes into a URL
        link = search_url(base_url(current_app.config), term)
        summary.append(f"<{link}|{_('Dezelfde zoekopdracht in de console')}>")
    blocks.append(context(" · ".join(summary)))
    value = json.dumps({"q": term, "o": shown_to}, ensure_ascii=False)
    if shown_to < total and not looks_like_bsn(term) and len(value) <= BUTTON_VALUE:
        blocks.append(actions(f"search-more-{shown_to}", button(_("Meer tonen"), ACTION_SEARCH_MORE, value)))
    text = (
        translate(found.message)
        if found.truncated
        else ngettext("%(num)s werknemer gevonden.", "%(num)s werknemers gevonden.", total)
    )
    return Reply(text, blocks)


def search_reply(term: str, user: User) -> Reply:
    """The first page of a search."""
    return search_page(term, user)


# ---- naming an employee: never a guess -----------------------------------------------------------------------


def _exact_names(employee: Employee) -> set[str]:
    """The ways of naming an employee that leave no doubt about where the name ends."""
    last = " ".join(p for p in (employee.name_prefix, employee.last_name) if p)
    names = {employee.last_name, last, employee.full_name, f"{employee.first_name} {last}".strip()}
    if employee.personnel_number:
        names.add(employee.personnel_number)
    return {n.lower() for n in names if n}


def _matches(term: str, user: User) -> list[Employee]:
    try:
        return search_clients(term, viewer=user).employees
    except Invalid:
        return []


def name_and_text(args: str, user: User) -> tuple[list[tuple[Employee, str]], list[tuple[Employee, str]]]:
    """Every way the words can be read as EMPLOYEE TEXT: (readings where the name is exact, all readings)."""
    words = args.split()
    exact: list[tuple[Employee, str]] = []
    every: list[tuple[Employee, str]] = []
    for k in range(1, len(words)):
        name, rest = " ".join(words[:k]), " ".join(words[k:])
        for employee in _matches(name, user):
            every.append((employee, rest))
            if name.lower() in _exact_names(employee):
                exact.append((employee, rest))
    return exact, every


def find_employee(term: str, user: User, action: str) -> tuple[Employee | None, Reply | None]:
    """Exactly one employee in my caseload for a term, or a reply asking which one (buttons) or saying why not."""
    if not term:
        return None, Reply(_("Noem een werknemer, bijvoorbeeld `jansen`."))
    found = search_clients(term, viewer=user)
    if not found.employees:
        return None, Reply(_("Geen werknemer gevonden voor %(term)s.", term=shown_term(term)))
    if len(found.employees) == 1:
        return found.employees[0], None
    return None, _which(
        found.employees,
        _("Meerdere werknemers passen bij %(term)s. Welke bedoel je?", term=shown_term(term)),
        lambda e: button(employee_label(e), action, e.id),
    )


def _which(
    employees: list[Employee], question: str, make_button: Any, lines: list[str] | None = None
) -> Reply:
    """Ask which employee is meant: a button per candidate, or a request to be more precise when there are many."""
    if len(employees) > MAX_CHOICES:
        return Reply(
            question + " " + _("Het zijn er meer dan %(max)s: noem de werknemer preciezer.", max=MAX_CHOICES)
        )
    blocks = [section(question)]
    for i, e in enumerate(employees):
        line = lines[i] if lines else employee_md(e)
        blocks.append(section(line, make_button(e)))
    return Reply(question, blocks)


def note_reply(args: str, user: User, actor: Actor, now: dt.datetime) -> Reply:
    """`notitie WERKNEMER TEKST`: stored only when the words name one employee and the split is certain.

    Certain means: of every way to read the words as a name followed by text, the one with the longest name
    is the only reading of that length, and it names the employee exactly (last name, full name or personnel
    number), so "kim bakker test" is never read as Kim Visser with the text "bakker test". Otherwise the bot
    asks, with a button per reading, and stores nothing until one is pressed.
    """
    if len(args.split()) < 2:
        return Reply(_("Noem de werknemer en de tekst: `notitie jansen belde vandaag terug`."))
    exact, every = name_and_text(args, user)
    if not every:
        return Reply(_("Geen werknemer gevonden voor %(term)s.", term=shown_term(args.split()[0])))
    fewest = min(len(rest.split()) for _, rest in every)
    longest = [(e, rest) for e, rest in every if len(rest.split()) == fewest]
    if len(longest) == 1 and longest[0] in exact:
        employee, text = longest[0]
        add_note(employee, text, actor=actor, now=now)
        return Reply(
            _("Aantekening toegevoegd aan het dossier van %(employee)s.", employee=employee_md(employee))
        )
    readings = list({(e.id, rest): (e, rest) for e, rest in sorted(every, key=lambda r: len(r[1]))}.values())
    fitting = [(e, rest) for e, rest in readings if note_error(rest.strip()) is None]
    if not fitting:
        raise Invalid(
            {"text": note_error(readings[0][1].strip()) or M_("Een aantekening mag niet leeg zijn.")}
        )
    if any(_holds_bsn(t) for _, t in fitting):  # a choice would send the text, BSN and all, back to Slack
        return Reply(
            _(
                "Ik weet niet zeker bij wie deze aantekening hoort en bewaar niets. Noem de werknemer precies "
                "(achternaam, volledige naam of personeelsnummer), of maak de aantekening in de console."
            )
        )
    question = _("Bij wie hoort deze aantekening, en wat is de tekst? Ik bewaar niets tot je kiest.")
    return _which(
        [e for e, _ in fitting],
        question,
        _note_buttons(fitting),
        [f"{employee_md(e)}: \u201c{escape(clip(t, 200))}\u201d" for e, t in fitting],
    )


_NUMBER = re.compile(r"\d(?:[ .-]?\d){7,8}")


def _holds_bsn(text: str) -> bool:
    """Whether a text holds a number that could be a BSN (8 or 9 digits, perhaps with spaces, dots, dashes)."""
    return any(looks_like_bsn(m.group()) for m in _NUMBER.finditer(text))


def _note_buttons(chosen: list[tuple[Employee, str]]) -> Any:
    queue = iter(chosen)

    def make(_employee: Employee) -> dict[str, Any]:
        employee, text = next(queue)
        return button(
            _("Bewaar bij %(name)s", name=employee.full_name), ACTION_NOTE_ADD, f"{employee.id}:{text}"
        )

    return make


def dossier_reply(employee: Employee, user: User, now: dt.datetime) -> Reply:
    """The short dossier: open trajectories (the read is in the log book, as in the console)."""
    dossier = open_dossier(employee, viewer=user, now=now)
    open_ = [t for t in dossier.trajectories if t.closed_on is None]
    lines = [
        "• "
        + _("%(name)s sinds %(day)s", name=escape(translate(t.template.name)), day=dutch_date(t.started_on))
        for t in open_
    ] or ["• " + _("geen open trajecten")]
    lines += riv_lines(dossier)  # from week 80 of a sick report (bot.riv_reply)
    return Reply(_("*Dossier %(employee)s*", employee=employee_md(employee)) + "\n" + "\n".join(lines))


def start_reply(employee: Employee, today: dt.date) -> Reply:
    """The start modal for one employee, and a message with its button."""
    from .modals.start import start_modal

    line = _("Traject starten voor %(employee)s", employee=employee_md(employee))
    return Reply(
        line,
        [section(line, button(_("Start"), "start.open", employee.id))],
        modal=start_modal(employee, today),
    )


# Dossier modals opened by a subcommand naming an employee: command → (builder, button action, title, example)
DOSSIER_MODALS: dict[str, tuple[str, str, str, str]] = {
    "sick_report": ("sick_report", "sick_report.open", N_("Ziekmelding"), N_("ziekmelding jansen")),
    "recovery": ("recovery", "recovery.open", N_("Herstel"), N_("herstel jansen")),
    "contact": ("contact", "contact.open", N_("Contact vastleggen"), N_("contact jansen")),
    "client_weight": ("client_weight", "client_weight.open", N_("Cliëntzwaarte"), N_("zwaarte jansen")),
}


def dossier_modal(callback: str, employee: Employee, today: dt.date) -> dict[str, Any]:
    """The dossier modal `callback` for one employee (Invalid when it does not apply, e.g. no open report)."""
    from .modals.contact import contact_modal, weight_modal
    from .modals.sickness import recovery_modal, sick_report_modal

    builders = {
        "sick_report": sick_report_modal,
        "recovery": recovery_modal,
        "contact": contact_modal,
        "client_weight": weight_modal,
    }
    return builders[callback](employee, today)


def dossier_modal_reply(command: str, args: str, user: User, today: dt.date) -> Reply:
    """`ziekmelding|herstel|contact|zwaarte [WERKNEMER]`: the modal for the employee named, else a picker or a choice."""
    from .modals import employee_picker

    callback, action, title, example = DOSSIER_MODALS[command]
    title, example = _(title), _(example)
    if not args:
        return Reply(
            _("Noem de werknemer: `%(example)s`.", example=example), modal=employee_picker(callback, title)
        )
    employee, why = find_employee(args, user, action)
    if employee is None:
        return why  # type: ignore[return-value]
    view = dossier_modal(callback, employee, today)
    line = f"{title}: {employee_md(employee)}"
    return Reply(line, [section(line, button(title, action, employee.id))], modal=view)


def dispatch(command: str | None, args: str, *, user: User, actor: Actor, now: dt.datetime) -> Reply:
    """Answer one subcommand (Invalid propagates for the caller to show and roll back)."""
    from .modals.start import picker_modal

    today = local_day(now)
    if command is None:
        return Reply(_(HINT))
    if command == "help":
        return Reply(_(HELP))
    if command == "tasks":
        return tasks_reply(user, today)
    if command == "new_task":
        from .agenda_tasks import new_task_modal

        return Reply("Nieuwe taak: vul het venster in.", modal=new_task_modal(today))
    if command == "signals":
        return signals_reply(user, today)
    if command == "search":
        return search_reply(args, user)
    if command == "start":
        if not args:
            return Reply(
                _("Noem de werknemer: `%(example)s`.", example=_("start jansen")), modal=picker_modal()
            )
        employee, why = find_employee(args, user, "start.open")
        return why if employee is None else start_reply(employee, today)
    if command == "dossier":
        employee, why = find_employee(args, user, ACTION_DOSSIER)
        return why if employee is None else dossier_reply(employee, user, now)
    if command == "note":
        return note_reply(args, user, actor, now)
    if command in DOSSIER_MODALS:
        return dossier_modal_reply(command, args, user, today)
    if command == "report":
        from .report_reply import report_text

        return Reply(report_text(args, user, today))
    if command == "absence":
        from .absence_reply import absence_text

        return Reply(absence_text(args, user, today))
    if command == "agenda":
        from .agenda import agenda_reply

        return Reply(*agenda_reply(args, user, now))
    raise Invalid({"_": HINT})  # a marked constant: Invalid.errors translates it
