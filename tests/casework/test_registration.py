"""Registering employers (the four steps of seed 001), employees and sick reports; every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from casework.agreements import poortwachter_carrier
from casework.errors import Invalid
from casework.logbook import SYSTEM, Actor
from casework.process import close_trajectory, start_trajectory
from casework.registration import (
    add_policy,
    add_service_agreement,
    allowed_templates,
    assign_case_manager,
    close_sick_report,
    record_contact,
    recover,
    register_employee,
    register_employer,
    register_sick_report,
    update_employee,
    update_employer,
    update_sick_report,
)
from models import (
    ClientWeight,
    ContractModel,
    Employee,
    Employer,
    EndReason,
    InsuranceProduct,
    Label,
    LogEntry,
    Note,
    Policy,
    PoortwachterCarrier,
    ProductKind,
    Referrer,
    ServiceAgreement,
    ServiceType,
    ServiceVariation,
    SickReport,
    Trajectory,
    TrajectoryTemplate,
)

NOW = dt.datetime(2026, 3, 2, 9, 30)
OWN_WORK = "Hersteld eigen werk"  # a seeded end reason of sick reports
BSN = "111222333"  # passes the 11-proef
OTHER_BSN = "123456782"
TABLES = (Employer, Policy, ServiceAgreement, Employee, SickReport, Trajectory, Note, LogEntry)


@pytest.fixture
def actor(admin_user) -> Actor:
    """The functional administrator acting."""
    return Actor(admin_user)


@pytest.fixture
def label(db) -> Label:
    """The seed's example label (all seed variations and products allowed)."""
    return db.session.scalars(sa.select(Label).order_by(Label.id)).first()


@pytest.fixture
def elsewhere(db, label) -> SimpleNamespace:
    """A second label with its own referrer, and a service type, variation, template and product the seed
    label does not allow."""
    service_type = ServiceType(name="Testdienst")
    template = TrajectoryTemplate(name="Testtraject", service_type=service_type)
    variation = ServiceVariation(
        name="Testvariatie", service_type=service_type, templates=[template], primary_template=template
    )
    product = InsuranceProduct(
        name="Testverzekering", insurer=label.products[0].insurer, kind=ProductKind("absence")
    )
    other = Label(name="Ander label", variations=[variation], products=[product])
    referrer = Referrer(name="Tussenpersoon elders", label=other)
    contract = ContractModel(name="Testcontract", service_type=service_type)
    db.session.add_all([other, referrer, contract])
    db.session.flush()
    return SimpleNamespace(
        label=other,
        referrer=referrer,
        variation=variation,
        template=template,
        product=product,
        contract=contract,
        service_type=service_type,
    )


def counts(db) -> tuple[int, ...]:
    """Rows per table, the log book included."""
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in TABLES)


def columns(obj: Any) -> dict[str, Any]:
    """An object's column values."""
    return {c.key: getattr(obj, c.key) for c in sa.inspect(obj).mapper.column_attrs}


def refused(db, call: Callable[[], Any], *objects: Any, **expected: str) -> dict[str, str]:
    """Call, expect Invalid with these fields and messages (substring), and assert that nothing changed."""
    before = counts(db), [columns(o) for o in objects]
    with pytest.raises(Invalid) as error:
        call()
    assert not (db.session.new or db.session.dirty or db.session.deleted)
    assert (counts(db), [columns(o) for o in objects]) == before
    for field, text in expected.items():
        assert field in error.value.errors, error.value.errors
        assert text in error.value.errors[field], error.value.errors
    return error.value.errors


def last_log(db) -> LogEntry:
    return db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id.desc())).first()


def log_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))


# ---- step 1: the employer ----------------------------------------------------------------------------------


def test_register_employer_normalises_input_and_logs(db, actor, label):
    referrer = label.referrers[0]
    employer = register_employer(
        {
            "name": " Bouwbedrijf Stevig B.V. ",
            "kvk_number": "1231 2312",
            "label_id": str(label.id),
            "referrer_id": str(referrer.id),
            "address": "Stationsstraat 1",
            "postcode": "3511ax",
            "city": "Utrecht",
            "contact_email": " hr@stevig.example.nl ",
        },
        actor=actor,
        now=NOW,
    )
    db.session.expire_all()
    stored = db.session.get(Employer, employer.id)
    assert (stored.name, stored.kvk_number, stored.postcode, stored.contact_email) == (
        "Bouwbedrijf Stevig B.V.",
        "12312312",
        "3511 AX",
        "hr@stevig.example.nl",
    )
    assert (stored.label, stored.referrer, stored.created_at) == (label, referrer, NOW)
    entry = last_log(db)
    assert (entry.action, entry.message, entry.actor_id) == (
        "employer.registered",
        "Werkgever Bouwbedrijf Stevig B.V. geregistreerd",
        actor.user.id,
    )


def test_optional_employer_fields_may_be_left_blank(db, actor, label):
    employer = register_employer(
        {"name": "Leeg B.V.", "label_id": label.id, "kvk_number": "", "referrer_id": "", "postcode": " "},
        actor=actor,
        now=NOW,
    )
    assert (employer.kvk_number, employer.referrer, employer.postcode) == (None, None, "")


