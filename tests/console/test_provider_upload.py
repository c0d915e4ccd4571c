"""Provider reports through the personal upload link: the letter carries it, the page shows no personal data, a PDF
is stored with the trajectory and announced in Slack; expired, revoked, tampered, wrong type, too large and too
many attempts are refused in Dutch with nothing stored."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
import time_machine

from casework.logbook import Actor
from casework.process import complete_task, skip_task, start_trajectory
from casework.uploads import MAX_ATTEMPTS, UPLOAD_PATH, _hash
from models import (
    Category,
    Document,
    DocumentOrigin,
    EndGoal,
    LogEntry,
    Notification,
    Task,
    TrajectoryStatus,
    TrajectoryTemplate,
    UploadLink,
)

from .conftest import csrf_token, sign_in

NOW = dt.datetime(2026, 3, 2, 9, 0)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(autouse=True)
def pinned_clock():
    """The console's now is 2 March 2026, 10:00 in Amsterdam."""
    with time_machine.travel(NOW.replace(tzinfo=dt.UTC), tick=False):
        yield


def named(db, model, name):
    return db.session.scalar(sa.select(model).where(model.name == name))


def open_task(trajectory, key):
    return next(t for t in trajectory.tasks if t.key == key and t.status.value == "open")


@pytest.fixture
def employee(create_employee, create_sick_report, casemanager):
    """Piet Pietersen of the case manager's caseload, with the personal data the page must not show."""
    person = create_employee(
        case_manager=casemanager,
        first_name="Piet",
        last_name="Pietersen",
        personnel_number="PN-77123",
        birth_date=dt.date(1979, 4, 23),
        postcode="9712 CP",
        city="Groningen",
    )
    create_sick_report(person, first_sick_day=dt.date(2026, 1, 5))
    return person


@pytest.fixture
def running(db, employee, casemanager, create_programme):
    """A trajectory past T5: the confirmation letter went out with the upload link; T6 and T7 are open.
    Returns the trajectory and the link's path."""
    actor = Actor(casemanager)
    template = named(db, TrajectoryTemplate, "Inzet interventie")
    programme = create_programme(name="Werkfit Coaching", price="1800.00")
    trajectory = start_trajectory(
        employee,
        template,
        actor=actor,
        now=NOW,
        category=named(db, Category, "Arbo"),
        end_goal=named(db, EndGoal, "Werkhervatting eigen werk"),
    )
    skip_task(open_task(trajectory, "T1"), "Bij de start vastgelegd", actor=actor, now=NOW)
    complete_task(open_task(trajectory, "T2"), {"programme_id": programme.id}, actor=actor, now=NOW)
    skip_task(open_task(trajectory, "T3"), "Werkgever betaalt zelf", actor=actor, now=NOW)
    complete_task(open_task(trajectory, "T4"), {"approval": "accepted"}, actor=actor, now=NOW)
    complete_task(open_task(trajectory, "T5"), {}, actor=actor, now=NOW)
    letter = db.session.scalar(
        sa.select(Document).where(Document.task_id == open_task_done(trajectory, "T5").id)
    )
    match = re.search(r"https?://[^\s<\"]*" + re.escape(UPLOAD_PATH) + r"([A-Za-z0-9_.\-]+)", letter.html)
    assert match, "the confirmation letter carries no upload link"
    db.session.commit()  # a refused request rolls back its own work only
    return trajectory, UPLOAD_PATH + match.group(1)


def open_task_done(trajectory, key):
    return next(t for t in trajectory.tasks if t.key == key and t.status.value == "done")


def upload(client, path, data=PDF, name="voortgang-maart.pdf", mimetype="application/pdf", **form):
    """Post the form with a file. The multipart body is encoded here: for bodies over 500 kB the test client
    would use a temporary file of its own that it never closes."""
    fields = {"csrf_token": csrf_token(client, path) if "csrf_token" not in form else form.pop("csrf_token")}
    fields.update(form)
    body = b"".join(
        b'--grens\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (k.encode(), v.encode())
        for k, v in fields.items()
    )
    body += (
        b'--grens\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
        % (name.encode(), mimetype.encode())
        + data
        + b"\r\n--grens--\r\n"
    )
    return client.post(path, data=body, content_type="multipart/form-data; boundary=grens")


