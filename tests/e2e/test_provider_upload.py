"""A provider uploads a progress report through its personal link in Chromium, without an account; the case
manager sees it in the dossier and revokes the link (seed 000: "Veilig Communiceren")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.logbook import Actor
from casework.process import complete_task, skip_task, start_trajectory
from casework.uploads import UPLOAD_PATH
from models import (
    Category,
    Document,
    DocumentOrigin,
    Employee,
    Employer,
    EndGoal,
    Label,
    Programme,
    Provider,
    Region,
    ServiceAgreement,
    ServiceVariation,
    TrajectoryTemplate,
    User,
)
from models import db as _db

from .conftest import CASEMANAGER_EMAIL, sign_in_page
from .test_region_programme import csp_violations

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(scope="module")
def running(live_app) -> dict[str, int]:
    """A trajectory of Lotte Uploadtest past T5 (the confirmation letter went out); T6 and T7 open."""
    with live_app.app_context():
        session = _db.session
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        manager = session.scalar(sa.select(User).where(User.email == CASEMANAGER_EMAIL))
        actor = Actor(manager)
        variation = session.scalar(sa.select(ServiceVariation).where(ServiceVariation.name == "WVP De luxe"))
        employer = Employer(
            name="Drukkerij Het Upload B.V.",
            label=session.scalars(sa.select(Label).order_by(Label.id)).first(),
            city="Zwolle",
        )
        session.add_all(
            [
                employer,
                ServiceAgreement(employer=employer, variation=variation, start_date=dt.date(2025, 1, 1)),
            ]
        )
        programme = Programme(
            name="Re-integratiecoaching Browser",
            provider=Provider(name="Coachbureau Browser", email="info@coach.example.nl"),
            price=Decimal("1450.00"),
            duration_weeks=10,
            regions=[session.scalar(sa.select(Region).where(Region.name == "Overijssel"))],
            service_types=[variation.service_type],
        )
        employee = Employee(
            employer=employer,
            personnel_number="UP-1",
            first_name="Lotte",
            last_name="Uploadtest",
            city="Zwolle",
            daily_wage=Decimal("190.00"),
            case_manager=manager,
        )
        session.add_all([programme, employee])
        session.flush()
        template = session.scalar(
            sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
        )
        trajectory = start_trajectory(
            employee,
            template,
            actor=actor,
            now=now,
            category=session.scalar(sa.select(Category).where(Category.name == "Arbo")),
            end_goal=session.scalar(sa.select(EndGoal).where(EndGoal.name == "Werkhervatting eigen werk")),
        )

        def task(key: str):
            return next(t for t in trajectory.tasks if t.key == key and t.status.value == "open")

        skip_task(task("T1"), "Bij de start vastgelegd", actor=actor, now=now)
        complete_task(task("T2"), {"programme_id": programme.id}, actor=actor, now=now)
        skip_task(task("T3"), "Werkgever betaalt zelf", actor=actor, now=now)
        complete_task(task("T4"), {"approval": "accepted"}, actor=actor, now=now)
        complete_task(task("T5"), {}, actor=actor, now=now)
        ids = {"employee": employee.id, "trajectory": trajectory.id, "t6": task("T6").id}
        session.commit()
        session.remove()
    return ids


def test_a_provider_uploads_a_report_and_the_case_manager_sees_it(
    page, browser, live_server, live_app, running, shot
):
    page.set_default_timeout(30_000)
    violations = csp_violations(page)
    sign_in_page(page, live_server, CASEMANAGER_EMAIL)
    page.goto(f"{live_server}/admin/dossiers/{running['employee']}/")
    state = page.locator(f"#upload-link-{running['trajectory']}")
    assert "actief, geldig tot en met" in state.inner_text()  # made with the confirmation letter
    state.locator("button.upload-link-new").click()
    page.wait_for_load_state()
    link = page.locator("#upload-link").inner_text().strip()
    assert UPLOAD_PATH in link
    shot("new-link")
    path = link[link.index(UPLOAD_PATH) :]

    provider = browser.new_page()  # another browser context: no session, no account
    provider.set_default_timeout(30_000)
    provider_violations = csp_violations(provider)
    provider.goto(f"{live_server}{path}")
    subject = provider.locator("#subject").inner_text()
    assert f"#{running['trajectory']}" in subject and "Re-integratiecoaching Browser" in subject
    assert "L.U." in subject
    body = provider.locator("body").inner_text()
    assert "Lotte" not in body and "Uploadtest" not in body and "Zwolle" not in body and "UP-1" not in body

    # a PNG renamed to .pdf, sent as a PDF: refused, the form again
    provider.set_input_files(
        "#file", files=[{"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": PNG}]
    )
    provider.click("#submit")
    provider.wait_for_load_state()
    assert "Alleen PDF-bestanden worden aangenomen" in provider.locator(".error").inner_text()

    provider.set_input_files(
        "#file", files=[{"name": "voortgang-week4.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    provider.click("#submit")
    provider.wait_for_load_state()
    assert "in goede orde ontvangen" in provider.locator("#received").inner_text()

    with live_app.app_context():
        [document] = _db.session.scalars(
            sa.select(Document).where(
                Document.trajectory_id == running["trajectory"], Document.origin == DocumentOrigin.PROVIDER
            )
        ).all()
        assert (document.pdf, document.task_id, document.filename) == (
            PDF,
            running["t6"],
            "voortgang-week4.pdf",
        )
        _db.session.remove()

    page.goto(f"{live_server}/admin/dossiers/{running['employee']}/")
    documents = page.locator("#documents").inner_text()
    assert "voortgang-week4.pdf" in documents and "aangeleverd door de provider" in documents
    page.locator(f"#upload-link-{running['trajectory']} button.upload-link-revoke").click()
    page.wait_for_load_state()
    assert "ingetrokken" in page.locator(f"#upload-link-{running['trajectory']}").inner_text()
    shot("revoked")

    provider.goto(f"{live_server}{path}")
    assert "Deze link is ingetrokken" in provider.locator("#error").inner_text()
    provider.close()
    assert violations == [] and provider_violations == []
