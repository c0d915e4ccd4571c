"""The console's report page (Rapportage): figures of the hand-built data set, groupings, refusals, downloads."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
import time_machine
from openpyxl import load_workbook

from tests.console.conftest import sign_in

PERIOD = "van=2026-01-01&tot=2026-03-31"
GROUPINGS = {
    "none": "Totaal",
    "month": "Maand",
    "region": "Regio",
    "case_manager": "Casemanager",
    "label": "Label",
    "employer": "Werkgever",
    "category": "Categorie",
    "programme": "Programma",
    "provider": "Aanbieder",
}


def table(page: str) -> list[list[str]]:
    """The report table as shown: the heading row, then one row of cell texts per group."""
    body = page.split('id="report-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [html.unescape(c.strip()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows
    ]


def errors(page: str) -> dict[str, str]:
    """The error messages shown, by form field."""
    found = re.findall(r'<div class="alert alert-danger error" data-field="(\w+)">(.*?)</div>', page, re.S)
    return {name: html.unescape(message) for name, message in found}


@pytest.fixture
def report_page(client, dataset):
    """GET the report page as a user; returns the page's text (asserting 200)."""

    def get(user, query: str = PERIOD) -> str:
        sign_in(client, user)
        response = client.get(f"/admin/reports/?{query}")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return get


NBSP = "\xa0"
TOTAL_SHOWN = [
    "Totaal",
    "4",  # opened: T1, T2, T5, T6
    "3",  # closed: T1, T2, T6
    "2",  # open at the end: T3, T5
    "2",  # work outflow: T1, T6
    "1",  # other outflow: T2
    "66,7%",  # 2 of 3
    "1",  # end goal reached: T1
    "33,3%",
    "24,0",  # (30 + 32 + 10) / 3 days
    "30,0",
    "2",  # interventions ended: T3's and T1's
    "1",
    "50,0%",
    "42,0",  # (62 + 22) / 2
    "37,0",  # (52 + 22) / 2
    "1",  # first task in time: T1 only
    "25,0%",  # 1 of 4 opened
    f"€{NBSP}2.500,00",
    f"€{NBSP}2.800,00",  # 2000 computed + 800 override
    "30,5",
]
TOTAL_FILE = [
    "Totaal",
    "4",
    "3",
    "2",
    "2",
    "1",
    "0.6667",
    "1",
    "0.3333",
    "24.0",
    "30.0",
    "2",
    "1",
    "0.5000",
    "42.0",
    "37.0",
    "1",
    "0.2500",
    "2500.00",
    "2800.00",
    "30.5",
]
HEADINGS = [
    "Groep",
    "Geopend",
    "Gesloten",
    "Open aan het eind",
    "Uitstroom naar werk",
    "Overige uitstroom",
    "Aandeel uitstroom naar werk",
    "Einddoel bereikt",
    "Aandeel einddoel bereikt",
    "Doorlooptijd gemiddeld (dagen)",
    "Doorlooptijd mediaan (dagen)",
    "Interventies beëindigd",
    "Interventies succesvol",
    "Slagingspercentage interventies",
    "Duur interventie gemiddeld (dagen)",
    "Prognose interventie gemiddeld (dagen)",
    "Eerste contact tijdig",
    "Aandeel eerste contact binnen 11 werkdagen",
    "Programmakosten",
    "Verwachte netto baten",
    "Verwachte reductie verzuimdagen",
]


def test_totals_show_every_figure_in_dutch_format(report_page, admin_user):
    page = report_page(admin_user)
    assert table(page) == [HEADINGS, TOTAL_SHOWN]
    assert "Periode 01-01-2026 t/m 31-03-2026, per totaal." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="chart-flow"' in page
    assert "<title>Totaal, Geopend: 4</title>" in page and "<title>Totaal, Gesloten: 3</title>" in page
    assert "<title>Totaal, Aandeel uitstroom naar werk: 66,7%</title>" in page
    assert re.search(r'<a class="nav-link ?" href="/admin/reports/">\s*Rapportage', page)  # in the menu


@pytest.mark.parametrize(
    "grouping,groups",
    [
        ("none", ["Totaal"]),
        ("month", ["2025-12", "2026-01", "2026-02", "2026-03"]),
        ("region", ["(geen)", "Gelderland", "Utrecht"]),
        ("case_manager", ["(geen)", "Rapport Casemanager"]),
        ("label", None),  # one row: the seed label of both employers
        ("employer", ["Rapport A B.V.", "Rapport B B.V."]),
        ("category", ["(geen)", "Rapport categorie"]),
        ("programme", ["(geen)", "Rapport P1", "Rapport P2"]),
        ("provider", ["(geen)", "Rapport X", "Rapport Y"]),
    ],
)
def test_each_grouping_can_be_chosen(report_page, admin_user, grouping, groups):
    page = report_page(admin_user, f"{PERIOD}&per={grouping}")
    assert f'<option value="{grouping}" selected>{GROUPINGS[grouping]}</option>' in page
    assert f"per {GROUPINGS[grouping].lower()}." in page
    shown = table(page)
    assert shown[0] == HEADINGS
    if groups is None:
        assert len(shown) == 2 and shown[1][1:4] == ["4", "3", "2"]
    else:
        assert [row[0] for row in shown[1:]] == groups
    assert sum(int(row[1]) for row in shown[1:]) == 4 or grouping == "region"


