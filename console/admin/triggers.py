"""The trigger editor: WHEN an event, IF conditions, THEN actions, checked by the engine; and a dry run."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_admin import Admin, BaseView, expose
from flask_babel import gettext as _

from casework.calendar import local_day
from casework.errors import Invalid
from casework.logbook import log
from casework.trigger_rules import (
    RESULT_FIELD_LABELS,
    RESULT_FIELDS,
    describe_result_condition,
    result_value_labels,
    validate_trigger,
)
from casework.triggers import describe_action, dry_run
from models import (
    ActionKind,
    Category,
    ConditionKind,
    DocumentTemplate,
    DueBasis,
    EndGoal,
    EndReason,
    NotifyTarget,
    ServiceType,
    Task,
    Trajectory,
    TrajectoryTemplate,
    Trigger,
    TriggerCondition,
    TriggerEvent,
    db,
    utcnow,
)

from ..auth import actor
from .base import Secured
from .trigger_form import TriggerForm, build, field_label, from_post, from_trigger, pad, stored_value
from .words import choices, dutch


def describe_condition(condition: TriggerCondition) -> str:
    """A condition in the administrator's words (and language)."""
    match condition.kind:
        case ConditionKind.TASK_TEMPLATE:
            task = condition.task_template
            return _("Taak is %(task)s", task=f"{task.key} {task.name}" if task else "?")
        case ConditionKind.RESULT_FIELD_EQUALS:
            field_name, value = describe_result_condition(condition.field or "", condition.value or "")
            return _("%(field)s is \u201c%(value)s\u201d", field=_(field_name), value=_(value))
        case ConditionKind.CATEGORY:
            return _("Categorie is %(name)s", name=condition.category.name if condition.category else "?")
        case ConditionKind.END_GOAL:
            return _("Einddoel is %(name)s", name=condition.end_goal.name if condition.end_goal else "?")
        case ConditionKind.SERVICE_TYPE:
            service_type = condition.service_type
            return _("Dienstverleningssoort is %(name)s", name=service_type.name if service_type else "?")
    return str(condition.kind)


def _result_fields(kinds: list[Any], form: TriggerForm | None) -> list[tuple[str, str]]:
    """(field, shown name) of the result fields of the template's task kinds, and any field a row already uses."""
    fields = set().union(*(RESULT_FIELDS[k] for k in kinds)) | {"skipped"}
    fields |= {row["field"] for row in (form.conditions if form else []) if row.get("field")}
    return sorted(((f, _(RESULT_FIELD_LABELS.get(f, f))) for f in fields), key=lambda pair: pair[1])


def _result_values() -> list[str]:
    """The shown names of every result value a condition can test (Ja, Nee, Succesvol, ...)."""
    return sorted({name for f in RESULT_FIELD_LABELS for name in result_value_labels(f).values()})


def _active(model: type) -> list[tuple[int, str]]:
    """(id, name) of the active items of a list, for a select."""
    rows = db.session.execute(
        sa.select(model.id, model.name).where(model.active.is_(True)).order_by(model.name)
    )
    return [(row.id, row.name) for row in rows]


def _template(value: Any) -> TrajectoryTemplate:
    template = db.session.get(TrajectoryTemplate, int(value)) if str(value or "").isdigit() else None
    if template is None:
        abort(404)
    return template


