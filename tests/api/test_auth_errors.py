"""Bearer tokens, JSON errors and the documentation endpoints."""

from __future__ import annotations

import json

import sqlalchemy as sa


def test_no_token_and_bad_token_are_refused_with_json(client, api):
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer nope"}):
        response = client.get("/api/v1/employers/", headers=headers)
        assert response.status_code == 401
        assert set(response.json) == {"code", "message", "errors"}
        assert response.json["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_revoked_token_is_refused(db, api):
    api.row.active = False
    db.session.flush()
    assert api.get("/employers/").status_code == 401


def test_use_is_noted_on_the_token(db, api):
    assert api.row.last_used_at is None
    assert api.get("/employers/").status_code == 200
    db.session.refresh(api.row)
    assert api.row.last_used_at is not None


def test_unknown_route_and_method_are_json(api):
    missing = api.get("/nothing-here")
    assert (missing.status_code, missing.json["code"]) == (404, "not_found")
    wrong = api.delete("/employers/")
    assert wrong.status_code == 405 and set(wrong.json) == {"code", "message", "errors"}


def test_console_404_stays_html(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_query_validation_names_the_field(api):
    response = api.get("/tasks/?status=bogus")
    assert response.status_code == 422
    assert response.json["code"] == "invalid" and "status" in response.json["errors"]
    assert api.get("/employers/?page_size=101").status_code == 422


def test_openapi_and_docs_need_no_token(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    assert "/api/v1/reports/outcome" in spec.json["paths"]
    assert spec.json["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"/api/v1/tasks/{task_id}/complete" in page.data
    assert b"<script" not in page.data and b"http" not in page.data.replace(b"http://www.w3", b"")


def test_pagination_header(db, api, create_employer):
    from models import Employer

    total = db.session.scalar(sa.select(sa.func.count()).select_from(Employer))
    for i in range(3):
        create_employer(name=f"Paginering {i}")
    response = api.get("/employers/?page=2&page_size=2")
    assert response.status_code == 200 and len(response.json) == min(2, total + 3 - 2)
    assert json.loads(response.headers["X-Pagination"])["total"] == total + 3
