"""The agenda through the API: availability, free slots, consults and their steps, with the engine's refusals."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from models import Availability, Consult, Contact
from tests.conftest import NOW


@pytest.fixture
def pinned():
    """The API's clock at the pinned NOW (Monday 2 March 2026, 10:30 in Amsterdam)."""
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def mine(make_token, casemanager, pinned):
    """A token acting as the case manager."""
    return make_token(user=casemanager)


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_availability_free_slots_and_a_consult_from_plan_to_held(db, mine, agenda, weekly_availability):
    made = mine.post("/agenda/availabilities", json=weekly_availability())
    assert made.status_code == 201, made.json
    assert made.json["weekdays"] == ["ma", "di", "wo", "do", "vr"]
    listed = mine.get("/agenda/availabilities")
    assert [a["id"] for a in listed.json] == [made.json["id"]]

    consult = mine.post(
        f"/employees/{agenda.employee.id}/consults", json={"consult_type_id": agenda.consult_type.id}
    )
    assert consult.status_code == 201, consult.json
    assert (consult.json["status"], consult.json["status_label"]) == ("in_te_plannen", "In te plannen")

    slots = mine.get(
        "/agenda/free-slots",
        query_string={
            "consult_type_id": agenda.consult_type.id,
            "date_from": "2026-03-03",
            "date_until": "2026-03-03",
        },
    )
    assert slots.status_code == 200, slots.json
    assert slots.json[0] == {
        "starts_at": "2026-03-03T09:00",
        "ends_at": "2026-03-03T09:45",
        "location_id": agenda.location.id,
    }

    planned = mine.post(
        f"/consults/{consult.json['id']}/plan", json={"starts_at": slots.json[0]["starts_at"]}
    )
    assert planned.status_code == 200, planned.json
    assert (planned.json["status"], planned.json["starts_at"]) == ("ingepland", "2026-03-03T09:00")

    early = mine.post(f"/consults/{consult.json['id']}/report", json={"outcome": "afgehandeld"})
    assert early.status_code == 422
    assert early.json["errors"] == {"outcome": "Het gesprek is nog niet begonnen; afmelden kan daarna."}

    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        held = mine.post(
            f"/consults/{consult.json['id']}/report", json={"outcome": "afgehandeld", "text": "Goed"}
        )
    assert held.status_code == 200, held.json
    assert held.json["status"] == "afgehandeld" and held.json["contact_id"] is not None
    assert _count(db, Contact) == 1

    again = mine.post(f"/consults/{consult.json['id']}/plan", json={"starts_at": "2026-03-04T09:00"})
    assert again.status_code == 409
    assert again.json["errors"] == {"status": "Een gesprek met status Afgehandeld kan niet worden ingepland."}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_time": "08:00"}, "end_time"),
        ({"weekdays": "zz"}, "weekdays"),
        ({"frequency": 5}, "frequency"),
        ({"location_id": "x"}, "location_id"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_availability_answers_422_naming_the_field(db, mine, weekly_availability, fields, field):
    answer = mine.post("/agenda/availabilities", json=weekly_availability(**fields))
    assert answer.status_code == 422 and field in answer.json["errors"], answer.json
    assert _count(db, Availability) == 0


def test_another_agenda_and_caseload_are_403(
    db, mine, make_token, create_user, create_employee, agenda, weekly_availability
):
    other = create_user()
    assert mine.post("/agenda/availabilities", json=weekly_availability(user_id=other.id)).status_code == 403
    assert mine.get("/agenda/availabilities", query_string={"user_id": other.id}).status_code == 403
    stranger = create_employee()
    assert (
        mine.post(
            f"/employees/{stranger.id}/consults", json={"consult_type_id": agenda.consult_type.id}
        ).status_code
        == 403
    )
    assert _count(db, Availability) == 0 and _count(db, Consult) == 0


def test_replanning_and_a_second_no_show_through_the_api(db, mine, agenda, weekly_availability):
    mine.post("/agenda/availabilities", json=weekly_availability())
    made = mine.post(
        f"/employees/{agenda.employee.id}/consults", json={"consult_type_id": agenda.consult_type.id}
    ).json
    path = f"/consults/{made['id']}"
    assert mine.post(f"{path}/plan", json={"starts_at": "2026-03-03T10:00"}).status_code == 200
    parked = mine.post(f"{path}/replan", json={"replan": "parkeren", "parked_until": "2026-03-04"})
    assert (parked.json["status"], parked.json["parked_until"], parked.json["starts_at"]) == (
        "geparkeerd",
        "2026-03-04",
        None,
    )
    assert (
        mine.post(f"{path}/plan", json={"starts_at": "2026-03-05T10:00"}).status_code == 422
    )  # parked until 4-3
    with time_machine.travel(dt.datetime(2026, 3, 4, 8, tzinfo=dt.UTC), tick=False):
        assert mine.post(f"{path}/plan", json={"starts_at": "2026-03-05T10:00"}).status_code == 200
    with time_machine.travel(dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC), tick=False):
        first = mine.post(f"{path}/report", json={"outcome": "niet_verschenen"}).json
        assert (first["status"], first["no_show_count"]) == ("in_te_plannen", 1)
        assert mine.post(f"{path}/plan", json={"starts_at": "2026-03-06T09:00"}).status_code == 200
    with time_machine.travel(dt.datetime(2026, 3, 6, 10, tzinfo=dt.UTC), tick=False):
        second = mine.post(f"{path}/report", json={"outcome": "niet_verschenen"}).json
    assert (second["status"], second["no_show_count"]) == ("beeindigd", 2)
    signals = mine.get("/signals/").json
    assert [s["kind"] for s in signals] == ["consult_no_show"]
    assert [c["id"] for c in mine.get("/consults/", query_string={"status": "beeindigd"}).json] == [
        made["id"]
    ]


