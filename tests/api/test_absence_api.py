"""The API door of the absence figures and of the employee's dienstverband (in dienst, uit dienst, contracturen)."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from tests.reports.absence_data import EXPECTED_A, EXPECTED_B, EXPECTED_TOTAL, build


@pytest.fixture
def absence(db, create_employer, create_employee, create_user):
    """The hand-built data set of tests/reports/absence_data.py."""
    return build(db, create_employer, create_employee, create_user)


def _json(row: dict) -> dict:
    """A row as the API writes it: decimals as strings."""
    return {k: (None if v is None else str(v) if not isinstance(v, int | str) else v) for k, v in row.items()}


def test_the_figures_as_json_per_employer_and_in_total(api, absence):
    answer = api.get("/reports/absence?date_from=2026-01-01&date_to=2026-03-31")
    assert answer.status_code == 200
    body = answer.get_json()
    assert (body["date_from"], body["date_to"]) == ("2026-01-01", "2026-03-31")
    assert body["rows"] == [_json(EXPECTED_A), _json(EXPECTED_B)]
    assert body["total"] == _json(EXPECTED_TOTAL)


def test_one_employer_and_csv(api, absence):
    answer = api.get(
        f"/reports/absence?date_from=2026-01-01&date_to=2026-03-31&employer_id={absence.employer_b.id}&format=csv"
    )
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True))))
    assert rows[0][:7] == [
        "Werkgever",
        "Werknemers",
        "Basis",
        "Zonder contracturen (geteld als voltijd)",
        "Beschikbare dagen (fte)",
        "Verzuimdagen (fte)",
        "Verzuimpercentage",
    ]
    assert rows[1][:3] == ["Verzuim B B.V.", "3", "bekende werknemers"] and rows[1][6] == "0.53"
    assert rows[2][0] == "Totaal" and rows[2][6] == "0.53"


def test_a_case_managers_token_gets_the_caseload_only(make_token, absence):
    caller = make_token(user=absence.cm)
    body = caller.get("/reports/absence?date_from=2026-01-01&date_to=2026-03-31").get_json()
    assert [r["employer"] for r in body["rows"]] == ["Verzuim A B.V."]
    assert body["total"]["absence_percentage"] == "20.50"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=2026-02-01&date_to=2026-01-01", "date_to"),
        ("date_from=2026-13-01&date_to=2026-03-31", "date_from"),
        ("date_from=2026-01-01&date_to=2026-03-31&employer_id=999999", "employer_id"),
        ("date_from=2026-01-01&date_to=2026-03-31&format=xml", "format"),
    ],
)
def test_bad_input_is_refused_naming_the_field(api, absence, query, field):
    answer = api.get(f"/reports/absence?{query}")
    assert answer.status_code == 422
    assert field in str(answer.get_json()["errors"])


def test_the_endpoint_is_in_the_openapi_document(api):
    spec = api.get("/openapi.json").get_json()
    assert "/api/v1/reports/absence" in spec["paths"]
    employee = spec["components"]["schemas"]["EmployeeOut"]["properties"]
    assert {"employment_start", "employment_end", "contract_hours"} <= set(employee)


def test_dienstverband_through_patch_and_in_the_answer(api, create_employee):
    employee_id = create_employee().id
    changed = api.patch(
        f"/employees/{employee_id}",
        json={"employment_start": "2024-02-01", "employment_end": "2026-06-30", "contract_hours": "32,5"},
    )
    assert changed.status_code == 200
    body = changed.get_json()
    assert (body["employment_start"], body["employment_end"], body["contract_hours"]) == (
        "2024-02-01",
        "2026-06-30",
        "32.50",
    )
    assert api.get(f"/employees/{employee_id}").get_json()["contract_hours"] == "32.50"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"employment_start": "2026-03-01", "employment_end": "2026-02-28"},
            "employment_end",
            "De datum uit dienst (28-02-2026) ligt vóór de datum in dienst (01-03-2026).",
        ),
        ({"contract_hours": "0"}, "contract_hours", "Meer dan 0 en hoogstens 60 uur per week."),
        ({"contract_hours": "60,5"}, "contract_hours", "Meer dan 0 en hoogstens 60 uur per week."),
        ({"contract_hours": "veel"}, "contract_hours", "Geef een getal, bijvoorbeeld 212,50."),
        ({"employment_start": "gisteren"}, "employment_start", "Geef een datum, bijvoorbeeld 05-03-2026."),
    ],
)
def test_bad_dienstverband_is_refused_and_nothing_changes(api, db, create_employee, data, field, message):
    from models import Employee

    employee_id = create_employee(contract_hours=38).id
    refused = api.patch(f"/employees/{employee_id}", json=data)
    assert refused.status_code == 422
    assert refused.get_json()["errors"][field] == message
    db.session.expire_all()
    row = db.session.execute(
        sa.select(Employee.employment_start, Employee.employment_end, Employee.contract_hours).where(
            Employee.id == employee_id
        )
    ).one()
    assert (row.employment_start, row.employment_end, int(row.contract_hours)) == (None, None, 38)


def test_an_end_before_the_stored_start_is_refused_on_its_own(api, create_employee):
    import datetime as dt

    employee_id = create_employee(employment_start=dt.date(2025, 5, 1)).id
    refused = api.patch(f"/employees/{employee_id}", json={"employment_end": "2025-04-30"})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {
        "employment_end": "De datum uit dienst (30-04-2025) ligt vóór de datum in dienst (01-05-2025)."
    }


def test_the_figures_say_their_basis_with_the_workforce(api, absence, admin_user):
    from tests.reports.absence_data import add_workforces

    add_workforces(absence, admin_user)  # worked out in tests/reports/test_absence_workforce.py
    body = api.get("/reports/absence?date_from=2026-01-01&date_to=2026-03-31").get_json()
    assert [(r["employer"], r["basis"], r["employees"], r["absence_percentage"]) for r in body["rows"]] == [
        ("Verzuim A B.V.", "partial", 34, "4.30"),
        ("Verzuim B B.V.", "workforce", 21, "0.06"),
    ]
    assert (body["total"]["basis"], body["total"]["employees"], body["total"]["report_frequency"]) == (
        "mixed",
        55,
        "0.44",
    )
    csv_rows = list(
        csv.reader(
            io.StringIO(
                api.get("/reports/absence?date_from=2026-01-01&date_to=2026-03-31&format=csv").get_data(
                    as_text=True
                )
            )
        )
    )
    assert [r[2] for r in csv_rows] == ["Basis", "deels personeelsbestand", "personeelsbestand", "gemengd"]


def test_the_workforce_figures_are_read_and_written_through_the_api(api, db, absence, make_token):
    from models import EmployerWorkforce

    base = f"/employers/{absence.employer_a.id}/workforce"
    assert api.get(base).get_json() == []
    made = api.post(base, json={"valid_from": "2026-01-01", "headcount": 60, "fte": "51.5"})
    assert made.status_code == 201, made.get_json()
    item = made.get_json()
    assert {k: item[k] for k in ("valid_from", "valid_until", "headcount", "fte")} == {
        "valid_from": "2026-01-01",
        "valid_until": None,
        "headcount": 60,
        "fte": "51.50",
    }
    overlapping = api.post(base, json={"valid_from": "2026-02-01", "headcount": 60, "fte": "51.5"})
    assert overlapping.status_code == 422
    assert "overlapt" in overlapping.get_json()["errors"]["valid_from"]
    too_many = api.patch(f"{base}/{item['id']}", json={"fte": "95"})
    assert too_many.status_code == 422
    assert too_many.get_json()["errors"] == {
        "fte": "Hoogstens 94,73 fte bij 60 werknemers (60 uur per week per werknemer, 38 uur is 1 fte)."
    }
    changed = api.patch(f"{base}/{item['id']}", json={"valid_until": "2026-12-31"})
    assert changed.status_code == 200 and changed.get_json()["valid_until"] == "2026-12-31"
    assert [w["headcount"] for w in api.get(base).get_json()] == [60]
    other = f"/employers/{absence.employer_b.id}/workforce/{item['id']}"
    assert api.patch(other, json={"headcount": 5}).status_code == 404  # not this employer's figure
    case_manager = make_token(user=absence.cm)
    assert case_manager.get(base).status_code == 200
    assert case_manager.delete(f"{base}/{item['id']}").status_code == 403
    assert api.delete(f"{base}/{item['id']}").status_code == 204
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EmployerWorkforce)) == 0