def test_month_rows_show_their_own_figures(report_page, admin_user):
    rows = {row[0]: row for row in table(report_page(admin_user, f"{PERIOD}&per=month"))[1:]}
    jan = rows["2026-01"]
    assert (jan[1], jan[2], jan[9], jan[10]) == ("2", "2", "20,0", "20,0")  # T1 (30 days) and T6 (10 days)
    assert (
        rows["2025-12"][1:4] == ["0", "0", "1"] and rows["2025-12"][6] == "\u2013"
    )  # nothing closed: no rate


@pytest.mark.parametrize(
    "query,field,words",
    [
        ("van=2026-13-01&tot=2026-03-31", "van", "Van: \u201c2026-13-01\u201d is geen geldige datum"),
        ("van=2026-01-01&tot=morgen", "tot", "Tot: \u201cmorgen\u201d is geen geldige datum"),
        ("van=2026-03-31&tot=2026-01-01", "tot", "Tot: de einddatum ligt voor de begindatum"),
        (
            f"{PERIOD}&per=weekday",
            "per",
            "Groepering: \u201cweekday\u201d bestaat niet; kies een van: Totaal",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_shows_no_figures(
    report_page, admin_user, query, field, words
):
    page = report_page(admin_user, query)
    shown = errors(page)
    assert list(shown) == [field] and shown[field].startswith(words)
    assert 'id="report-table"' not in page and "<svg" not in page and 'id="download-csv"' not in page


def test_case_manager_sees_own_caseload_only(report_page, dataset, admin_user):
    mine = report_page(dataset.cm)
    assert "Cijfers van je eigen caseload." in mine
    [_, row] = table(mine)
    assert row[:6] == ["Totaal", "1", "1", "0", "1", "0"]  # only T1 is in their caseload within the period
    assert row[17:20] == ["100,0%", f"€{NBSP}1.500,00", f"€{NBSP}2.000,00"]
    managers = table(report_page(dataset.cm, f"{PERIOD}&per=case_manager"))
    assert [r[0] for r in managers[1:]] == ["Rapport Casemanager"]
    assert table(report_page(admin_user))[1][1] == "4"


def test_default_period_is_the_current_year_to_date(report_page, admin_user):
    with time_machine.travel(dt.datetime(2026, 3, 15, 12, 0), tick=False):
        page = report_page(admin_user, "")
    assert (
        'name="van"\n         value="2026-01-01"' in page
        and 'name="tot"\n         value="2026-03-15"' in page
    )
    assert "Periode 01-01-2026 t/m 15-03-2026, per totaal." in page
    assert table(page)[1][1] == "4"  # T1, T2, T5 and T6 all opened before 15 March


@pytest.mark.parametrize("grouping", ["none", "employer", "programme"])
def test_csv_download_holds_exactly_the_tables_rows_and_columns(client, report_page, admin_user, grouping):
    shown = table(report_page(admin_user, f"{PERIOD}&per={grouping}"))
    response = client.get(f"/admin/reports/csv?{PERIOD}&per={grouping}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"rapport-2026-01-01-2026-03-31-{grouping}.csv" in response.headers["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert lines[0] == shown[0]
    assert [line[0] for line in lines[1:]] == [row[0] for row in shown[1:]]
    assert all(len(line) == len(shown[0]) for line in lines)
    if grouping == "none":
        assert lines[1] == TOTAL_FILE


def test_xlsx_download_holds_exactly_the_tables_rows_and_columns(client, report_page, admin_user):
    shown = table(report_page(admin_user, f"{PERIOD}&per=employer"))
    response = client.get(f"/admin/reports/xlsx?{PERIOD}&per=employer")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = list(load_workbook(io.BytesIO(response.data))["Rapport"].values)
    assert sheet[0][0] == "Periode 01-01-2026 t/m 31-03-2026, per werkgever"
    assert list(sheet[1]) == shown[0]
    assert [r[0] for r in sheet[2:]] == [row[0] for row in shown[1:]] == ["Rapport A B.V.", "Rapport B B.V."]
    a = sheet[2]
    assert (a[1], a[2], a[3], a[10]) == (3, 3, 0, 30)  # opened, closed, open at the end, median throughput


def test_case_manager_downloads_hold_their_caseload_only(client, report_page, dataset):
    report_page(dataset.cm)
    lines = list(csv.reader(io.StringIO(client.get(f"/admin/reports/csv?{PERIOD}").get_data(as_text=True))))
    assert lines[1][:4] == ["Totaal", "1", "1", "0"]
    sheet = list(
        load_workbook(io.BytesIO(client.get(f"/admin/reports/xlsx?{PERIOD}").data))["Rapport"].values
    )
    assert sheet[2][:4] == ("Totaal", 1, 1, 0)


def test_download_with_bad_input_returns_to_the_page_with_the_message(client, report_page, admin_user):
    report_page(admin_user)
    response = client.get("/admin/reports/csv?van=2026-03-31&tot=2026-01-01", follow_redirects=True)
    assert response.request.path == "/admin/reports/"
    assert errors(response.get_data(as_text=True))["tot"].startswith("Tot: de einddatum")


def test_anonymous_visitor_is_sent_to_login(client, dataset):
    for path in ("/admin/reports/", "/admin/reports/csv", "/admin/reports/xlsx"):
        response = client.get(f"{path}?{PERIOD}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
