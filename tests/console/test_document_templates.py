"""Document templates: the body and subject checked on save naming the field; a preview on demo data."""

from __future__ import annotations

import sqlalchemy as sa

from models import DocumentTemplate, Label

from .conftest import csrf_token


def template_named(db, name):
    return db.session.scalar(sa.select(DocumentTemplate).where(DocumentTemplate.name == name))


def post(client, path, data):
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data})


def test_create_edit_and_deactivate_a_document_template(admin_client, db):
    data = {"name": "Uitnodiging", "subject": "Uitnodiging voor {{ employee.full_name }}", "position": "0"}
    body = "<p>Beste {{ employee.full_name }}, welkom bij {{ programme.name }}.</p>"
    response = post(admin_client, "/admin/document_templates/new/", {**data, "body": body, "active": "y"})
    assert response.status_code == 302
    template = template_named(db, "Uitnodiging")
    assert template.body == body and template.active
    response = post(
        admin_client,
        f"/admin/document_templates/edit/?id={template.id}",
        {**data, "body": "<p>{{ provider.name }}</p>", "active": "y"},
    )
    assert response.status_code == 302
    db.session.refresh(template)
    assert template.body == "<p>{{ provider.name }}</p>"
    token = csrf_token(admin_client, "/admin/document_templates/")
    admin_client.post(
        "/admin/document_templates/action/",
        data={"action": "deactivate", "rowid": [str(template.id)], "csrf_token": token},
    )
    db.session.refresh(template)
    assert template.active is False


def test_unknown_merge_field_and_syntax_error_are_refused_naming_the_field(admin_client, db):
    existing = db.session.scalars(sa.select(DocumentTemplate).order_by(DocumentTemplate.id)).first()
    old = existing.body
    path = f"/admin/document_templates/edit/?id={existing.id}"
    data = {"name": existing.name, "subject": existing.subject, "position": "0", "active": "y"}
    page = post(admin_client, path, {**data, "body": "<p>{{ employee.bsn }}</p>"}).get_data(as_text=True)
    assert "Tekst: Onbekend samenvoegveld: employee.bsn" in page
    page = post(admin_client, path, {**data, "body": "<p>{% if %}</p>"}).get_data(as_text=True)
    assert "Tekst: Fout in het sjabloon op regel 1" in page
    page = post(admin_client, path, {**data, "subject": "{{ werkgever }}", "body": old}).get_data(
        as_text=True
    )
    assert "Onderwerp: Onbekend samenvoegveld: werkgever" in page
    db.session.refresh(existing)
    assert existing.body == old
    assert template_named(db, existing.name).subject == existing.subject


def test_preview_renders_demo_data_in_the_chosen_labels_style_and_as_pdf(admin_client, db):
    existing = db.session.scalars(sa.select(DocumentTemplate).order_by(DocumentTemplate.id)).first()
    label = db.session.scalars(sa.select(Label).order_by(Label.id)).first()
    label.colour_primary = "#123456"
    db.session.flush()
    page = admin_client.get(f"/admin/document_templates/preview/?id={existing.id}&label={label.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'sandbox=""' in html and "srcdoc=" in html
    assert "#123456" in html and label.name in html
    assert "Anna de Vries" in html or "Bakkerij Voorbeeld" in html  # the fictional dossier, never a real one
    pdf = admin_client.get(f"/admin/document_templates/preview/?id={existing.id}&label={label.id}&format=pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_case_manager_cannot_preview_or_edit(cm_client, db):
    existing = db.session.scalars(sa.select(DocumentTemplate).order_by(DocumentTemplate.id)).first()
    assert cm_client.get(f"/admin/document_templates/preview/?id={existing.id}").status_code == 403
    assert cm_client.get(f"/admin/document_templates/edit/?id={existing.id}").status_code == 403
