"""Checks on a configuration file before anything is changed (casework.configio): structure, duplicates,
references by name, document template bodies. Every problem is collected as (path, reason)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Hashable, Iterator
from typing import Any

import sqlalchemy as sa
from marshmallow import ValidationError

from models import (
    AbsenceCause,
    Category,
    Characteristic,
    ConsultType,
    DocumentTemplate,
    EndGoal,
    EndReason,
    InsuranceProduct,
    Insurer,
    Location,
    Region,
    ServiceType,
    ServiceVariation,
    SickReportEndReason,
    TaskTemplate,
    TrajectoryTemplate,
    UnavailabilityKind,
    db,
)

from .configio_fields import ROOT, error_paths
from .configio_schemas import SECTIONS, ConfigurationFile
from .documents import validate_template_body
from .errors import Invalid
from .i18n import M_
from .jsondepth import loads_bounded
from .logos import check_logo

SIMPLE = {
    "service_types": ServiceType,
    "categories": Category,
    "end_goals": EndGoal,
    "end_reasons": EndReason,
    "sick_report_end_reasons": SickReportEndReason,
    "regions": Region,
    "characteristics": Characteristic,
    "absence_causes": AbsenceCause,
    "locations": Location,
    "unavailability_kinds": UnavailabilityKind,
    "document_templates": DocumentTemplate,
    "trajectory_templates": TrajectoryTemplate,
    "consult_types": ConsultType,
}
UNKNOWN = {
    "service_types": "onbekende dienstverleningssoort",
    "categories": "onbekende categorie",
    "end_goals": "onbekend einddoel",
    "end_reasons": "onbekende beëindigingsreden",
    "sick_report_end_reasons": "onbekende beëindigingsreden van verzuim",
    "regions": "onbekende regio",
    "characteristics": "onbekend kenmerk",
    "absence_causes": "onbekende verzuimoorzaak",
    "locations": "onbekende locatie",
    "unavailability_kinds": "onbekende soort onbeschikbaarheid",
    "consult_types": "onbekende spreekuursoort",
    "document_templates": "onbekend documentsjabloon",
    "trajectory_templates": "onbekend trajecttype",
    "service_variations": "onbekende dienstverleningsvariatie",
    "products": "onbekend verzekeringsproduct",
    "tasks": "onbekende taak",
}


class Problems:
    """Every problem found, as (path, reason), in the order found."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, reason: str) -> None:
        """Note one problem."""
        self.items.append((path, reason))

    def as_errors(self) -> dict[str, str]:
        """path → reason (two reasons for one path joined)."""
        out: dict[str, str] = {}
        for path, reason in self.items:
            out[path] = f"{out[path]}; {reason}" if path in out else reason
        return out

    def raise_if_any(self) -> None:
        """Raise Invalid with all problems, if there are any."""
        if self.items:
            raise Invalid(self.as_errors())


def parse_json(text: str | bytes) -> Any:
    """The file's JSON; Invalid naming line and column when it is not JSON."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Invalid({ROOT: M_("Het bestand is geen UTF-8-tekst.")}) from None
    try:
        return loads_bounded(text)
    except json.JSONDecodeError as error:
        raise Invalid(
            {
                ROOT: M_(
                    "Geen geldige JSON: regel %(lineno)s, kolom %(colno)s: %(msg)s.",
                    lineno=error.lineno,
                    colno=error.colno,
                    msg=error.msg,
                )
            }
        ) from None
    except ValueError as error:  # nested too deeply
        raise Invalid({ROOT: str(error)}) from None


def load_structure(data: Any) -> dict[str, Any]:
    """The file checked against the schemas; Invalid with every structural problem by path, and with every
    reference problem among the items that are well-formed (so one pass shows all there is to fix)."""
    if not isinstance(data, dict):
        raise Invalid({ROOT: M_("Het bestand moet één JSON-object zijn.")})
    schema = ConfigurationFile()
    try:
        return schema.load(data)
    except ValidationError as error:
        problems = Problems()
        for path, reason in error_paths(error.messages):
            problems.add(path, reason)
        salvaged = {name: _salvage(schema, name, data.get(name)) for name in SECTIONS}
        try:
            check_file(salvaged)
        except Invalid as more:
            for path, reason in more.errors.items():
                problems.add(path, reason)
        raise Invalid(problems.as_errors()) from None


def _salvage(schema: ConfigurationFile, section: str, items: Any) -> list[dict[str, Any] | None]:
    """A section's items that pass on their own, None in the place of each that does not."""
    if not isinstance(items, list):
        return []
    item_schema = schema.fields[section].inner.schema
    out: list[dict[str, Any] | None] = []
    for item in items:
        try:
            out.append(item_schema.load(item))
        except ValidationError:
            out.append(None)
    return out


