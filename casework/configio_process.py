"""Applying a configuration file's trajectory templates (casework.configio): tasks by key, then triggers by name,
each trigger checked by the engine's own rules once its template's tasks are in place."""

from __future__ import annotations

from functools import partial
from typing import Any

from models import TaskTemplate, TrajectoryTemplate, Trigger, TriggerAction, TriggerCondition, db

from . import configio_export as out
from .configio_check import Problems
from .errors import Invalid
from .trigger_rules import validate_trigger


class ProcessImport:
    """The trajectory-template part of the Importer (casework.configio_import)."""

    report: Any
    problems: Problems
    rows: dict[str, dict[Any, Any]]

    def merge(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - provided by the Importer
        raise NotImplementedError

    def templates(self, items: list[dict[str, Any]]) -> None:
        """Trajectory templates, then their tasks (by key), then their triggers (by name), checked."""
        for item in items:
            template = self.rows["trajectory_templates"].get(item["name"])
            template = self.merge(
                "trajectory_templates",
                item["name"],
                template,
                item,
                out.trajectory_template_item,
                TrajectoryTemplate,
                ("tasks", "triggers"),
            )
            self.rows["trajectory_templates"][item["name"]] = template
        db.session.flush()
        for i, item in enumerate(items):
            template = self.rows["trajectory_templates"][item["name"]]
            tasks = {t.key: t for t in template.task_templates}
            for task in item.get("tasks", []):
                row = self.merge(
                    "tasks",
                    f"{item['name']} / {task['key']}",
                    tasks.get(task["key"]),
                    task,
                    out.task_item,
                    partial(TaskTemplate, template=template),
                )
                tasks[task["key"]] = row
            db.session.flush()
            own = {t.name: t for t in template.triggers}
            for trig in item.get("triggers", []):
                row = self.merge(
                    "triggers",
                    f"{item['name']} / {trig['name']}",
                    own.get(trig["name"]),
                    trig,
                    out.trigger_item,
                    partial(Trigger, template=template),
                )
                self.trigger_rows(row, trig, tasks)
                own[trig["name"]] = row
            for j, trig in enumerate(item.get("triggers", [])):
                try:
                    self.report.warnings.extend(validate_trigger(own[trig["name"]], template))
                except Invalid as error:
                    for key, message in error.errors.items():
                        path = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in key.split("."))
                        self.problems.add(f"trajectory_templates[{i}].triggers[{j}]{path}", message)
            db.session.flush()

    def trigger_rows(self, row: Trigger, item: dict[str, Any], tasks: dict[str, TaskTemplate]) -> None:
        """Replace a trigger's conditions and actions with the file's, when the file gives them and they differ."""
        current = out.trigger_item(row) if row.id is not None else {"conditions": None, "actions": None}
        name = lambda section, value: None if value is None else self.rows[section][value]  # noqa: E731
        if "conditions" in item and item["conditions"] != current["conditions"]:
            row.conditions.clear()
            for c in item["conditions"]:
                row.conditions.append(
                    TriggerCondition(
                        kind=c["kind"],
                        task_template=tasks.get(c["task"]) if c["task"] else None,
                        field=c["field"],
                        value=c["value"],
                        category=name("categories", c["category"]),
                        end_goal=name("end_goals", c["end_goal"]),
                        service_type=name("service_types", c["service_type"]),
                    )
                )
        if item["actions"] != current["actions"]:
            row.actions.clear()
            for position, a in enumerate(item["actions"]):
                row.actions.append(
                    TriggerAction(
                        position=position,
                        kind=a["kind"],
                        task_template=tasks.get(a["task"]) if a["task"] else None,
                        due_in_days=a["due_in_days"],
                        due_basis=a["due_basis"],
                        end_reason=name("end_reasons", a["end_reason"]),
                        document_template=name("document_templates", a["document_template"]),
                        notify_target=a["notify_target"],
                        text=a["text"],
                    )
                )
