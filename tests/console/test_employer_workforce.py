"""The employer's Personeelsbestand in the console: added, shown, changed and removed by an administrator; a
refusal names its field and changes nothing; a case manager may not."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import sqlalchemy as sa

from models import EmployerWorkforce, LogEntry

from .conftest import csrf_token


def _post(client, path: str, data: dict[str, str], form: str | None = None):
    token = csrf_token(client, form or path)
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=True)


def _errors(page: str) -> dict[str, str]:
    found = re.findall(r'<div class="invalid-feedback error" data-field="(\w+)">(.*?)</div>', page, re.S)
    return {name: html.unescape(message) for name, message in found}


def _stored(db, employer) -> list[tuple]:
    db.session.expire_all()
    return [
        (w.valid_from, w.valid_until, w.headcount, w.fte)
        for w in db.session.scalars(
            sa.select(EmployerWorkforce)
            .where(EmployerWorkforce.employer_id == employer.id)
            .order_by(EmployerWorkforce.valid_from)
        )
    ]


def test_an_administrator_adds_changes_and_removes_a_workforce_figure(db, admin_client, create_employer):
    employer = create_employer(name="Bestand B.V.")
    path = f"/admin/employers/{employer.id}/workforce"
    page = html.unescape(admin_client.get(f"/admin/employers/{employer.id}/").get_data(as_text=True))
    assert "Nog geen personeelsbestand: de verzuimcijfers rekenen met de bekende werknemers." in page
    answer = _post(
        admin_client,
        path,
        {"valid_from": "2025-01-01", "valid_until": "", "headcount": "1.250", "fte": "1.100,5"},
    )
    assert "Personeelsbestand van Bestand B.V. vastgelegd." in html.unescape(answer.get_data(as_text=True))
    assert _stored(db, employer) == [(dt.date(2025, 1, 1), None, 1250, Decimal("1100.50"))]
    page = html.unescape(admin_client.get(f"/admin/employers/{employer.id}/").get_data(as_text=True))
    workforce = page.split('id="workforce"', 1)[1].split("</table>", 1)[0]
    assert "01-01-2025 – doorlopend" in workforce and "1.250" in workforce and "1.100,50" in workforce

    [row] = db.session.scalars(
        sa.select(EmployerWorkforce).where(EmployerWorkforce.employer_id == employer.id)
    )
    form = html.unescape(admin_client.get(f"{path}/{row.id}").get_data(as_text=True))
    assert 'value="1.100,50"' in form and 'value="2025-01-01"' in form
    _post(
        admin_client,
        f"{path}/{row.id}",
        {"valid_from": "2025-01-01", "valid_until": "2025-12-31", "headcount": "1250", "fte": "1100,5"},
    )
    assert _stored(db, employer) == [(dt.date(2025, 1, 1), dt.date(2025, 12, 31), 1250, Decimal("1100.50"))]
    answer = _post(admin_client, f"{path}/{row.id}/delete", {}, form=path)
    assert "Personeelsbestand van Bestand B.V. verwijderd." in html.unescape(answer.get_data(as_text=True))
    assert _stored(db, employer) == []
    actions = db.session.scalars(
        sa.select(LogEntry.action).where(LogEntry.action.like("workforce.%")).order_by(LogEntry.id)
    ).all()
    assert actions == ["workforce.added", "workforce.changed", "workforce.removed"]


def test_a_refused_figure_names_its_field_and_changes_nothing(db, admin_client, create_employer):
    employer = create_employer(name="Bestand B.V.")
    path = f"/admin/employers/{employer.id}/workforce"
    _post(admin_client, path, {"valid_from": "2026-01-01", "valid_until": "", "headcount": "40", "fte": "35"})
    answer = _post(
        admin_client, path, {"valid_from": "2026-06-01", "valid_until": "", "headcount": "40", "fte": "70"}
    )
    assert _errors(answer.get_data(as_text=True)) == {
        "valid_from": "Geldig vanaf: deze periode overlapt met het personeelsbestand van 01-01-2026 tot en met"
        " doorlopend; periodes van één werkgever mogen niet overlappen.",
        "fte": "Fte: hoogstens 63,15 fte bij 40 werknemers (60 uur per week per werknemer, 38 uur is 1 fte).",
    }
    answer = _post(
        admin_client, path, {"valid_from": "2024-01-01", "valid_until": "", "headcount": "0", "fte": ""}
    )
    assert _errors(answer.get_data(as_text=True)) == {
        "headcount": "Aantal werknemers: minstens 1 en hoogstens 1.000.000 werknemers.",
        "fte": "Fte: dit veld is verplicht.",
    }
    assert _stored(db, employer) == [(dt.date(2026, 1, 1), None, 40, Decimal("35.00"))]


def test_a_case_manager_may_not_maintain_workforce_figures(db, cm_client, create_employer):
    employer = create_employer(name="Bestand B.V.")
    assert cm_client.get(f"/admin/employers/{employer.id}/workforce").status_code == 403
