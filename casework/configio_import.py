"""Applying a checked configuration file (casework.configio): create or update rows matched by name.

Rows absent from the file are left alone. An update changes only the fields the file gives and reports them;
a list of names (regions, templates, ...) replaces the row's list. Triggers are checked by the engine's own rules
once their template's tasks are in place.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from models import (
    ContractConsultPrice,
    ContractModel,
    ContractPrice,
    InsuranceProduct,
    Insurer,
    Label,
    Programme,
    Provider,
    Referrer,
    SeedRecord,
    ServiceVariation,
    db,
)

from . import configio_export as out
from .configio_check import SIMPLE, Problems
from .configio_process import ProcessImport

if TYPE_CHECKING:
    from .configio import ImportReport

# References by name: field → the section whose rows it names.
REFS = {
    "service_type": "service_types",
    "end_goal": "end_goals",
    "document_template": "document_templates",
    "invitation_template": "document_templates",
    "report_template": "document_templates",
}
REF_LISTS = {
    "templates": "trajectory_templates",
    "regions": "regions",
    "characteristics": "characteristics",
    "service_types": "service_types",
}
SERIALISE: dict[str, Callable[[Any], dict[str, Any]]] = {
    "categories": out.category_item,
    "absence_causes": out.absence_cause_item,
    "end_reasons": out.end_reason_item,
    "sick_report_end_reasons": out.sick_report_end_reason_item,
    "document_templates": out.document_template_item,
    "trajectory_templates": out.trajectory_template_item,
    "consult_types": out.consult_type_item,
}


def _normalise(item: dict[str, Any], children: tuple[str, ...]) -> dict[str, Any]:
    """The item's own fields (not its `children`, which are rows of their own), lists of names in the export's
    order (so a reordered list is not a change)."""
    fields = {k: v for k, v in item.items() if k not in children}
    for name in ("templates", "regions", "characteristics", "service_types"):
        if name in fields:
            fields[name] = sorted(set(fields[name]))
    for name, key in (("variations", ("service_type", "name")), ("products", ("insurer", "name"))):
        if name in fields:
            unique = {tuple(ref[k] for k in key): ref for ref in fields[name]}
            fields[name] = [unique[k] for k in sorted(unique)]
    return fields


class Importer(ProcessImport):
    """Applies one checked file inside the caller's savepoint; `report` says what it did."""

    def __init__(self, report: ImportReport, now: dt.datetime) -> None:
        self.report = report
        self.now = now
        self.problems = Problems()
        self.rows: dict[str, dict[Any, Any]] = {
            kind: {row.name: row for row in db.session.scalars(sa.select(model))}
            for kind, model in SIMPLE.items()
        }
        for kind, model in (("insurers", Insurer), ("labels", Label), ("contract_models", ContractModel)):
            self.rows[kind] = {row.name: row for row in db.session.scalars(sa.select(model))}
        self.rows["providers"] = {row.name: row for row in db.session.scalars(sa.select(Provider))}
        self.rows["service_variations"] = {
            (v.service_type.name, v.name): v for v in db.session.scalars(sa.select(ServiceVariation))
        }
        self.rows["products"] = {
            (p.insurer.name, p.name): p for p in db.session.scalars(sa.select(InsuranceProduct))
        }

    # -- the one way every row is created or updated --------------------------------------------------------
    def merge(
        self,
        section: str,
        label: str,
        row: Any,
        item: dict[str, Any],
        serialise: Callable,
        make: Callable,
        children: tuple[str, ...] = (),
    ) -> Any:
        """Create the row (when None) or update the fields that differ; report either."""
        fields = _normalise(item, children)
        if row is None:
            row = make()
            self.assign(row, fields)
            db.session.add(row)
            self.report.created.setdefault(section, []).append(label)
            return row
        current = serialise(row)
        changed = sorted(k for k, v in fields.items() if current.get(k) != v)
        if changed:
            self.assign(row, {k: fields[k] for k in changed})
            self.report.changed.setdefault(section, []).append((label, changed))
        else:
            self.report.unchanged += 1
        return row

    def assign(self, row: Any, fields: dict[str, Any]) -> None:
        """Set fields on a row, turning names into rows, amounts into Decimals and base64 into bytes."""
        for name, value in fields.items():
            if name in ("price", "mandate"):
                value = None if value is None else Decimal(value)
            elif name == "logo":
                value = None if value is None else base64.b64decode(value)
            elif name in REFS:
                value = None if value is None else self.rows[REFS[name]][value]
            elif name == "primary_template":
                value = None if value is None else self.rows["trajectory_templates"][value]
            elif name in REF_LISTS:
                value = [self.rows[REF_LISTS[name]][n] for n in value]
            elif name == "variations":
                value = [self.rows["service_variations"][(r["service_type"], r["name"])] for r in value]
            elif name == "products":
                value = [self.rows["products"][(r["insurer"], r["name"])] for r in value]
            if name not in ("conditions", "actions"):  # a trigger's rows: see trigger_rows
                setattr(row, name, value)

    # -- sections --------------------------------------------------------------------------------------------
    def simple(self, section: str, items: list[dict[str, Any]]) -> None:
        """A section of plain named rows (service types, regions, ...)."""
        model, rows = SIMPLE[section], self.rows[section]
        serialise = SERIALISE.get(section, out.base_item)
        for item in items:
            rows[item["name"]] = self.merge(
                section, item["name"], rows.get(item["name"]), item, serialise, model
            )
        db.session.flush()

    def variations(self, items: list[dict[str, Any]]) -> None:
        """Service variations, by service type and name."""
        rows = self.rows["service_variations"]
        for item in items:
            key = (item["service_type"], item["name"])
            rows[key] = self.merge(
                "service_variations",
                " / ".join(key),
                rows.get(key),
                item,
                out.service_variation_item,
                ServiceVariation,
            )
        db.session.flush()

    def parents(
        self, section: str, model: type, items: list[dict[str, Any]], serialise: Callable, child: tuple
    ) -> None:
        """Insurers, labels, contract models, providers, each with their own rows (products, referrers, ...)."""
        children, child_model, child_serialise, back = child
        own_rows = (children, "consult_prices") if children == "prices" else (children,)
        for item in items:
            parent = self.merge(
                section,
                item["name"],
                self.rows[section].get(item["name"]),
                item,
                serialise,
                model,
                own_rows,
            )
            self.rows[section][item["name"]] = parent
            db.session.flush()
            if children == "prices":
                self.prices(parent, item.get("prices", []))
                self.consult_prices(parent, item.get("consult_prices", []))
                continue
            existing = {r.name: r for r in getattr(parent, children)}
            for sub in item.get(children, []):
                made = self.merge(
                    children,
                    f"{item['name']} / {sub['name']}",
                    existing.get(sub["name"]),
                    sub,
                    child_serialise,
                    partial(child_model, **{back: parent}),
                )
                if children == "programmes" and made.id is None and "regions" not in sub:
                    made.regions = list(parent.regions)  # a new programme works where its provider works
                if children == "products":
                    self.rows["products"][(item["name"], sub["name"])] = made
            db.session.flush()

    def prices(self, model: ContractModel, items: list[dict[str, Any]]) -> None:
        """A contract model's prices, by template name and task key."""
        existing = {(p.task_template.template.name, p.task_template.key): p for p in model.prices}
        for item in items:
            key = (item["template"], item["task"])
            task = next(
                t for t in self.rows["trajectory_templates"][key[0]].task_templates if t.key == key[1]
            )
            self.merge(
                "prices",
                f"{model.name} / {key[0]} / {key[1]}",
                existing.get(key),
                {"price": item["price"]},
                lambda p: {"price": out.money(p.price)},
                partial(ContractPrice, contract_model=model, task_template=task),
            )

    def consult_prices(self, model: ContractModel, items: list[dict[str, Any]]) -> None:
        """A contract model's prices per consult type, by the consult type's name."""
        existing = {p.consult_type.name: p for p in model.consult_prices}
        for item in items:
            name = item["consult_type"]
            self.merge(
                "consult_prices",
                f"{model.name} / {name}",
                existing.get(name),
                {"price": item["price"]},
                lambda p: {"price": out.money(p.price)},
                partial(
                    ContractConsultPrice, contract_model=model, consult_type=self.rows["consult_types"][name]
                ),
            )

    def seed_records(self, items: list[dict[str, Any]]) -> None:
        """Seed bookkeeping: `traject init` will not bring back seed items that were renamed or removed."""
        have = {tuple(r) for r in db.session.execute(sa.select(SeedRecord.kind, SeedRecord.key))}
        for item in items:
            if (item["kind"], item["key"]) not in have:
                db.session.add(SeedRecord(kind=item["kind"], key=item["key"], loaded_at=self.now))
                have.add((item["kind"], item["key"]))
                self.report.created.setdefault("seed_records", []).append(f"{item['kind']}: {item['key']}")

    def apply(self, data: dict[str, Any]) -> None:
        """Every section in dependency order; trigger refusals are collected in `problems`."""
        with db.session.no_autoflush:
            for section in (
                "service_types",
                "categories",
                "end_goals",
                "end_reasons",
                "sick_report_end_reasons",
                "regions",
                "characteristics",
                "absence_causes",
                "locations",
                "unavailability_kinds",
                "document_templates",
            ):
                self.simple(section, data[section])
            self.templates(data["trajectory_templates"])
            self.variations(data["service_variations"])
            self.simple("consult_types", data["consult_types"])
            self.parents(
                "insurers",
                Insurer,
                data["insurers"],
                out.insurer_item,
                ("products", InsuranceProduct, out.product_item, "insurer"),
            )
            self.parents(
                "labels",
                Label,
                data["labels"],
                out.label_item,
                ("referrers", Referrer, out.base_item, "label"),
            )
            self.parents(
                "contract_models",
                ContractModel,
                data["contract_models"],
                out.contract_model_item,
                ("prices", ContractPrice, None, "contract_model"),
            )
            self.parents(
                "providers",
                Provider,
                data["providers"],
                out.provider_item,
                ("programmes", Programme, out.programme_item, "provider"),
            )
            self.seed_records(data["seed_records"])
        db.session.flush()