EMPLOYER_REFUSALS = [
    ({"name": None}, "name", "Dit veld is verplicht."),
    ({"name": "   "}, "name", "Dit veld is verplicht."),
    ({"name": "x" * 201}, "name", "Hoogstens 200 tekens."),
    ({"name": "Nul\x00teken"}, "name", "ongeldige tekens"),
    ({"name": "BESTAAND B.V."}, "name", "Er is al een werkgever met deze naam."),
    ({"kvk_number": "55555555"}, "kvk_number", "Er is al een werkgever met dit KvK-nummer."),
    ({"kvk_number": "1234567"}, "kvk_number", "Een KvK-nummer bestaat uit 8 cijfers."),
    ({"kvk_number": "1234567a"}, "kvk_number", "Een KvK-nummer bestaat uit 8 cijfers."),
    ({"label_id": None}, "label_id", "Dit veld is verplicht."),
    ({"label_id": "Voorbeeldlabel"}, "label_id", "Kies een waarde uit de lijst"),
    ({"label_id": 999999}, "label_id", "Kies een bestaand, actief label."),
    ({"label_id": 10**20}, "label_id", "Kies een waarde uit de lijst"),
    ({"label_id": "inactive"}, "label_id", "Kies een bestaand, actief label."),
    ({"referrer_id": "elsewhere"}, "referrer_id", "Aanmelder Tussenpersoon elders hoort niet bij label"),
    ({"referrer_id": 999999}, "referrer_id", "Kies een bestaande, actieve aanmelder."),
    ({"postcode": "12AB"}, "postcode", "Een postcode ziet eruit als 1234 AB."),
    ({"postcode": "0123 AB"}, "postcode", "Een postcode ziet eruit als 1234 AB."),
    ({"contact_email": "hr-at-example"}, "contact_email", "Geef een geldig e-mailadres."),
    ({"active": "misschien"}, "active", "Kies ja of nee."),
    ({"diagnose": "griep"}, "diagnose", "Onbekend veld."),
]


@pytest.mark.parametrize(("change", "field", "message"), EMPLOYER_REFUSALS)
def test_register_employer_refusals_change_nothing(
    db, actor, label, elsewhere, create_employer, change, field, message
):
    create_employer(name="Bestaand B.V.", kvk_number="55555555")
    inactive = Label(name="Oud label", active=False)
    db.session.add(inactive)
    db.session.flush()
    data = {"name": "Nieuw B.V.", "label_id": label.id, **change}
    data["label_id"] = inactive.id if data["label_id"] == "inactive" else data["label_id"]
    if data.get("referrer_id") == "elsewhere":
        data["referrer_id"] = elsewhere.referrer.id
    errors = refused(db, lambda: register_employer(data, actor=actor, now=NOW), **{field: message})
    assert list(errors) == [field]


def test_register_employer_needs_a_dict(db, actor):
    refused(db, lambda: register_employer(["Nieuw"], actor=actor, now=NOW), _="velden")


def test_register_employer_reports_every_field_at_once(db, actor):
    errors = refused(db, lambda: register_employer({"postcode": "x"}, actor=actor, now=NOW))
    assert set(errors) == {"name", "label_id", "postcode"}


def test_update_employer_changes_what_is_given_and_logs_the_fields(db, actor, label, create_employer):
    employer = create_employer(name="Oud B.V.", city="Utrecht")
    before = log_count(db)
    update_employer(
        employer, {"city": "Utrecht", "name": " Nieuw B.V. ", "postcode": "1234ab"}, actor=actor, now=NOW
    )
    assert (employer.name, employer.city, employer.postcode, employer.label) == (
        "Nieuw B.V.",
        "Utrecht",
        "1234 AB",
        label,
    )
    assert log_count(db) == before + 1
    assert last_log(db).message == "Werkgever Nieuw B.V. gewijzigd: naam, postcode"
    update_employer(employer, {"city": "Utrecht"}, actor=actor, now=NOW)  # nothing changes: nothing logged
    assert log_count(db) == before + 1
    update_employer(employer, {"name": "nieuw b.v."}, actor=actor, now=NOW)  # its own name in other case
    assert employer.name == "nieuw b.v."


def test_update_employer_refusals_change_nothing(db, actor, label, elsewhere, create_employer):
    create_employer(name="Ander B.V.")
    employer = create_employer(name="Mijn B.V.", referrer=label.referrers[0])

    def update(data):
        return partial(update_employer, employer, data, actor=actor, now=NOW)

    refused(db, update({"name": "ander b.v."}), employer, name="al een werkgever met deze naam")
    refused(db, update({"name": ""}), employer, name="verplicht")
    refused(db, update({"referrer_id": elsewhere.referrer.id}), employer, referrer_id="hoort niet bij label")
    # the current referrer belongs to the current label, the running agreement's variation to no other
    refused(db, update({"label_id": elsewhere.label.id}), employer, referrer_id="hoort niet bij label")
    refused(
        db,
        update({"label_id": elsewhere.label.id, "referrer_id": None}),
        employer,
        label_id="Label Ander label staat niet toe wat deze werkgever afneemt: ",
    )


def test_changing_label_is_allowed_once_old_agreements_and_policies_ended(
    db, actor, elsewhere, create_employer
):
    employer = create_employer()
    for item in employer.agreements + employer.policies:
        item.end_date = dt.date(2026, 2, 28)
    db.session.flush()
    update_employer(
        employer,
        {"label_id": elsewhere.label.id, "referrer_id": elsewhere.referrer.id},
        actor=actor,
        now=NOW,
    )
    assert (employer.label, employer.referrer) == (elsewhere.label, elsewhere.referrer)
    assert last_log(db).message.endswith("gewijzigd: label, aanmelder")


# ---- steps 2 and 3: policies and service agreements --------------------------------------------------------


def product_named(db, name: str) -> InsuranceProduct:
    return db.session.scalar(sa.select(InsuranceProduct).where(InsuranceProduct.name == name))


def variation_named(db, name: str) -> ServiceVariation:
    return db.session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == name))