def test_the_product_report_through_the_api(db, mine, agenda, weekly_availability):
    mine.post("/agenda/availabilities", json=weekly_availability())
    made = mine.post(
        f"/employees/{agenda.employee.id}/consults", json={"consult_type_id": agenda.consult_type.id}
    ).json
    mine.post(f"/consults/{made['id']}/plan", json={"starts_at": "2026-03-03T10:00"})
    rows = mine.get("/agenda/report", query_string={"month": "2026-03"}).json
    assert rows == [
        {
            "consult_type": "Spreekuur",
            "user": "Sanne de Wit",
            "planned": 1,
            "held": 0,
            "cancelled": 0,
            "no_show": 0,
            "amount": "0.00",
        }
    ]
    assert mine.get("/agenda/report", query_string={"month": "maart"}).status_code == 422


def test_the_invitation_and_the_report_document_through_the_api(db, mine, agenda, weekly_availability):
    mine.post("/agenda/availabilities", json=weekly_availability())
    made = mine.post(
        f"/employees/{agenda.employee.id}/consults", json={"consult_type_id": agenda.consult_type.id}
    )
    consult_id = made.json["id"]
    early = mine.post(f"/consults/{consult_id}/invitation")
    assert early.status_code == 409
    assert early.json["errors"]["status"].endswith("dit gesprek heeft status In te plannen.")
    mine.post(f"/consults/{consult_id}/plan", json={"starts_at": "2026-03-03T09:00"})
    letter = mine.post(f"/consults/{consult_id}/invitation")
    assert letter.status_code == 201, letter.json
    assert (letter.json["consult_id"], letter.json["trajectory_id"]) == (consult_id, None)
    assert letter.json["title"].startswith("Uitnodiging spreekuur op 03-03-2026")
    pdf = mine.get(f"/documents/{letter.json['id']}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    listed = mine.get(f"/employees/{agenda.employee.id}/documents")
    assert [d["id"] for d in listed.json] == [letter.json["id"]]
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        wrong = mine.post(
            f"/consults/{consult_id}/report", json={"outcome": "niet_verschenen", "document": True}
        )
        assert wrong.status_code == 422 and "document" in wrong.json["errors"]
        held = mine.post(
            f"/consults/{consult_id}/report",
            json={"outcome": "afgehandeld", "text": "Goed gesprek", "document": True},
        )
    assert held.status_code == 200 and held.json["status"] == "afgehandeld"
    listed = mine.get(f"/employees/{agenda.employee.id}/documents")
    assert len(listed.json) == 2 and listed.json[0]["title"].startswith("Verslag spreekuur van 03-03-2026")


def test_the_price_that_applies_and_the_report_amount(db, mine, agenda, weekly_availability):
    from decimal import Decimal

    from models import ContractConsultPrice, ContractModel

    model = ContractModel(name="Spreekuren 2026")
    model.consult_prices.append(
        ContractConsultPrice(consult_type=agenda.consult_type, price=Decimal("120.00"))
    )
    agenda.employee.employer.agreements[0].contract_model = model
    db.session.add(model)
    db.session.flush()
    mine.post("/agenda/availabilities", json=weekly_availability())
    made = mine.post(
        f"/employees/{agenda.employee.id}/consults", json={"consult_type_id": agenda.consult_type.id}
    )
    assert made.json["price"] == "120.00"
    mine.post(f"/consults/{made.json['id']}/plan", json={"starts_at": "2026-03-03T09:00"})
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        mine.post(f"/consults/{made.json['id']}/report", json={"outcome": "afgehandeld"})
    report = mine.get("/agenda/report", query_string={"month": "2026-03"})
    assert report.status_code == 200 and report.json[0]["amount"] == "120.00"