def stored(db):
    """What a refused upload must not change: the documents and the outbox."""
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    return count(Document), count(Notification)


def refusals(db):
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(LogEntry).where(LogEntry.action == "upload.refused")
    )


# ---- the link ------------------------------------------------------------------------------------------------


def test_the_confirmation_letter_carries_a_signed_expiring_link_stored_only_as_a_hash(db, running):
    trajectory, path = running
    token = path.removeprefix(UPLOAD_PATH)
    secret, signature = token.split(".")
    [link] = trajectory.upload_links
    assert link.secret_hash == _hash(secret) and secret not in link.secret_hash
    assert link.expires_at == NOW + dt.timedelta(days=120) and link.revoked_at is None
    letter = db.session.scalar(
        sa.select(Document).where(Document.upload_link_id.is_(None)).order_by(Document.id.desc())
    )
    assert "Geldig tot en met" in letter.html and "30-06-2026" in letter.html
    assert db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "upload_link.issued")) is not None


def test_the_page_shows_reference_programme_and_initials_only(client, db, running, employee):
    trajectory, path = running
    response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"Inzet interventie #{trajectory.id}" in page
    assert "Werkfit Coaching" in page and 'id="initials">P.P.<' in page
    for personal in ("Piet", "Pietersen", "PN-77123", "23-04-1979", "23-4-1979", "1979", "9712", "Groningen"):
        assert personal not in page, personal
    assert employee.employer.name not in page
    assert "Voortgangsrapportage ontvangen" in page and "Eindrapportage ontvangen" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert "script-src 'self' 'nonce-" in response.headers["Content-Security-Policy"]


# ---- a valid upload ------------------------------------------------------------------------------------------


def test_a_pdf_is_stored_with_the_trajectory_attached_to_t6_logged_and_queued_for_slack(
    client, db, running, casemanager
):
    trajectory, path = running
    t6 = open_task(trajectory, "T6")
    response = upload(client, path, task=str(t6.id))
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "Rapportage ontvangen" in page and "voortgang-maart.pdf" in page and "Pietersen" not in page

    document = db.session.scalar(sa.select(Document).where(Document.origin == DocumentOrigin.PROVIDER))
    assert document.pdf == PDF and document.trajectory_id == trajectory.id and document.task_id == t6.id
    assert document.filename == "voortgang-maart.pdf" and document.created_by_id is None
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "document.uploaded"))
    assert entry.trajectory_id == trajectory.id and entry.employee_id == trajectory.employee_id
    assert "voortgang-maart.pdf" in entry.message and "T6" in entry.message
    [notice] = db.session.scalars(sa.select(Notification))
    assert notice.recipient_id == casemanager.id and notice.signal_id is None
    assert notice.payload["task_id"] == t6.id and notice.payload["document_id"] == document.id
    assert "Piet Pietersen" in notice.text and "voortgangsrapportage" in notice.text
    assert t6.status.value == "open"  # the case manager completes it after reading the report


def test_the_final_report_goes_with_t7(client, db, running):
    trajectory, path = running
    t7 = open_task(trajectory, "T7")
    assert upload(client, path, task=str(t7.id)).status_code == 200
    document = db.session.scalar(sa.select(Document).where(Document.origin == DocumentOrigin.PROVIDER))
    assert document.task_id == t7.id and document.title.startswith("Eindrapportage ontvangen")