def _each(items: list[dict[str, Any] | None]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, item) for the items that passed the structure check (the others are None)."""
    return ((i, item) for i, item in enumerate(items) if item is not None)


def _pairs(statement: sa.Select) -> set[Hashable]:
    """The rows of a two-column select as a set of plain tuples."""
    return {tuple(row) for row in db.session.execute(statement)}


class Known:
    """The names each reference may use: those in the database plus those the file adds."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: dict[str, set[Hashable]] = {
            kind: set(db.session.scalars(sa.select(model.name))) | {i["name"] for i in data[kind] if i}
            for kind, model in SIMPLE.items()
        }
        self.names["service_variations"] = _pairs(
            sa.select(ServiceType.name, ServiceVariation.name).join(ServiceVariation.service_type)
        ) | {(i["service_type"], i["name"]) for i in data["service_variations"] if i}
        self.names["products"] = _pairs(
            sa.select(Insurer.name, InsuranceProduct.name).join(InsuranceProduct.insurer)
        ) | {(i["name"], p["name"]) for i in data["insurers"] if i for p in i.get("products", [])}
        self.names["tasks"] = _pairs(
            sa.select(TrajectoryTemplate.name, TaskTemplate.key).join(TaskTemplate.template)
        ) | {(t["name"], k["key"]) for t in data["trajectory_templates"] if t for k in t.get("tasks", [])}

    def check(self, problems: Problems, path: str, kind: str, key: Hashable | None, shown: str = "") -> None:
        """Note an unknown reference (None refers to nothing and is fine)."""
        if key is not None and key not in self.names[kind]:
            problems.add(path, f'{UNKNOWN[kind]} "{shown or key}"')


def _duplicates(
    problems: Problems, path: str, items: list[dict[str, Any]], key: Callable[[dict], Any]
) -> None:
    seen: dict[Any, int] = {}
    for i, item in _each(items):
        k = key(item)
        if k in seen:
            shown = " / ".join(k) if isinstance(k, tuple) else k
            problems.add(f"{path}[{i}]", f'dubbel: "{shown}" staat ook in {path}[{seen[k]}]')
        else:
            seen[k] = i


def _refs(problems: Problems, known: Known, path: str, kind: str, names: list[str]) -> None:
    for j, name in enumerate(names):
        known.check(problems, f"{path}[{j}]", kind, name)
    _duplicates(problems, path, [{"n": n} for n in names], lambda x: x["n"])


def check_file(data: dict[str, Any]) -> None:
    """Every duplicate, unknown reference and bad document body in a structurally valid file; Invalid if any."""
    problems = Problems()
    known = Known(data)
    by_name = lambda item: item["name"]  # noqa: E731
    for section in (*SIMPLE, "insurers", "labels", "contract_models", "providers"):
        _duplicates(problems, section, data[section], by_name)
    _duplicates(
        problems, "service_variations", data["service_variations"], lambda i: (i["service_type"], i["name"])
    )
    for i, item in _each(data["categories"]):
        known.check(problems, f"categories[{i}].service_type", "service_types", item.get("service_type"))
    for i, item in _each(data["end_reasons"]):
        known.check(problems, f"end_reasons[{i}].end_goal", "end_goals", item.get("end_goal"))
    for i, item in _each(data["sick_report_end_reasons"]):
        known.check(problems, f"sick_report_end_reasons[{i}].end_goal", "end_goals", item.get("end_goal"))
    for i, item in _each(data["absence_causes"]):
        _refs(
            problems,
            known,
            f"absence_causes[{i}].characteristics",
            "characteristics",
            item.get("characteristics", []),
        )
    for i, item in _each(data["document_templates"]):
        for field in ("body", "subject"):
            if field in item:
                try:
                    validate_template_body(item[field], field=field)
                except Invalid as error:
                    problems.add(f"document_templates[{i}].{field}", "; ".join(error.errors.values()))
    for i, item in _each(data["trajectory_templates"]):
        _check_template(problems, known, f"trajectory_templates[{i}]", item)
    for i, item in _each(data["service_variations"]):
        path = f"service_variations[{i}]"
        known.check(problems, f"{path}.service_type", "service_types", item["service_type"])
        _refs(problems, known, f"{path}.templates", "trajectory_templates", item.get("templates", []))
        known.check(
            problems, f"{path}.primary_template", "trajectory_templates", item.get("primary_template")
        )
    for i, item in _each(data["consult_types"]):
        path = f"consult_types[{i}]"
        for j, ref in enumerate(item.get("variations", [])):
            key = (ref["service_type"], ref["name"])
            known.check(problems, f"{path}.variations[{j}]", "service_variations", key, " / ".join(key))
        for field in ("invitation_template", "report_template"):
            known.check(problems, f"{path}.{field}", "document_templates", item.get(field))
    for i, item in _each(data["insurers"]):
        _duplicates(problems, f"insurers[{i}].products", item.get("products", []), by_name)
    for i, item in _each(data["labels"]):
        path = f"labels[{i}]"
        for j, ref in enumerate(item.get("variations", [])):
            key = (ref["service_type"], ref["name"])
            known.check(problems, f"{path}.variations[{j}]", "service_variations", key, " / ".join(key))
        for j, ref in enumerate(item.get("products", [])):
            key = (ref["insurer"], ref["name"])
            known.check(problems, f"{path}.products[{j}]", "products", key, " / ".join(key))
        _duplicates(problems, f"{path}.referrers", item.get("referrers", []), by_name)
        _check_logo(problems, path, item)
    for i, item in _each(data["contract_models"]):
        path = f"contract_models[{i}]"
        known.check(problems, f"{path}.service_type", "service_types", item.get("service_type"))
        prices = item.get("prices", [])
        for j, price in enumerate(prices):
            if price["template"] not in known.names["trajectory_templates"]:
                known.check(
                    problems, f"{path}.prices[{j}].template", "trajectory_templates", price["template"]
                )
            else:
                known.check(
                    problems,
                    f"{path}.prices[{j}].task",
                    "tasks",
                    (price["template"], price["task"]),
                    price["task"],
                )
        _duplicates(problems, f"{path}.prices", prices, lambda p: (p["template"], p["task"]))
        consult_prices = item.get("consult_prices", [])
        for j, price in enumerate(consult_prices):
            known.check(
                problems, f"{path}.consult_prices[{j}].consult_type", "consult_types", price["consult_type"]
            )
        _duplicates(problems, f"{path}.consult_prices", consult_prices, lambda p: p["consult_type"])
    for i, item in _each(data["providers"]):
        path = f"providers[{i}]"
        _refs(problems, known, f"{path}.regions", "regions", item.get("regions", []))
        _duplicates(problems, f"{path}.programmes", item.get("programmes", []), by_name)
        for j, programme in enumerate(item.get("programmes", [])):
            for field, kind in (
                ("regions", "regions"),
                ("characteristics", "characteristics"),
                ("service_types", "service_types"),
            ):
                _refs(problems, known, f"{path}.programmes[{j}].{field}", kind, programme.get(field, []))
    problems.raise_if_any()


