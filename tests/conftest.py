"""Shared fixtures. The suite runs on SQLite or PostgreSQL, chosen by TRAJECT_TEST_DB (sqlite|postgresql).

With postgresql a real server is started for the session (tests/postgres.py), unless TRAJECT_TEST_DATABASE_URL
points at one. Each test runs inside a transaction that is rolled back at its end.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from console import create_app
from models import db as _db

BACKEND = os.environ.get("TRAJECT_TEST_DB", "sqlite").lower()
if BACKEND not in {"sqlite", "postgresql"}:
    raise pytest.UsageError("TRAJECT_TEST_DB must be sqlite or postgresql")

# The properties are about results, not speed: on a shared, loaded machine Hypothesis's per-example deadline
# and its "too slow" health check fail runs that are correct.
hypothesis_settings.register_profile(
    "traject",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile("traject")

pytest_plugins = ["tests.agenda_fixtures"]  # the agenda's fixtures

NOW = dt.datetime(2026, 3, 2, 9, 30)  # a Monday, pinned for tests that do not care which day it is
_counter = itertools.count(1)


def pytest_report_header(config: pytest.Config) -> str:
    return f"traject test database: {BACKEND}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """A PostgreSQL server for the whole session (only on the postgresql backend)."""
    if BACKEND != "postgresql" or os.environ.get("TRAJECT_TEST_DATABASE_URL"):
        yield None
        return
    from tests.postgres import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def make_database_url(postgres_server, tmp_path_factory) -> Callable[[], str]:
    """Factory: the URL of a new, empty database on the backend under test."""

    def make() -> str:
        n = next(_counter)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "gw")
        if BACKEND == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp('db') / f'traject{n}.db'}"
        external = os.environ.get("TRAJECT_TEST_DATABASE_URL")
        if external:
            import psycopg
            from sqlalchemy.engine import make_url

            url = make_url(external)
            name = f"traject_{worker}_{n}"
            dsn = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
            connection = psycopg.connect(dsn, autocommit=True)
            try:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'CREATE DATABASE "{name}"')
            finally:
                connection.close()
            return url.set(database=name).render_as_string(hide_password=False)
        return postgres_server.create_database(f"traject_{worker}_{n}")

    return make


@pytest.fixture(scope="session")
def app_factory(make_database_url) -> Callable[..., Flask]:
    """Factory: a configured app on a new empty database (not yet migrated); the caller disposes of it."""

    def make(**config: object) -> Flask:
        settings = {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": make_database_url(),
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
        }
        settings.update(config)
        return create_app(settings)

    return make


@pytest.fixture
def make_app(app_factory) -> Iterator[Callable[..., Flask]]:
    """Factory: a configured app on a new empty database; its connections are closed after the test."""
    made: list[Flask] = []

    def make(**config: object) -> Flask:
        made.append(app_factory(**config))
        return made[-1]

    yield make
    for application in made:
        with application.app_context():
            _db.session.remove()
            _db.engine.dispose()


@pytest.fixture(scope="session")
def app(app_factory) -> Iterator[Flask]:
    """The app on a migrated database holding the seed configuration."""
    from flask_migrate import upgrade

    from casework.seed import load_seed_configuration

    application = app_factory()
    with application.app_context():
        upgrade()
        load_seed_configuration(NOW)
        _db.session.commit()
        _db.session.remove()
    yield application
    with application.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app: Flask) -> Iterator[object]:
    """The database, inside a transaction rolled back after the test (commits become savepoints)."""
    with app.app_context():
        engines = _db.engines
        engine = engines[None]
        connection = engine.connect()
        outer = connection.begin()
        engines[None] = connection
        _db.session.remove()
        factory = _db.session.session_factory
        original_options = dict(factory.kw)
        factory.configure(join_transaction_mode="create_savepoint")
        try:
            yield _db
        finally:
            _db.session.remove()
            factory.kw.clear()
            factory.kw.update(original_options)
            engines[None] = engine
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask, db) -> FlaskClient:
    """A test client whose requests share the test's transaction."""
    return app.test_client()


@pytest.fixture
def fake_slack() -> Iterator[object]:
    """A fake Slack Web API on loopback, as strict as Slack: the test fails if Slack would have refused a call."""
    from tests.fakeslack import FakeSlack

    fake = FakeSlack.start()
    yield fake
    fake.stop()
    refused = fake.refusals()
    assert not refused, [(c.method, c.error, c.problems) for c in refused]


@pytest.fixture
def now() -> dt.datetime:
    """The pinned current time (UTC)."""
    return NOW


# ---- factory fixtures: each returns a callable that adds one row (flushed) with sensible defaults ----------


@pytest.fixture
def create_user(db) -> Callable[..., object]:
    """Factory: a user (default a case manager with a Slack id)."""
    from models import Role, User

    def make(email: str | None = None, role: str = "casemanager", **fields: object) -> User:
        n = next(_counter)
        user = User(
            email=email or f"user{n}@example.nl",
            name=fields.pop("name", f"Gebruiker {n}"),
            role=Role(role),
            slack_user_id=fields.pop("slack_user_id", f"U0TEST{n:04d}"),
            **fields,
        )
        db.session.add(user)
        db.session.flush()
        return user

    return make