class TriggerEditorView(Secured, BaseView):
    """Triggers per trajectory template, edited in the administrator's language."""

    @expose("/")
    def index(self) -> Any:
        templates = db.session.scalars(sa.select(TrajectoryTemplate).order_by(TrajectoryTemplate.name)).all()
        chosen = request.args.get("template")
        template = _template(chosen) if chosen else None
        return self.render(
            "console/trigger_list.html",
            templates=templates,
            process=template,
            describe_condition=describe_condition,
            describe_action=lambda action: describe_action(action).description,
            dutch=dutch,
        )

    @expose("/new/", methods=["GET", "POST"])
    def new(self) -> Any:
        template = _template(request.args.get("template"))
        if request.method == "POST":
            return self._save(template, None)
        return self._editor(template, None, from_trigger(None))

    @expose("/edit/", methods=["GET", "POST"])
    def edit(self) -> Any:
        trigger = db.session.get(Trigger, request.args.get("id", type=int) or 0)
        if trigger is None:
            abort(404)
        if request.method == "POST":
            return self._save(trigger.template, trigger)
        return self._editor(trigger.template, trigger, from_trigger(trigger))

    @expose("/toggle/", methods=["POST"])
    def toggle(self) -> Any:
        trigger = db.session.get(Trigger, request.args.get("id", type=int) or 0)
        if trigger is None:
            abort(404)
        trigger.active = not trigger.active
        verb = "config.activated" if trigger.active else "config.deactivated"
        log(actor(), utcnow(), verb, f"Trigger: {trigger.name}", subject=trigger)
        db.session.commit()
        if trigger.active:
            flash(_("Trigger \u201c%(name)s\u201d geactiveerd.", name=trigger.name), "success")
        else:
            flash(_("Trigger \u201c%(name)s\u201d gedeactiveerd.", name=trigger.name), "success")
        return redirect(url_for(".index", template=trigger.trajectory_template_id))

    def _save(self, template: TrajectoryTemplate, trigger: Trigger | None) -> Any:
        form = from_post(request.form)
        if request.form.get("add"):  # "add a row": show the form again, save nothing
            return self._editor(template, trigger, form)
        savepoint = db.session.begin_nested()  # a refused edit leaves the saved trigger as it was
        built = build(form, template, trigger)
        if built is None:
            savepoint.rollback()
            return self._editor(template, trigger, pad(form))
        try:
            warnings = validate_trigger(built, template)
        except Invalid as refused:
            savepoint.rollback()
            form.errors.update(refused.errors)
            return self._editor(template, trigger, pad(form))
        if trigger is None:
            built.template = template
            db.session.add(built)
        savepoint.commit()
        verb = "config.created" if trigger is None else "config.changed"
        log(actor(), utcnow(), verb, f"Trigger: {built.name}", subject=built)
        db.session.commit()
        flash(_("Trigger \u201c%(name)s\u201d opgeslagen.", name=built.name), "success")
        for warning in warnings:
            flash(_("Let op: %(warning)s", warning=warning), "warning")
        return redirect(url_for(".edit", id=built.id))

    def _editor(self, template: TrajectoryTemplate, trigger: Trigger | None, form: TriggerForm) -> Any:
        kinds = sorted({t.kind for t in template.task_templates}, key=list(RESULT_FIELDS).index)
        return self.render(
            "console/trigger_edit.html",
            process=template,
            trigger=trigger,
            form=form,
            errors=[_error_line(key, message) for key, message in form.errors.items()],
            error_map=form.errors,
            task_items=[
                (t.id, f"{t.key} {t.name}")
                for t in template.task_templates
                if t.active or (trigger is not None and t in _used(trigger))
            ],
            result_fields=_result_fields(kinds, form),
            result_values=_result_values(),
            events=choices(TriggerEvent),
            condition_kinds=choices(ConditionKind),
            action_kinds=choices(ActionKind),
            bases=choices(DueBasis),
            targets=choices(NotifyTarget),
            categories=_active(Category),
            end_goals=_active(EndGoal),
            service_types=_active(ServiceType),
            end_reasons=_active(EndReason),
            documents=_active(DocumentTemplate),
        )

    @expose("/dry-run/", methods=["GET", "POST"])
    def dry_run_view(self) -> Any:
        """Choose a trajectory of this template and an event; see what would fire and do. Nothing changes."""
        template = _template(request.args.get("template"))
        trajectories = db.session.scalars(
            sa.select(Trajectory)
            .where(Trajectory.template_id == template.id)
            .order_by(Trajectory.id.desc())
            .limit(200)
        ).all()
        form, errors, firings = request.form, {}, None
        if request.method == "POST":
            firings = self._dry_run(template, form, errors)
        return self.render(
            "console/trigger_dry_run.html",
            process=template,
            trajectories=trajectories,
            events=choices(TriggerEvent),
            tasks=template.task_templates,
            form=form,
            errors=errors,
            firings=firings,
            dutch=dutch,
            result_fields=_result_fields(
                sorted({t.kind for t in template.task_templates}, key=list(RESULT_FIELDS).index), None
            ),
            result_values=_result_values(),
        )

    def _dry_run(self, template: TrajectoryTemplate, form: Any, errors: dict[str, str]) -> Any:
        trajectory = db.session.get(Trajectory, form.get("trajectory", type=int) or 0)
        if trajectory is None or trajectory.template_id != template.id:
            errors["trajectory"] = _("Traject: kies een traject van dit trajecttype.")
        event = form.get("event", "")
        if event not in {e.value for e in TriggerEvent}:
            errors["event"] = _("Gebeurtenis: kies een gebeurtenis.")
        task_template = next((t for t in template.task_templates if str(t.id) == form.get("task")), None)
        if event in ("task_completed", "task_overdue") and task_template is None:
            errors["task"] = _("Taak: kies bij deze gebeurtenis de taak waar het om gaat.")
        try:
            on = dt.date.fromisoformat(form.get("on") or local_day(utcnow()).isoformat())
        except ValueError:
            errors["on"] = _("Datum: geef een geldige datum.")
        if errors:
            return None
        task = None
        if task_template is not None:
            own = [t for t in trajectory.tasks if t.task_template_id == task_template.id]
            # The trajectory's own task when it has one; else a stand-in that is never added to the session.
            task = (
                own[-1]
                if own
                else Task(task_template_id=task_template.id, key=task_template.key, kind=task_template.kind)
            )
        field = (form.get("field") or "").strip()
        value = stored_value(field, (form.get("value") or "").strip())
        result = {**((task.result or {}) if task is not None else {}), field: value} if field else None
        return dry_run(trajectory, event, on=on, task=task, result=result)


def _error_line(key: str, message: str) -> tuple[str, str]:
    """(label, message) with the field named once: "Actie 1 – Termijn (dagen)", "geef een getal"."""
    label = field_label(key)
    short = label.split(" – ")[-1] + ":"
    return label, message[len(short) :].strip() if message.startswith(short) else message


def _used(trigger: Trigger) -> set[Any]:
    return {c.task_template for c in trigger.conditions} | {a.task_template for a in trigger.actions}


def add_views(admin: Admin, session: Any, category: str) -> None:
    """The trigger editor."""
    admin.add_view(TriggerEditorView(name="Triggers", endpoint="triggers", category=category))
