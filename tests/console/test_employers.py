"""Employers in the console: the four-step registration, its refusals, the employer page and editing."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from models import (
    ContractModel,
    Employer,
    InsuranceProduct,
    Label,
    LogEntry,
    Policy,
    Referrer,
    ServiceAgreement,
    ServiceVariation,
)

from .conftest import csrf_token

STEP1 = "/admin/employers/register/1"
STEP2 = "/admin/employers/register/2"


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def first(db, model):
    return db.session.scalars(sa.select(model).order_by(model.id)).first()


def details(**changes: str) -> dict[str, str]:
    values = {
        "name": "Bakkerij De Korenschoof B.V.",
        "kvk_number": "1234 5678",
        "address": "Molenstraat 1",
        "postcode": "3511ax",
        "city": "Utrecht",
        "contact_name": "Els Bakker",
        "contact_email": "els@korenschoof.nl",
        "contact_phone": "030-1234567",
    }
    values.update(changes)
    return values


def post(client, path: str, data: dict[str, object]):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def register(client, db, **changes: str) -> Employer:
    """Steps 1 and 2 through the console; the employer as saved."""
    assert post(client, STEP1, details(**changes)).status_code == 302
    label = first(db, Label)
    response = post(client, STEP2, {"label_id": label.id, "referrer_id": label.referrers[0].id})
    assert response.status_code == 302
    return db.session.scalar(sa.select(Employer).where(Employer.name == details(**changes)["name"]))


def test_four_steps_register_employer_policy_and_stacked_agreements(admin_client, db):
    employer = register(admin_client, db)
    assert (employer.kvk_number, employer.postcode, employer.label.name) == (
        "12345678",
        "3511 AX",
        "Traject Voorbeeldlabel",
    )
    assert employer.referrer is not None
    step3 = f"/admin/employers/{employer.id}/register/3"
    product = first(db, InsuranceProduct)
    response = post(
        admin_client,
        step3,
        {"insurance_product_id": product.id, "policy_number": "VZ-2026-1", "start_date": "2026-01-01"},
    )
    assert response.status_code == 302
    assert "VZ-2026-1" in admin_client.get(step3).get_data(as_text=True)
    step4 = f"/admin/employers/{employer.id}/register/4"
    variations = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).all()
    contract = first(db, ContractModel)
    policy = employer.policies[0]
    for variation, start, end in (
        (variations[0], "2026-01-01", "2026-12-31"),
        (variations[3], "01-02-2026", ""),
    ):
        response = post(
            admin_client,
            step4,
            {
                "service_variation_id": variation.id,
                "contract_model_id": contract.id if variation is variations[0] else "",
                "policy_id": policy.id if variation is variations[0] else "",
                "start_date": start,
                "end_date": end,
            },
        )
        assert response.status_code == 302
    agreements = db.session.scalars(
        sa.select(ServiceAgreement).where(ServiceAgreement.employer_id == employer.id)
    ).all()
    assert len(agreements) == 2  # stacked
    assert agreements[0].mandate == policy.product.mandate  # the insured interest's mandate
    actions = set(
        db.session.scalars(
            sa.select(LogEntry.action).where(
                LogEntry.action.in_(["employer.registered", "policy.added", "agreement.added"])
            )
        )
    )
    assert actions == {"employer.registered", "policy.added", "agreement.added"}
    page = admin_client.get(f"/admin/employers/{employer.id}/").get_data(as_text=True)
    assert "WVP De luxe" in page and "Losse inzet interventies" in page and "VZ-2026-1" in page


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"name": "  "}, "name", "Dit veld is verplicht."),
        ({"kvk_number": "123"}, "kvk_number", "Een KvK-nummer bestaat uit 8 cijfers."),
        ({"postcode": "ABCD"}, "postcode", "Een postcode ziet eruit als 1234 AB."),
        ({"contact_email": "geen-adres"}, "contact_email", "Geef een geldig e-mailadres."),
    ],
)
def test_step_one_refuses_bad_details_under_the_field(admin_client, db, changes, field, message):
    before = count(db, Employer)
    page = post(admin_client, STEP1, details(**changes)).get_data(as_text=True)
    assert f'data-field="{field}">{message}</div>' in page
    assert count(db, Employer) == before
    assert admin_client.get(STEP2).status_code == 302  # step 2 needs an accepted step 1


def test_step_one_refuses_a_name_already_taken(admin_client, db, create_employer):
    create_employer(name="Bestaande B.V.")
    page = post(admin_client, STEP1, details(name="bestaande b.v.")).get_data(as_text=True)
    assert 'data-field="name">Er is al een werkgever met deze naam.</div>' in page


def test_step_two_refuses_a_referrer_of_another_label_and_saves_nothing(admin_client, db, now):
    other = Label(name="Ander label")
    foreign = Referrer(name="Andere aanmelder", label=other)
    db.session.add_all([other, foreign])
    db.session.flush()
    post(admin_client, STEP1, details())
    before = count(db, Employer), count(db, LogEntry)
    page = post(admin_client, STEP2, {"label_id": first(db, Label).id, "referrer_id": foreign.id})
    text = page.get_data(as_text=True)
    assert 'data-field="referrer_id">Aanmelder Andere aanmelder hoort niet bij label' in text
    assert (count(db, Employer), count(db, LogEntry)) == before
    text = post(admin_client, STEP2, {"label_id": "", "referrer_id": ""}).get_data(as_text=True)
    assert 'data-field="label_id">Dit veld is verplicht.</div>' in text


def test_step_three_refuses_bad_policies_under_the_field(admin_client, db, create_employer):
    employer = create_employer()
    path = f"/admin/employers/{employer.id}/register/3"
    product = first(db, InsuranceProduct)
    before = count(db, Policy)
    text = post(
        admin_client,
        path,
        {
            "insurance_product_id": product.id,
            "policy_number": "X1",
            "start_date": "2026-02-01",
            "end_date": "2026-01-01",
        },
    ).get_data(as_text=True)
    assert 'data-field="end_date">De einddatum ligt vóór de begindatum.</div>' in text
    text = post(
        admin_client,
        path,
        {"insurance_product_id": product.id, "policy_number": "", "start_date": "gisteren"},
    ).get_data(as_text=True)
    assert 'data-field="policy_number">Dit veld is verplicht.</div>' in text
    assert 'data-field="start_date">Geef een datum, bijvoorbeeld 05-03-2026.</div>' in text
    assert count(db, Policy) == before


def test_step_four_refuses_unordered_periods_and_foreign_variations(admin_client, db, create_employer):
    employer = create_employer(agreement=False)
    path = f"/admin/employers/{employer.id}/register/4"
    variation = first(db, ServiceVariation)
    stranger = ServiceVariation(name="Niet in het label", service_type=variation.service_type)
    db.session.add(stranger)
    db.session.flush()
    before = count(db, ServiceAgreement)
    text = post(
        admin_client,
        path,
        {"service_variation_id": variation.id, "start_date": "2026-06-01", "end_date": "2026-05-31"},
    ).get_data(as_text=True)
    assert 'data-field="end_date">De einddatum ligt vóór de begindatum.</div>' in text
    text = post(
        admin_client, path, {"service_variation_id": stranger.id, "start_date": "2026-01-01", "mandate": "10"}
    ).get_data(as_text=True)
    assert (
        'data-field="service_variation_id">Label Traject Voorbeeldlabel staat variatie Niet in het label'
        in text
    )
    assert 'data-field="mandate">Een mandaat hoort bij een verzekerd belang' in text
    assert count(db, ServiceAgreement) == before


def test_step_four_refuses_a_second_variation_of_one_service_type(admin_client, db, create_employer):
    employer = create_employer()  # WVP De luxe from 01-01-2025 on
    on_call = db.session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == "WVP Op afroep"))
    before = count(db, ServiceAgreement), count(db, LogEntry)
    text = post(
        admin_client,
        f"/admin/employers/{employer.id}/register/4",
        {"service_variation_id": on_call.id, "start_date": "2026-01-01"},
    ).get_data(as_text=True)
    assert (
        'data-field="service_variation_id">Deze periode overlapt met de overeenkomst WVP De luxe '
        "(01-01-2025 – doorlopend); variaties van Arbodienstverlening WVP sluiten elkaar uit.</div>"
    ) in text
    assert (count(db, ServiceAgreement), count(db, LogEntry)) == before


def test_employer_page_says_which_templates_it_may_start_today_and_why(admin_client, db, create_employer):
    allowed = create_employer(name="Met Dienstverlening B.V.")
    page = admin_client.get(f"/admin/employers/{allowed.id}/").get_data(as_text=True)
    row = page.split('id="allowed-templates"')[1].split("</table>")[0]
    assert '<tr class="allowed"><td>Inzet interventie</td>' in row
    assert "toegestaan door WVP De luxe (01-01-2025 – doorlopend)" in row

    none = create_employer(name="Zonder Dienstverlening B.V.", agreement=False)
    row = (
        admin_client.get(f"/admin/employers/{none.id}/")
        .get_data(as_text=True)
        .split('id="allowed-templates"')[1]
    )
    assert '<tr class="not-allowed"><td>Inzet interventie</td>' in row
    assert "Werkgever Zonder Dienstverlening B.V. heeft geen dienstverleningsovereenkomst." in row

    ended = create_employer(name="Afgelopen B.V.", agreement=False)
    db.session.add(
        ServiceAgreement(
            employer=ended,
            variation=first(db, ServiceVariation),
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2024, 12, 31),
        )
    )
    db.session.flush()
    row = (
        admin_client.get(f"/admin/employers/{ended.id}/")
        .get_data(as_text=True)
        .split('id="allowed-templates"')[1]
    )
    assert "de overeenkomst WVP De luxe geldt niet vandaag (01-01-2024 – 31-12-2024)" in row


def test_edit_goes_through_the_engine_and_refusals_change_nothing(admin_client, db, create_employer):
    employer = create_employer(name="Oud B.V.")
    create_employer(name="Bezet B.V.")
    path = f"/admin/employers/{employer.id}/edit"
    form = {"name": "Bezet B.V.", "label_id": employer.label_id, "postcode": "1234AB", "active": "ja"}
    text = post(admin_client, path, form).get_data(as_text=True)
    assert 'data-field="name">Er is al een werkgever met deze naam.</div>' in text
    db.session.refresh(employer)
    assert (employer.name, employer.postcode) == ("Oud B.V.", "")
    response = post(admin_client, path, {**form, "name": "Nieuw B.V."})
    assert response.status_code == 302
    db.session.refresh(employer)
    assert (employer.name, employer.postcode, employer.active) == ("Nieuw B.V.", "1234 AB", True)
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "employer.updated"))
    assert "naam" in entry.message and "postcode" in entry.message
    response = post(admin_client, path, {**form, "name": "Nieuw B.V."} | {"active": ""})
    db.session.refresh(employer)
    assert employer.active is False


def test_list_searches_and_links_to_the_page(admin_client, create_employer):
    employer = create_employer(name="Zoekbare Zuivel B.V.", city="Gouda")
    create_employer(name="Andere Naam B.V.")
    page = admin_client.get("/admin/employers/?search=zuivel").get_data(as_text=True)
    assert f'href="/admin/employers/{employer.id}/"' in page and "Andere Naam" not in page
    assert 'id="new-employer"' in page


def test_a_post_without_csrf_token_is_refused_and_saves_nothing(admin_client, db, create_employer):
    employer = create_employer(agreement=False)
    before = count(db, ServiceAgreement)
    response = admin_client.post(
        f"/admin/employers/{employer.id}/register/4",
        data={"service_variation_id": first(db, ServiceVariation).id, "start_date": "2026-01-01"},
    )
    assert response.status_code == 400
    assert count(db, ServiceAgreement) == before
    assert admin_client.post(STEP1, data=details()).status_code == 400


def test_a_case_manager_may_not_see_or_register_employers(cm_client, db, create_employer):
    employer = create_employer()
    for path in (
        "/admin/employers/",
        STEP1,
        f"/admin/employers/{employer.id}/",
        f"/admin/employers/{employer.id}/edit",
    ):
        assert cm_client.get(path).status_code == 403
    token = csrf_token(cm_client, "/admin/")
    before = count(db, Employer)
    response = cm_client.post(STEP1, data={**details(), "csrf_token": token})
    assert response.status_code == 403 and count(db, Employer) == before