def _check_logo(problems: Problems, path: str, item: dict[str, Any]) -> None:
    """A label's logo must be an image of an accepted kind, and its stated type the one its bytes show."""
    if not item.get("logo"):
        return
    try:
        mime = check_logo(base64.b64decode(item["logo"]))
    except (ValueError, TypeError):
        problems.add(f"{path}.logo", "geen geldige base64-tekst.")
        return
    except Invalid as refused:
        problems.add(f"{path}.logo", refused.errors["logo"].removeprefix("Logo: "))
        return
    if item.get("logo_mime_type") != mime:
        problems.add(f"{path}.logo_mime_type", f"het logo is een {mime}-bestand; geef dat type op.")


def _check_template(problems: Problems, known: Known, path: str, item: dict[str, Any]) -> None:
    known.check(problems, f"{path}.service_type", "service_types", item.get("service_type"))
    tasks = item.get("tasks", [])
    _duplicates(problems, f"{path}.tasks", tasks, lambda t: t["key"])
    _duplicates(problems, f"{path}.tasks", tasks, lambda t: t["name"])
    for j, task in enumerate(tasks):
        known.check(
            problems,
            f"{path}.tasks[{j}].document_template",
            "document_templates",
            task.get("document_template"),
        )
    triggers = item.get("triggers", [])
    _duplicates(problems, f"{path}.triggers", triggers, lambda t: t["name"])
    for j, trigger in enumerate(triggers):
        where = f"{path}.triggers[{j}]"
        for k, cond in enumerate(trigger.get("conditions", [])):
            if cond["task"] is not None:
                known.check(
                    problems,
                    f"{where}.conditions[{k}].task",
                    "tasks",
                    (item["name"], cond["task"]),
                    cond["task"],
                )
            for kind in ("category", "end_goal", "service_type"):
                if cond["kind"] == kind:
                    known.check(problems, f"{where}.conditions[{k}].{kind}", _PLURAL[kind], cond[kind])
        for k, action in enumerate(trigger["actions"]):
            if action["task"] is not None:
                known.check(
                    problems,
                    f"{where}.actions[{k}].task",
                    "tasks",
                    (item["name"], action["task"]),
                    action["task"],
                )
            known.check(problems, f"{where}.actions[{k}].end_reason", "end_reasons", action["end_reason"])
            known.check(
                problems,
                f"{where}.actions[{k}].document_template",
                "document_templates",
                action["document_template"],
            )


_PLURAL = {"category": "categories", "end_goal": "end_goals", "service_type": "service_types"}