def test_add_policy(db, actor, create_employer):
    employer = create_employer()
    product = product_named(db, "WGA-eigenrisicodragerverzekering")
    policy = add_policy(
        employer,
        {"insurance_product_id": str(product.id), "policy_number": " WGA-77 ", "start_date": "01-01-2026"},
        actor=actor,
        now=NOW,
    )
    assert (policy.employer, policy.product, policy.policy_number) == (employer, product, "WGA-77")
    assert (policy.start_date, policy.end_date) == (dt.date(2026, 1, 1), None)
    assert (
        last_log(db).message
        == f"Polis WGA-77 (WGA-eigenrisicodragerverzekering) vastgelegd bij {employer.name}"
    )


def test_add_policy_refusals_change_nothing(db, actor, elsewhere, create_employer):
    employer = create_employer()
    product = product_named(db, "WGA-eigenrisicodragerverzekering")
    add_policy(
        employer,
        {"insurance_product_id": product.id, "policy_number": "P-1", "start_date": "2026-01-01"},
        actor=actor,
        now=NOW,
    )
    inactive = product_named(db, "Collectieve WIA-excedentverzekering")
    inactive.active = False
    db.session.flush()
    base = {"insurance_product_id": product.id, "policy_number": "P-2", "start_date": "2026-01-01"}
    for change, field, message in [
        (
            {"insurance_product_id": elsewhere.product.id},
            "insurance_product_id",
            "staat verzekeringsproduct Testverzekering niet toe",
        ),
        (
            {"insurance_product_id": inactive.id},
            "insurance_product_id",
            "Kies een bestaand, actief verzekeringsproduct.",
        ),
        (
            {"insurance_product_id": 999999},
            "insurance_product_id",
            "Kies een bestaand, actief verzekeringsproduct.",
        ),
        (
            {"policy_number": "P-1"},
            "policy_number",
            "Polisnummer P-1 bestaat al voor WGA-eigenrisicodragerverzekering.",
        ),
        ({"policy_number": ""}, "policy_number", "Dit veld is verplicht."),
        ({"end_date": "2025-12-31"}, "end_date", "De einddatum ligt vóór de begindatum."),
        ({"start_date": "31-02-2026"}, "start_date", "Geef een datum, bijvoorbeeld 05-03-2026."),
        ({"start_date": None}, "start_date", "Dit veld is verplicht."),
        ({"premie": "12"}, "premie", "Onbekend veld."),
    ]:
        refused(
            db,
            lambda change=change: add_policy(employer, {**base, **change}, actor=actor, now=NOW),
            **{field: message},
        )


def test_add_service_agreement_for_an_insured_interest(db, actor, label, create_employer):
    employer = create_employer(agreement=False)
    variation = label.variations[0]
    contract = db.session.scalar(
        sa.select(ContractModel).where(ContractModel.service_type_id == variation.service_type_id)
    )
    insured = employer.policies[0]  # the seed's first product: claims management with a mandate of 2,500.00
    assert insured.product.claims_management
    agreement = add_service_agreement(
        employer,
        {
            "service_variation_id": variation.id,
            "contract_model_id": contract.id,
            "policy_id": insured.id,
            "start_date": "2026-01-01",
            "end_date": "31-12-2026",
        },
        actor=actor,
        now=NOW,
    )
    assert (agreement.variation, agreement.contract_model, agreement.policy) == (variation, contract, insured)
    assert agreement.mandate == Decimal("2500.00") == insured.product.mandate
    assert last_log(db).message == (
        f"Dienstverlening {variation.name} vanaf 01-01-2026 tot en met 31-12-2026 vastgelegd bij {employer.name}"
    )
    wga = variation_named(db, "WGA-begeleiding volledig")  # agreements stack across service types
    agreed = add_service_agreement(
        employer,
        {
            "service_variation_id": wga.id,
            "policy_id": insured.id,
            "mandate": "1.750,5",
            "start_date": "2026-02-01",
        },
        actor=actor,
        now=NOW,
    )
    assert agreed.mandate == Decimal("1750.50")
    plain = product_named(db, "Collectieve WIA-excedentverzekering")  # no claims management, no mandate
    policy = add_policy(
        employer,
        {"insurance_product_id": plain.id, "policy_number": "EXC-1", "start_date": "2026-01-01"},
        actor=actor,
        now=NOW,
    )
    loose = variation_named(db, "Losse inzet interventies")
    without = add_service_agreement(
        employer,
        {"service_variation_id": loose.id, "policy_id": policy.id, "start_date": "2026-01-01"},
        actor=actor,
        now=NOW,
    )
    assert (without.policy, without.mandate, without.contract_model, without.end_date) == (
        policy,
        None,
        None,
        None,
    )


