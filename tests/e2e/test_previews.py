"""The house-style and document previews render in their sandboxed frame without CSP complaints."""

from __future__ import annotations

import sqlalchemy as sa

from models import DocumentTemplate, Label
from models import db as _db
from tests.e2e.test_region_programme import csp_violations


def test_label_and_document_previews_show_in_the_browser(admin_page, live_app, live_server, shot):
    page = admin_page
    violations = csp_violations(page)
    with live_app.app_context():
        label = _db.session.scalars(sa.select(Label).order_by(Label.id)).first()
        label_id, label_name = label.id, label.name
        document_id = _db.session.scalars(
            sa.select(DocumentTemplate.id).order_by(DocumentTemplate.id)
        ).first()
        _db.session.remove()
    page.goto(f"{live_server}/admin/labels/preview/?id={label_id}")
    frame = page.frame_locator("#preview")
    assert "Bevestiging inzet interventie" in frame.locator("main").inner_text()
    assert label_name in frame.locator("body").inner_text()
    shot("label-preview")
    page.goto(f"{live_server}/admin/document_templates/preview/?id={document_id}")
    assert frame.locator("main").inner_text().strip() != ""
    shot("document-preview")
    assert violations == []
