"""The dossier's "Acties" (seed 000: "Via de Acties knop in het werknemersdossier"): case work without Slack.

Start a trajectory, complete, skip, reassign and reschedule a task, close a trajectory, add a note. Each form
posts to one route that parses it, checks the caseload (someone else's dossier looks like nothing: 404), calls
ONE engine function (the same as the Slack modals and the API) and commits; a refusal (casework.errors.Invalid)
shows the form again with the engine's message under the field it names, and nothing changed.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user

from casework import process
from casework.calendar import local_day
from casework.cautions import take_cautions
from casework.errors import Forbidden, Invalid
from casework.mandate import mandate_for
from casework.notes import add_note
from casework.registration import ensure_can_see
from casework.schemas import parse_day
from casework.taskresults import result_from_values
from casework.uploads import issue_link, link_settings, revoke_link
from models import (
    Category,
    Document,
    Employee,
    EndGoal,
    EndReason,
    Policy,
    SickReport,
    Task,
    TaskKind,
    TaskStatus,
    Trajectory,
    TrajectoryTemplate,
    User,
    db,
    utcnow,
)

from ..auth import actor
from . import task_forms
from .base import Secured
from .dossier_words import TASK_STATUS

START_REFS = {
    "template": TrajectoryTemplate,
    "category": Category,
    "end_goal": EndGoal,
    "sick_report": SickReport,
    "policy": Policy,
}
UNKNOWN = "Kies een waarde uit de lijst."


def _row(model: type, value: str | None, field: str) -> Any:
    """The row a select chose, None when left empty; Invalid under `field` for a value that is no such row."""
    value = (value or "").strip()
    if not value:
        return None
    row = db.session.get(model, int(value)) if value.isdigit() and len(value) < 10 else None
    if row is None:
        raise Invalid({field: UNKNOWN})
    return row


def _form_values(fields: list[task_forms.Field]) -> dict[str, Any]:
    """The posted values of `fields` (lists for multi-selects), as text."""
    values: dict[str, Any] = {}
    for f in fields:
        values[f.name] = request.form.getlist(f.name) if f.kind == "multi" else request.form.get(f.name, "")
    return values


class DossierActionsView(Secured, BaseView):
    """The forms behind the dossier's Acties menu (case managers for their caseload, administrators)."""

    roles = ("admin", "casemanager")

    def is_visible(self) -> bool:
        return False  # reached from a dossier, not from the menu

    @expose("/")
    def index(self) -> Any:
        """The actions start from a dossier: to the list of dossiers."""
        return redirect(url_for("dossiers.index"))

    # ---- lookups with the caseload check -------------------------------------------------------------------

    def _employee(self, employee_id: int) -> Employee:
        employee = db.session.get(Employee, employee_id)
        if employee is None:
            abort(404)
        try:
            ensure_can_see(employee, current_user.user)
        except Forbidden:
            abort(404)
        return employee

    def _task(self, task_id: int) -> Task:
        task = db.session.get(Task, task_id)
        if task is None:
            abort(404)
        self._employee(task.trajectory.employee_id)
        return task

    def _trajectory(self, trajectory_id: int) -> Trajectory:
        trajectory = db.session.get(Trajectory, trajectory_id)
        if trajectory is None:
            abort(404)
        self._employee(trajectory.employee_id)
        return trajectory

    def _dossier(self, employee_id: int, anchor: str = "") -> Any:
        return redirect(url_for("dossiers.dossier", employee_id=employee_id) + anchor)

    # ---- start -----------------------------------------------------------------------------------------------

    @expose("/start/<int:employee_id>", methods=["GET", "POST"])
    def start(self, employee_id: int) -> Any:
        """Start a trajectory (Traject, Categorie, Einddoel, Verzuimmelding, Polis) through start_trajectory."""
        employee = self._employee(employee_id)
        today = local_day(utcnow())
        fields, why_not = task_forms.start_fields(employee, today)
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = _form_values(fields)
            try:
                refs = {name: _row(model, values.get(name), name) for name, model in START_REFS.items()}
                template = refs.pop("template")
                if template is None:
                    raise Invalid({"template": "Kies een traject."})
                trajectory = process.start_trajectory(employee, template, actor=actor(), now=utcnow(), **refs)
            except Invalid as error:  # refused before anything changed
                errors = error.errors
            else:
                db.session.commit()
                flash(_("Traject \u201c%(name)s\u201d gestart.", name=trajectory.template.name), "success")
                return self._dossier(employee.id, f"#trajectory-{trajectory.id}")
        return self.render(
            "console/casework_start.html",
            employee=employee,
            fields=fields,
            values=values,
            errors=errors,
            why_not=why_not,
            labels=task_forms.LABELS,
        ), (422 if errors else 200)

    # ---- one task: complete, skip, reassign, reschedule ------------------------------------------------------

    @expose("/task/<int:task_id>", methods=["GET", "POST"])
    def task(self, task_id: int) -> Any:
        """A task's page: complete it with the fields of its kind; "preview" (T2's Zoeken, T3's Berekenen) only
        shows the programmes found or the benefit computed, without saving."""
        task = self._task(task_id)
        today = local_day(utcnow())
        fields = task_forms.task_fields(task, today)
        values = task_forms.initial_values(task, today)
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = _form_values(fields)
            if task.kind == TaskKind.PROGRAMME_SELECTION:
                values["programme_id"] = request.form.get("programme_id", "")
            if "preview" not in request.form:
                try:
                    process.complete_task(task, result_from_values(values), actor=actor(), now=utcnow())
                except Invalid as error:  # refused before anything changed
                    errors = error.errors
                else:
                    db.session.commit()
                    flash(_("Taak %(key)s %(name)s afgerond.", key=task.key, name=task.name), "success")
                    for text in take_cautions():  # a warning, not a refusal (e.g. spoor 2 too early)
                        flash(text, "warning")
                    return self._dossier(task.trajectory.employee_id, f"#trajectory-{task.trajectory_id}")
        return self._task_page(task, fields, values, errors)

    def _task_page(
        self,
        task: Task,
        fields: list[task_forms.Field],
        values: dict[str, Any],
        errors: dict[str, str],
        **extra: Any,
    ) -> Any:
        programmes, search_errors = [], {}
        if task.kind == TaskKind.PROGRAMME_SELECTION and task.status == TaskStatus.OPEN:
            programmes, search_errors = task_forms.programme_search(values)
        return self.render(
            "console/casework_task.html",
            task=task,
            trajectory=task.trajectory,
            employee=task.trajectory.employee,
            fields=fields,
            values=values,
            errors={**search_errors, **errors},
            labels=task_forms.LABELS,
            programmes=programmes,
            computed=task_forms.computed_benefit(values) if task.kind == TaskKind.COST_BENEFIT else "",
            assignees=task_forms.assignees(),
            today=local_day(utcnow()),
            documents=db.session.scalars(
                sa.select(Document).where(Document.trajectory_id == task.trajectory_id).order_by(Document.id)
            ).all(),
            task_status=TASK_STATUS,
            mandate=mandate_for(task.trajectory, local_day(utcnow())),
            **extra,
        ), (422 if errors else 200)

    def _task_change(self, task: Task, change: Any, done: str, form: str) -> Any:
        """Run one change of a task through the engine; on a refusal show the task page with the message."""
        try:
            change()
        except Invalid as error:  # refused before anything changed
            today = local_day(utcnow())
            fields = task_forms.task_fields(task, today)
            return self._task_page(
                task,
                fields,
                task_forms.initial_values(task, today),
                {f"{form}.{k}": v for k, v in error.errors.items()},
                posted=request.form,
            )
        db.session.commit()
        flash(done, "success")
        return self._dossier(task.trajectory.employee_id, f"#trajectory-{task.trajectory_id}")

    @expose("/task/<int:task_id>/skip", methods=["POST"])
    def skip(self, task_id: int) -> Any:
        """Skip an optional task with a reason (skip_task)."""
        task = self._task(task_id)
        reason = request.form.get("reason", "")
        return self._task_change(
            task,
            lambda: process.skip_task(task, reason, actor=actor(), now=utcnow()),
            _("Taak %(key)s overgeslagen.", key=task.key),
            "skip",
        )

    @expose("/task/<int:task_id>/reassign", methods=["POST"])
    def reassign(self, task_id: int) -> Any:
        """Give an open task to another case manager (reassign_task)."""
        task = self._task(task_id)

        def change() -> None:
            user = _row(User, request.form.get("assignee"), "assignee")
            if user is None:
                raise Invalid({"assignee": "Kies een casemanager."})
            process.reassign_task(task, user, actor=actor(), now=utcnow())

        return self._task_change(task, change, _("Taak %(key)s toegewezen.", key=task.key), "reassign")

    @expose("/task/<int:task_id>/reschedule", methods=["POST"])
    def reschedule(self, task_id: int) -> Any:
        """Move an open task's due date, with a reason (reschedule_task)."""
        task = self._task(task_id)

        def change() -> None:
            day = parse_day(request.form.get("due_date", ""), "due_date")
            process.reschedule_task(task, day, request.form.get("reason", ""), actor=actor(), now=utcnow())

        return self._task_change(
            task, change, _("Deadline van taak %(key)s verplaatst.", key=task.key), "reschedule"
        )

    # ---- trajectory and notes --------------------------------------------------------------------------------

    @expose("/trajectory/<int:trajectory_id>/close", methods=["GET", "POST"])
    def close(self, trajectory_id: int) -> Any:
        """Close a trajectory with a Beëindigingsreden (close_trajectory)."""
        trajectory = self._trajectory(trajectory_id)
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = {"end_reason": request.form.get("end_reason", "")}
            try:
                reason = _row(EndReason, values["end_reason"], "end_reason")
                if reason is None:
                    raise Invalid({"end_reason": "Kies een beëindigingsreden."})
                process.close_trajectory(trajectory, reason, actor=actor(), now=utcnow())
            except Invalid as error:  # refused before anything changed
                errors = error.errors
            else:
                db.session.commit()
                flash(_("Traject gesloten: %(reason)s.", reason=reason.name), "success")
                return self._dossier(trajectory.employee_id, f"#trajectory-{trajectory.id}")
        return self.render(
            "console/casework_close.html",
            trajectory=trajectory,
            employee=trajectory.employee,
            field=task_forms.Field("end_reason", choices=task_forms.end_reasons(), required=True),
            values=values,
            errors=errors,
            labels=task_forms.LABELS,
        ), (422 if errors else 200)

    # ---- the provider's upload link (casework/uploads.py) ----------------------------------------------------

    @expose("/trajectory/<int:trajectory_id>/upload-link", methods=["POST"])
    def new_upload_link(self, trajectory_id: int) -> Any:
        """ "Nieuwe uploadlink": a new personal link for the provider (the old one stops working), shown once."""
        trajectory = self._trajectory(trajectory_id)
        try:
            link, url = issue_link(trajectory, actor=actor(), now=utcnow(), settings=link_settings())
        except Invalid as error:  # refused before anything changed
            for message in error.errors.values():
                flash(message, "error")
            return self._dossier(trajectory.employee_id, f"#trajectory-{trajectory.id}")
        db.session.commit()
        return self.render(
            "console/upload_link_created.html",
            trajectory=trajectory,
            employee=trajectory.employee,
            url=url,
            expires_on=local_day(link.expires_at),
        )

    @expose("/trajectory/<int:trajectory_id>/upload-link/revoke", methods=["POST"])
    def revoke_upload_link(self, trajectory_id: int) -> Any:
        """ "Uploadlink intrekken": the provider's link stops working at once."""
        trajectory = self._trajectory(trajectory_id)
        try:
            revoke_link(trajectory, actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            for message in error.errors.values():
                flash(message, "error")
        else:
            db.session.commit()
            flash(_("Uploadlink ingetrokken: de provider kan er niets meer mee aanleveren."), "success")
        return self._dossier(trajectory.employee_id, f"#trajectory-{trajectory.id}")

    @expose("/note/<int:employee_id>", methods=["POST"])
    def note(self, employee_id: int) -> Any:
        """Add a note (Aantekening, at most 1,500 characters) to the dossier (add_note)."""
        employee = self._employee(employee_id)
        try:
            add_note(employee, request.form.get("text", ""), actor=actor(), now=utcnow())
        except Invalid as error:  # refused before anything changed
            for name, message in error.errors.items():
                flash(f"{task_forms.LABELS.get(name, name)}: {message}", "error")
        else:
            db.session.commit()
            flash(_("Aantekening toegevoegd."), "success")
        return self._dossier(employee.id, "#notes")


def add_views(admin: Admin) -> None:
    """The Acties forms (no menu item: they open from a dossier)."""
    admin.add_view(DossierActionsView(name="Acties", endpoint="dossier_actions", url="dossiers/acties"))
