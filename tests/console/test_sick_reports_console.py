"""Sick reports in the console dossier: ziekmelding, gedeeltelijk herstel, hersteldmelding, flags; refusals
name the field and change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import sqlalchemy as sa

from models import LogEntry, SickReport, ZwVangnet

from .conftest import csrf_token


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
    page = post(
        cm_client, f"/admin/dossiers/sick-report/{report.id}/recover", employee, recovery_date="2026-02-20"
    ).get_data(as_text=True)
    assert "Hersteldmelding vastgelegd." in page and report.recovery_date == dt.date(2026, 2, 20)
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
    assert "Eerste ziektedag: Geef een datum, bijvoorbeeld 5-3-2026." in page
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
        cm_client, f"/admin/dossiers/sick-report/{report.id}/recover", employee, recovery_date="2025-12-01"
    ).get_data(as_text=True)
    assert "Hersteld per: Deze datum ligt vóór de eerste ziektedag (5-1-2026)." in page
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
