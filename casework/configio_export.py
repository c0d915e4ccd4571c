"""The configuration as a JSON document (casework.configio): every item by name, never by id, in a fixed order.

Each `*_item` function gives one row in the file's form; the import compares a file's items with these to find
what changed, so both sides speak exactly the same shape.
"""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from models import (
    AbsenceCause,
    Category,
    Characteristic,
    ConsultType,
    ContractModel,
    DocumentTemplate,
    EndGoal,
    EndReason,
    Insurer,
    Label,
    Location,
    Programme,
    Provider,
    Region,
    SeedRecord,
    ServiceType,
    ServiceVariation,
    SickReportEndReason,
    TaskTemplate,
    TrajectoryTemplate,
    Trigger,
    UnavailabilityKind,
    db,
)

from .configio_fields import CENT, FORMAT, VERSION


def money(value: Decimal | None) -> str | None:
    """An amount as the file writes it: "1500.00"."""
    return None if value is None else str(Decimal(value).quantize(CENT))


def _name(row: Any) -> str | None:
    return None if row is None else row.name


def _names(rows: list[Any]) -> list[str]:
    return sorted(row.name for row in rows)


def _value(member: Any) -> Any:
    return None if member is None else getattr(member, "value", member)


def base_item(row: Any) -> dict[str, Any]:
    """name, description, active, position: what every configurable list item has."""
    return {"name": row.name, "description": row.description, "active": row.active, "position": row.position}


def category_item(row: Category) -> dict[str, Any]:
    """A category."""
    return {**base_item(row), "service_type": _name(row.service_type)}


def end_reason_item(row: EndReason) -> dict[str, Any]:
    """An end reason with its outcome class and end goal."""
    return {
        **base_item(row),
        "outcome": _value(row.outcome),
        "work_resumption": row.work_resumption,
        "end_goal": _name(row.end_goal),
    }


def sick_report_end_reason_item(row: SickReportEndReason) -> dict[str, Any]:
    """A sick report's end reason with its outcome class and end goal."""
    return {**base_item(row), "outcome": _value(row.outcome), "end_goal": _name(row.end_goal)}


def document_template_item(row: DocumentTemplate) -> dict[str, Any]:
    """A document template with its body."""
    return {
        **base_item(row),
        "subject": row.subject,
        "body": row.body,
        "use_house_style": row.use_house_style,
        "own_style": row.own_style,
    }


def task_item(row: TaskTemplate) -> dict[str, Any]:
    """A task template, by its key within its trajectory template."""
    return {
        "key": row.key,
        "name": row.name,
        "description": row.description,
        "kind": _value(row.kind),
        "due_offset_days": row.due_offset_days,
        "due_in_working_days": row.due_in_working_days,
        "optional": row.optional,
        "starts_with_trajectory": row.starts_with_trajectory,
        "document_template": _name(row.document_template),
        "active": row.active,
        "position": row.position,
    }


def _key(task: TaskTemplate | None) -> str | None:
    return None if task is None else task.key


def trigger_item(row: Trigger) -> dict[str, Any]:
    """A trigger: event, conditions in order, actions in order; tasks by key, the rest by name."""
    return {
        "name": row.name,
        "description": row.description,
        "event": _value(row.event),
        "active": row.active,
        "position": row.position,
        "conditions": [
            {
                "kind": _value(c.kind),
                "task": _key(c.task_template),
                "field": c.field,
                "value": c.value,
                "category": _name(c.category),
                "end_goal": _name(c.end_goal),
                "service_type": _name(c.service_type),
            }
            for c in row.conditions
        ],
        "actions": [
            {
                "kind": _value(a.kind),
                "task": _key(a.task_template),
                "due_in_days": a.due_in_days,
                "due_basis": _value(a.due_basis) or "event",
                "end_reason": _name(a.end_reason),
                "document_template": _name(a.document_template),
                "notify_target": _value(a.notify_target),
                "text": a.text,
            }
            for a in row.actions
        ],
    }


def trajectory_template_item(row: TrajectoryTemplate) -> dict[str, Any]:
    """A trajectory template with its task templates (by key) and triggers (by name)."""
    return {
        **base_item(row),
        "service_type": _name(row.service_type),
        "tasks": [task_item(t) for t in sorted(row.task_templates, key=lambda t: t.key)],
        "triggers": [trigger_item(t) for t in sorted(row.triggers, key=lambda t: t.name)],
    }


def absence_cause_item(row: AbsenceCause) -> dict[str, Any]:
    """A non-medical cause of absence with the characteristics that fit it."""
    return {**base_item(row), "characteristics": _names(row.characteristics)}


def service_variation_item(row: ServiceVariation) -> dict[str, Any]:
    """A service variation with its allowed and primary trajectory templates."""
    return {
        **base_item(row),
        "service_type": row.service_type.name,
        "templates": _names(row.templates),
        "primary_template": _name(row.primary_template),
        "poortwachter_carrier": _value(row.poortwachter_carrier),
    }


def product_item(row: Any) -> dict[str, Any]:
    """An insurance product."""
    return {
        **base_item(row),
        "kind": _value(row.kind),
        "claims_management": row.claims_management,
        "mandate": money(row.mandate),
    }


INSURER_FIELDS = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "address",
    "postcode",
    "city",
    "invoice_email",
    "iban",
)


def insurer_item(row: Insurer) -> dict[str, Any]:
    """An insurer with its products."""
    return {
        **base_item(row),
        **{name: getattr(row, name) for name in INSURER_FIELDS},
        "products": [product_item(p) for p in sorted(row.products, key=lambda p: p.name)],
    }


