"""Input schemas (marshmallow) for registering employers, employees and sick reports; Dutch messages.

Shared by every door: the console's forms, the Slack modals and the REST API load the same input with the
same rules. Input may come as strings (a form), as JSON values (the API) or as Python values (a modal handler);
every message is Dutch and sits under the field it is about. Unknown fields are refused, so a field for a
diagnosis or a cause can never sneak in. A BSN is never repeated in a message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

from models import ClientWeight, ZwVangnet

from .bsn import bsn_error, normalise_bsn
from .errors import Invalid
from .i18n import M_, N_


def flatten(messages: Any, prefix: str = "") -> dict[str, str]:
    """marshmallow's nested messages as {field: first message}; "Unknown field." in Dutch."""
    out: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}{key}" if key != "_schema" else (prefix.rstrip(".") or "_")
            out.update(flatten(value, f"{name}."))
    elif isinstance(messages, list) and messages and isinstance(messages[0], str):
        message = messages[0]
        out[prefix.rstrip(".") or "_"] = "Onbekend veld." if message == "Unknown field." else message
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            out.update(flatten(value, f"{prefix}{i}."))
    else:
        out[prefix.rstrip(".") or "_"] = str(messages)
    return out


REQUIRED = N_("Dit veld is verplicht.")
MAX_ID = 2**31 - 1
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Control characters and lone surrogates (a JSON "\ud800" no database can store); newline, return and tab are
# text in notes and descriptions, but not in a one-line field (LINE_CONTROL_RE).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
LINE_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
DUTCH_DATE_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
WEIGHTS = {
    "low": "low",
    "laag": "low",
    "medium": "medium",
    "middel": "medium",
    "high": "high",
    "hoog": "high",
}

# Field names as a person reads them, for log book lines such as "gewijzigd: postcode, plaats".
LABELS = {
    "name": "naam",
    "kvk_number": "KvK-nummer",
    "label_id": "label",
    "referrer_id": "aanmelder",
    "address": "adres",
    "postcode": "postcode",
    "city": "plaats",
    "contact_name": "contactpersoon",
    "contact_email": "e-mail contactpersoon",
    "contact_phone": "telefoon contactpersoon",
    "active": "actief",
    "employer_id": "werkgever",
    "personnel_number": "personeelsnummer",
    "bsn": "BSN",
    "first_name": "voornaam",
    "name_prefix": "tussenvoegsel",
    "last_name": "achternaam",
    "birth_date": "geboortedatum",
    "email": "e-mail",
    "phone": "telefoon",
    "daily_wage": "dagloon",
    "sector": "sector",
    "case_manager_id": "casemanager",
    "client_weight": "cliëntzwaarte",
    "client_weight_assessed_on": "cliëntzwaarte beoordeeld op",
    "last_contact_on": "laatste contact",
    "employment_start": "in dienst sinds",
    "employment_end": "uit dienst per",
    "contract_hours": "contracturen per week",
    "first_sick_day": "eerste ziektedag",
    "percentage": "percentage",
    "target_rtw_date": "verwachte hersteldatum",
    "zw_vangnet": "ZW-vangnet",
    "work_related": "arbeidsgerelateerd",
    "recourse_possible": "verhaal mogelijk",
    "from_date": "ingangsdatum",
}


def thousands(n: int) -> str:
    """An integer as Dutch writes it: 1.500."""
    return f"{n:,}".replace(",", ".")


class _Dutch:
    """Dutch messages for what every field can get wrong."""

    default_error_messages = {
        "required": REQUIRED,
        "null": REQUIRED,
        "validator_failed": N_("Ongeldige waarde."),
    }


class Text(_Dutch, fields.String):
    """Stripped text without control characters, at most `max_length` characters; "" when left out."""

    default_error_messages = {
        "invalid": N_("Geef tekst."),
        "invalid_utf8": N_("Geef tekst."),
        "control": N_("Deze tekst bevat ongeldige tekens."),
        "too_long": "Hoogstens {max} tekens.",
    }

    def __init__(self, max_length: int, *, required: bool = False, **kwargs: Any) -> None:
        self.max_length = max_length
        if not required:
            kwargs.setdefault("load_default", "")
        super().__init__(required=required, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):  # a number where text was meant: 12345
            value = str(value)
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if self.required and not text:
            raise self.make_error("required")
        if len(text) > self.max_length:
            raise self.make_error("too_long", max=thousands(self.max_length))
        if LINE_CONTROL_RE.search(text):  # every Text is one line: a name, an address, a number
            raise self.make_error("control")
        return text


