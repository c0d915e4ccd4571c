"""Property-based run against the OpenAPI document: no 5xx, and every response matches its documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

TOKENS: dict[str, str] = {}


@pytest.fixture
def api_schema(make_app, now):
    """The OpenAPI schema of a fresh, seeded app, with one committed token for the calls."""
    from flask_migrate import upgrade

    from casework.accounts import create_api_token
    from casework.logbook import SYSTEM
    from casework.seed import load_seed_configuration
    from models import db

    app = make_app()
    with app.app_context():
        upgrade()
        load_seed_configuration(now)
        _, TOKENS["secret"] = create_api_token(name="schemathesis", actor=SYSTEM, now=now)
        db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def test_every_operation_answers_to_its_schema(api_schema):
    """Each operation with a few generated cases (schemathesis's pytest plugin does not run on this pytest)."""
    headers = {"Authorization": f"Bearer {TOKENS['secret']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        check()


def test_every_integer_query_parameter_is_an_id_to_the_log_scan(make_app):
    """The end-of-run log scan (tests/logscan.py) takes nine digits in a query string for a BSN unless the
    parameter names a record by number; every integer query parameter of the API must be known to it as such,
    or a generated value passing the 11-proef fails a green run."""
    from tests import logscan

    app = make_app()
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    found = set()
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "query" and parameter.get("schema", {}).get("type") == "integer":
                    found.add(parameter["name"])
    assert {"employee", "page"} <= found
    paging = {"page", "page_size", "year", "month", "limit"}
    unknown = {
        name for name in found - paging if name not in logscan.ID_PARAMETERS and not name.endswith("_id")
    }
    assert unknown == set()