def label_item(row: Label) -> dict[str, Any]:
    """A label: house style (logo as base64), allowed variations and products, referrers."""
    return {
        **base_item(row),
        "colour_primary": row.colour_primary,
        "colour_secondary": row.colour_secondary,
        "font_family": row.font_family,
        "letterhead": row.letterhead,
        "footer": row.footer,
        "logo": base64.b64encode(row.logo).decode("ascii") if row.logo else None,
        "logo_mime_type": row.logo_mime_type,
        "variations": sorted(
            ({"service_type": v.service_type.name, "name": v.name} for v in row.variations),
            key=lambda v: (v["service_type"], v["name"]),
        ),
        "products": sorted(
            ({"insurer": p.insurer.name, "name": p.name} for p in row.products),
            key=lambda p: (p["insurer"], p["name"]),
        ),
        "referrers": [base_item(r) for r in sorted(row.referrers, key=lambda r: r.name)],
    }


def contract_model_item(row: ContractModel) -> dict[str, Any]:
    """A contract model with its price per task template (template name and task key) and per consult type."""
    prices = [
        {"template": p.task_template.template.name, "task": p.task_template.key, "price": money(p.price)}
        for p in row.prices
    ]
    consult_prices = [
        {"consult_type": p.consult_type.name, "price": money(p.price)} for p in row.consult_prices
    ]
    return {
        **base_item(row),
        "service_type": _name(row.service_type),
        "prices": sorted(prices, key=lambda p: (p["template"], p["task"])),
        "consult_prices": sorted(consult_prices, key=lambda p: p["consult_type"]),
    }


def consult_type_item(row: ConsultType) -> dict[str, Any]:
    """A consult type (spreekuursoort): duration, list price, allowed variations, its letters' templates."""
    return {
        **base_item(row),
        "duration_minutes": row.duration_minutes,
        "price": money(row.price),
        "variations": sorted(
            ({"service_type": v.service_type.name, "name": v.name} for v in row.variations),
            key=lambda v: (v["service_type"], v["name"]),
        ),
        "invitation_template": _name(row.invitation_template),
        "report_template": _name(row.report_template),
    }


def programme_item(row: Programme) -> dict[str, Any]:
    """A programme: price, duration, regions, characteristics, service types."""
    return {
        **base_item(row),
        "price": money(row.price),
        "duration_weeks": row.duration_weeks,
        "regions": _names(row.regions),
        "characteristics": _names(row.characteristics),
        "service_types": _names(row.service_types),
        "spoor_2": row.spoor_2,
    }


PROVIDER_FIELDS = ("contact_name", "email", "phone", "website")


def provider_item(row: Provider) -> dict[str, Any]:
    """A provider with its regions and programmes."""
    return {
        **base_item(row),
        **{name: getattr(row, name) for name in PROVIDER_FIELDS},
        "regions": _names(row.regions),
        "programmes": [programme_item(p) for p in sorted(row.programmes, key=lambda p: p.name)],
    }


def _rows(model: type, *load: Any) -> list[Any]:
    return list(db.session.scalars(sa.select(model).options(*load)))


def export_configuration() -> dict[str, Any]:
    """The whole configuration as a JSON-ready dict, every list in a fixed order (by name, key or scope)."""
    by_name = lambda rows: sorted(rows, key=lambda r: r.name)  # noqa: E731
    variations = _rows(ServiceVariation, selectinload(ServiceVariation.templates))
    seeds = db.session.execute(sa.select(SeedRecord.kind, SeedRecord.key)).all()
    return {
        "format": FORMAT,
        "version": VERSION,
        "service_types": [base_item(r) for r in by_name(_rows(ServiceType))],
        "categories": [category_item(r) for r in by_name(_rows(Category))],
        "end_goals": [base_item(r) for r in by_name(_rows(EndGoal))],
        "end_reasons": [end_reason_item(r) for r in by_name(_rows(EndReason))],
        "sick_report_end_reasons": [
            sick_report_end_reason_item(r) for r in by_name(_rows(SickReportEndReason))
        ],
        "regions": [base_item(r) for r in by_name(_rows(Region))],
        "characteristics": [base_item(r) for r in by_name(_rows(Characteristic))],
        "absence_causes": [absence_cause_item(r) for r in by_name(_rows(AbsenceCause))],
        "locations": [base_item(r) for r in by_name(_rows(Location))],
        "unavailability_kinds": [base_item(r) for r in by_name(_rows(UnavailabilityKind))],
        "document_templates": [document_template_item(r) for r in by_name(_rows(DocumentTemplate))],
        "trajectory_templates": [
            trajectory_template_item(r)
            for r in by_name(_rows(TrajectoryTemplate, selectinload(TrajectoryTemplate.task_templates)))
        ],
        "service_variations": [
            service_variation_item(r) for r in sorted(variations, key=lambda v: (v.service_type.name, v.name))
        ],
        "consult_types": [
            consult_type_item(r) for r in by_name(_rows(ConsultType, selectinload(ConsultType.variations)))
        ],
        "insurers": [insurer_item(r) for r in by_name(_rows(Insurer, selectinload(Insurer.products)))],
        "labels": [label_item(r) for r in by_name(_rows(Label))],
        "contract_models": [contract_model_item(r) for r in by_name(_rows(ContractModel))],
        "providers": [provider_item(r) for r in by_name(_rows(Provider, selectinload(Provider.programmes)))],
        "seed_records": [{"kind": kind, "key": key} for kind, key in sorted(seeds)],
    }


def dump_json(data: dict[str, Any]) -> str:
    """The file's text: sorted keys, indent 2, UTF-8 characters as they are, a final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