class Postcode(Text):
    """A Dutch postcode, normalised to "1234 AB"; "" when left out."""

    default_error_messages = {"postcode": N_("Een postcode ziet eruit als 1234 AB.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(20, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text:
            return ""
        match = POSTCODE_RE.match(text)
        if not match:
            raise self.make_error("postcode")
        return f"{match.group(1)} {match.group(2).upper()}"


class Email(Text):
    """An e-mail address; "" when left out."""

    default_error_messages = {"email": N_("Geef een geldig e-mailadres.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(254, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if text and not EMAIL_RE.match(text):
            raise self.make_error("email")
        return text


class KvkNumber(Text):
    """A Chamber of Commerce number: 8 digits (spaces and dots ignored); None when left out."""

    default_error_messages = {"kvk": N_("Een KvK-nummer bestaat uit 8 cijfers.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(20, load_default=None, allow_none=True, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str | None:
        text = super()._deserialize(value, attr, data, **kwargs).replace(" ", "").replace(".", "")
        if not text:
            return None
        if len(text) != 8 or not text.isascii() or not text.isdigit():
            raise self.make_error("kvk")
        return text


class Bsn(Text):
    """A burgerservicenummer passing the 11-proef, normalised to nine digits; None when left out."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(20, load_default=None, allow_none=True, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str | None:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text:
            return None
        message = bsn_error(text)  # says what is wrong without repeating the number
        if message:
            raise ValidationError(message)
        return normalise_bsn(text)


class Ident(_Dutch, fields.Integer):
    """The id of a row chosen from a list (a whole number)."""

    default_error_messages = {"invalid": N_("Kies een waarde uit de lijst (een nummer).")}

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        if not required:
            kwargs.setdefault("load_default", None)
            kwargs.setdefault("allow_none", True)
        super().__init__(required=required, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid")
        number = super()._deserialize(value, attr, data, **kwargs)
        if not 1 <= number <= MAX_ID:
            raise self.make_error("invalid")
        return number


class Day(_Dutch, fields.Date):
    """A date: a date object, ISO 2026-03-05 or Dutch 05-03-2026."""

    default_error_messages = {
        "invalid": N_("Geef een datum, bijvoorbeeld 05-03-2026."),
        "format": N_("Geef een datum."),
    }

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        if not required:
            kwargs.setdefault("load_default", None)
            kwargs.setdefault("allow_none", True)
        super().__init__(required=required, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and (match := DUTCH_DATE_RE.match(value.strip())):
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise self.make_error("invalid") from None
        if not isinstance(value, str):
            raise self.make_error("invalid")
        return super()._deserialize(value.strip(), attr, data, **kwargs)


class Amount(_Dutch, fields.Decimal):
    """A Decimal with at most two decimals; a Dutch comma ("212,50", "1.234,50") is understood."""

    default_error_messages = {
        "invalid": N_("Geef een getal, bijvoorbeeld 212,50."),
        "special": N_("Geef een getal, bijvoorbeeld 212,50."),
        "too_large": N_("Dit getal is te groot."),
        "places": N_("Hoogstens 2 decimalen."),
    }

    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("required"):
            kwargs.setdefault("load_default", None)
            kwargs.setdefault("allow_none", True)
        super().__init__(places=2, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, str):
            value = value.strip().removeprefix("€").strip()
            if "," in value:  # Dutch: a comma for decimals, dots for thousands
                value = value.replace(".", "").replace(",", ".")
        try:
            exact = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise self.make_error("invalid") from None
        try:
            rounded = exact.quantize(Decimal("0.01"), rounding="ROUND_DOWN") if exact.is_finite() else exact
        except InvalidOperation:  # beyond Decimal's precision
            raise self.make_error("too_large") from None
        if exact.is_finite() and exact != rounded:
            raise self.make_error("places")
        return super()._deserialize(value, attr, data, **kwargs)


class YesNo(_Dutch, fields.Boolean):
    """Yes or no; "ja"/"nee" understood."""

    truthy = fields.Boolean.truthy | {"ja", "Ja", "JA"}
    falsy = fields.Boolean.falsy | {"nee", "Nee", "NEE"}
    default_error_messages = {"invalid": N_("Kies ja of nee.")}


class Weight(Text):
    """Cliëntzwaarte: low/medium/high, or laag/middel/hoog."""

    default_error_messages = {"weight": N_("Kies laag (low), middel (medium) of hoog (high).")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(20, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> ClientWeight:
        word = super()._deserialize(value, attr, data, **kwargs).lower()
        if word not in WEIGHTS:
            raise self.make_error("weight")
        return ClientWeight(WEIGHTS[word])


ZW_VANGNET_WORDS = {
    "zwangerschap": "zwangerschap of bevalling",
    "orgaandonatie": "orgaandonatie",
    "no_riskpolis": "no-riskpolis",
}


class VangnetKind(Text):
    """ZW-vangnet: zwangerschap (of bevalling), orgaandonatie or no_riskpolis; empty for none."""

    default_error_messages = {"kind": N_("Kies zwangerschap, orgaandonatie of no_riskpolis (of laat leeg).")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(20, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> ZwVangnet | None:
        word = super()._deserialize(value, attr, data, **kwargs).lower().replace("-", "_")
        if not word:
            return None
        if word not in {k.value for k in ZwVangnet}:
            raise self.make_error("kind")
        return ZwVangnet(word)


def percentage_field(**kwargs: Any) -> Amount:
    """A percentage of incapacity: more than 0, at most 100."""
    return Amount(
        validate=validate.Range(
            min=0, max=100, min_inclusive=False, error=N_("Een percentage groter dan 0 en hoogstens 100.")
        ),
        **kwargs,
    )


class Input(Schema):
    """Base: refuses unknown fields; "" means "not given" for fields that are not text."""

    class Meta:
        unknown = RAISE

    @pre_load
    def _blank_is_none(self, data: Any, **_kw: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        out = dict(data)
        for key, value in data.items():
            field = self.fields.get(key)
            if (
                field is not None
                and not isinstance(field, Text)
                and isinstance(value, str)
                and not value.strip()
            ):
                out[key] = None
        return out


class EmployerInput(Input):
    """Step 1 of the four-step registration (seed 001): the employer, its label and referrer."""

    name = Text(200, required=True)
    kvk_number = KvkNumber()
    label_id = Ident(required=True)
    referrer_id = Ident()
    address = Text(200)
    postcode = Postcode()
    city = Text(100)
    contact_name = Text(200)
    contact_email = Email()
    contact_phone = Text(40)
    active = YesNo(load_default=True)


class PolicyInput(Input):
    """Step 2: a policy for an insurance product the label allows."""

    insurance_product_id = Ident(required=True)
    policy_number = Text(50, required=True)
    start_date = Day(required=True)
    end_date = Day()


class AgreementInput(Input):
    """Step 3: a service agreement — variation, period, contract model, optional insured interest."""

    service_variation_id = Ident(required=True)
    contract_model_id = Ident()
    policy_id = Ident()
    mandate = Amount(
        validate=validate.Range(min=0, max=10_000_000, error=N_("Een mandaat tussen 0 en 10.000.000 euro."))
    )
    start_date = Day(required=True)
    end_date = Day()


MAX_CONTRACT_HOURS = 60  # the Arbeidstijdenwet allows at most 60 hours in a week


class EmployeeInput(Input):
    """An employee (werknemer); the BSN is optional and must pass the 11-proef."""

    employer_id = Ident(required=True)
    personnel_number = Text(40, required=True)
    bsn = Bsn()
    first_name = Text(100)
    name_prefix = Text(30)
    last_name = Text(100, required=True)
    birth_date = Day()
    postcode = Postcode()
    city = Text(100)
    email = Email()
    phone = Text(40)
    daily_wage = Amount(
        validate=validate.Range(min=0, max=100_000, error=N_("Een dagloon tussen 0 en 100.000 euro."))
    )
    sector = Text(100)
    case_manager_id = Ident()
    client_weight = Weight(load_default=ClientWeight.MEDIUM)
    client_weight_assessed_on = Day()
    last_contact_on = Day()
    employment_start = Day()
    employment_end = Day()
    contract_hours = Amount(
        validate=validate.Range(
            min=0,
            max=MAX_CONTRACT_HOURS,
            min_inclusive=False,
            error=f"Meer dan 0 en hoogstens {MAX_CONTRACT_HOURS} uur per week.",
        )
    )


class SickReportInput(Input):
    """A sick report: first sick day, percentage, target return-to-work date. No diagnosis, ever."""

    first_sick_day = Day(required=True)
    percentage = percentage_field(load_default=Decimal("100.00"), allow_none=False)
    target_rtw_date = Day()
    zw_vangnet = VangnetKind(load_default=None, allow_none=True)
    work_related = YesNo(load_default=False)
    recourse_possible = YesNo(load_default=False)


class PartialRecoveryInput(Input):
    """Gedeeltelijk herstel: the percentage still ill from a date."""

    percentage = percentage_field(required=True, allow_none=False)
    from_date = Day(required=True)


def load(schema: Schema, data: Mapping[str, Any] | None, *, partial: bool = False) -> dict[str, Any]:
    """Validate input with `schema`; raises Invalid with a Dutch message per field.

    With `partial` (an update) only the fields given are returned: an update never applies a default.
    """
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise Invalid({"_": M_("Geef de gegevens als velden met waarden.")})
    try:
        loaded = schema.load(data, partial=partial)
    except ValidationError as error:
        raise Invalid(flatten(error.messages)) from None
    if partial:
        return {key: value for key, value in loaded.items() if key in data}
    return loaded


def parse_day(value: Any, field: str) -> dt.date:
    """One date given to an engine function directly (a date, ISO or Dutch); Invalid under `field`."""
    try:
        return Day(required=True).deserialize(value)
    except ValidationError as error:
        raise Invalid({field: error.messages[0]}) from None
