"""Input schemas (marshmallow) for registering employers, employees and sick reports; Dutch messages.

Shared by every door: the console's forms, the Slack modals and the REST API load the same input with the
same rules. Unknown fields are refused, so a field for a diagnosis or a cause can never sneak in.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, pre_load, validate, validates

from .bsn import bsn_error, normalise_bsn
from .errors import Invalid
from .taskresults import flatten

REQUIRED = {"required": "Dit veld is verplicht.", "null": "Dit veld is verplicht."}
POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def text(max_length: int, *, required: bool = False) -> fields.String:
    """A stripped text field of at most `max_length` characters."""
    length = validate.Length(
        min=1 if required else 0,
        max=max_length,
        error=f"Hoogstens {max_length} tekens." if not required else None,
    )
    if required:
        return fields.String(
            required=True,
            error_messages=REQUIRED,
            validate=[
                validate.Length(min=1, error="Dit veld is verplicht."),
                validate.Length(max=max_length, error=f"Hoogstens {max_length} tekens."),
            ],
        )
    return fields.String(load_default="", validate=length)


class Input(Schema):
    """Base: strips strings, turns "" into None for optional non-text fields, refuses unknown fields."""

    class Meta:
        unknown = RAISE

    @pre_load
    def _clean(self, data: Any, **_kw: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = {}
        for key, value in data.items():
            if isinstance(value, str):
                value = value.strip()
                field = self.fields.get(key)
                if value == "" and field is not None and not isinstance(field, fields.String):
                    value = None
            out[key] = value
        return out


def postcode_value(value: str) -> str:
    """A Dutch postcode normalised to "1234 AB"; raises ValidationError."""
    if not value:
        return ""
    match = POSTCODE_RE.match(value)
    if not match:
        raise ValidationError("Een postcode ziet eruit als 1234 AB.")
    return f"{match.group(1)} {match.group(2).upper()}"


class EmployerInput(Input):
    """Step 1 of the four-step registration (seed 001): the employer, its label and referrer."""

    name = text(200, required=True)
    kvk_number = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^[0-9]{8}$", error="Een KvK-nummer bestaat uit 8 cijfers."),
    )
    label_id = fields.Integer(required=True, error_messages=REQUIRED)
    referrer_id = fields.Integer(load_default=None, allow_none=True)
    address = text(200)
    postcode = fields.String(load_default="")
    city = text(100)
    contact_name = text(200)
    contact_email = fields.String(load_default="")
    contact_phone = text(40)
    active = fields.Boolean(load_default=True)

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        errors = {}
        try:
            data["postcode"] = postcode_value(data.get("postcode", ""))
        except ValidationError as error:
            errors["postcode"] = error.messages[0]
        if data.get("contact_email") and not EMAIL_RE.match(data["contact_email"]):
            errors["contact_email"] = "Geef een geldig e-mailadres."
        if errors:
            raise ValidationError(errors)
        return data


class PolicyInput(Input):
    """Step 2: a policy with an insurance product allowed by the label."""

    insurance_product_id = fields.Integer(required=True, error_messages=REQUIRED)
    policy_number = text(50, required=True)
    start_date = fields.Date(required=True, error_messages=REQUIRED)
    end_date = fields.Date(load_default=None, allow_none=True)


class AgreementInput(Input):
    """Step 3: a service agreement — variation, period, contract model, optional insured interest."""

    service_variation_id = fields.Integer(required=True, error_messages=REQUIRED)
    contract_model_id = fields.Integer(load_default=None, allow_none=True)
    policy_id = fields.Integer(load_default=None, allow_none=True)
    mandate = fields.Decimal(
        load_default=None,
        allow_none=True,
        places=2,
        validate=validate.Range(min=0, error="Het mandaat is 0 of meer."),
    )
    start_date = fields.Date(required=True, error_messages=REQUIRED)
    end_date = fields.Date(load_default=None, allow_none=True)


class EmployeeInput(Input):
    """An employee (werknemer); the BSN is optional and must pass the 11-proef."""

    employer_id = fields.Integer(required=True, error_messages=REQUIRED)
    personnel_number = text(40, required=True)
    bsn = fields.String(load_default=None, allow_none=True)
    first_name = text(100)
    name_prefix = text(30)
    last_name = text(100, required=True)
    birth_date = fields.Date(load_default=None, allow_none=True)
    postcode = fields.String(load_default="")
    city = text(100)
    email = fields.String(load_default="")
    phone = text(40)
    daily_wage = fields.Decimal(
        load_default=None,
        allow_none=True,
        places=2,
        validate=validate.Range(min=0, max=Decimal("100000"), error="Een dagloon tussen 0 en 100.000."),
    )
    sector = text(100)
    case_manager_id = fields.Integer(load_default=None, allow_none=True)
    client_weight = fields.String(
        load_default="medium",
        validate=validate.OneOf(
            ["low", "medium", "high"], error="Kies laag (low), middel (medium) of hoog (high)."
        ),
    )
    last_contact_on = fields.Date(load_default=None, allow_none=True)

    @validates("bsn")
    def _bsn(self, value: str | None, **_kw: Any) -> None:
        if value:
            message = bsn_error(value)
            if message:
                raise ValidationError(message)

    @post_load
    def _normalise(self, data: dict[str, Any], **_kw: Any) -> dict[str, Any]:
        errors = {}
        if data.get("bsn"):
            data["bsn"] = normalise_bsn(data["bsn"])
        try:
            data["postcode"] = postcode_value(data.get("postcode", ""))
        except ValidationError as error:
            errors["postcode"] = error.messages[0]
        if data.get("email") and not EMAIL_RE.match(data["email"]):
            errors["email"] = "Geef een geldig e-mailadres."
        born = data.get("birth_date")
        if born and not dt.date(1900, 1, 1) <= born <= dt.date.today():
            errors["birth_date"] = "Deze geboortedatum kan niet kloppen."
        if errors:
            raise ValidationError(errors)
        return data


class SickReportInput(Input):
    """A sick report: first sick day, percentage, target return-to-work date. No diagnosis, ever."""

    first_sick_day = fields.Date(required=True, error_messages=REQUIRED)
    percentage = fields.Decimal(
        load_default=Decimal("100"),
        places=2,
        validate=validate.Range(
            min=0, max=100, min_inclusive=False, error="Een percentage groter dan 0 en hoogstens 100."
        ),
    )
    target_rtw_date = fields.Date(load_default=None, allow_none=True)


def load(schema: Schema, data: dict[str, Any] | None, *, partial: bool = False) -> dict[str, Any]:
    """Validate input with `schema`; raises Invalid with a Dutch message per field."""
    data = data or {}
    try:
        loaded = schema.load(data, partial=partial)
    except ValidationError as error:
        raise Invalid(flatten(error.messages)) from None
    if partial:  # an update changes only what was given, never a default
        return {key: value for key, value in loaded.items() if key in data}
    return loaded