def test_the_case_manager_gets_the_message_in_slack_through_the_outbox(
    client, db, running, casemanager, fake_slack
):
    from jobs.outbox import deliver
    from jobs.settings import Settings
    from jobs.slack import make_client

    trajectory, path = running
    t6 = open_task(trajectory, "T6")
    assert upload(client, path, task=str(t6.id)).status_code == 200
    settings = Settings.load(
        {"TRAJECT_QUIET_HOURS": "", "TRAJECT_QUIET_WEEKENDS": "0", "TRAJECT_SLACK_RATE": "0"}
    )
    slack = make_client({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url})
    report = deliver(slack, NOW, settings)
    assert (report.sent, report.messages) == (1, 1)
    [message] = fake_slack.messages(f"D{casemanager.slack_user_id}")
    assert "Rapportage van de provider ontvangen" in str(message["blocks"])
    assert "Piet Pietersen" in message["text"] and "voortgang-maart.pdf" in message["text"]
    buttons = {
        e["action_id"]: e["value"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert buttons["signal.complete_task"] == str(t6.id)
    assert buttons["signal.open_dossier"] == str(trajectory.employee_id)


def test_the_upload_is_in_the_dossier_for_its_case_manager_only(
    client, db, running, casemanager, create_user
):
    trajectory, path = running
    assert upload(client, path).status_code == 200  # two report tasks open: the first is the default
    document = db.session.scalar(sa.select(Document).where(Document.origin == DocumentOrigin.PROVIDER))
    assert document.task_id == open_task(trajectory, "T6").id
    anonymous = client.get(f"/admin/dossiers/document/{document.id}")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]

    sign_in(client, casemanager)
    page = client.get(f"/admin/dossiers/{trajectory.employee_id}/").get_data(as_text=True)
    documents = page.split('id="documents"')[1].split("</ul>")[0]
    assert "voortgang-maart.pdf" in documents and "aangeleverd door de provider" in documents
    download = client.get(f"/admin/dossiers/document/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")

    other = create_user(name="Youssef")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    sign_in(client, other)
    assert client.get(f"/admin/dossiers/document/{document.id}").status_code == 404


def test_the_api_lists_the_upload(client, db, running):
    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM

    trajectory, path = running
    assert upload(client, path).status_code == 200
    _row, token = create_api_token(name="koppeling", actor=SYSTEM, now=NOW)
    db.session.commit()
    answer = client.get(
        f"/api/v1/employees/{trajectory.employee_id}/documents", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200
    uploaded = [d for d in answer.get_json() if d["origin"] == "provider"]
    assert [d["filename"] for d in uploaded] == ["voortgang-maart.pdf"]
    generated = [d for d in answer.get_json() if d["origin"] == "generated"]
    assert generated and all(d["filename"] == "" for d in generated)


# ---- refusals: nothing stored --------------------------------------------------------------------------------


def test_an_expired_link_is_refused(client, db, running):
    trajectory, path = running
    before = stored(db)
    with time_machine.travel((NOW + dt.timedelta(days=120)).replace(tzinfo=dt.UTC), tick=False):
        page = client.get(path)
        assert page.status_code == 410 and "verlopen" in page.get_data(as_text=True)
        token = csrf_token(client, "/login")
        refused = upload(client, path, csrf_token=token)
    assert refused.status_code == 410 and "Deze link is verlopen" in refused.get_data(as_text=True)
    assert stored(db) == before and refusals(db) == 1
    with time_machine.travel((NOW + dt.timedelta(days=119, hours=23)).replace(tzinfo=dt.UTC), tick=False):
        assert client.get(path).status_code == 200  # the day before, it still works


def test_a_revoked_link_is_refused_and_a_new_one_works(client, db, running, casemanager):
    trajectory, path = running
    cm = sign_in(client, casemanager)
    dossier = f"/admin/dossiers/{trajectory.employee_id}/"
    assert "Uploadlink intrekken" in cm.get(dossier).get_data(as_text=True)
    token = csrf_token(cm, dossier)
    response = cm.post(
        f"/admin/dossiers/acties/trajectory/{trajectory.id}/upload-link/revoke", data={"csrf_token": token}
    )
    assert response.status_code == 302
    [link] = db.session.scalars(sa.select(UploadLink).execution_options(populate_existing=True))
    assert link.revoked_at == NOW and link.revoked_by_id == casemanager.id
    assert "ingetrokken" in cm.get(dossier).get_data(as_text=True)

    before = stored(db)
    page = client.get(path)
    assert page.status_code == 410 and "Deze link is ingetrokken" in page.get_data(as_text=True)
    refused = upload(client, path, csrf_token=csrf_token(client, dossier))
    assert refused.status_code == 410 and stored(db) == before

    created = cm.post(
        f"/admin/dossiers/acties/trajectory/{trajectory.id}/upload-link", data={"csrf_token": token}
    )
    text = created.get_data(as_text=True)
    assert created.status_code == 200 and "niet opnieuw getoond" in text
    new_path = UPLOAD_PATH + re.search(re.escape(UPLOAD_PATH) + r"([A-Za-z0-9_.\-]+)", text).group(1)
    assert new_path != path
    assert client.get(new_path).status_code == 200
    assert upload(client, new_path).status_code == 200
    assert client.get(path).status_code == 410  # the old one stays revoked


def test_a_new_link_replaces_the_old_one(client, db, running, casemanager):
    trajectory, path = running
    cm = sign_in(client, casemanager)
    token = csrf_token(cm, f"/admin/dossiers/{trajectory.employee_id}/")
    assert (
        cm.post(
            f"/admin/dossiers/acties/trajectory/{trajectory.id}/upload-link", data={"csrf_token": token}
        ).status_code
        == 200
    )
    assert client.get(path).status_code == 410
    links = db.session.scalars(sa.select(UploadLink).order_by(UploadLink.id)).all()
    assert [link.revoked_at is None for link in links] == [False, True]


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1],  # the signature
        lambda token: ("A" if token[0] != "A" else "B") + token[1:],  # the secret
        lambda token: token.split(".")[0],  # no signature at all
        lambda token: token + "x",
    ],
)
def test_a_tampered_link_is_refused(client, db, running, change):
    trajectory, path = running
    before = stored(db)
    bad = UPLOAD_PATH + change(path.removeprefix(UPLOAD_PATH))
    page = client.get(bad)
    assert page.status_code == 404 and "Deze link is ongeldig" in page.get_data(as_text=True)
    assert "Werkfit" not in page.get_data(as_text=True)
    refused = upload(client, bad, csrf_token=csrf_token(client, path))
    assert refused.status_code == 404 and stored(db) == before and refusals(db) == 1