def test_add_service_agreement_refusals_change_nothing(db, actor, label, elsewhere, create_employer):
    employer = create_employer(agreement=False)
    stranger = create_employer()
    variation = label.variations[0]
    inactive = label.variations[1]
    inactive.active = False
    other_type = db.session.scalar(
        sa.select(ContractModel).where(ContractModel.service_type_id != variation.service_type_id)
    )
    db.session.flush()
    base = {"service_variation_id": variation.id, "start_date": "2026-05-01"}
    for change, field, message in [
        (
            {"service_variation_id": elsewhere.variation.id},
            "service_variation_id",
            f"Label {label.name} staat variatie Testvariatie niet toe.",
        ),
        (
            {"service_variation_id": inactive.id},
            "service_variation_id",
            "Kies een bestaande, actieve dienstverleningsvariatie.",
        ),
        ({"service_variation_id": None}, "service_variation_id", "Dit veld is verplicht."),
        (
            {"contract_model_id": other_type.id},
            "contract_model_id",
            "hoort bij een andere dienstverleningssoort",
        ),
        (
            {"contract_model_id": elsewhere.contract.id},
            "contract_model_id",
            "hoort bij een andere dienstverleningssoort",
        ),
        ({"end_date": "2026-04-30"}, "end_date", "De einddatum ligt vóór de begindatum."),
        ({"mandate": "100"}, "mandate", "Een mandaat hoort bij een verzekerd belang"),
        (
            {"policy_id": employer.policies[0].id, "mandate": "-1"},
            "mandate",
            "Een mandaat tussen 0 en 10.000.000 euro.",
        ),
        ({"policy_id": employer.policies[0].id, "mandate": "10,005"}, "mandate", "Hoogstens 2 decimalen."),
        ({"policy_id": stranger.policies[0].id}, "policy_id", "Kies een polis van deze werkgever."),
        ({"start_date": ""}, "start_date", "Dit veld is verplicht."),
    ]:
        refused(
            db,
            lambda change=change: add_service_agreement(employer, {**base, **change}, actor=actor, now=NOW),
            **{field: message},
        )
    assert employer.agreements == []


def test_two_variations_of_one_service_type_exclude_each_other(db, actor, create_employer):
    """Seed 001: WVP "De luxe" and "Op afroep" are never both active for one employer on one day."""
    employer = create_employer(agreement=False)
    luxe, on_call = variation_named(db, "WVP De luxe"), variation_named(db, "WVP Op afroep")
    assert luxe.service_type == on_call.service_type
    first = add_service_agreement(
        employer,
        {"service_variation_id": luxe.id, "start_date": "2026-01-01", "end_date": "2026-06-30"},
        actor=actor,
        now=NOW,
    )
    logged = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    message = (
        "Deze periode overlapt met de overeenkomst WVP De luxe (01-01-2026 – 30-06-2026); variaties van "
        "Arbodienstverlening WVP sluiten elkaar uit."
    )
    for period in (
        {"start_date": "2026-06-30"},  # open-ended, starting on the last day of the other
        {"start_date": "2025-01-01", "end_date": "2026-01-01"},  # ending on its first day
        {"start_date": "2026-03-01", "end_date": "2026-03-31"},  # inside it
        {"start_date": "2025-01-01"},  # around it
    ):
        refused(
            db,
            lambda period=period: add_service_agreement(
                employer, {"service_variation_id": on_call.id, **period}, actor=actor, now=NOW
            ),
            service_variation_id=message,
        )
    # the same variation twice on one day is refused alike
    refused(
        db,
        lambda: add_service_agreement(
            employer, {"service_variation_id": luxe.id, "start_date": "2026-05-01"}, actor=actor, now=NOW
        ),
        service_variation_id=message,
    )
    assert employer.agreements == [first]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == logged
    # the day after it ends, the other variation may start; another service type stacks on any day
    after = add_service_agreement(
        employer, {"service_variation_id": on_call.id, "start_date": "01-07-2026"}, actor=actor, now=NOW
    )
    wga = add_service_agreement(
        employer,
        {
            "service_variation_id": variation_named(db, "WGA-begeleiding volledig").id,
            "start_date": "2026-03-01",
        },
        actor=actor,
        now=NOW,
    )
    db.session.expire(employer, ["agreements"])
    assert employer.agreements == [first, wga, after]  # by start date


# ---- step 4: which trajectory templates the employer may start ---------------------------------------------


def test_allowed_templates_explain_why_none(db, actor, label, elsewhere, create_employer):
    employer = create_employer(name="Zonder B.V.", agreement=False)
    assert allowed_templates(employer, dt.date(2026, 3, 5)).reason == (
        "Werkgever Zonder B.V. heeft geen dienstverleningsovereenkomst."
    )
    variation = label.variations[0]
    add_service_agreement(
        employer,
        {"service_variation_id": variation.id, "start_date": "2025-01-01", "end_date": "2025-12-31"},
        actor=actor,
        now=NOW,
    )
    expired = allowed_templates(employer, dt.date(2026, 3, 5))
    assert expired.templates == [] and expired.agreements == {}
    assert "geldig op 05-03-2026; de laatste liep tot 31-12-2025." in expired.reason
    assert (
        "geldig op 01-12-2024; de eerste begint op 01-01-2025."
        in allowed_templates(employer, dt.date(2024, 12, 1)).reason
    )
    empty = ServiceVariation(name="Zonder trajecten", service_type=variation.service_type)
    label.variations.append(empty)
    db.session.flush()
    add_service_agreement(
        employer, {"service_variation_id": empty.id, "start_date": "2026-01-01"}, actor=actor, now=NOW
    )
    answer = allowed_templates(employer, dt.date(2026, 3, 5))
    assert answer.templates == [] and "Zonder trajecten" in answer.reason


def test_allowed_templates_stack_agreements_and_name_the_primary(
    db, actor, label, elsewhere, create_employer
):
    employer = create_employer(agreement=False)
    # two service types: variations of one type exclude each other, agreements stack across types
    first, second = variation_named(db, "WVP De luxe"), variation_named(db, "WGA-begeleiding volledig")
    inzet = first.primary_template
    one = add_service_agreement(
        employer, {"service_variation_id": first.id, "start_date": "2026-01-01"}, actor=actor, now=NOW
    )
    two = add_service_agreement(
        employer,
        {"service_variation_id": second.id, "start_date": "2026-02-01", "end_date": "2026-06-30"},
        actor=actor,
        now=NOW,
    )
    answer = allowed_templates(employer, dt.date(2026, 3, 5))
    assert answer.reason == "" and answer.templates == [inzet]
    assert answer.agreements[inzet.id] == [one, two]
    assert answer.primary == {first.id: inzet, second.id: inzet}
    assert answer.allows(inzet) and not answer.allows(elsewhere.template)
    assert allowed_templates(employer, dt.date(2026, 7, 1)).agreements[inzet.id] == [one]
    second.active = False  # a deactivated variation no longer counts; a deactivated template neither
    db.session.flush()
    assert allowed_templates(employer, dt.date(2026, 3, 5)).agreements[inzet.id] == [one]
    inzet.active = False
    db.session.flush()
    assert allowed_templates(employer, dt.date(2026, 3, 5)).templates == []


