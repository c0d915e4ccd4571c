"""`traject init`'s seed configuration loader: adds what is missing, once, and never touches the rest.

Every seed item is remembered in `seed_records` the first time it is loaded. An item that was loaded before is
never loaded again, even when an administrator renamed, changed or deactivated it; an item an administrator
created by hand with the seed's name is adopted as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from models import (
    AbsenceCause,
    ActionKind,
    Category,
    Characteristic,
    ConditionKind,
    ConsultType,
    ContractModel,
    ContractPrice,
    DocumentTemplate,
    DueBasis,
    EndGoal,
    EndReason,
    InsuranceProduct,
    Insurer,
    Label,
    NotifyTarget,
    Referrer,
    Region,
    SeedRecord,
    ServiceType,
    ServiceVariation,
    SickReportEndReason,
    TaskTemplate,
    TrajectoryTemplate,
    Trigger,
    TriggerAction,
    TriggerCondition,
    UnavailabilityKind,
    db,
)

from . import seeddata
from .logbook import SYSTEM, log


@dataclass
class SeedReport:
    """What a load created, counted per kind, and what it had to skip."""

    created: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)  # seed corrections applied, in Dutch words

    @property
    def changed(self) -> bool:
        """Whether the load added or corrected anything."""
        return bool(self.created or self.corrected)

    def summary(self) -> str:
        """One line for the CLI, in Dutch words (the kinds are the keys of seed_records)."""
        if not self.changed:
            return "Basisconfiguratie: niets toe te voegen, alles is er al."
        parts = ", ".join(f"{n} {SEED_WORDS.get(kind, kind)}" for kind, n in sorted(self.created.items()))
        line = f"Basisconfiguratie: toegevoegd {parts}." if parts else "Basisconfiguratie:"
        if self.corrected:
            line += " Bijgewerkt: " + "; ".join(self.corrected) + "."
        return line


# The kinds of seed items as the CLI names them (number first: "12 categorieën").
SEED_WORDS = {
    "category": "categorieën",
    "characteristic": "kenmerken",
    "contract model": "contractmodellen",
    "document template": "documentsjablonen",
    "end goal": "einddoelen",
    "end reason": "beëindigingsredenen",
    "holidays": "feestdagen",
    "insurance product": "verzekeringsproducten",
    "insurer": "verzekeraars",
    "label": "labels",
    "referrer": "aanmelders",
    "region": "regio's",
    "service type": "dienstverleningssoorten",
    "service variation": "dienstverleningsvariaties",
    "task template": "taken",
    "trajectory template": "trajecttypen",
    "trigger": "triggers",
    "consult type": "spreekuursoorten",
    "sick report end reason": "beëindigingsredenen verzuim",
    "unavailability kind": "soorten onbeschikbaarheid",
    "absence cause": "verzuimoorzaken",
}


CORRECTABLE: dict[str, type] = {"end reason": EndReason, "sick report end reason": SickReportEndReason}


class _Loader:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.report = SeedReport()
        self.seen = {(r.kind, r.key) for r in db.session.execute(sa.select(SeedRecord.kind, SeedRecord.key))}

    def wanted(self, kind: str, key: str) -> bool:
        """Whether a seed item still has to be considered (never seeded before)."""
        return (kind, key) not in self.seen

    def remember(self, kind: str, key: str) -> None:
        db.session.add(SeedRecord(kind=kind, key=key, loaded_at=self.now))
        self.seen.add((kind, key))

    def by_name(self, model: type, name: str | None, **scope: Any) -> Any:
        if name is None:
            return None
        stmt = sa.select(model).where(model.name == name)
        for column, value in scope.items():
            stmt = stmt.where(getattr(model, column) == value)
        return db.session.scalar(stmt)

    def ensure(
        self, kind: str, model: type, item: dict[str, Any], build: Any, key: str | None = None, **scope: Any
    ) -> Any:
        """Create `item` with `build()` unless seeded before or already present by name; return the row."""
        key = key or item["name"]
        existing = self.by_name(model, item["name"], **scope)
        if not self.wanted(kind, key):
            return existing
        if existing is None:
            existing = build()
            db.session.add(existing)
            db.session.flush()
            self.report.created[kind] += 1
        self.remember(kind, key)
        return existing

    def simple(
        self,
        kind: str,
        model: type,
        items: list[dict[str, Any]],
        fields: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """Seed a configuration list in its order: name, description and position, and `fields(item)` where the
        model has more (computed only when the row is created: its lookups then see what was seeded before)."""
        for position, item in enumerate(items):
            self.ensure(
                kind,
                model,
                item,
                lambda item=item, position=position: model(
                    name=item["name"],
                    description=item.get("description", ""),
                    position=position,
                    **(fields(item) if fields else {}),
                ),
            )

    def load(self) -> SeedReport:
        self.simple("service type", ServiceType, seeddata.SERVICE_TYPES)
        self.simple(
            "category",
            Category,
            seeddata.CATEGORIES,
            lambda item: {"service_type": self.by_name(ServiceType, item.get("service_type"))},
        )
        self.simple("end goal", EndGoal, seeddata.END_GOALS)
        self.simple(
            "end reason",
            EndReason,
            seeddata.END_REASONS,
            lambda item: {
                "outcome": item["outcome"],
                "work_resumption": item.get("work_resumption", False),
                "end_goal": self.by_name(EndGoal, item.get("end_goal")),
            },
        )
        self.simple(
            "sick report end reason",
            SickReportEndReason,
            seeddata.SICK_REPORT_END_REASONS,
            lambda item: {
                "outcome": item["outcome"],
                "end_goal": self.by_name(EndGoal, item.get("end_goal")),
            },
        )
        self.simple("region", Region, seeddata.REGIONS)
        self.simple("characteristic", Characteristic, seeddata.CHARACTERISTICS)
        self.simple(
            "absence cause",
            AbsenceCause,
            seeddata.ABSENCE_CAUSES,
            lambda item: {
                "characteristics": [
                    c for c in (self.by_name(Characteristic, n) for n in item["characteristics"]) if c
                ]
            },
        )
        self.simple(
            "document template",
            DocumentTemplate,
            seeddata.DOCUMENT_TEMPLATES,
            lambda item: {
                "subject": item.get("subject", ""),
                "body": item["body"],
                "use_house_style": item.get("use_house_style", True),
            },
        )
        self.simple("unavailability kind", UnavailabilityKind, seeddata.UNAVAILABILITY_KINDS)
        self.simple(
            "consult type",
            ConsultType,
            seeddata.CONSULT_TYPES,
            lambda item: {"duration_minutes": item["duration_minutes"]},
        )
        for item in seeddata.TEMPLATES:
            self.load_template(item)
        self.load_portfolio()
        self.correct()
        return self.report

    def correct(self) -> None:
        """Apply each seed correction once: only where the item still has the value an earlier version seeded,
        so an administrator's change is kept (and a renamed item is left alone)."""
        for item in seeddata.SEED_CORRECTIONS:
            key = f"{item['kind']}/{item['name']}/{item['field']}={item['new']}"
            if not self.wanted("seed correction", key):
                continue
            row = self.by_name(CORRECTABLE[item["kind"]], item["name"])
            current = None if row is None else getattr(row, item["field"])
            if current is not None and str(getattr(current, "value", current)) == item["old"]:
                setattr(row, item["field"], type(current)(item["new"]))
                self.report.corrected.append(item["words"])
            self.remember("seed correction", key)
        db.session.flush()

    def load_template(self, item: dict[str, Any]) -> None:
        template = self.ensure(
            "trajectory template",
            TrajectoryTemplate,
            item,
            lambda: TrajectoryTemplate(
                name=item["name"],
                description=item.get("description", ""),
                service_type=self.by_name(ServiceType, item.get("service_type")),
            ),
        )
        if template is None:  # seeded once, since renamed: leave it alone
            return
        tasks = {t.key: t for t in template.task_templates}
        for position, task in enumerate(item["tasks"]):
            key = f"{item['name']}/{task['key']}"
            if not self.wanted("task template", key):
                continue
            if task["key"] not in tasks:
                row = TaskTemplate(
                    template=template,
                    key=task["key"],
                    name=task["name"],
                    description=task.get("description", ""),
                    kind=task["kind"],
                    due_offset_days=task.get("due_offset_days", 0),
                    due_in_working_days=task.get("due_in_working_days", False),
                    optional=task.get("optional", False),
                    starts_with_trajectory=task.get("starts_with_trajectory", False),
                    document_template=self.by_name(DocumentTemplate, task.get("document_template")),
                    position=position,
                )
                db.session.add(row)
                tasks[task["key"]] = row
                self.report.created["task template"] += 1
            self.remember("task template", key)
        db.session.flush()
        existing_triggers = {t.name for t in template.triggers}
        for position, trig in enumerate(item.get("triggers", [])):
            key = f"{item['name']}/{trig['name']}"
            if not self.wanted("trigger", key):
                continue
            if trig["name"] not in existing_triggers:
                with db.session.no_autoflush:  # the trigger is attached to the template before it is complete
                    built = self.build_trigger(template, tasks, trig, position)
                if built is None:
                    continue
                db.session.add(built)
                self.report.created["trigger"] += 1
            self.remember("trigger", key)
        db.session.flush()

    def build_trigger(
        self,
        template: TrajectoryTemplate,
        tasks: dict[str, TaskTemplate],
        trig: dict[str, Any],
        position: int,
    ) -> Trigger | None:
        """The trigger as rows, or None (reported) when a task it names is no longer in the template."""
        missing = [
            ref["task"]
            for ref in trig["conditions"] + trig["actions"]
            if "task" in ref and ref["task"] not in tasks
        ]
        if missing:
            self.report.skipped.append(
                f"trigger {trig['name']!r}: task {', '.join(missing)} is not in template {template.name!r}"
            )
            return None
        trigger = Trigger(
            template=template,
            name=trig["name"],
            description=trig.get("description", ""),
            event=trig["event"],
            position=position,
        )
        for cond in trig["conditions"]:
            kind = ConditionKind(cond["kind"])
            trigger.conditions.append(
                TriggerCondition(
                    kind=kind,
                    task_template=tasks.get(cond.get("task", "")),
                    field=cond.get("field"),
                    value=cond.get("value"),
                    category=self.by_name(Category, cond.get("name"))
                    if kind is ConditionKind.CATEGORY
                    else None,
                    end_goal=self.by_name(EndGoal, cond.get("name"))
                    if kind is ConditionKind.END_GOAL
                    else None,
                    service_type=(
                        self.by_name(ServiceType, cond.get("name"))
                        if kind is ConditionKind.SERVICE_TYPE
                        else None
                    ),
                )
            )
        for pos, act in enumerate(trig["actions"]):
            kind = ActionKind(act["kind"])
            trigger.actions.append(
                TriggerAction(
                    position=pos,
                    kind=kind,
                    task_template=tasks.get(act.get("task", "")),
                    due_in_days=act.get("due_in_days"),
                    due_basis=DueBasis(act.get("due_basis", "event")),
                    end_reason=self.by_name(EndReason, act.get("end_reason")),
                    document_template=self.by_name(DocumentTemplate, act.get("document")),
                    notify_target=NotifyTarget(act["role"]) if kind is ActionKind.NOTIFY else None,
                    text=act.get("text", ""),
                )
            )
        return trigger

    def load_portfolio(self) -> None:
        for position, item in enumerate(seeddata.SERVICE_VARIATIONS):
            service_type = self.by_name(ServiceType, item["service_type"])
            if service_type is None:
                self.report.skipped.append(
                    f"variation {item['name']!r}: no service type {item['service_type']!r}"
                )
                continue

            def build(
                item: dict[str, Any] = item,
                service_type: ServiceType = service_type,
                position: int = position,
            ) -> ServiceVariation:
                templates = [t for t in (self.by_name(TrajectoryTemplate, n) for n in item["templates"]) if t]
                return ServiceVariation(
                    name=item["name"],
                    description=item.get("description", ""),
                    position=position,
                    service_type=service_type,
                    templates=templates,
                    primary_template=self.by_name(TrajectoryTemplate, item.get("primary")),
                    poortwachter_carrier=item.get("poortwachter_carrier"),
                )

            self.ensure(
                "service variation",
                ServiceVariation,
                item,
                build,
                key=f"{item['service_type']}/{item['name']}",
                service_type_id=service_type.id,
            )
        for item in seeddata.INSURERS:
            fields = {k: v for k, v in item.items() if k != "products"}
            insurer = self.ensure("insurer", Insurer, item, lambda fields=fields: Insurer(**fields))
            if insurer is None:
                continue
            for position, prod in enumerate(item["products"]):
                self.ensure(
                    "insurance product",
                    InsuranceProduct,
                    prod,
                    lambda prod=prod, insurer=insurer, position=position: InsuranceProduct(
                        insurer=insurer, position=position, **prod
                    ),
                    key=f"{item['name']}/{prod['name']}",
                    insurer_id=insurer.id,
                )
        for item in seeddata.LABELS:

            def build_label(item: dict[str, Any] = item) -> Label:
                fields = {k: v for k, v in item.items() if k not in {"variations", "products"}}
                label = Label(**fields)
                label.variations = [
                    v for v in (self.by_name(ServiceVariation, n) for n in item["variations"]) if v
                ]
                label.products = [
                    p for p in (self.by_name(InsuranceProduct, n) for n in item["products"]) if p
                ]
                return label

            self.ensure("label", Label, item, build_label)
        for position, item in enumerate(seeddata.REFERRERS):
            label = self.by_name(Label, item["label"])
            if label is None:
                continue
            self.ensure(
                "referrer",
                Referrer,
                item,
                lambda item=item, label=label, position=position: Referrer(
                    label=label, name=item["name"], description=item.get("description", ""), position=position
                ),
                key=f"{item['label']}/{item['name']}",
                label_id=label.id,
            )
        for position, item in enumerate(seeddata.CONTRACT_MODELS):
            self.ensure(
                "contract model",
                ContractModel,
                item,
                lambda item=item, position=position: self.build_contract(item, position),
            )

    def build_contract(self, item: dict[str, Any], position: int) -> ContractModel:
        model = ContractModel(
            name=item["name"],
            description=item.get("description", ""),
            position=position,
            service_type=self.by_name(ServiceType, item.get("service_type")),
        )
        template = self.by_name(TrajectoryTemplate, "Inzet interventie")
        tasks = {t.key: t for t in template.task_templates} if template else {}
        for key, price in item.get("prices", {}).items():
            if key in tasks:
                model.prices.append(ContractPrice(task_template=tasks[key], price=price))
        return model


def load_seed_configuration(now: dt.datetime) -> SeedReport:
    """Add the seed configuration's missing items (flushes; the caller commits)."""
    report = _Loader(now).load()
    from .holidays import seed_holidays
    from .timeline import refresh_all_open_steps

    added = seed_holidays()
    if added:
        report.created["holidays"] += added
    refresh_all_open_steps()  # the timeline of every open sick report as this version computes it
    if report.changed:
        details: dict[str, Any] = dict(report.created)
        if report.corrected:
            details["corrected"] = report.corrected
        log(SYSTEM, now, "seed.loaded", report.summary(), details=details)
    return report
