"""The console's Verzuimcijfers page: the hand-built figures as a user reads them, the CSV, the caseload, refusals;
and the dossier's Dienstverband form."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.console.conftest import csrf_token, sign_in
from tests.reports.absence_data import build

PERIOD = "van=2026-01-01&tot=2026-03-31"


@pytest.fixture
def absence(db, create_employer, create_employee, create_user):
    """The hand-built data set of absence_data.py."""
    return build(db, create_employer, create_employee, create_user)


def table(page: str) -> list[list[str]]:
    """The table as shown: the heading row, then one row of cell texts per employer and the total."""
    body = page.split('id="absence-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [html.unescape(c.strip()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows
    ]


def errors(page: str) -> dict[str, str]:
    found = re.findall(r'<div class="alert alert-danger error" data-field="(\w+)">(.*?)</div>', page, re.S)
    return {name: html.unescape(message) for name, message in found}


def get(client, user, query: str = PERIOD) -> str:
    sign_in(client, user)
    response = client.get(f"/admin/absence/?{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_administrator_reads_every_figure_in_dutch(client, absence, admin_user):
    rows = table(get(client, admin_user))
    assert rows[0][:7] == [
        "Werkgever",
        "Werknemers",
        "Basis",
        "Zonder contracturen (geteld als voltijd)",
        "Beschikbare dagen (fte)",
        "Verzuimdagen (fte)",
        "Verzuimpercentage",
    ]
    assert rows[1] == [
        "Verzuim A B.V.", "5", "bekende werknemers", "1", "395,8", "106,8", "26,98%", "5", "4,36", "5", "24,0", "1", "3", "1", "0", "0"
    ]  # fmt: skip
    assert rows[2] == [
        "Verzuim B B.V.", "3", "bekende werknemers", "0", "189,5", "1,0", "0,53%", "1", "1,62", "3", "244,0", "1", "0", "1", "1", "1"
    ]  # fmt: skip
    assert rows[3] == [
        "Totaal", "8", "bekende werknemers", "1", "585,3", "107,8", "18,42%", "6", "3,40", "8", "106,5", "2", "3", "2", "1", "1"
    ]  # fmt: skip


def test_the_page_explains_the_definitions_and_uses_no_script(client, absence, admin_user):
    page = get(client, admin_user)
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # no inline script: only the base's files
    definitions = html.unescape(page.split('id="absence-definitions"', 1)[1])
    for words in ("Verzuimpercentage", "Meldingsfrequentie", "kort 1–7 dagen", "tellen als voltijd (38 uur)"):
        assert words in definitions


def test_a_case_manager_sees_their_caseload(client, absence):
    page = get(client, absence.cm)
    assert "Cijfers van je eigen caseload." in page
    rows = table(page)
    assert [r[0] for r in rows[1:]] == ["Verzuim A B.V.", "Totaal"]
    assert rows[2][1:3] == ["2", "bekende werknemers"] and rows[2][6] == "20,50%"
    options = re.findall(
        r'<option value="(\d+)"', page.split('id="werkgever"', 1)[1].split("</select>", 1)[0]
    )
    assert options == [str(absence.employer_a.id)]  # only the employers of the own caseload to choose from


def test_one_employer_and_its_csv(client, absence, admin_user):
    rows = table(get(client, admin_user, f"{PERIOD}&werkgever={absence.employer_b.id}"))
    assert [r[0] for r in rows[1:]] == ["Verzuim B B.V.", "Totaal"]
    response = client.get(f"/admin/absence/csv?{PERIOD}&werkgever={absence.employer_b.id}")
    assert response.status_code == 200
    assert 'filename="verzuimcijfers-2026-01-01-2026-03-31.csv"' in response.headers["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert lines[1] == [
        "Verzuim B B.V.", "3", "bekende werknemers", "0", "189.5", "1.0", "0.53", "1", "1.62", "3", "244.0", "1", "0", "1", "1", "1"
    ]  # fmt: skip
    assert lines[2][0] == "Totaal"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("van=2026-02-01&tot=2026-01-01", "tot", "Tot en met: de einddatum ligt vóór de begindatum."),
        ("van=morgen&tot=2026-01-01", "van", "Van: “morgen” is geen geldige datum; gebruik jjjj-mm-dd."),
        (f"{PERIOD}&werkgever=999999", "werkgever", "Werkgever: kies een werkgever uit de lijst."),
        (f"{PERIOD}&werkgever=abc", "werkgever", "Werkgever: kies een werkgever uit de lijst."),
    ],
)
def test_bad_input_is_named_and_shows_no_figures(client, absence, admin_user, query, field, message):
    page = get(client, admin_user, query)
    assert errors(page) == {field: message}
    assert 'id="absence-table"' not in page
    assert client.get(f"/admin/absence/csv?{query}").status_code == 302  # back to the form, no file


def test_the_default_period_is_the_last_12_months(client, absence, admin_user):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 3, 31, 10, 0, tzinfo=dt.UTC), tick=False):
        page = get(client, admin_user, "")
    assert "Periode 01-04-2025 t/m 31-03-2026." in html.unescape(page)


def test_the_dossier_records_the_dienstverband(client, db, create_employee, casemanager):
    from models import Employee, LogEntry

    employee = create_employee(case_manager=casemanager)
    sign_in(client, casemanager)
    answer = client.post(
        f"/admin/dossiers/{employee.id}/employment",
        data={
            "employment_start": "2025-09-01",
            "employment_end": "",
            "contract_hours": "24,5",
            "csrf_token": csrf_token(client, f"/admin/dossiers/{employee.id}/"),
        },
    )
    assert answer.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Employee, employee.id)
    assert (stored.employment_start, stored.employment_end, stored.contract_hours) == (
        dt.date(2025, 9, 1),
        None,
        Decimal("24.50"),
    )
    page = client.get(f"/admin/dossiers/{employee.id}/").get_data(as_text=True)
    assert "01-09-2025 – heden, 24,50 uur per week" in html.unescape(page)
    assert db.session.scalar(
        sa.select(LogEntry.message).where(LogEntry.action == "employee.updated").order_by(LogEntry.id.desc())
    ).endswith("gewijzigd: in dienst sinds, contracturen per week")


def test_the_dossier_refuses_a_bad_dienstverband_and_keeps_what_was_there(
    client, db, create_employee, casemanager
):
    from models import Employee

    employee = create_employee(case_manager=casemanager, contract_hours=Decimal("38"))
    sign_in(client, casemanager)
    answer = client.post(
        f"/admin/dossiers/{employee.id}/employment",
        data={
            "employment_start": "2026-02-01",
            "employment_end": "2026-01-31",
            "contract_hours": "70",
            "csrf_token": csrf_token(client, f"/admin/dossiers/{employee.id}/"),
        },
        follow_redirects=True,
    )
    page = html.unescape(answer.get_data(as_text=True))
    assert "Contracturen per week: Meer dan 0 en hoogstens 60 uur per week." in page
    db.session.expire_all()
    stored = db.session.get(Employee, employee.id)
    assert (stored.employment_start, stored.contract_hours) == (None, Decimal("38.00"))


def test_the_page_and_its_csv_say_which_basis_each_row_used(client, absence, admin_user):
    from tests.reports.absence_data import add_workforces

    add_workforces(absence, admin_user)  # worked out in test_absence_workforce.py
    rows = table(get(client, admin_user))
    assert [r[:3] for r in rows[1:]] == [
        ["Verzuim A B.V.", "34", "deels personeelsbestand"],
        ["Verzuim B B.V.", "21", "personeelsbestand"],
        ["Totaal", "55", "gemengd"],
    ]
    assert [r[4:9] for r in rows[1:]] == [
        ["2.485,6", "106,8", "4,30%", "5", "0,59"],
        ["1.573,5", "1,0", "0,06%", "1", "0,19"],
        ["4.059,1", "107,8", "2,66%", "6", "0,44"],
    ]
    lines = list(csv.reader(io.StringIO(client.get(f"/admin/absence/csv?{PERIOD}").get_data(as_text=True))))
    assert [line[:7] for line in lines[1:]] == [
        ["Verzuim A B.V.", "34", "deels personeelsbestand", "1", "2485.6", "106.8", "4.30"],
        ["Verzuim B B.V.", "21", "personeelsbestand", "0", "1573.5", "1.0", "0.06"],
        ["Totaal", "55", "gemengd", "1", "4059.1", "107.8", "2.66"],
    ]


def test_a_case_manager_keeps_the_basis_of_known_employees(client, absence, admin_user):
    from tests.reports.absence_data import add_workforces

    add_workforces(absence, admin_user)
    page = get(client, absence.cm)
    assert "Een caseload is niet het personeelsbestand van een werkgever" in html.unescape(page)
    rows = table(page)
    assert [r[:3] for r in rows[1:]] == [
        ["Verzuim A B.V.", "2", "bekende werknemers"],
        ["Totaal", "2", "bekende werknemers"],
    ]
    assert rows[1][6] == "20,50%"
