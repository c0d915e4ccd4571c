"""Document templates have limits: a template that would take the server's memory or time is refused at save
with the reason, and fails with a clear Dutch error when an older one is rendered; the server stays small."""

from __future__ import annotations

import html
import resource

import pytest
import sqlalchemy as sa

from models import DocumentTemplate

from .conftest import csrf_token

# Each of these made the server grow to tens of gigabytes or run for ever.
PAYLOADS = {
    "string times a huge number": "{{ 'x' * 10**10 }}",
    "nested loops": "{% for a in range(10**6) %}{% for b in range(10**6) %}x{% endfor %}{% endfor %}",
    "nested loops within range": "{% for a in range(9999) %}{% for b in range(9999) %}{% endfor %}{% endfor %}",
    "output in loops": "{% for a in range(9999) %}{% for b in range(9999) %}{{ a }}{% endfor %}{% endfor %}",
    "format string times huge": "{{ '%s' * 10**9 }}",
    "format repeating its argument": "{{ ('%s' * 50000) % (('x' * 99999),) }}",
    "padding by %": "{{ '%999999999s' % 1 }}",
    "padding by format": "{{ '{:>999999999}'.format(1) }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "center filter": "{{ 'x'|center(1000000000) }}",
    "replace blow-up": "{{ ('x' * 99999)|replace('x', 'x' * 99999) }}",
    "join blow-up": "{{ range(9999)|join('x' * 99999) }}",
    "doubling in a namespace": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
    ),
    "squaring a number": (
        "{% set ns = namespace(n=2) %}{% for i in range(60) %}{% set ns.n = ns.n * ns.n %}{% endfor %}"
    ),
    "string method padding": "{{ 'x'.ljust(10**9) }}",
    "many big strings at once": "{{ range(9999)|map('string')|map('center', 90000)|list|length }}",
}
PEAK_GROWTH_LIMIT = 300 * 1024  # kB (ru_maxrss): the web process must not grow by more than 300 MB


def peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def post(client, path, data):
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data})


@pytest.mark.parametrize("body", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_template_breaking_a_limit_is_refused_at_save_with_the_reason(admin_client, db, body):
    before = peak_kb()
    response = post(
        admin_client,
        "/admin/document_templates/new/",
        {"name": "Aanval", "subject": "Brief", "body": body, "position": "0", "active": "y"},
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Tekst: Het sjabloon gaat over een grens: " in page
    assert db.session.scalar(sa.select(DocumentTemplate).where(DocumentTemplate.name == "Aanval")) is None
    assert peak_kb() - before < PEAK_GROWTH_LIMIT


def test_the_reason_names_the_limit(admin_client, db):
    data = {"name": "Aanval", "subject": "Brief", "position": "0", "active": "y"}
    path = "/admin/document_templates/new/"
    page = html.unescape(
        post(admin_client, path, {**data, "body": PAYLOADS["nested loops"]}).get_data(as_text=True)
    )
    assert "range() geeft hoogstens 10.000 getallen" in page
    page = html.unescape(
        post(admin_client, path, {**data, "body": PAYLOADS["nested loops within range"]}).get_data(
            as_text=True
        )
    )
    assert "het opmaken duurt te lang (meer dan 3 seconden)" in page
    page = html.unescape(
        post(admin_client, path, {**data, "body": PAYLOADS["output in loops"]}).get_data(as_text=True)
    )
    assert "het sjabloon maakt meer dan 200.000 tekens tekst" in page, page[page.find("grens") - 200 :][:600]
    page = html.unescape(
        post(admin_client, path, {**data, "body": PAYLOADS["many big strings at once"]}).get_data(
            as_text=True
        )
    )
    assert "het sjabloon gebruikt te veel geheugen" in page
    long_subject = {**data, "subject": "{{ 'ab' * 60000 }}", "body": "<p>Hallo</p>"}
    page = html.unescape(post(admin_client, path, long_subject).get_data(as_text=True))
    assert "Onderwerp: Het sjabloon gaat over een grens: het sjabloon maakt een te lange tekst" in page


def test_an_ordinary_template_still_renders_after_a_refused_one(admin_client, db):
    data = {
        "name": "Gewoon",
        "subject": "Brief voor {{ employee.full_name }}",
        "position": "0",
        "active": "y",
    }
    post(admin_client, "/admin/document_templates/new/", {**data, "body": PAYLOADS["padding by format"]})
    body = "{% for i in range(3) %}<p>{{ i }}: {{ employee.full_name|center(30) }}</p>{% endfor %}"
    response = post(admin_client, "/admin/document_templates/new/", {**data, "body": body})
    assert response.status_code == 302
    saved = db.session.scalar(sa.select(DocumentTemplate).where(DocumentTemplate.name == "Gewoon"))
    preview = admin_client.get(f"/admin/document_templates/preview/?id={saved.id}").get_data(as_text=True)
    assert "2:" in preview and "Anna de Vries" in preview


def test_a_stored_template_breaking_a_limit_fails_at_render_time_with_a_dutch_error(admin_client, db):
    # stored before the limits existed (or imported around them): rendering refuses, the server stays small
    template = DocumentTemplate(name="Oud sjabloon", subject="Brief", body=PAYLOADS["lipsum"], position=0)
    db.session.add(template)
    db.session.flush()
    before = peak_kb()
    response = admin_client.get(f"/admin/document_templates/preview/?id={template.id}")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Het sjabloon gaat over een grens: lipsum() maakt hoogstens 20 alinea's van 200 woorden." in page
    assert peak_kb() - before < PEAK_GROWTH_LIMIT
