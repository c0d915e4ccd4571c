"""App Home: my open tasks (overdue first), my signals, my open trajectories, each with buttons.

Each list shows a summary and one page at a time (Slack allows 100 blocks in a view), with "Vorige" and
"Volgende" buttons; the view's private_metadata keeps where each list is, so paging one keeps the others.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa

from casework.calendar import dutch_date
from casework.i18n import N_, translate
from casework.i18n import gettext as _
from casework.signals import describe_signal
from models import Trajectory, TrajectoryStatus, User, db

from .blocks import actions, button, context, employee_md, escape, header, section, task_line
from .links import dossier_url
from .reminders import ACTION_OPEN_DOSSIER, ACTION_SNOOZE, OPEN_DOSSIER_TEXT, later_text
from .replies import count_my_tasks, my_signals, my_tasks

HOME_PAGE = 10  # items per list and page: 3 × (header, summary, 10 × 2 blocks, pager) = 69 blocks of 100
ACTION_PAGE = "home.page"
LISTS = ("tasks", "signals", "trajectories")


def _snoozes(action_id: str, subject_id: int) -> list[dict[str, Any]]:
    return [button(later_text(d), f"{action_id}.{d}", f"{subject_id}:{d}") for d in (1, 3, 7)]


def _page(name: str, total: int, offset: int, offsets: dict[str, int]) -> list[dict[str, Any]]:
    """The pager of one list (nothing when everything fits on one page)."""
    if total <= HOME_PAGE:
        return []
    buttons = []
    if offset > 0:
        buttons.append(button(_("Vorige"), f"{ACTION_PAGE}.{name}.prev", max(offset - HOME_PAGE, 0)))
    if offset + HOME_PAGE < total:
        buttons.append(button(_("Volgende"), f"{ACTION_PAGE}.{name}.next", offset + HOME_PAGE))
    return [actions(f"page-{name}", *buttons)] if buttons else []


# what each list holds: "1–10 van 12 open taken" / "Geen open taken."
WHAT = {
    "tasks": (N_("%(first)s–%(last)s van %(total)s open taken"), N_("Geen open taken.")),
    "signals": (N_("%(first)s–%(last)s van %(total)s signaleringen"), N_("Geen signaleringen.")),
    "trajectories": (N_("%(first)s–%(last)s van %(total)s open trajecten"), N_("Geen open trajecten.")),
}


def _summary(total: int, offset: int, name: str, extra: str = "") -> dict[str, Any]:
    some, none = WHAT[name]
    shown = _(some, first=offset + 1, last=min(offset + HOME_PAGE, total), total=total) if total else _(none)
    return context(shown + extra)


def home_view(
    user: User,
    today: dt.date,
    base_url: str = "",
    offsets: dict[str, int] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The home tab of a linked user, each list at its offset (default the first page)."""
    offsets = {name: max(int((offsets or {}).get(name, 0)), 0) for name in LISTS}
    blocks: list[dict[str, Any]] = [header(_("Mijn taken"))]
    total, late = count_my_tasks(user, today)
    at = offsets["tasks"] = min(offsets["tasks"], max(total - 1, 0))
    blocks.append(_summary(total, at, "tasks", _(", waarvan %(late)s te laat", late=late) if late else ""))
    for task in my_tasks(user, today, offset=at, limit=HOME_PAGE):
        blocks.append(section(task_line(task, today)))
        blocks.append(
            actions(
                f"task-{task.id}",
                button(_("Afronden"), "task.open", task.id, "primary"),
                *_snoozes("task.snooze", task.id),
                button(_(OPEN_DOSSIER_TEXT), ACTION_OPEN_DOSSIER, task.trajectory.employee_id),
            )
        )
    blocks += _page("tasks", total, at, offsets)

    blocks.append(header(_("Mijn signaleringen")))
    signals = my_signals(user, today)
    at = offsets["signals"] = min(offsets["signals"], max(len(signals) - 1, 0))
    blocks.append(_summary(len(signals), at, "signals"))
    for signal in signals[at : at + HOME_PAGE]:
        blocks.append(section(escape(describe_signal(signal))))
        blocks.append(actions(f"signal-{signal.id}", *_snoozes(ACTION_SNOOZE, signal.id)))
    blocks += _page("signals", len(signals), at, offsets)

    blocks.append(header(_("Mijn open trajecten")))
    open_ = db.session.scalars(
        sa.select(Trajectory)
        .where(Trajectory.case_manager_id == user.id, Trajectory.status != TrajectoryStatus.CLOSED)
        .order_by(Trajectory.started_on, Trajectory.id)
    ).all()
    at = offsets["trajectories"] = min(offsets["trajectories"], max(len(open_) - 1, 0))
    blocks.append(_summary(len(open_), at, "trajectories"))
    for t in open_[at : at + HOME_PAGE]:
        blocks.append(
            section(
                f"{escape(translate(t.template.name))} · {employee_md(t.employee)} · "
                + _("sinds %(day)s", day=dutch_date(t.started_on))
            )
        )
        blocks.append(
            actions(
                f"trajectory-{t.id}",
                button(_("Sluiten"), "trajectory.close", t.id),
                {
                    **button(_(OPEN_DOSSIER_TEXT), ACTION_OPEN_DOSSIER, t.employee_id),
                    "url": dossier_url(base_url, t.employee_id),
                },
            )
        )
    blocks += _page("trajectories", len(open_), at, offsets)
    if now is not None:  # today's consults, with their held / no-show buttons
        from .agenda import home_blocks

        blocks += home_blocks(user, now)
    return {"type": "home", "blocks": blocks, "private_metadata": json.dumps(offsets)}


def offsets_from(view: dict[str, Any] | None, action_id: str, value: str) -> dict[str, int]:
    """The lists' offsets after a pager button: the view's own, with the pressed list moved."""
    try:
        offsets = json.loads((view or {}).get("private_metadata") or "{}")
    except ValueError:
        offsets = {}
    name = action_id.split(".")[2] if action_id.count(".") >= 3 else ""
    if name in LISTS and value.isdigit():
        offsets[name] = int(value)
    return {k: int(v) for k, v in offsets.items() if k in LISTS and str(v).isdigit()}
