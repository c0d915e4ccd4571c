"""Service agreements through the API: stacking across service types, two variations of one type refused."""

from __future__ import annotations

import sqlalchemy as sa

from models import LogEntry, ServiceAgreement, ServiceVariation


def variation(db, name: str) -> ServiceVariation:
    return db.session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == name))


def counts(db) -> tuple[int, int]:
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    return count(ServiceAgreement), count(LogEntry)


def test_agreements_stack_across_service_types_and_exclude_within_one(db, api, create_employer):
    employer = create_employer(agreement=False)
    path = f"/employers/{employer.id}/agreements"
    luxe = api.post(
        path, json={"service_variation_id": variation(db, "WVP De luxe").id, "start_date": "2026-01-01"}
    )
    assert luxe.status_code == 201, luxe.json
    assert (luxe.json["variation"], luxe.json["service_type"], luxe.json["poortwachter_carrier"]) == (
        "WVP De luxe",
        "Arbodienstverlening WVP",
        "arbodienst",
    )
    before = counts(db)
    refused = api.post(
        path, json={"service_variation_id": variation(db, "WVP Op afroep").id, "start_date": "2026-06-01"}
    )
    assert refused.status_code == 422
    assert refused.json["errors"] == {
        "service_variation_id": "Deze periode overlapt met de overeenkomst WVP De luxe (01-01-2026 – doorlopend); "
        "variaties van Arbodienstverlening WVP sluiten elkaar uit."
    }
    assert counts(db)[0] == before[0]
    wga = api.post(
        path,
        json={
            "service_variation_id": variation(db, "WGA-begeleiding volledig").id,
            "start_date": "2026-02-01",
        },
    )
    assert wga.status_code == 201, wga.json
    listed = api.get(path).json
    assert [a["variation"] for a in listed] == ["WVP De luxe", "WGA-begeleiding volledig"]


def test_a_case_managers_token_may_not_add_agreements(db, make_token, casemanager, create_employer):
    employer = create_employer(agreement=False)
    before = counts(db)
    response = make_token(user=casemanager).post(
        f"/employers/{employer.id}/agreements",
        json={"service_variation_id": variation(db, "WVP De luxe").id, "start_date": "2026-01-01"},
    )
    assert response.status_code == 403
    assert counts(db)[0] == before[0]
