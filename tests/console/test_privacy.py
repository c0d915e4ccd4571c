"""Personal data: a BSN never in a URL or a log, no caching of personal pages, no database on the sign-in page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests import logscan

from .conftest import csrf_token, sign_in
from .test_dossiers import BSN, dossier, pinned_clock  # noqa: F401  (fixtures)


def test_the_search_form_posts_so_a_bsn_travels_in_the_body(cm_client, dossier):  # noqa: F811
    form = (
        cm_client.get("/admin/dossiers/").get_data(as_text=True).split('id="search"')[0].rsplit("<form", 1)[1]
    )
    assert 'method="post"' in form
    token = csrf_token(cm_client, "/admin/dossiers/")
    page = cm_client.post("/admin/dossiers/", data={"q": "111 222 333", "csrf_token": token}).get_data(
        as_text=True
    )
    assert "Piet Pietersen" in page and "******333" in page


def test_a_bsn_in_the_query_string_is_not_searched(cm_client, dossier):  # noqa: F811
    # nine digits failing the 11-proef: looks like a BSN (so it is not searched) without being one (so the
    # run's log scan does not flag this deliberate URL)
    page = cm_client.get("/admin/dossiers/", query_string={"q": "111 222 334"}).get_data(as_text=True)
    assert "Zoek op BSN met het zoekveld: een BSN hoort niet in een adres." in page
    assert "Piet Pietersen" in page  # the plain list, not a search
    assert "Geen werknemers gevonden." not in page


def test_a_search_without_the_csrf_token_is_refused(cm_client, dossier):  # noqa: F811
    assert cm_client.post("/admin/dossiers/", data={"q": BSN}).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/admin/dossiers/",
        "/admin/",
        "/admin/reports/csv?van=2026-01-01&tot=2026-03-31",
        "/admin/reports/xlsx?van=2026-01-01&tot=2026-03-31",
        "/admin/users/",
    ],
)
def test_pages_with_personal_data_and_exports_are_never_cached(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_the_dossier_itself_is_never_cached_but_static_files_may_be(cm_client, dossier):  # noqa: F811
    assert cm_client.get(f"/admin/dossiers/{dossier.id}/").headers["Cache-Control"] == "no-store"
    static = cm_client.get("/static/console.css")
    static.close()  # the file is streamed
    assert static.status_code == 200 and static.headers.get("Cache-Control") != "no-store"


def test_the_sign_in_page_shows_no_version_or_database(client, app):
    page = client.get("/login").get_data(as_text=True)
    database = app.config["SQLALCHEMY_DATABASE_URI"].split("://", 1)[1].split("?")[0]
    assert "Database" not in page and database not in page and 'id="version"' not in page


def test_administrators_see_version_and_database_on_over_traject(client, db, admin_user, casemanager, app):
    sign_in(client, casemanager)
    assert client.get("/admin/about/").status_code == 403
    assert "Over Traject" not in client.get("/admin/").get_data(as_text=True)
    sign_in(client, admin_user)
    assert 'href="/admin/about/"' in client.get("/admin/").get_data(as_text=True)
    page = client.get("/admin/about/").get_data(as_text=True)
    assert 'id="version"' in page and 'id="database"' in page
    assert app.config["SQLALCHEMY_DATABASE_URI"].split("://", 1)[0].split("+")[0] in page


def test_database_errors_are_logged_without_their_parameters_or_a_bsn(app, db, create_employee, caplog):
    from models import Employee

    create_employee(bsn="123456782")
    second = create_employee()
    with pytest.raises(sa.exc.IntegrityError) as caught, db.session.begin_nested():
        db.session.execute(sa.update(Employee).where(Employee.id == second.id).values(bsn="123456782"))
    assert "[SQL parameters hidden due to hide_parameters=True]" in str(caught.value)
    with caplog.at_level("ERROR"):
        app.logger.error("Exception on /api/v1/employees/1 [PATCH]", exc_info=caught.value)
        app.logger.error("Zoekterm %s, ook %s", "123456782", "123 456 782")
    assert "IntegrityError" in caplog.text and "*********" in caplog.text
    assert "123456782" not in caplog.text and "123 456 782" not in caplog.text


def test_only_numbers_passing_the_11_proef_are_masked():
    from console.logprivacy import mask_bsns

    assert (
        mask_bsns("id 123456789 en BSN 123456782 en 111.222.333")
        == "id 123456789 en BSN ********* en *********"
    )


def test_no_bsn_reaches_the_server_log_of_this_run(cm_client, db, dossier, now):  # noqa: F811
    """Search by BSN, open the dossier, use the API with a BSN, hit a database error holding one: then scan."""
    token = csrf_token(cm_client, "/admin/dossiers/")
    cm_client.post("/admin/dossiers/", data={"q": BSN, "csrf_token": token})
    cm_client.get(f"/admin/dossiers/{dossier.id}/")
    before = len(logscan.RUN_LOG.lines)
    found = logscan.scan(logscan.Path(__file__).resolve().parents[2])
    assert found == [], found[:3]
    assert logscan.RUN_LOG.count > 0  # the log is being kept
    assert logscan.bsns_in(["traject.access: GET /admin/dossiers/?q=111222333"], set())  # and would be caught
    assert logscan.bsns_in(["traject.access: GET /api/v1/consults/?bsn=111222333"], set())
    assert logscan.bsns_in(['werkzeug: "GET /zoek/111222333x HTTP/1.1" 200 -'], set())
    # A generated record id that happens to pass the 11-proef, as a whole path segment, is an id.
    assert not logscan.bsns_in(["traject.access: GET /api/v1/consults/111222333/held?"], set())
    assert not logscan.bsns_in(
        ['werkzeug: 127.0.0.1 - - "GET /api/v1/consults/111222333 HTTP/1.1" 404 -'], set()
    )
    # ... and so is the whole value of an id parameter; a search term or a bsn parameter is not.
    assert not logscan.bsns_in(["traject.access: GET /api/v1/trajectories/?employee=111222333&page=2"], set())
    assert not logscan.bsns_in(["traject.access: GET /api/v1/agenda/todo?user_id=111222333"], set())
    assert logscan.bsns_in(["traject.access: GET /api/v1/trajectories/?employee=111222333x"], set())
    assert logscan.bsns_in(["traject.access: GET /api/v1/employees/?q=111222333&employee=1"], set())
    assert before == len(logscan.RUN_LOG.lines)