@pytest.fixture
def casemanager(create_user) -> object:
    """A case manager."""
    return create_user(name="Sanne de Wit")


@pytest.fixture
def admin_user(create_user) -> object:
    """A functional administrator."""
    return create_user(role="admin", name="Fatima Beheer")


@pytest.fixture
def create_employer(db) -> Callable[..., object]:
    """Factory: an employer under the seed label with, by default, an agreement for the seed's first
    service variation (allowing "Inzet interventie") valid from 2025-01-01 on, and a policy."""
    import sqlalchemy as sa

    from models import Employer, InsuranceProduct, Label, Policy, ServiceAgreement, ServiceVariation

    def make(name: str | None = None, agreement: bool = True, **fields: object) -> Employer:
        n = next(_counter)
        label = db.session.scalars(sa.select(Label).order_by(Label.id)).first()
        employer = Employer(name=name or f"Werkgever {n} B.V.", label=label, **fields)
        db.session.add(employer)
        product = db.session.scalars(sa.select(InsuranceProduct).order_by(InsuranceProduct.id)).first()
        db.session.add(
            Policy(
                employer=employer, product=product, policy_number=f"POL-{n}", start_date=dt.date(2025, 1, 1)
            )
        )
        if agreement:
            variation = db.session.scalars(sa.select(ServiceVariation).order_by(ServiceVariation.id)).first()
            db.session.add(
                ServiceAgreement(employer=employer, variation=variation, start_date=dt.date(2025, 1, 1))
            )
        db.session.flush()
        return employer

    return make


@pytest.fixture
def create_employee(db, create_employer) -> Callable[..., object]:
    """Factory: an employee (of a new employer unless given), with a daily wage."""
    from decimal import Decimal

    from models import Employee

    def make(employer: object | None = None, **fields: object) -> Employee:
        n = next(_counter)
        values = {
            "personnel_number": f"P{n:05d}",
            "first_name": "Anna",
            "last_name": f"Jansen{n}",
            "daily_wage": Decimal("200.00"),
            "postcode": "3511 AX",
            "city": "Utrecht",
        }
        values.update(fields)
        employee = Employee(employer=employer or create_employer(), **values)
        db.session.add(employee)
        db.session.flush()
        return employee

    return make


@pytest.fixture
def create_sick_report(db) -> Callable[..., object]:
    """Factory: an open sick report for an employee."""
    from decimal import Decimal

    from casework.timeline import refresh_open_steps
    from models import SickReport

    def make(employee: object, first_sick_day: dt.date = dt.date(2026, 1, 5), **fields: object) -> SickReport:
        report = SickReport(
            employee=employee,
            first_sick_day=first_sick_day,
            percentage=fields.pop("percentage", Decimal("100")),
            **fields,
        )
        db.session.add(report)
        refresh_open_steps(report.employee)  # as the engine does for every sick report change
        return report

    return make


@pytest.fixture
def create_programme(db) -> Callable[..., object]:
    """Factory: a programme of a (new) provider, by region/characteristic/service type names."""
    from decimal import Decimal

    import sqlalchemy as sa

    from models import Characteristic, Programme, Provider, Region, ServiceType

    def make(
        name: str | None = None,
        provider: object | None = None,
        regions: tuple[str, ...] = ("Utrecht",),
        characteristics: tuple[str, ...] = (),
        service_types: tuple[str, ...] | None = None,
        price: str = "1500.00",
        duration_weeks: int = 8,
        **fields: object,
    ) -> Programme:
        n = next(_counter)
        provider = provider or Provider(name=f"Provider {n}")
        by_name = lambda model, names: list(db.session.scalars(sa.select(model).where(model.name.in_(names))))  # noqa: E731
        if service_types is None:
            types = list(db.session.scalars(sa.select(ServiceType)))
        else:
            types = by_name(ServiceType, service_types)
        programme = Programme(
            name=name or f"Programma {n}",
            provider=provider,
            price=Decimal(price),
            duration_weeks=duration_weeks,
            regions=by_name(Region, regions),
            characteristics=by_name(Characteristic, characteristics),
            service_types=types,
            **fields,
        )
        db.session.add(programme)
        db.session.flush()
        return programme

    return make


# ---- the server log of the run is scanned for BSNs at its end (tests/logscan.py) ------------------------------


def pytest_configure(config: pytest.Config) -> None:
    from tests import logscan

    logscan.install()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a BSN reached the server log (a record or an access-log line)."""
    from pathlib import Path

    from tests import logscan

    hits = logscan.scan(Path(__file__).resolve().parent.parent)
    if hits:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"A BSN reached the server log in {len(hits)} line(s), e.g.: {hits[0][:300]}", red=True
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