# ---- employees -------------------------------------------------------------------------------------------


def test_register_employee(db, actor, create_employer, casemanager):
    employer = create_employer()
    employee = register_employee(
        {
            "employer_id": str(employer.id),
            "personnel_number": " A-17 ",
            "bsn": "1112.22.333",
            "first_name": "Ilse",
            "name_prefix": "van",
            "last_name": "Dijk",
            "birth_date": "05-03-1980",
            "postcode": "3511ax",
            "daily_wage": "212,50",
            "case_manager_id": casemanager.id,
            "client_weight": "hoog",
            "last_contact_on": "2026-03-02",
        },
        actor=actor,
        now=NOW,
    )
    db.session.expire_all()
    stored = db.session.get(Employee, employee.id)
    assert (stored.personnel_number, stored.bsn, stored.full_name, stored.birth_date) == (
        "A-17",
        BSN,
        "Ilse van Dijk",
        dt.date(1980, 3, 5),
    )
    assert (stored.postcode, stored.daily_wage, stored.case_manager, stored.client_weight) == (
        "3511 AX",
        Decimal("212.50"),
        casemanager,
        ClientWeight.HIGH,
    )
    assert (stored.employer, stored.last_contact_on, stored.created_at) == (
        employer,
        dt.date(2026, 3, 2),
        NOW,
    )
    entry = last_log(db)
    assert (entry.action, entry.employee_id) == ("employee.registered", employee.id)
    assert entry.message == f"Werknemer Ilse van Dijk geregistreerd bij {employer.name}"


def test_register_employee_defaults(db, actor, create_employer):
    employee = register_employee(
        {"employer_id": create_employer().id, "personnel_number": "1", "last_name": "Smit", "bsn": ""},
        actor=actor,
        now=NOW,
    )
    assert (employee.bsn, employee.daily_wage, employee.case_manager, employee.client_weight) == (
        None,
        None,
        None,
        ClientWeight.MEDIUM,
    )


EMPLOYEE_REFUSALS = [
    ({"employer_id": None}, "employer_id", "Dit veld is verplicht."),
    ({"employer_id": 999999}, "employer_id", "Kies een bestaande, actieve werkgever."),
    ({"employer_id": "inactive"}, "employer_id", "Kies een bestaande, actieve werkgever."),
    ({"personnel_number": ""}, "personnel_number", "Dit veld is verplicht."),
    ({"personnel_number": "A-1"}, "personnel_number", "Personeelsnummer A-1 bestaat al bij"),
    ({"last_name": " "}, "last_name", "Dit veld is verplicht."),
    ({"bsn": "123456789"}, "bsn", "Dit BSN voldoet niet aan de 11-proef."),
    ({"bsn": "12345"}, "bsn", "Een BSN bestaat uit 9 cijfers."),
    ({"bsn": "111 222 333"}, "bsn", "Dit BSN hoort al bij een andere werknemer."),
    ({"birth_date": "2026-03-03"}, "birth_date", "De geboortedatum ligt in de toekomst."),
    ({"birth_date": "31-12-1899"}, "birth_date", "De geboortedatum ligt vóór 1900."),
    ({"birth_date": "gisteren"}, "birth_date", "Geef een datum"),
    ({"daily_wage": "-1"}, "daily_wage", "Een dagloon tussen 0 en 100.000 euro."),
    ({"daily_wage": "212,555"}, "daily_wage", "Hoogstens 2 decimalen."),
    ({"daily_wage": "veel"}, "daily_wage", "Geef een getal"),
    ({"daily_wage": "NaN"}, "daily_wage", "Geef een getal"),
    ({"daily_wage": "1e40"}, "daily_wage", "Dit getal is te groot."),
    ({"case_manager_id": "admin"}, "case_manager_id", "Kies een actieve casemanager."),
    ({"case_manager_id": "inactive"}, "case_manager_id", "Kies een actieve casemanager."),
    ({"client_weight": "extreem"}, "client_weight", "Kies laag (low), middel (medium) of hoog (high)."),
    ({"last_contact_on": "2026-03-03"}, "last_contact_on", "Deze datum ligt in de toekomst."),
    ({"email": "ilse@"}, "email", "Geef een geldig e-mailadres."),
    ({"postcode": "3511"}, "postcode", "Een postcode ziet eruit als 1234 AB."),
    ({"diagnosis": "burn-out"}, "diagnosis", "Onbekend veld."),
]


@pytest.mark.parametrize(("change", "field", "message"), EMPLOYEE_REFUSALS)
def test_register_employee_refusals_change_nothing(
    db, actor, admin_user, create_employer, create_employee, create_user, change, field, message
):
    employer = create_employer()
    create_employee(employer, personnel_number="A-1", bsn=BSN)
    refs = {
        "inactive": (create_employer(active=False).id, create_user(active=False).id),
        "admin": (None, admin_user.id),
    }
    data = {"employer_id": employer.id, "personnel_number": "A-2", "last_name": "Smit", **change}
    for key, position in (("employer_id", 0), ("case_manager_id", 1)):
        if data.get(key) in refs:
            data[key] = refs[data[key]][position]
    errors = refused(db, lambda: register_employee(data, actor=actor, now=NOW), **{field: message})
    assert list(errors) == [field]
    assert BSN not in str(errors) and "123456789" not in str(errors)


