"""Sick reports in the console dossier: ziekmelding, gedeeltelijk herstel, hersteldmelding, flags; refusals
name the field and change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa

from models import LogEntry, SickReport, SickReportEndReason, ZwVangnet

from .conftest import csrf_token


def end_reason(db, name: str) -> SickReportEndReason:
    return db.session.scalar(sa.select(SickReportEndReason).where(SickReportEndReason.name == name))


def post(client, path, employee, **data):
    token = csrf_token(client, f"/admin/dossiers/{employee.id}/")
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=True)


def test_report_sick_partly_recover_flag_and_recover_in_the_dossier(
    cm_client, db, create_employee, casemanager
):
    employee = create_employee(case_manager=casemanager)
    page = post(
        cm_client,
        f"/admin/dossiers/{employee.id}/sick-report",
        employee,
        first_sick_day="2026-01-05",
        percentage="",
        zw_vangnet="no_riskpolis",
        work_related="1",
    ).get_data(as_text=True)
    assert "Ziekmelding vastgelegd." in page
    [report] = employee.sick_reports
    assert (report.percentage, report.zw_vangnet, report.work_related, report.recourse_possible) == (
        Decimal("100.00"),
        ZwVangnet.NO_RISK,
        True,
        False,
    )
    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/percentage",
        employee,
        percentage="40",
        from_date="2026-02-02",
    ).get_data(as_text=True)
    assert "Gedeeltelijk herstel vastgelegd." in page
    assert "vanaf 05-01-2026 100% · vanaf 02-02-2026 40%" in page
    assert "ZW-vangnet: no-riskpolis" in page
    post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/flags",
        employee,
        zw_vangnet="",
        recourse_possible="1",
    )
    assert (report.zw_vangnet, report.work_related, report.recourse_possible) == (None, False, True)
    own_work = end_reason(db, "Hersteld eigen werk")
    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/recover",
        employee,
        recovery_date="2026-02-20",
        end_reason_id=str(own_work.id),
    ).get_data(as_text=True)
    assert "Hersteldmelding vastgelegd." in page and report.recovery_date == dt.date(2026, 2, 20)
    assert report.end_reason == own_work
    assert "hersteld per 20-02-2026" in page and '<span class="end-reason">Hersteld eigen werk</span>' in page
    actions = db.session.scalars(
        sa.select(LogEntry.action).where(
            LogEntry.employee_id == employee.id, LogEntry.action.like("sick_report.%")
        )
    ).all()
    assert actions == [
        "sick_report.registered",
        "sick_report.percentage",
        "sick_report.updated",
        "sick_report.recovered",
    ]


def test_bad_dates_and_percentages_are_refused_with_the_field_named(
    cm_client, db, create_employee, casemanager
):
    employee = create_employee(case_manager=casemanager)
    page = post(
        cm_client,
        f"/admin/dossiers/{employee.id}/sick-report",
        employee,
        first_sick_day="31-02-2026",
        percentage="120",
    ).get_data(as_text=True)
    assert "Eerste ziektedag: Geef een datum, bijvoorbeeld 05-03-2026." in page
    assert "Percentage: Een percentage groter dan 0 en hoogstens 100." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SickReport)) == 0
    post(cm_client, f"/admin/dossiers/{employee.id}/sick-report", employee, first_sick_day="2026-01-05")
    [report] = employee.sick_reports
    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/percentage",
        employee,
        percentage="0",
        from_date="2030-01-01",
    ).get_data(as_text=True)
    assert "Percentage: Een percentage groter dan 0 en hoogstens 100." in page
    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/percentage",
        employee,
        percentage="50",
        from_date="2030-01-01",
    ).get_data(as_text=True)
    assert "Per datum: Deze datum ligt in de toekomst." in page
    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/recover",
        employee,
        recovery_date="2025-12-01",
        end_reason_id=str(end_reason(db, "Hersteld eigen werk").id),
    ).get_data(as_text=True)
    assert "Hersteld per: Deze datum ligt vóór de eerste ziektedag (05-01-2026)." in page
    assert [p.percentage for p in report.percentages] == [Decimal("100.00")] and report.recovery_date is None


def test_another_case_managers_report_is_not_found(
    cm_client, create_employee, create_user, create_sick_report
):
    other = create_employee(case_manager=create_user())
    report = create_sick_report(other)
    token = csrf_token(cm_client, "/admin/dossiers/")
    response = cm_client.post(
        f"/admin/dossiers/sick-report/{report.id}/recover",
        data={"csrf_token": token, "recovery_date": "2026-02-01"},
    )
    assert response.status_code == 404 and report.recovery_date is None


def test_the_end_page_asks_the_end_reason_for_a_recovery_and_a_closing(
    cm_client, db, create_employee, create_sick_report, casemanager
):
    employee = create_employee(case_manager=casemanager)
    report = create_sick_report(employee, dt.date(2026, 1, 5))
    end_reason(db, "Pensioen").active = False  # a deactivated reason is no longer offered
    db.session.commit()
    dossier = cm_client.get(f"/admin/dossiers/{employee.id}/").get_data(as_text=True)
    assert f'href="/admin/dossiers/sick-report/{report.id}/end"' in dossier
    page = cm_client.get(f"/admin/dossiers/sick-report/{report.id}/end").get_data(as_text=True)
    assert 'id="recover-form"' in page and 'id="close-report-form"' in page
    assert page.count(">Hersteld eigen werk</option>") == 2 and ">Uit dienst</option>" in page
    assert ">Pensioen</option>" not in page

    # Without a reason: refused, the field named, back on the form, nothing changed.
    response = post(
        cm_client, f"/admin/dossiers/sick-report/{report.id}/recover", employee, recovery_date="2026-02-20"
    )
    page = response.get_data(as_text=True)
    assert "Beëindigingsreden: Kies een beëindigingsreden." in page and 'id="recover-form"' in page
    assert (report.recovery_date, report.end_reason_id) == (None, None)
    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/close",
        employee,
        closed_on="2026-02-20",
        end_reason_id=str(end_reason(db, "Pensioen").id),
    ).get_data(as_text=True)
    assert "Beëindigingsreden: De beëindigingsreden Pensioen is gedeactiveerd." in page
    assert (report.closed_on, report.end_reason_id) == (None, None)

    page = post(
        cm_client,
        f"/admin/dossiers/sick-report/{report.id}/close",
        employee,
        closed_on="2026-02-20",
        end_reason_id=str(end_reason(db, "Uit dienst").id),
    ).get_data(as_text=True)
    assert "Verzuimmelding gesloten." in page
    assert "gesloten per 20-02-2026" in page and '<span class="end-reason">Uit dienst</span>' in page
    assert (report.closed_on, report.end_reason.name) == (dt.date(2026, 2, 20), "Uit dienst")
    message = db.session.scalars(
        sa.select(LogEntry.message).where(LogEntry.action == "sick_report.closed")
    ).one()
    assert message == "Verzuimmelding gesloten per 20-02-2026 (Uit dienst)"


def test_the_end_reasons_list_is_configured_in_the_console(admin_client, db):
    client = admin_client
    page = client.get("/admin/sick_report_end_reasons/").get_data(as_text=True)
    assert "Beëindigingsredenen verzuim" in page and "Uitkomstklasse" in page
    assert "Werkhervatting aangepast werk eigen werkgever" in page and "Foutief opgevoerd" in page
    form = client.get("/admin/sick_report_end_reasons/new/").get_data(as_text=True)
    assert '<option value="other_outflow">Overige uitstroom</option>' in form
    response = client.post(
        "/admin/sick_report_end_reasons/new/",
        data={
            "csrf_token": csrf_token(client, "/admin/sick_report_end_reasons/new/"),
            "name": "Ontslag op staande voet",
            "description": "",
            "outcome": "other_outflow",
            "position": "20",
            "active": "y",
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    row = end_reason(db, "Ontslag op staande voet")
    assert row is not None and row.outcome.value == "other_outflow"
