"""The engine of the providers' upload links: only a template that uses the link makes one; one link per
trajectory; the checks of an uploaded file."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.documents import generate_document
from casework.errors import Invalid
from casework.logbook import Actor
from casework.uploads import (
    UPLOAD_PATH,
    LinkRefused,
    LinkSettings,
    check_pdf,
    initials,
    issue_link,
    resolve_link,
    revoke_link,
)
from models import DocumentTemplate, Trajectory, TrajectoryTemplate, UploadLink

NOW = dt.datetime(2026, 3, 2, 9, 0)
SETTINGS = LinkSettings(
    secret_key="test-secret-key", base_url="https://traject.example.nl/", days=30, max_mb=1
)


@pytest.fixture
def trajectory(db, create_employee, casemanager) -> Trajectory:
    """An open trajectory of Anna Jansen."""
    template = db.session.scalar(
        sa.select(TrajectoryTemplate).where(TrajectoryTemplate.name == "Inzet interventie")
    )
    trajectory = Trajectory(
        template=template,
        employee=create_employee(case_manager=casemanager),
        case_manager=casemanager,
        started_on=dt.date(2026, 3, 1),
    )
    db.session.add(trajectory)
    db.session.flush()
    return trajectory


def template_named(db, name: str) -> DocumentTemplate:
    return db.session.scalar(sa.select(DocumentTemplate).where(DocumentTemplate.name == name))


def test_only_a_template_using_the_link_makes_one(db, trajectory, casemanager):
    actor = Actor(casemanager)
    quote = generate_document(trajectory, template_named(db, "Offerte interventie"), actor=actor, now=NOW)
    assert trajectory.upload_links == [] and UPLOAD_PATH not in quote.html
    letter = generate_document(
        trajectory, template_named(db, "Bevestiging inzet interventie aan provider"), actor=actor, now=NOW
    )
    [link] = trajectory.upload_links
    assert f"http://127.0.0.1:5000{UPLOAD_PATH}" in letter.html  # TRAJECT_BASE_URL's default
    assert "hoogstens 10 MB" in letter.html and "30-06-2026" in letter.html  # 120 days by default
    again = generate_document(
        trajectory, template_named(db, "Bevestiging inzet interventie aan provider"), actor=actor, now=NOW
    )
    assert again.html != letter.html  # a new link; the old one stops working
    assert [x.revoked_at for x in trajectory.upload_links] == [NOW, None] and link.revoked_at == NOW


def test_a_link_resolves_until_it_expires_or_is_revoked(db, trajectory, casemanager):
    link, url = issue_link(trajectory, actor=Actor(casemanager), now=NOW, settings=SETTINGS)
    assert url.startswith("https://traject.example.nl" + UPLOAD_PATH)
    token = url.rsplit("/", 1)[1]
    assert resolve_link(token, now=NOW + dt.timedelta(days=29), settings=SETTINGS) is link
    with pytest.raises(LinkRefused) as expired:
        resolve_link(token, now=NOW + dt.timedelta(days=30), settings=SETTINGS)
    assert expired.value.reason == "expired"
    with pytest.raises(LinkRefused) as other_key:
        resolve_link(token, now=NOW, settings=LinkSettings(secret_key="een-andere-sleutel"))
    assert other_key.value.reason == "invalid"  # a new SECRET_KEY ends every link
    revoke_link(trajectory, actor=Actor(casemanager), now=NOW)
    with pytest.raises(LinkRefused) as revoked:
        resolve_link(token, now=NOW, settings=SETTINGS)
    assert revoked.value.reason == "revoked"
    with pytest.raises(Invalid):
        revoke_link(trajectory, actor=Actor(casemanager), now=NOW)  # nothing left to revoke


def test_every_other_last_character_of_the_link_is_refused(db, trajectory, casemanager):
    """base64 leaves spare bits in the last character; a link differing there is still not the link."""
    import string

    _link, url = issue_link(trajectory, actor=Actor(casemanager), now=NOW, settings=SETTINGS)
    token = url.rsplit("/", 1)[1]
    for c in string.ascii_letters + string.digits + "-_":
        if c != token[-1]:
            with pytest.raises(LinkRefused):
                resolve_link(token[:-1] + c, now=NOW, settings=SETTINGS)
    secret = token.split(".")[0]
    for c in string.ascii_letters + string.digits + "-_":
        if c != secret[-1]:
            with pytest.raises(LinkRefused):
                resolve_link(secret[:-1] + c + token[len(secret) :], now=NOW, settings=SETTINGS)


def test_the_database_allows_one_active_link_per_trajectory(db, trajectory):
    def link(n: int, revoked: dt.datetime | None = None) -> UploadLink:
        return UploadLink(
            trajectory=trajectory,
            secret_hash=f"{n}" * 64,
            created_at=NOW,
            expires_at=NOW + dt.timedelta(days=1),
            revoked_at=revoked,
        )

    db.session.add_all([link(1, revoked=NOW), link(2)])
    db.session.flush()  # a revoked one beside the active one
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.add(link(3))
        db.session.flush()


def test_initials_only(trajectory):
    assert initials(trajectory) == f"A.{trajectory.employee.last_name[0]}."


@pytest.mark.parametrize(
    "data,mime,message",
    [
        (b"", "application/pdf", "Kies een PDF-bestand"),
        (b"\x89PNG\r\n\x1a\n", "application/pdf", "geen PDF"),
        (b"%PDF-1.7\n", "image/png", "geen PDF"),
        (b"%PDF-1.7\n", "application/octet-stream", "geen PDF"),
        (b" %PDF-1.7\n", "application/pdf", "geen PDF"),
        (b"%PDF-" + b"0" * (1024 * 1024), "application/pdf", "te groot: hoogstens 1 MB"),
    ],
)
def test_what_is_no_pdf_or_too_large_is_refused(data, mime, message):
    with pytest.raises(Invalid) as refused:
        check_pdf(data, mime, settings=SETTINGS)
    assert message in refused.value.errors["file"]


def test_a_pdf_within_the_limit_passes():
    check_pdf(b"%PDF-" + b"0" * (1024 * 1024 - 5), "application/pdf; charset=binary", settings=SETTINGS)


def test_purging_a_dossier_takes_its_links_and_uploads_along(db, trajectory, casemanager):
    from casework.uploads import receive_report
    from jobs.purge import purge
    from models import Document, EndReason, TrajectoryStatus

    link, _url = issue_link(
        trajectory, actor=Actor(casemanager), now=NOW - dt.timedelta(days=1200), settings=SETTINGS
    )
    receive_report(
        link,
        task_id=None,
        filename="eindrapport.pdf",
        content_type="application/pdf",
        data=b"%PDF-1.7\n",
        now=NOW - dt.timedelta(days=1190),
        settings=SETTINGS,
    )
    reason = db.session.scalars(sa.select(EndReason)).first()
    trajectory.status = TrajectoryStatus.CLOSED
    trajectory.started_on = dt.date(2022, 1, 1)
    trajectory.closed_on = dt.date(2023, 1, 1)
    trajectory.end_reason = reason
    db.session.flush()
    [gone] = purge(NOW, 730)
    assert gone.employee_id == trajectory.employee_id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UploadLink)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0


@pytest.mark.parametrize("name", ["TRAJECT_UPLOAD_LINK_DAYS", "TRAJECT_UPLOAD_MAX_MB"])
@pytest.mark.parametrize("value", ["0", "-3", "tien", "100000"])
def test_a_bad_upload_setting_stops_the_start_naming_it(tmp_path, name, value):
    from console.config import ConfigError, from_environment, validate

    settings = from_environment(str(tmp_path), {"SECRET_KEY": "x" * 32, name: value})
    with pytest.raises(ConfigError, match=name):
        validate(settings)


def test_the_upload_settings_default_to_120_days_and_10_mb(tmp_path):
    from console.config import from_environment, validate

    settings = from_environment(str(tmp_path), {"SECRET_KEY": "x" * 32})
    validate(settings)
    assert (settings["TRAJECT_UPLOAD_LINK_DAYS"], settings["TRAJECT_UPLOAD_MAX_MB"]) == (120, 10)
    custom = from_environment(
        str(tmp_path), {"TRAJECT_UPLOAD_LINK_DAYS": "30", "TRAJECT_UPLOAD_MAX_MB": "25"}
    )
    assert (custom["TRAJECT_UPLOAD_LINK_DAYS"], custom["TRAJECT_UPLOAD_MAX_MB"]) == (30, 25)