def test_personnel_numbers_are_unique_per_employer_only(db, actor, create_employer, create_employee):
    create_employee(create_employer(), personnel_number="A-1")
    other = register_employee(
        {"employer_id": create_employer().id, "personnel_number": "A-1", "last_name": "Smit"},
        actor=actor,
        now=NOW,
    )
    assert other.personnel_number == "A-1"


def test_update_employee_logs_the_bsn_change_without_the_number(db, actor, create_employee):
    employee = create_employee(first_name="Ilse", last_name="Dijk")
    before = log_count(db)
    update_employee(employee, {"bsn": OTHER_BSN, "city": "Zeist", "last_name": "Dijk"}, actor=actor, now=NOW)
    assert (employee.bsn, employee.city, employee.last_name) == (OTHER_BSN, "Zeist", "Dijk")
    entry = last_log(db)
    assert (entry.action, entry.message) == ("employee.updated", "Werknemer Ilse Dijk gewijzigd: BSN, plaats")
    assert OTHER_BSN not in str(columns(entry))
    update_employee(employee, {"bsn": ""}, actor=actor, now=NOW)  # clearing the BSN
    assert employee.bsn is None and last_log(db).message.endswith("gewijzigd: BSN")
    update_employee(employee, {"city": "Zeist"}, actor=actor, now=NOW)
    assert log_count(db) == before + 2  # nothing changed, nothing logged


def test_update_employee_refusals_change_nothing(db, actor, create_employer, create_employee):
    employer, elsewhere = create_employer(), create_employer()
    create_employee(elsewhere, personnel_number="A-1", bsn=BSN)
    employee = create_employee(employer, personnel_number="A-1")

    def update(data):
        return partial(update_employee, employee, data, actor=actor, now=NOW)

    refused(
        db,
        update({"employer_id": elsewhere.id}),
        employee,
        personnel_number="Personeelsnummer A-1 bestaat al",
    )
    errors = refused(db, update({"bsn": BSN}), employee, bsn="Dit BSN hoort al bij een andere werknemer.")
    assert BSN not in str(errors)
    refused(db, update({"last_name": ""}), employee, last_name="verplicht")
    refused(db, update({"daily_wage": "-0,01"}), employee, daily_wage="tussen 0 en 100.000")
    refused(db, update({"oorzaak": "rugklachten"}), employee, oorzaak="Onbekend veld.")


def open_and_closed_trajectories(db, employee, manager) -> tuple[Trajectory, Trajectory]:
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    closed = start_trajectory(employee, template, actor=Actor(manager), now=NOW - dt.timedelta(days=30))
    reason = db.session.scalars(sa.select(EndReason).order_by(EndReason.id)).first()
    close_trajectory(closed, reason, actor=Actor(manager), now=NOW - dt.timedelta(days=1))
    running = start_trajectory(employee, template, actor=Actor(manager), now=NOW)
    return running, closed


def test_assign_case_manager_moves_open_trajectories_only(
    db, actor, create_employee, create_user, casemanager
):
    employee = create_employee(case_manager=casemanager, first_name="Ilse", last_name="Dijk")
    running, closed = open_and_closed_trajectories(db, employee, casemanager)
    colleague = create_user(name="Youssef El Amrani")
    assign_case_manager(employee, colleague, actor=actor, now=NOW)
    assert (employee.case_manager, running.case_manager, closed.case_manager) == (
        colleague,
        colleague,
        casemanager,
    )
    entry = last_log(db)
    assert (entry.action, entry.employee_id) == ("employee.reassigned", employee.id)
    assert entry.message == "Casemanager van Ilse Dijk van Sanne de Wit naar Youssef El Amrani"
    before = log_count(db)
    assign_case_manager(employee, colleague, actor=actor, now=NOW)  # already theirs
    assert log_count(db) == before


def test_update_employee_case_manager_moves_open_trajectories(
    db, actor, create_employee, create_user, casemanager
):
    employee = create_employee(case_manager=casemanager)
    running, closed = open_and_closed_trajectories(db, employee, casemanager)
    colleague = create_user()
    update_employee(employee, {"case_manager_id": str(colleague.id)}, actor=actor, now=NOW)
    assert (running.case_manager, closed.case_manager) == (colleague, casemanager)
    assert last_log(db).message.endswith("gewijzigd: casemanager")


def test_assign_case_manager_refusals_change_nothing(
    db, actor, admin_user, create_employee, create_user, casemanager
):
    employee = create_employee(case_manager=casemanager)
    running, _ = open_and_closed_trajectories(db, employee, casemanager)
    for user in (admin_user, create_user(active=False)):
        refused(
            db,
            lambda user=user: assign_case_manager(employee, user, actor=actor, now=NOW),
            employee,
            running,
            case_manager_id="Kies een actieve casemanager.",
        )


def test_record_contact(db, actor, create_employee):
    employee = create_employee(last_contact_on=dt.date(2026, 2, 20))
    record_contact(employee, day="2026-02-27", actor=actor, now=NOW)
    assert employee.last_contact_on == dt.date(2026, 2, 27)
    assert (last_log(db).action, last_log(db).message) == (
        "employee.contacted",
        f"Contact met {employee.full_name} op 27-02-2026",
    )
    record_contact(employee, day=dt.date(2026, 2, 1), actor=actor, now=NOW)  # an older contact, logged
    assert employee.last_contact_on == dt.date(2026, 2, 27)
    refused(
        db,
        lambda: record_contact(employee, day=dt.date(2026, 3, 3), actor=actor, now=NOW),
        employee,
        day="toekomst",
    )
    refused(
        db,
        lambda: record_contact(employee, day="morgen", actor=actor, now=NOW),
        employee,
        day="Geef een datum",
    )


