"""Exports: a cell a spreadsheet would run as a formula is neutralised; XLSX text cells are text (OWASP)."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests.console.conftest import sign_in

PERIOD = "van=2026-01-01&tot=2026-03-31&per=employer"
NAMES = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab B.V."]


@pytest.mark.parametrize("name", NAMES)
def test_csv_and_xlsx_cells_that_start_a_formula_are_neutralised(client, db, dataset, admin_user, name):
    from models import Employer

    employer = db.session.scalar(sa.select(Employer).where(Employer.name == "Rapport A B.V."))
    employer.name = name
    db.session.flush()
    sign_in(client, admin_user)
    lines = list(csv.reader(io.StringIO(client.get(f"/admin/reports/csv?{PERIOD}").get_data(as_text=True))))
    groups = [line[0] for line in lines[1:]]
    assert "'" + name in groups and name not in groups
    assert lines[1][1:4] == ["3", "3", "1"] or lines[2][1:4] == ["3", "3", "1"]  # the numbers stay numbers
    book = load_workbook(io.BytesIO(client.get(f"/admin/reports/xlsx?{PERIOD}").data))
    cells = [row[0] for row in book["Rapport"].iter_rows(min_row=3)]
    cell = next(c for c in cells if c.value == "'" + name)
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for row in book["Rapport"].iter_rows() for c in row)


def test_the_api_csv_is_neutralised_too(client, db, dataset, now):
    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM
    from models import Employer

    _row, secret = create_api_token(name="rapport", actor=SYSTEM, now=now)

    employer = db.session.scalar(sa.select(Employer).where(Employer.name == "Rapport A B.V."))
    employer.name = "=1+1"
    db.session.flush()
    response = client.get(
        "/api/v1/reports/outcome?date_from=2026-01-01&date_to=2026-03-31&group_by=employer&format=csv",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert "'=1+1" in response.get_data(as_text=True)
