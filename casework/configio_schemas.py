"""The configuration file's structure (casework.configio): marshmallow schemas per section, Dutch messages.

Loaded items stay in their JSON form (money as a string with two decimals, enums as their values), so that an
item from a file compares directly with the same item exported from the database. Optional fields have no
default here: an update changes only the fields a file gives; a new row gets the model's defaults.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from models import (
    ActionKind,
    ConditionKind,
    DueBasis,
    NotifyTarget,
    Outcome,
    PoortwachterCarrier,
    ProductKind,
    SickReportOutcome,
    TaskKind,
    TriggerEvent,
)

from .configio_fields import FORMAT, VERSION, Flag, Int, Items, Money, Name, Ref, Refs, Str, Strict


class Item(Strict):
    """What every configurable list item has (SPEC §3)."""

    name = Name()
    description = Str(20_000)
    active = Flag()
    position = Int(0, 1_000_000)


class CategoryItem(Item):
    service_type = Ref()


class EndReasonItem(Item):
    outcome = Str(choices=Outcome, required=True)
    work_resumption = Flag()
    end_goal = Ref()


class SickReportEndReasonItem(Item):
    outcome = Str(choices=SickReportOutcome, required=True)
    end_goal = Ref()


class DocumentTemplateItem(Item):
    subject = Str(300)
    body = Str(200_000, required=True)
    use_house_style = Flag()
    own_style = Str(50_000)


class TaskItem(Strict):
    key = Name(20)
    name = Name()
    description = Str(20_000)
    kind = Str(choices=TaskKind, required=True)
    due_offset_days = Int(0, 3650)
    due_in_working_days = Flag()
    optional = Flag()
    starts_with_trajectory = Flag()
    document_template = Ref()
    active = Flag()
    position = Int(0, 1_000_000)


# The operand each condition and action kind needs (the database's CHECK constraints, in the file's words).
CONDITION_OPERANDS = {
    "task_template": ("task",),
    "result_field_equals": ("field", "value"),
    "category": ("category",),
    "end_goal": ("end_goal",),
    "service_type": ("service_type",),
}
ACTION_OPERANDS = {
    "add_task": ("task", "due_in_days"),
    "close_trajectory": ("end_reason",),
    "generate_document": ("document_template",),
    "start_intervention": (),
    "notify": ("notify_target", "text"),
}


def _need(data: dict[str, Any], operands: dict[str, tuple[str, ...]]) -> None:
    missing = {
        name: [f"Verplicht bij soort {data['kind']}."]
        for name in operands.get(data.get("kind", ""), ())
        if data.get(name) in (None, "")
    }
    if missing:
        raise ValidationError(missing)


class ConditionItem(Strict):
    kind = Str(choices=ConditionKind, required=True)
    task = Str(20, blank=False, allow_none=True, load_default=None)
    field = Str(100, blank=False, allow_none=True, load_default=None)
    value = Str(200, allow_none=True, load_default=None)
    category = Str(200, blank=False, allow_none=True, load_default=None)
    end_goal = Str(200, blank=False, allow_none=True, load_default=None)
    service_type = Str(200, blank=False, allow_none=True, load_default=None)

    @validates_schema
    def _operands(self, data: dict[str, Any], **_kw: Any) -> None:
        _need(data, CONDITION_OPERANDS)


class ActionItem(Strict):
    kind = Str(choices=ActionKind, required=True)
    task = Str(20, blank=False, allow_none=True, load_default=None)
    due_in_days = Int(0, 3650, allow_none=True, load_default=None)
    due_basis = Str(choices=DueBasis, load_default="event")
    end_reason = Str(200, blank=False, allow_none=True, load_default=None)
    document_template = Str(200, blank=False, allow_none=True, load_default=None)
    notify_target = Str(choices=NotifyTarget, allow_none=True, load_default=None)
    text = Str(5000, load_default="")

    @validates_schema
    def _operands(self, data: dict[str, Any], **_kw: Any) -> None:
        _need(data, ACTION_OPERANDS)


class TriggerItem(Strict):
    name = Name()
    description = Str(20_000)
    event = Str(choices=TriggerEvent, required=True)
    active = Flag()
    position = Int(0, 1_000_000)
    conditions = Items(ConditionItem)
    actions = Items(ActionItem, required=True)


class TrajectoryTemplateItem(Item):
    service_type = Ref()
    tasks = Items(TaskItem)
    triggers = Items(TriggerItem)


class AbsenceCauseItem(Item):
    characteristics = Refs()


class ServiceVariationItem(Item):
    service_type = Name()
    templates = Refs()
    primary_template = Ref()
    poortwachter_carrier = Str(20, choices=PoortwachterCarrier, allow_none=True)  # null: not applicable


class ProductItem(Item):
    kind = Str(choices=ProductKind, required=True)
    claims_management = Flag()
    mandate = Money(allow_none=True)


class InsurerItem(Item):
    contact_name = Str(200)
    contact_email = Str(254)
    contact_phone = Str(40)
    address = Str(200)
    postcode = Str(10)
    city = Str(100)
    invoice_email = Str(254)
    iban = Str(34)
    products = Items(ProductItem)


class VariationRef(Strict):
    service_type = Name()
    name = Name()


class ProductRef(Strict):
    insurer = Name()
    name = Name()


class LabelItem(Item):
    colour_primary = Str(7, check="colour")
    colour_secondary = Str(7, check="colour")
    font_family = Str(200)
    letterhead = Str(20_000)
    footer = Str(20_000)
    logo = Str(10_000_000, check="base64", allow_none=True)
    logo_mime_type = Str(50, allow_none=True)
    variations = Items(VariationRef)
    products = Items(ProductRef)
    referrers = Items(Item)


class PriceItem(Strict):
    template = Name()
    task = Name(20)
    price = Money(required=True)


class ConsultPriceItem(Strict):
    consult_type = Name()
    price = Money(required=True)


class ContractModelItem(Item):
    service_type = Ref()
    prices = Items(PriceItem)
    consult_prices = Items(ConsultPriceItem)


class ConsultTypeItem(Item):
    duration_minutes = Int(5, 480, required=True)
    price = Money(required=True)
    variations = Items(VariationRef)
    invitation_template = Ref()
    report_template = Ref()


class ProgrammeItem(Item):
    price = Money(required=True)
    duration_weeks = Int(1, 520, required=True)
    regions = Refs()
    characteristics = Refs()
    service_types = Refs()
    spoor_2 = Flag()


class ProviderItem(Item):
    contact_name = Str(200)
    email = Str(254)
    phone = Str(40)
    website = Str(300)
    regions = Refs()
    programmes = Items(ProgrammeItem)


class SeedItem(Strict):
    kind = Name(60)
    key = Name(300)


# The sections in the order an import applies them (each only refers to sections before it).
SECTIONS = (
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
    "trajectory_templates",
    "service_variations",
    "consult_types",
    "insurers",
    "labels",
    "contract_models",
    "providers",
    "seed_records",
)


class ConfigurationFile(Strict):
    """The whole file: format, version and every section (a section left out changes nothing)."""

    format = Str(100, required=True)
    version = fields.Raw(required=True)
    service_types = Items(Item, load_default=list)
    categories = Items(CategoryItem, load_default=list)
    end_goals = Items(Item, load_default=list)
    end_reasons = Items(EndReasonItem, load_default=list)
    sick_report_end_reasons = Items(SickReportEndReasonItem, load_default=list)
    regions = Items(Item, load_default=list)
    characteristics = Items(Item, load_default=list)
    absence_causes = Items(AbsenceCauseItem, load_default=list)
    locations = Items(Item, load_default=list)
    unavailability_kinds = Items(Item, load_default=list)
    document_templates = Items(DocumentTemplateItem, load_default=list)
    trajectory_templates = Items(TrajectoryTemplateItem, load_default=list)
    service_variations = Items(ServiceVariationItem, load_default=list)
    consult_types = Items(ConsultTypeItem, load_default=list)
    insurers = Items(InsurerItem, load_default=list)
    labels = Items(LabelItem, load_default=list)
    contract_models = Items(ContractModelItem, load_default=list)
    providers = Items(ProviderItem, load_default=list)
    seed_records = Items(SeedItem, load_default=list)

    @validates_schema
    def _format(self, data: dict[str, Any], **_kw: Any) -> None:
        if data.get("format") not in (None, FORMAT):
            raise ValidationError(f'Dit is geen Traject-configuratie (verwacht "{FORMAT}").', "format")
        version = data.get("version")
        if version is not None and (isinstance(version, bool) or version != VERSION):
            raise ValidationError(
                f"Onbekende versie {version!r}; deze Traject leest versie {VERSION}.", "version"
            )
