"""A case manager without Slack runs "Inzet interventie" from the dossier's Acties in Chromium: accepted to the
closing, rejected (seed 000's two paths), and a programme above the policy's mandate that needs the insurer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from models import (
    Employee,
    Employer,
    InsuranceProduct,
    Label,
    Policy,
    Programme,
    Provider,
    Region,
    ServiceAgreement,
    ServiceType,
    ServiceVariation,
    SickReport,
    Trajectory,
    User,
)
from models import db as _db

from .conftest import CASEMANAGER_EMAIL, sign_in_page
from .test_region_programme import csp_violations


@pytest.fixture(scope="module")
def employees(live_app) -> dict[str, int]:
    """Two employees of the case manager at an employer with an agreement, a policy and a programme to choose."""
    with live_app.app_context():
        session = _db.session
        manager = session.scalar(sa.select(User).where(User.email == CASEMANAGER_EMAIL))
        label = session.scalars(sa.select(Label).order_by(Label.id)).first()
        variation = session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == "WVP De luxe"))
        employer = Employer(name="Bakkerij De Korenschoof B.V.", label=label, city="Utrecht")
        product = session.scalars(sa.select(InsuranceProduct).order_by(InsuranceProduct.id)).first()
        session.add_all(
            [
                employer,
                Policy(
                    employer=employer,
                    product=product,
                    policy_number="VZ-1001",
                    start_date=dt.date(2025, 1, 1),
                ),
                ServiceAgreement(employer=employer, variation=variation, start_date=dt.date(2025, 1, 1)),
            ]
        )
        provider = Provider(name="Mediationpraktijk Browser", email="info@mediation.example.nl")
        session.add(
            Programme(
                name="Mediation in vijf gesprekken",
                description="Intake en vijf gesprekken onder leiding van een mediator.",
                provider=provider,
                price=Decimal("1850.00"),
                duration_weeks=6,
                regions=[session.scalar(sa.select(Region).where(Region.name == "Utrecht"))],
                service_types=[
                    session.scalar(sa.select(ServiceType).where(ServiceType.id == variation.service_type_id))
                ],
            )
        )
        ids = {}
        for key, last in (("accept", "Akkoordman"), ("reject", "Weigeraar")):
            employee = Employee(
                employer=employer,
                personnel_number=f"BR-{key}",
                first_name="Sam",
                last_name=last,
                daily_wage=Decimal("180.00"),
                case_manager=manager,
            )
            session.add(employee)
            session.add(SickReport(employee=employee, first_sick_day=dt.date.today() - dt.timedelta(days=30)))
            session.flush()
            ids[key] = employee.id
        # Another employer whose agreement gives the policy a mandate of € 1.000: the € 1.850 programme is above it.
        insured = Employer(name="Zorggroep Mandaat B.V.", label=label, city="Utrecht")
        policy = Policy(
            employer=insured, product=product, policy_number="VZ-2002", start_date=dt.date(2025, 1, 1)
        )
        session.add_all(
            [
                insured,
                policy,
                ServiceAgreement(
                    employer=insured,
                    variation=variation,
                    start_date=dt.date(2025, 1, 1),
                    policy=policy,
                    mandate=Decimal("1000.00"),
                ),
            ]
        )
        employee = Employee(
            employer=insured,
            personnel_number="BR-mandate",
            first_name="Sam",
            last_name="Mandaatmans",
            daily_wage=Decimal("180.00"),
            case_manager=manager,
        )
        session.add(employee)
        session.add(SickReport(employee=employee, first_sick_day=dt.date.today() - dt.timedelta(days=30)))
        session.flush()
        ids["mandate"] = employee.id
        session.commit()
        session.remove()
    return ids


def open_task(page, key: str) -> None:
    """From the dossier, open the task with this key."""
    page.locator("table.tasks tr", has_text=key).locator("a.task-open").click()
    page.wait_for_load_state()
    assert key in page.locator("h2").inner_text()


def complete(page) -> None:
    page.click("#complete")
    page.wait_for_load_state()


def start(page, base: str, employee_id: int, policy: str | None = None) -> None:
    page.goto(f"{base}/admin/dossiers/{employee_id}/")
    page.click("#actions summary")
    page.click("#action-start")
    page.wait_for_load_state()
    page.select_option("#category", label="Arbo")
    page.select_option("#end_goal", label="Werkhervatting eigen werk")
    page.select_option("#sick_report", index=1)
    if policy is not None:
        page.select_option("#policy", label=policy)
    page.click("#start-submit")
    page.wait_for_load_state()
    assert "gestart" in page.locator(".alert").first.inner_text()


def choose_programme(page) -> None:
    open_task(page, "T2")
    row = page.locator("tr.programme", has_text="Mediation in vijf gesprekken")
    assert "Mediationpraktijk Browser" in row.inner_text() and "6 weken" in row.inner_text()
    assert "Intake en vijf gesprekken" in row.inner_text()
    complete(page)  # nothing chosen: refused, the field named
    assert "Dit veld is verplicht." in page.locator(".error[data-field=programme_id]").inner_text()
    page.locator("tr.programme", has_text="Mediation in vijf gesprekken").locator("input[type=radio]").check()
    complete(page)


def test_accepted_to_closing_from_the_dossier(page, live_server, live_app, employees, shot):
    page.set_default_timeout(60_000)  # PDFs are rendered on the way
    violations = csp_violations(page)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)
    start(page, live_server, employees["accept"])
    shot("started")

    open_task(page, "T1")
    assert "Arbo" in page.locator("#trajectory-facts").inner_text()
    complete(page)  # confirms what the start set
    choose_programme(page)

    open_task(page, "T3")
    page.fill("#reduction_days", "20")
    page.fill("#dossier_cost", "150")
    page.click("#compute")
    page.wait_for_load_state()
    assert "verwachte baten € 1.600,00" in page.locator("#computed").inner_text()
    shot("cost-benefit")
    complete(page)

    open_task(page, "T4")
    page.check("#approval-accepted")
    complete(page)
    open_task(page, "T5")
    complete(page)
    open_task(page, "T6")
    complete(page)
    open_task(page, "T7")
    page.select_option("#conclusion", value="success")
    complete(page)
    shot("closed")

    trajectory = page.locator(".trajectory").first.inner_text()
    assert "gesloten" in trajectory and "Interventie succesvol afgerond" in trajectory
    assert page.locator("#documents a", has_text="Offerte").count() == 1
    with live_app.app_context():
        row = _db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employees["accept"]))
        assert row.status.value == "closed" and row.end_reason.outcome.value == "success"
        assert sorted(t.key for t in row.tasks if t.status.value == "done") == [
            "T1",
            "T2",
            "T3",
            "T4",
            "T5",
            "T6",
            "T7",
        ]
        _db.session.remove()
    assert violations == []


def test_rejected_with_the_optional_steps_skipped(page, live_server, live_app, employees, shot):
    page.set_default_timeout(60_000)  # PDFs are rendered on the way
    violations = csp_violations(page)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)
    start(page, live_server, employees["reject"])

    open_task(page, "T1")
    page.click("#skip")  # without a reason: refused
    page.wait_for_load_state()
    assert "Geef een reden" in page.locator(".error[data-field='skip.reason']").inner_text()
    page.fill("#skip-reason", "Bij de start is alles al vastgelegd")
    page.click("#skip")
    page.wait_for_load_state()
    choose_programme(page)
    open_task(page, "T3")
    page.fill("#skip-reason", "Werkgever betaalt zelf; geen analyse nodig")
    page.click("#skip")
    page.wait_for_load_state()

    open_task(page, "T4")
    page.check("#approval-rejected")
    page.fill("#remark", "Te duur voor nu")
    complete(page)
    shot("rejected")
    trajectory = page.locator(".trajectory").first.inner_text()
    assert "Traject gestopt i.v.m. geen akkoord op offerte" in trajectory
    assert page.locator("#documents a", has_text="Geen inzet interventie").count() == 1
    with live_app.app_context():
        row = _db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employees["reject"]))
        assert row.status.value == "closed" and row.end_reason.outcome.value == "no_approval"
        assert {t.key: t.status.value for t in row.tasks if t.key in ("T1", "T3")} == {
            "T1": "skipped",
            "T3": "skipped",
        }
        _db.session.remove()
    assert violations == []


def test_above_the_mandate_the_insurer_approves_first(page, live_server, live_app, employees, shot):
    page.set_default_timeout(60_000)
    violations = csp_violations(page)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)
    start(page, live_server, employees["mandate"], policy="Polis VZ-2002")
    open_task(page, "T1")
    complete(page)
    choose_programme(page)

    tasks = page.locator("table.tasks").inner_text()
    assert "T4V" in tasks and "Akkoord verzekeraar (kosten boven mandaat)" in tasks
    open_task(page, "T4V")
    complete(page)  # no answer: refused, the field named
    assert "Dit veld is verplicht." in page.locator(".error[data-field=approval]").inner_text()
    page.check("#approval-accepted")
    page.fill("#remark", "Akkoord verzekeraar per e-mail")
    complete(page)
    shot("insurer-approved")

    with live_app.app_context():
        row = _db.session.scalar(sa.select(Trajectory).where(Trajectory.employee_id == employees["mandate"]))
        insurer = next(t for t in row.tasks if t.key == "T4V")
        assert insurer.status.value == "done" and insurer.result["approval"] == "accepted"
        assert next(t for t in row.tasks if t.key == "T2").result["above_mandate"] is True
        _db.session.remove()
    assert violations == []
