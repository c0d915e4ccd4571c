"""POST /employees/{id}/contacts: a contact with the werknemer sets laatste contact; refusals name the field."""

from __future__ import annotations

import sqlalchemy as sa

from models import Contact


def test_record_a_contact_and_its_refusals(db, api, create_employee):
    employee = create_employee()
    made = api.post(
        f"/employees/{employee.id}/contacts",
        json={"kind": "video", "with_whom": "werknemer", "day": "2026-02-27", "text": "Voortgang"},
    )
    assert made.status_code == 201, made.json
    assert (made.json["kind"], made.json["with_whom"], made.json["day"]) == (
        "video",
        "werknemer",
        "2026-02-27",
    )
    assert api.get(f"/employees/{employee.id}").json["last_contact_on"] == "2026-02-27"
    bad = api.post(
        f"/employees/{employee.id}/contacts",
        json={"kind": "video", "with_whom": "buurman", "day": "2099-01-01"},
    )
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"with_whom"}
    future = api.post(
        f"/employees/{employee.id}/contacts",
        json={"kind": "email", "with_whom": "werknemer", "day": "2099-01-01"},
    )
    assert future.status_code == 422 and future.json["errors"] == {"day": "Deze datum ligt in de toekomst."}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 1
