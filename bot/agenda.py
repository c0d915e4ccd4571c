"""The agenda in Slack: `/traject agenda [vandaag|week]`, today's consults in App Home, held / no-show buttons.

A consult that has started and has no outcome yet gets the buttons "Gevoerd" (afgehandeld: a recorded
contact) and "Niet verschenen" (the no-show rule of casework.consults); a planned one that has not started the
button "Uitnodiging maken" (the invitation letter from its document template, casework.consult_letters); all call
the engine like the console.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from casework.agenda import consults_between, tasks_between
from casework.agenda_patterns import monday, to_local
from casework.consults import report_tray, status_label
from casework.i18n import N_, ngettext, translate
from casework.i18n import gettext as _
from models import AgendaTask, AgendaTaskStatus, Consult, ConsultStatus, User

from .blocks import actions, button, clip, context, employee_md, escape, header, section

ACTION_HELD = "consult.held"
ACTION_NO_SHOW = "consult.no_show"
ACTION_INVITE = "consult.invite"
DAYS = (N_("ma"), N_("di"), N_("wo"), N_("do"), N_("vr"), N_("za"), N_("zo"))
MAX_SHOWN = 20  # consults per answer: 2 blocks each and a few more, under Slack's 50
TASKS_SHOWN = 10  # task lines in one context block
HOME_SHOWN = 8  # consults in App Home beside the three lists (100 blocks per view)


def _reportable(consult: Consult, now: dt.datetime) -> bool:
    return consult.status in (ConsultStatus.PLANNED, ConsultStatus.TO_REPORT) and consult.starts_at <= now


def consult_line(consult: Consult) -> str:
    """One mrkdwn line: day, times, consult type, employee, status, location."""
    start, end = to_local(consult.starts_at), to_local(consult.ends_at)
    where = f" · {escape(consult.location.name)}" if consult.location else ""
    return (
        f"*{_(DAYS[start.weekday()])} {start.day}-{start.month} {start:%H:%M}–{end:%H:%M}* "
        f"{escape(translate(consult.consult_type.name))} · {employee_md(consult.employee)} · {status_label(consult.status)}{where}"
    )


def consult_blocks(consults: list[Consult], now: dt.datetime, limit: int) -> list[dict[str, Any]]:
    """A section per consult, with the held / no-show buttons under those that can be reported."""
    blocks: list[dict[str, Any]] = []
    for consult in consults[:limit]:
        blocks.append(section(consult_line(consult)))
        if _reportable(consult, now):
            blocks.append(
                actions(
                    f"consult-{consult.id}",
                    button(N_("Gevoerd"), ACTION_HELD, consult.id, "primary"),
                    button(N_("Niet verschenen"), ACTION_NO_SHOW, consult.id),
                )
            )
        elif consult.status == ConsultStatus.PLANNED:
            blocks.append(
                actions(f"consult-{consult.id}", button(N_("Uitnodiging maken"), ACTION_INVITE, consult.id))
            )
    return blocks


def agenda_reply(args: str, user: User, now: dt.datetime) -> tuple[str, list[dict[str, Any]]]:
    """My consults today (default) or this week, and how many wait to be reported."""
    word = args.strip().lower()
    if word not in ("", "vandaag", "today", "week"):
        return _("Typ `agenda`, `agenda vandaag` of `agenda week`."), []
    today = to_local(now).date()
    first, last = (monday(today), monday(today) + dt.timedelta(days=6)) if word == "week" else (today, today)
    week = word == "week"
    consults = consults_between(user, first, last)
    waiting = len(report_tray(user, now))
    blocks = [header(_("Mijn agenda deze week") if week else _("Mijn agenda vandaag"))]
    if not consults:
        blocks.append(context(_("Geen gesprekken deze week.") if week else _("Geen gesprekken vandaag.")))
    blocks += consult_blocks(consults, now, MAX_SHOWN)
    if len(consults) > MAX_SHOWN:
        shown = _(
            "De eerste %(max)s van %(count)s; alles staat in de console.", max=MAX_SHOWN, count=len(consults)
        )
        blocks.append(context(shown))
    if waiting:
        blocks.append(
            context(
                ngettext("%(num)s gesprek nog af te melden.", "%(num)s gesprekken nog af te melden.", waiting)
            )
        )
    tasks = [t for t in tasks_between(user, first, last) if t.status == AgendaTaskStatus.OPEN]
    if tasks:  # one block, whatever their number: the consults keep Slack's 50
        blocks.append(context(task_lines(tasks)))
    if week:
        text = ngettext("%(num)s gesprek deze week", "%(num)s gesprekken deze week", len(consults))
    else:
        text = ngettext("%(num)s gesprek vandaag", "%(num)s gesprekken vandaag", len(consults))
    text += _("; %(waiting)s nog af te melden.", waiting=waiting) if waiting else "."
    return text, blocks


def task_lines(tasks: list[AgendaTask]) -> str:
    """The open tasks in the agenda, one line each (at most TASKS_SHOWN)."""
    lines = []
    for task in tasks[:TASKS_SHOWN]:
        start, end = to_local(task.starts_at), to_local(task.ends_at)
        lines.append(
            f"• *{DAYS[start.weekday()]} {start.day}-{start.month} {start:%H:%M}–{end:%H:%M}* Taak:"
            f" {escape(clip(task.title, 120))}"
        )
    more = [f"… en nog {len(tasks) - TASKS_SHOWN}; typ `taken`."] if len(tasks) > TASKS_SHOWN else []
    return "*Taken in de agenda*\n" + "\n".join(lines + more)


def home_blocks(user: User, now: dt.datetime) -> list[dict[str, Any]]:
    """App Home: today's consults with their buttons."""
    today = to_local(now).date()
    consults = consults_between(user, today, today)
    blocks = [header(N_("Mijn agenda vandaag"))]
    if not consults:
        return [*blocks, context(_("Geen gesprekken vandaag."))]
    blocks += consult_blocks(consults, now, HOME_SHOWN)
    if len(consults) > HOME_SHOWN:
        blocks.append(
            context(
                _(
                    "De eerste %(max)s van %(count)s; typ `agenda` voor alles.",
                    max=HOME_SHOWN,
                    count=len(consults),
                )
            )
        )
    return blocks
