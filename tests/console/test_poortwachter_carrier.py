"""Who carries the Poortwachter steps: a field on the service variation, shown on the dossier's klantbeeld."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from models import LogEntry, PoortwachterCarrier, ServiceAgreement, ServiceVariation

from .conftest import csrf_token


def variation(db, name: str) -> ServiceVariation:
    return db.session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == name))


def form(row: ServiceVariation, carrier: str) -> dict[str, object]:
    return {
        "service_type": row.service_type_id,
        "name": row.name,
        "description": row.description,
        "templates": [t.id for t in row.templates],
        "primary_template": row.primary_template_id,
        "poortwachter_carrier": carrier,
        "active": "y",
        "position": row.position,
    }


def test_the_variation_names_who_carries_the_steps_and_refuses_anything_else(admin_client, db):
    luxe, on_call = variation(db, "WVP De luxe"), variation(db, "WVP Op afroep")
    listing = admin_client.get("/admin/service_variations/").get_data(as_text=True)
    assert "Poortwachterstappen" in listing and "Arbodienst" in listing and "Werkgever" in listing
    page = admin_client.get(f"/admin/service_variations/edit/?id={on_call.id}").get_data(as_text=True)
    assert "Poortwachterstappen uitgevoerd door" in page
    assert '<option selected value="employer">Werkgever</option>' in page
    path = f"/admin/service_variations/edit/?id={luxe.id}"
    before = db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    response = admin_client.post(
        path, data={**form(luxe, "iemand"), "csrf_token": csrf_token(admin_client, path)}
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    field = text.split('id="poortwachter_carrier"')[1].split("</ul>")[0]
    assert "Ongeldige keuze" in field
    db.session.refresh(luxe)
    assert luxe.poortwachter_carrier == PoortwachterCarrier.ARBODIENST
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == before
    response = admin_client.post(path, data={**form(luxe, ""), "csrf_token": csrf_token(admin_client, path)})
    assert response.status_code == 302
    db.session.refresh(luxe)
    assert luxe.poortwachter_carrier is None  # niet van toepassing


def test_the_klantbeeld_says_who_carries_the_steps_today(
    cm_client, db, create_employer, create_employee, casemanager
):
    employer = create_employer(agreement=False)
    db.session.add(
        ServiceAgreement(
            employer=employer, variation=variation(db, "WVP Op afroep"), start_date=dt.date(2025, 1, 1)
        )
    )
    employee = create_employee(employer=employer, case_manager=casemanager)
    db.session.flush()
    page = cm_client.get(f"/admin/dossiers/{employee.id}/").get_data(as_text=True)
    agreements = page.split('id="agreements"')[1].split("</table>")[0]
    assert "WVP Op afroep" in agreements and "<td>Werkgever</td>" in agreements
    carrier = page.split('id="poortwachter-carrier"')[1].split("</p>")[0]
    assert "Poortwachterstappen vandaag uitgevoerd door: <strong>Werkgever</strong>" in carrier
    assert "geen signaleringen" in carrier

    default = create_employee(case_manager=casemanager)  # the factory's employer takes WVP De luxe
    page = cm_client.get(f"/admin/dossiers/{default.id}/").get_data(as_text=True)
    carrier = page.split('id="poortwachter-carrier"')[1].split("</p>")[0]
    assert "<strong>Arbodienst</strong>" in carrier and "geen signaleringen" not in carrier


def test_moving_a_variation_to_another_service_type_may_not_make_two_agreements_overlap(
    admin_client, db, create_employer
):
    employer = create_employer(name="Stapel B.V.")  # WVP De luxe from 01-01-2025 on
    wga = variation(db, "WGA-begeleiding volledig")
    wvp = variation(db, "WVP De luxe").service_type
    db.session.add(ServiceAgreement(employer=employer, variation=wga, start_date=dt.date(2026, 1, 1)))
    db.session.flush()
    path = f"/admin/service_variations/edit/?id={wga.id}"
    before = wga.service_type_id, db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    response = admin_client.post(
        path,
        data={**form(wga, ""), "service_type": wvp.id, "csrf_token": csrf_token(admin_client, path)},
    )
    assert response.status_code == 200
    assert (
        "Dienstverleningssoort: Stapel B.V. neemt WVP De luxe en WGA-begeleiding volledig tegelijk af "
        "(vanaf 01-01-2026); variaties van één dienstverleningssoort sluiten elkaar uit."
    ) in response.get_data(as_text=True)
    db.session.refresh(wga)
    assert (
        wga.service_type_id,
        db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)),
    ) == before
