"""Takenlijst in the console: what is open for the signed-in user, and what was done or cancelled (seed 004).

Server-rendered, no script: adding, completing, cancelling and promoting a task are small POST forms that call
one engine function (casework.agenda_tasks), commit and come back with a message. Trajectory tasks on the list
link to their dossier, where the process engine completes them. An administrator may look at a colleague's list
and give a task to a colleague.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import joinedload

from casework import agenda_tasks as engine
from casework.agenda_patterns import to_local
from casework.calendar import local_day
from casework.errors import Invalid
from models import AgendaTask, Employee, Role, User, db, utcnow

from ..auth import actor
from .agenda import WhoseAgenda
from .base import Secured, flash_refusal

FIELDS = {
    "title": _l("Titel"),
    "employee_id": _l("Werknemer"),
    "due_date": _l("Uiterlijk"),
    "remark": _l("Opmerking"),
    "assignee_id": _l("Toegewezen aan"),
    "reason": _l("Reden"),
    "date": _l("Datum"),
    "start_time": _l("Begintijd"),
    "end_time": _l("Eindtijd"),
    "status": _l("Status"),
    "employee": _l("Werknemer"),
    "_": _l("Invoer"),
}
EMPLOYEES_OFFERED = 500


def _refused(error: Invalid) -> None:
    flash_refusal(error, FIELDS)


class TodoView(WhoseAgenda, Secured, BaseView):
    """Takenlijst: one's own tasks and open trajectory tasks; done and cancelled ones on request."""

    roles = ("admin", "casemanager")

    @expose("/")
    def index(self) -> Any:
        """The open tasks (or, with `toon=afgerond`, the done and cancelled ones) of a user."""
        me = current_user.user
        user = self._user()
        closed = request.args.get("toon") == "afgerond"
        items = engine.closed_list(user) if closed else engine.todo_list(user)
        admin = me.role == Role.ADMIN
        employees = db.session.scalars(
            sa.select(Employee)
            .options(joinedload(Employee.employer))
            .where(sa.true() if admin else Employee.case_manager_id == me.id)
            .order_by(Employee.last_name, Employee.first_name, Employee.id)
            .limit(EMPLOYEES_OFFERED)
        )
        users = (
            list(db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name)))
            if admin
            else [me]
        )
        return self.render(
            "console/todo.html",
            user=user,
            users=users,
            items=items,
            closed=closed,
            today=local_day(utcnow()),
            employees=list(employees),
            may_see=lambda employee: engine.may_see(employee, me),
            to_local=to_local,
        )

    def _back(self) -> Any:
        return redirect(url_for(".index", user=request.form.get("user") or None))

    def _run(self, change: Any, done: str) -> Any:
        try:
            change()
        except Invalid as error:
            _refused(error)
            return self._back()
        db.session.commit()
        flash(done, "success")
        return self._back()

    @expose("/new", methods=["POST"])
    def new(self) -> Any:
        """A new task, through the engine."""
        data = {
            k: request.form.get(k, "") for k in ("title", "employee_id", "due_date", "remark", "assignee_id")
        }
        return self._run(lambda: engine.create_task(data, actor=actor(), now=utcnow()), _("Taak toegevoegd."))

    @expose("/<int:task_id>/<step>", methods=["POST"])
    def step(self, task_id: int, step: str) -> Any:
        """Afgerond, Annuleren, In agenda zetten or Uit agenda halen, through the engine."""
        task = db.session.get(AgendaTask, task_id)
        if task is None:
            abort(404)
        now = utcnow()
        form = {k: v for k, v in request.form.items() if k not in ("csrf_token", "user")}
        steps = {
            "done": (lambda: engine.complete_task(task, actor=actor(), now=now), _("Taak afgerond.")),
            "cancel": (
                lambda: engine.cancel_task(task, form, actor=actor(), now=now),
                _("Taak geannuleerd."),
            ),
            "promote": (
                lambda: engine.promote_task(task, form, actor=actor(), now=now),
                _("Taak in de agenda gezet."),
            ),
            "unschedule": (
                lambda: engine.unschedule_task(task, actor=actor(), now=now),
                _("Taak uit de agenda gehaald."),
            ),
        }
        if step not in steps:
            abort(404)
        change, done = steps[step]
        return self._run(change, done)