# ---- sick reports ----------------------------------------------------------------------------------------


def test_register_sick_report(db, create_employee):
    employee = create_employee()
    report = register_sick_report(
        employee,
        {"first_sick_day": "16-02-2026", "percentage": "50,5", "target_rtw_date": "2026-04-01"},
        actor=SYSTEM,
        now=NOW,
    )
    db.session.expire_all()
    stored = db.session.get(SickReport, report.id)
    assert (stored.employee, stored.first_sick_day, stored.percentage, stored.target_rtw_date) == (
        employee,
        dt.date(2026, 2, 16),
        Decimal("50.50"),
        dt.date(2026, 4, 1),
    )
    assert (stored.reported_at, stored.is_open) == (NOW, True)
    entry = last_log(db)
    assert (entry.action, entry.message, entry.actor_name) == (
        "sick_report.registered",
        "Verzuimmelding vanaf 16-02-2026 (50,5%)",
        "system",
    )
    later = register_sick_report(create_employee(), {"first_sick_day": "2026-03-09"}, actor=SYSTEM, now=NOW)
    assert later.percentage == Decimal("100.00")  # a week ahead is allowed, full absence by default


SICK_REPORT_REFUSALS = [
    ({"first_sick_day": None}, "first_sick_day", "Dit veld is verplicht."),
    (
        {"first_sick_day": "2026-03-10"},
        "first_sick_day",
        "De eerste ziektedag ligt meer dan 7 dagen in de toekomst.",
    ),
    ({"percentage": "0"}, "percentage", "Een percentage groter dan 0 en hoogstens 100."),
    ({"percentage": "100,01"}, "percentage", "Een percentage groter dan 0 en hoogstens 100."),
    ({"percentage": -5}, "percentage", "Een percentage groter dan 0 en hoogstens 100."),
    ({"percentage": None}, "percentage", "Dit veld is verplicht."),
    (
        {"target_rtw_date": "2026-02-28"},
        "target_rtw_date",
        "De verwachte hersteldatum ligt vóór de eerste ziektedag.",
    ),
    ({"diagnosis": "griep"}, "diagnosis", "Onbekend veld."),
    ({"cause": "werkdruk"}, "cause", "Onbekend veld."),
]


@pytest.mark.parametrize(("change", "field", "message"), SICK_REPORT_REFUSALS)
def test_register_sick_report_refusals_change_nothing(db, actor, create_employee, change, field, message):
    employee = create_employee()
    data = {"first_sick_day": "2026-03-01", **change}
    errors = refused(
        db, lambda: register_sick_report(employee, data, actor=actor, now=NOW), employee, **{field: message}
    )
    assert list(errors) == [field]
    assert employee.sick_reports == []


def test_one_open_sick_report_and_no_overlap(db, actor, create_employee, create_sick_report):
    employee = create_employee()
    earlier = create_sick_report(employee, dt.date(2026, 1, 5), recovery_date=dt.date(2026, 1, 20))
    current = create_sick_report(employee, dt.date(2026, 2, 16))

    def register(day):
        return partial(register_sick_report, employee, {"first_sick_day": day}, actor=actor, now=NOW)

    refused(
        db, register("2026-03-01"), current, first_sick_day="Er loopt al een verzuimmelding sinds 16-02-2026."
    )
    recover(current, recovery_date=dt.date(2026, 2, 27), end_reason=OWN_WORK, actor=actor, now=NOW)
    refused(
        db,
        register("2026-01-19"),
        earlier,
        first_sick_day="Deze periode overlapt met de verzuimmelding van 05-01-2026 tot 20-01-2026.",
    )
    again = register_sick_report(
        employee, {"first_sick_day": "2026-02-27"}, actor=actor, now=NOW
    )  # sick again
    assert [r.is_open for r in employee.sick_reports] == [False, False, True] and again.is_open


def test_update_sick_report(db, actor, create_employee, create_sick_report):
    report = create_sick_report(create_employee(), dt.date(2026, 2, 16), target_rtw_date=dt.date(2026, 4, 1))
    before = log_count(db)
    update_sick_report(report, {"percentage": "100", "target_rtw_date": "15-04-2026"}, actor=actor, now=NOW)
    assert (report.percentage, report.target_rtw_date, report.first_sick_day) == (
        Decimal("100.00"),
        dt.date(2026, 4, 15),
        dt.date(2026, 2, 16),
    )
    assert last_log(db).message == "Verzuimmelding gewijzigd: verwachte hersteldatum"
    update_sick_report(
        report, {"percentage": 100}, actor=actor, now=NOW
    )  # the same percentage: nothing to do
    assert log_count(db) == before + 1
    update_sick_report(report, {"target_rtw_date": None}, actor=actor, now=NOW)
    assert report.target_rtw_date is None