def test_a_correctly_signed_but_unknown_secret_is_refused(client, app, db, running):
    from casework.uploads import _signer

    unknown = _signer(app.config["SECRET_KEY"]).sign("een-geheim-dat-niet-bestaat").decode()
    assert client.get(UPLOAD_PATH + unknown).status_code == 404


def test_a_png_renamed_to_pdf_is_refused(client, db, running):
    trajectory, path = running
    before = stored(db)
    response = upload(client, path, data=PNG, name="rapport.pdf", mimetype="application/pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Alleen PDF-bestanden worden aangenomen" in page
    assert 'name="file"' in page  # the form again
    assert stored(db) == before and refusals(db) == 1
    entry = db.session.scalar(sa.select(LogEntry).where(LogEntry.action == "upload.refused"))
    assert entry.trajectory_id == trajectory.id


def test_a_pdf_sent_as_another_type_is_refused(client, db, running):
    trajectory, path = running
    before = stored(db)
    response = upload(client, path, data=PDF, name="rapport.png", mimetype="image/png")
    assert response.status_code == 422 and stored(db) == before


def test_an_empty_upload_is_refused(client, db, running):
    trajectory, path = running
    before = stored(db)
    response = upload(client, path, data=b"")
    assert response.status_code == 422 and "Kies een PDF-bestand" in response.get_data(as_text=True)
    assert stored(db) == before


def test_a_file_over_the_limit_is_refused(client, app, db, running, monkeypatch):
    trajectory, path = running
    monkeypatch.setitem(app.config, "TRAJECT_UPLOAD_MAX_MB", 1)
    before = stored(db)
    big = PDF + b"0" * (1024 * 1024 + 1 - len(PDF))
    response = upload(client, path, data=big)
    assert response.status_code == 422
    assert "Het bestand is te groot: hoogstens 1 MB." in response.get_data(as_text=True)
    assert stored(db) == before
    exactly = PDF + b"0" * (1024 * 1024 - len(PDF))
    assert upload(client, path, data=exactly).status_code == 200


def test_a_body_far_over_the_limit_answers_413_in_dutch(client, app, db, running, monkeypatch):
    trajectory, path = running
    monkeypatch.setitem(app.config, "TRAJECT_UPLOAD_MAX_MB", 1)
    before = stored(db)
    response = upload(client, path, data=PDF + b"0" * (2 * 1024 * 1024))
    assert response.status_code == 413
    assert "Het bestand is te groot: hoogstens 1 MB" in response.get_data(as_text=True)
    assert stored(db) == before


def test_too_many_attempts_answer_429(client, db, running):
    trajectory, path = running
    for _ in range(MAX_ATTEMPTS):
        assert upload(client, path, data=PNG).status_code == 422
    before = stored(db)
    response = upload(client, path)  # a good PDF, but too many attempts
    assert response.status_code == 429 and "Te veel pogingen" in response.get_data(as_text=True)
    assert stored(db) == before
    with time_machine.travel((NOW + dt.timedelta(minutes=16)).replace(tzinfo=dt.UTC), tick=False):
        assert upload(client, path).status_code == 200


def test_tampered_attempts_count_towards_the_limit(client, db, running):
    trajectory, path = running
    token = csrf_token(client, path)
    for n in range(MAX_ATTEMPTS):
        assert upload(client, f"{UPLOAD_PATH}nep{n}.handtekening", csrf_token=token).status_code == 404
    assert upload(client, path).status_code == 429


def test_without_the_csrf_token_nothing_is_stored(client, db, running):
    trajectory, path = running
    before = stored(db)
    response = upload(client, path, csrf_token="")
    assert response.status_code == 400 and stored(db) == before


def test_a_closed_trajectory_takes_no_more_reports(client, db, running, casemanager):
    from casework.process import close_trajectory
    from models import EndReason

    trajectory, path = running
    close_trajectory(
        trajectory, named(db, EndReason, "Interventie afgebroken"), actor=Actor(casemanager), now=NOW
    )
    assert trajectory.status is TrajectoryStatus.CLOSED
    page = client.get(path)
    assert page.status_code == 410 and "afgesloten" in page.get_data(as_text=True)


def test_a_task_of_another_trajectory_is_refused(client, db, running, casemanager, employee):
    trajectory, path = running
    other = db.session.scalar(sa.select(Task).where(Task.trajectory_id != trajectory.id))
    foreign_id = other.id if other is not None else 999999
    before = stored(db)
    response = upload(client, path, task=str(foreign_id))
    assert response.status_code == 422 and "Kies welke rapportage" in response.get_data(as_text=True)
    assert stored(db) == before


def test_the_template_editor_names_the_upload_fields(admin_client, db):
    from models import DocumentTemplate

    template = db.session.scalar(
        sa.select(DocumentTemplate).where(
            DocumentTemplate.name == "Bevestiging inzet interventie aan provider"
        )
    )
    page = admin_client.get(f"/admin/document_templates/edit/?id={template.id}").get_data(as_text=True)
    assert "{{ upload.url }} krijgt elk document een nieuwe persoonlijke uploadlink" in page
    assert "{{ upload.url }}&lt;/td&gt;" in page  # the seed letter uses it, escaped in its textarea
