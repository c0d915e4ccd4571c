"""Trajectory templates with their task templates edited inline; their triggers link to the trigger editor."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_admin import Admin
from flask_admin.model.form import InlineFormAdmin
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from models import TaskKind, TaskTemplate, TrajectoryTemplate

from .catalog import LABELS, ListView, positive, required
from .validators import Length, NumberRange
from .words import enum_form

TASK_LABELS = {
    "key": _l("Sleutel"),
    "name": _l("Naam"),
    "description": _l("Omschrijving"),
    "kind": _l("Soort"),
    "due_offset_days": _l("Termijn (dagen)"),
    "due_in_working_days": _l("Termijn in werkdagen"),
    "optional": _l("Optioneel"),
    "starts_with_trajectory": _l("Start met het traject"),
    "document_template": _l("Documentsjabloon"),
    "active": _l("Actief"),
    "position": _l("Volgorde"),
}


class TaskInline(InlineFormAdmin):
    """One task template of a trajectory template."""

    form_columns = ("id", *TASK_LABELS)
    form_label = _l("Taak")
    column_labels = TASK_LABELS
    form_overrides = {"kind": enum_form(TaskKind, TASK_LABELS["kind"])[0]}
    form_args = {
        "kind": enum_form(TaskKind, TASK_LABELS["kind"])[1],
        "key": {
            "validators": [
                required(TASK_LABELS["key"]),
                Length(max=20, message=_l("Sleutel: hoogstens 20 tekens.")),
            ]
        },
        "name": {"validators": [required(TASK_LABELS["name"])]},
        "due_offset_days": {
            "validators": [
                required(TASK_LABELS["due_offset_days"]),
                positive(TASK_LABELS["due_offset_days"]),
                NumberRange(max=3650, message=_l("Termijn (dagen): hoogstens 3650 dagen.")),
            ]
        },
    }


def _tasks(view: Any, context: Any, model: TrajectoryTemplate, name: str) -> Markup:
    return Markup(", ").join(t.key for t in model.task_templates if t.active)


def _triggers(view: Any, context: Any, model: TrajectoryTemplate, name: str) -> Markup:
    link = url_for("triggers.index", template=model.id)
    return Markup('<a href="{}">{}</a>').format(link, _("%(count)s trigger(s)", count=len(model.triggers)))


class TrajectoryTemplateView(ListView):
    """Trajectory templates: service type, task templates inline; triggers through the trigger editor."""

    column_list = ("name", "service_type", "task_templates", "triggers", "active", "position")
    column_filters = ("active", "service_type.name")
    column_formatters = {"task_templates": _tasks, "triggers": _triggers}
    form_columns = ("name", "description", "service_type", "active", "position", "task_templates")
    inline_models = (TaskInline(TaskTemplate),)
    column_labels = {**LABELS, "task_templates": _l("Taken"), "triggers": _l("Triggers")}
    create_template = "console/inline_create.html"
    edit_template = "console/template_edit.html"

    def validate_form(self, form: Any) -> bool:
        ok = super().validate_form(form)
        tasks = getattr(form, "task_templates", None)
        if not ok or tasks is None:
            return ok
        keys: set[str] = set()
        names: set[str] = set()
        for number, entry in enumerate(tasks.entries, 1):
            if tasks.should_delete(entry):
                tasks.errors = [
                    _(
                        "Taken: taak %(number)s verwijder je niet; zet hem op niet actief, zodat lopende "
                        "trajecten hun geschiedenis houden.",
                        number=number,
                    )
                ]
                return False
            key = (entry.form.key.data or "").strip()
            name = (entry.form.name.data or "").strip()
            if key.lower() in keys:
                entry.form.key.errors = [
                    *entry.form.key.errors,
                    _("Sleutel: %(key)s komt twee keer voor.", key=key),
                ]
                return False
            if name.lower() in names:
                entry.form.name.errors = [
                    *entry.form.name.errors,
                    _("Naam: %(name)s komt twee keer voor.", name=name),
                ]
                return False
            keys.add(key.lower())
            names.add(name.lower())
        return ok

    def on_model_change(self, form: Any, model: TrajectoryTemplate, is_created: bool) -> None:
        for task in model.task_templates:
            task.key, task.name = task.key.strip(), task.name.strip()


def add_views(admin: Admin, session: Any, category: str) -> None:
    """Trajectory templates."""
    admin.add_view(
        TrajectoryTemplateView(
            TrajectoryTemplate,
            session,
            name="Trajecttypen",
            endpoint="trajectory_templates",
            category=category,
        )
    )