def test_update_sick_report_refusals_change_nothing(db, actor, create_employee, create_sick_report):
    employee = create_employee()
    create_sick_report(employee, dt.date(2026, 1, 5), recovery_date=dt.date(2026, 1, 20))
    report = create_sick_report(employee, dt.date(2026, 2, 16), target_rtw_date=dt.date(2026, 3, 4))

    def update(data):
        return partial(update_sick_report, report, data, actor=actor, now=NOW)

    refused(
        db,
        update({"first_sick_day": "2026-03-05"}),
        report,
        first_sick_day="verwachte hersteldatum ligt vóór",
    )
    refused(db, update({"target_rtw_date": "2026-02-15"}), report, target_rtw_date="vóór de eerste ziektedag")
    refused(
        db,
        update({"first_sick_day": "2026-01-10"}),
        report,
        first_sick_day="overlapt met de verzuimmelding van 05-01-2026",
    )
    refused(db, update({"first_sick_day": None}), report, first_sick_day="verplicht")
    refused(db, update({"diagnosis": "x"}), report, diagnosis="Onbekend veld.")
    refused(db, update({"percentage": "40"}), report, percentage="gedeeltelijk herstel")
    recover(report, recovery_date=dt.date(2026, 2, 27), end_reason=OWN_WORK, actor=actor, now=NOW)
    refused(
        db,
        update({"first_sick_day": "2026-02-28", "target_rtw_date": None}),
        report,
        first_sick_day="na het einde (27-02-2026)",
    )


def test_recover_and_close(db, actor, create_employee, create_sick_report):
    employee = create_employee()
    report = create_sick_report(employee, dt.date(2026, 2, 16))
    recover(report, recovery_date="2026-03-02", end_reason=OWN_WORK, actor=actor, now=NOW)
    assert (report.recovery_date, report.is_open, report.end_reason.name) == (
        dt.date(2026, 3, 2),
        False,
        OWN_WORK,
    )
    assert (last_log(db).action, last_log(db).message) == (
        "sick_report.recovered",
        "Hersteld gemeld per 02-03-2026 (Hersteld eigen werk)",
    )
    close_sick_report(report, closed_on=dt.date(2026, 3, 2), actor=actor, now=NOW)  # keeps its reason
    assert (report.closed_on, report.end_reason.name) == (dt.date(2026, 3, 2), OWN_WORK)
    assert (last_log(db).action, last_log(db).message) == (
        "sick_report.closed",
        "Verzuimmelding gesloten per 02-03-2026 (Hersteld eigen werk)",
    )
    unrecovered = create_sick_report(create_employee(), dt.date(2026, 2, 1))
    close_sick_report(unrecovered, closed_on="27-02-2026", end_reason="Uit dienst", actor=actor, now=NOW)
    assert (unrecovered.recovery_date, unrecovered.closed_on, unrecovered.end_reason.name) == (
        None,
        dt.date(2026, 2, 27),
        "Uit dienst",
    )


def test_recover_and_close_refusals_change_nothing(db, actor, create_employee, create_sick_report):
    report = create_sick_report(create_employee(), dt.date(2026, 2, 16))

    def recovering(day, reason=OWN_WORK):
        return partial(recover, report, recovery_date=day, end_reason=reason, actor=actor, now=NOW)

    def closing(day, reason=OWN_WORK):
        return partial(close_sick_report, report, closed_on=day, end_reason=reason, actor=actor, now=NOW)

    refused(
        db, recovering(dt.date(2026, 2, 15)), report, recovery_date="vóór de eerste ziektedag (16-02-2026)"
    )
    refused(db, recovering(dt.date(2026, 3, 3)), report, recovery_date="Deze datum ligt in de toekomst.")
    refused(db, recovering("30-02-2026"), report, recovery_date="Geef een datum")
    refused(db, closing(dt.date(2026, 2, 1)), report, closed_on="vóór de eerste ziektedag")
    refused(db, closing(dt.date(2026, 3, 3)), report, closed_on="Deze datum ligt in de toekomst.")
    recover(report, recovery_date=dt.date(2026, 2, 25), end_reason=OWN_WORK, actor=actor, now=NOW)
    refused(db, recovering(dt.date(2026, 2, 26)), report, recovery_date="Al hersteld gemeld per 25-02-2026.")
    refused(db, closing(dt.date(2026, 2, 24)), report, closed_on="vóór de hersteldatum (25-02-2026)")
    close_sick_report(report, closed_on=dt.date(2026, 2, 25), actor=actor, now=NOW)
    refused(db, closing(dt.date(2026, 3, 1)), report, closed_on="al gesloten per 25-02-2026")
    closed = create_sick_report(create_employee(), dt.date(2026, 2, 1), closed_on=dt.date(2026, 2, 10))
    refused(
        db,
        lambda: recover(
            closed, recovery_date=dt.date(2026, 2, 11), end_reason=OWN_WORK, actor=actor, now=NOW
        ),
        closed,
        recovery_date="al gesloten per 10-02-2026",
    )


def test_the_variation_decides_who_carries_the_poortwachter_steps(db, actor, create_employer):
    employer = create_employer(agreement=False)
    day = dt.date(2026, 3, 5)
    assert poortwachter_carrier(employer, day) == PoortwachterCarrier.ARBODIENST  # no agreement: the default
    wga = variation_named(db, "WGA-begeleiding volledig")
    assert wga.poortwachter_carrier is None  # says nothing about the steps
    for name, start in (("WGA-begeleiding volledig", "2026-01-01"), ("WVP Op afroep", "2026-03-01")):
        add_service_agreement(
            employer,
            {"service_variation_id": variation_named(db, name).id, "start_date": start},
            actor=actor,
            now=NOW,
        )
    assert poortwachter_carrier(employer, dt.date(2026, 2, 28)) == PoortwachterCarrier.ARBODIENST
    assert poortwachter_carrier(employer, day) == PoortwachterCarrier.EMPLOYER
    # a variation of another service type that names the arbodienst takes the steps back
    wga.poortwachter_carrier = PoortwachterCarrier.ARBODIENST
    db.session.flush()
    assert poortwachter_carrier(employer, day) == PoortwachterCarrier.ARBODIENST
