"""Modal submissions: one engine call each; Invalid comes back as errors on the field (block_id = field name)."""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Flask
from slack_bolt import App

from casework.cautions import take_cautions
from casework.errors import Invalid
from casework.i18n import M_, translate
from casework.i18n import gettext as _
from casework.process import close_trajectory, complete_task, skip_task, start_trajectory
from casework.registration import ensure_can_see
from models import (
    Category,
    Employee,
    EndGoal,
    EndReason,
    Policy,
    SickReport,
    Task,
    Trajectory,
    TrajectoryTemplate,
    db,
)

from ...blocks import escape
from ...context import NotLinked, interaction, refusal
from ...modals import state_values
from .agenda_tasks import SUBMISSIONS as TASK_SUBMISSIONS
from .dossier import SUBMISSIONS

ACK_WITHIN = 2.0  # seconds; Slack gives up on an answer after 3
START_FIELDS = {"category": Category, "end_goal": EndGoal, "sick_report": SickReport, "policy": Policy}


def _errors(error: Invalid, blocks: set[str], fallback: str) -> dict[str, Any]:
    """Slack's response_action errors, each on its block (unknown fields on `fallback`)."""
    out: dict[str, str] = {}
    for name, text in error.errors.items():
        key = (
            name
            if name in blocks
            else name.removesuffix("_id")
            if name.removesuffix("_id") in blocks
            else fallback
        )
        out[key] = f"{out[key]} {text}" if key in out else text
    return {"response_action": "errors", "errors": out}


def _input_blocks(view: dict[str, Any]) -> set[str]:
    return {b["block_id"] for b in view["blocks"] if b.get("type") == "input"}


class _LateAck:
    """Slack wants a modal's answer within 3 seconds. Work that takes longer (a PDF rendered by a trigger) is
    acknowledged when ACK_WITHIN has passed since the request came in (`received_at`, time.monotonic(); the
    listener may have waited for a thread of the pool), which closes the modal; its outcome then goes by direct
    message."""

    def __init__(self, ack: Any, received_at: float | None = None) -> None:
        self._ack = ack
        self._lock = threading.Lock()
        self._late = False
        waited = time.monotonic() - received_at if received_at is not None else 0.0
        self._timer = threading.Timer(max(ACK_WITHIN - waited, 0.0), self._close)
        self._timer.daemon = True
        self._timer.start()

    def _close(self) -> None:
        with self._lock:
            if not self._late:
                self._late = True
                self._ack()

    def answer(self, answer: dict[str, Any]) -> bool:
        """Give the modal its answer (field errors, or close it); True when it was closed already."""
        self._timer.cancel()
        with self._lock:
            if self._late:
                return True
            self._late = True
            self._ack(**answer)
            return False


def register(app: App, flask_app: Flask) -> None:
    """start, task, skip and close submissions."""

    def submit(
        ack: Any,
        body: dict[str, Any],
        client: Any,
        work: Any,
        fallback: str,
        clear: bool = False,
        received_at: float | None = None,
    ) -> None:
        view = body["view"]
        values = state_values(view)
        late = _LateAck(ack, received_at)
        done = False
        try:
            with interaction(flask_app, body["user"]["id"]) as (user, actor, now):
                text = work(view["private_metadata"], values, user, actor, now)
        except NotLinked:
            text, answer = refusal(), {"response_action": "errors", "errors": {fallback: refusal()}}
        except Invalid as error:
            answer = _errors(error, _input_blocks(view), fallback)
            text = _("Niet opgeslagen: %(errors)s", errors=" ".join(answer["errors"].values()))
        else:
            done = True
            answer = (
                {"response_action": "clear"} if clear else {}
            )  # a pushed modal closes the one below it too
        if late.answer(answer) or done:
            client.chat_postMessage(channel=body["user"]["id"], text=text)

    def start(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
        employee = db.session.get(Employee, int(values.get("employee") or meta))
        if employee is None:
            raise Invalid({"employee": M_("Kies een werknemer.")})
        ensure_can_see(employee, user)
        template = (
            db.session.get(TrajectoryTemplate, int(values["template"])) if values.get("template") else None
        )
        if template is None:
            raise Invalid({"template": M_("Kies een traject.")})
        refs = {
            k: db.session.get(m, int(values[k])) if values.get(k) else None for k, m in START_FIELDS.items()
        }
        trajectory = start_trajectory(employee, template, actor=actor, now=now, **refs)
        return _(
            "Traject \u201c%(template)s\u201d gestart voor %(name)s.",
            template=escape(translate(trajectory.template.name)),
            name=escape(employee.full_name),
        )

    def task(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
        from ...modals.tasks import result_from

        row = db.session.get(Task, int(meta))
        if row is None:
            raise Invalid({"remark": M_("Deze taak bestaat niet meer.")})
        ensure_can_see(row.trajectory.employee, user)
        complete_task(row, result_from(row, values), actor=actor, now=now)
        warnings = "".join(
            f"\n:warning: {escape(translate(text))}" for text in take_cautions()
        )  # e.g. spoor 2 too early
        done = _("Taak %(key)s %(name)s afgerond.", key=escape(row.key), name=escape(translate(row.name)))
        return done + warnings

    def skip(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
        row = db.session.get(Task, int(meta))
        if row is None:
            raise Invalid({"reason": M_("Deze taak bestaat niet meer.")})
        ensure_can_see(row.trajectory.employee, user)
        skip_task(row, values.get("reason") or "", actor=actor, now=now)
        return _("Taak %(key)s %(name)s overgeslagen.", key=escape(row.key), name=escape(translate(row.name)))

    def close(meta: str, values: dict[str, Any], user: Any, actor: Any, now: Any) -> str:
        trajectory = db.session.get(Trajectory, int(meta))
        reason = db.session.get(EndReason, int(values["end_reason"])) if values.get("end_reason") else None
        if trajectory is None or reason is None:
            raise Invalid({"end_reason": M_("Kies een beëindigingsreden.")})
        ensure_can_see(trajectory.employee, user)
        close_trajectory(trajectory, reason, actor=actor, now=now)
        return _("Traject gesloten: %(reason)s.", reason=escape(translate(reason.name)))

    def listener_for(work: Any, fallback: str, clear: bool = False) -> Any:
        # Bolt injects arguments by name, so the work is bound by a closure, not by a default argument.
        def listener(ack: Any, body: dict[str, Any], client: Any, context: Any) -> None:
            submit(ack, body, client, work, fallback, clear, context.get("received_at"))

        return listener

    app.view("start")(listener_for(start, "employee"))
    app.view("task")(listener_for(task, "remark"))
    app.view("close")(listener_for(close, "end_reason"))
    app.view("skip")(listener_for(skip, "reason", clear=True))
    for callback, (work, fallback) in {**SUBMISSIONS, **TASK_SUBMISSIONS}.items():
        app.view(callback)(listener_for(work, fallback))
