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


def table(page: str, section: str = "trajectories") -> list[list[str]]:
    """One section's table as shown: the heading row, then one row of cell texts per group."""
    body = page.split(f'id="report-table-{section}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = r"<t[hd][^>]*>(?:<a [^>]*>)?(.*?)(?:</a>)?</t[hd]>"
    return [[html.unescape(c.strip()) for c in re.findall(cells, r, re.S)] for r in rows]


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
SHOWN = {  # the totals row of each section, as the page shows it (worked out in test_reports.py)
    "sick_reports": ["Totaal", "4", "4", "2", "2", "50,0%", "1", "25,0%", "1"],
    "trajectories": [
        "Totaal",
        "6",
        "5",
        "2",
        "1",  # no approval, apart
        "1",  # entered in error, apart
        "3",
        "75,0%",  # 3 of the 4 closed that started
        "2",
        "40,0%",
        "20,8",
        "27,0",
        "70,5",
        "2",
        "3,5",
        "2",
        "33,3%",
    ],
    "interventions": ["Totaal", "2", "1", "50,0%", "42,0", "37,0"],
    "savings": [
        "Totaal",
        f"€{NBSP}3.500,00",
        f"€{NBSP}3.800,00",  # 2000 + 800 override + 1000
        "45,5",
        "2",
        "17,5",
        "4,5",
        "-10",
        "4,5",
        "19",
    ],
}
TOTAL_FILE = [
    "Totaal",
    *("4", "4", "2", "2", "0.5000", "1", "0.2500", "1"),
    *(
        "6",
        "5",
        "2",
        "1",
        "1",
        "3",
        "0.7500",
        "2",
        "0.4000",
        "20.8",
        "27.0",
        "70.5",
        "2",
        "3.5",
        "2",
        "0.3333",
    ),
    *("2", "1", "0.5000", "42.0", "37.0"),
    *("3500.00", "3800.00", "45.5", "2", "17.5", "4.5", "-10", "4.5", "19"),
]
HEADINGS = {
    "sick_reports": [
        "Groep",
        "Verzuimmeldingen geopend",
        "Verzuimmeldingen afgesloten",
        "Verzuimmeldingen open aan het eind",
        "Arbeidsuitstroom",
        "Aandeel arbeidsuitstroom",
        "Overige uitstroom",
        "Aandeel overige uitstroom",
        "Foutief opgevoerd (apart)",
    ],
    "trajectories": [
        "Groep",
        "Trajecten geopend",
        "Trajecten gesloten",
        "Trajecten open aan het eind",
        "Gesloten zonder akkoord (apart)",
        "Trajecten foutief opgevoerd (apart)",
        "Succesvol gesloten",
        "Slagingspercentage",
        "Einddoel bereikt",
        "Aandeel einddoel bereikt",
        "Doorlooptijd gemiddeld (dagen)",
        "Doorlooptijd mediaan (dagen)",
        "Leeftijd open trajecten gemiddeld (dagen)",
        "Eerste interventies gestart",
        "Dagen tot eerste interventie gemiddeld",
        "Eerste contact tijdig",
        "Aandeel eerste contact binnen 11 werkdagen",
    ],
    "interventions": [
        "Groep",
        "Interventies beëindigd",
        "Interventies succesvol",
        "Aandeel interventies succesvol",
        "Duur interventie gemiddeld (dagen)",
        "Prognose interventie gemiddeld (dagen)",
    ],
    "savings": [
        "Groep",
        "Programmakosten",
        "Verwachte netto baten",
        "Voorspelde besparing verzuimdagen (som)",
        "Gevallen met gerealiseerde besparing",
        "Voorspelde besparing per geval (dagen)",
        "Gerealiseerde besparing per geval gemiddeld (dagen)",
        "Gerealiseerde besparing minimum (dagen)",
        "Gerealiseerde besparing mediaan (dagen)",
        "Gerealiseerde besparing maximum (dagen)",
    ],
}
FILE_HEADINGS = ["Groep", *(h for section in HEADINGS.values() for h in section[1:])]


def test_totals_show_every_figure_in_dutch_format(report_page, admin_user):
    page = report_page(admin_user)
    for section, shown in SHOWN.items():
        assert table(page, section) == [HEADINGS[section], shown], section
    assert "Periode 01-01-2026 t/m 31-03-2026, per totaal." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="chart-flow"' in page
    assert "<title>Totaal, Trajecten geopend: 6</title>" in page
    assert "<title>Totaal, Aandeel arbeidsuitstroom: 50,0%</title>" in page
    assert "<title>Totaal, Slagingspercentage: 75,0%</title>" in page
    assert re.search(r'<a class="nav-link ?" href="/admin/reports/">\s*Rapportage', page)  # in the menu
    reasons = table(page, "end-reasons")
    assert reasons[0] == ["Groep", "Soort", "Beëindigingsreden", "Uitkomstklasse", "Aantal"]
    assert ["Totaal", "Verzuimmelding", "Rapport foutief", "Foutief opgevoerd", "1"] in reasons
    assert ["Totaal", "Traject", "Rapport geen akkoord", "Geen akkoord", "1"] in reasons
    assert ["Totaal", "Traject", "Rapport hersteld", "Succesvol", "2"] in reasons
    definitions = html.unescape(page.split('id="report-definitions"', 1)[1])
    assert "gedeeld door de gesloten trajecten zonder die zonder akkoord" in definitions
    assert "verwachte hersteldatum die de melding had op de dag van de analyse" in definitions
    assert "Een melding die foutief is opgevoerd telt nergens mee en staat apart." in definitions


def test_a_count_opens_the_cases_behind_it(client, report_page, admin_user, dataset):
    page = report_page(admin_user, f"{PERIOD}&per=employer")
    links = dict(re.findall(r'<a href="(/admin/reports/cases\?[^"]+)">(\d+)</a>', page))
    work = next(url for url in links if "cijfer=work_outflow&" in url + "&" and "Rapport+A" in url)
    listed = client.get(html.unescape(work)).get_data(as_text=True)
    assert "Arbeidsuitstroom: Rapport A B.V." in html.unescape(listed)
    rows = re.findall(r"<tr><td>(.*?)</td>", listed.split('id="cases-table"', 1)[1])
    assert rows == ["Verzuimmelding", "Verzuimmelding"]  # S1 and S7
    assert listed.count(f'href="/admin/dossiers/{dataset.s1.employee_id}/"') == 1
    assert f'href="/admin/dossiers/{dataset.s7.employee_id}/"' in listed
    url = f"/admin/reports/cases?{PERIOD}&per=none&groep=Totaal&cijfer=no_approval"
    listed = client.get(url).get_data(as_text=True)
    assert listed.count("<tr><td>Traject</td>") == 1 and "Rapport geen akkoord" in listed  # T7
    refused = client.get(f"/admin/reports/cases?{PERIOD}&groep=Totaal&cijfer=success_rate").get_data(
        as_text=True
    )
    assert "Cijfer: bij dit cijfer horen geen afzonderlijke dossiers." in refused
    assert 'id="cases-table"' not in refused


def test_a_case_manager_lists_only_their_own_cases(client, report_page, dataset):
    report_page(dataset.cm)
    listed = client.get(f"/admin/reports/cases?{PERIOD}&groep=Totaal&cijfer=sick_closed").get_data(
        as_text=True
    )
    assert listed.count("<tr><td>Verzuimmelding</td>") == 1  # S1 only, of e1 in their caseload


@pytest.mark.parametrize(
    "grouping,groups",
    [
        ("none", ["Totaal"]),
        ("month", ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]),
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
    assert shown[0] == HEADINGS["trajectories"]
    if groups is None:
        assert len(shown) == 2 and shown[1][1:4] == ["6", "5", "2"]
    else:
        assert [row[0] for row in shown[1:]] == groups
    assert sum(int(row[1]) for row in shown[1:]) == 6
    assert sum(int(row[1]) for row in table(page, "sick_reports")[1:]) == 4


def test_month_rows_show_their_own_figures(report_page, admin_user):
    rows = {row[0]: row for row in table(report_page(admin_user, f"{PERIOD}&per=month"))[1:]}
    jan = rows["2026-01"]
    assert (jan[1], jan[2], jan[10], jan[11]) == ("3", "3", "15,0", "10,0")  # T1 30, T6 10, T7 5 days
    assert (
        rows["2025-12"][1:4] == ["0", "0", "1"] and rows["2025-12"][7] == "\u2013"
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
    assert 'id="report-table-' not in page and "<svg" not in page and 'id="download-csv"' not in page


def test_case_manager_sees_own_caseload_only(report_page, dataset, admin_user):
    mine = report_page(dataset.cm)
    assert "Cijfers van je eigen caseload." in mine
    [_, row] = table(mine)
    assert row[:8] == ["Totaal", "1", "1", "0", "0", "0", "1", "100,0%"]  # only T1 is in their caseload
    assert row[16] == "100,0%"
    assert table(mine, "savings")[1][1:3] == [f"€{NBSP}1.500,00", f"€{NBSP}2.000,00"]
    assert table(mine, "sick_reports")[1][1:5] == ["1", "1", "0", "1"]  # S1
    managers = table(report_page(dataset.cm, f"{PERIOD}&per=case_manager"))
    assert [r[0] for r in managers[1:]] == ["Rapport Casemanager"]
    assert table(report_page(admin_user))[1][1] == "6"


def test_default_period_is_the_current_year_to_date(report_page, admin_user):
    with time_machine.travel(dt.datetime(2026, 3, 15, 12, 0), tick=False):
        page = report_page(admin_user, "")
    assert (
        'name="van"\n         value="2026-01-01"' in page
        and 'name="tot"\n         value="2026-03-15"' in page
    )
    assert "Periode 01-01-2026 t/m 15-03-2026, per totaal." in page
    assert table(page)[1][1] == "6"  # T1, T2, T5, T6, T7 and T8 all opened before 15 March


@pytest.mark.parametrize("grouping", ["none", "employer", "programme"])
def test_csv_download_holds_exactly_the_tables_rows_and_columns(client, report_page, admin_user, grouping):
    shown = table(report_page(admin_user, f"{PERIOD}&per={grouping}"))
    response = client.get(f"/admin/reports/csv?{PERIOD}&per={grouping}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"rapport-2026-01-01-2026-03-31-{grouping}.csv" in response.headers["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert lines[0] == FILE_HEADINGS
    assert [line[0] for line in lines[1:]] == [row[0] for row in shown[1:]]
    assert all(len(line) == len(FILE_HEADINGS) for line in lines)
    if grouping == "none":
        assert lines[1] == TOTAL_FILE


def test_xlsx_download_holds_exactly_the_tables_rows_and_columns(client, report_page, admin_user):
    shown = table(report_page(admin_user, f"{PERIOD}&per=employer"))
    response = client.get(f"/admin/reports/xlsx?{PERIOD}&per=employer")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = list(load_workbook(io.BytesIO(response.data))["Rapport"].values)
    assert sheet[0][0] == "Periode 01-01-2026 t/m 31-03-2026, per werkgever"
    assert list(sheet[1]) == FILE_HEADINGS
    assert [r[0] for r in sheet[2:]] == [row[0] for row in shown[1:]] == ["Rapport A B.V.", "Rapport B B.V."]
    a = dict(zip(FILE_HEADINGS, sheet[2], strict=True))
    assert (a["Trajecten geopend"], a["Trajecten gesloten"], a["Doorlooptijd mediaan (dagen)"]) == (
        4,
        4,
        28.5,
    )
    assert (a["Arbeidsuitstroom"], a["Aandeel arbeidsuitstroom"], a["Gesloten zonder akkoord (apart)"]) == (
        2,
        0.6667,
        0,
    )
    book = load_workbook(io.BytesIO(response.data))
    reasons = list(book["Beëindigingsredenen"].values)
    assert reasons[0] == ("Groep", "Soort", "Beëindigingsreden", "Uitkomstklasse", "Aantal")
    assert ("Rapport B B.V.", "Verzuimmelding", "Rapport foutief", "Foutief opgevoerd", 1) in reasons
    assert sum(r[4] for r in reasons[1:]) == 11  # 5 + 1 trajectories closed, 5 sick reports ended
    assert [r[0] for r in book["Definities"].values][:2] == ["Verzuimmeldingen", "Trajecten"]


def test_case_manager_downloads_hold_their_caseload_only(client, report_page, dataset):
    report_page(dataset.cm)
    lines = list(csv.reader(io.StringIO(client.get(f"/admin/reports/csv?{PERIOD}").get_data(as_text=True))))
    assert lines[1][:4] == ["Totaal", "1", "1", "0"]  # S1 opened and closed, none open
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
