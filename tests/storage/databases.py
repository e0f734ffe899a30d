"""Real databases for storage tests: an SQLite file, and a fresh database on the test PostgreSQL.

``make test`` starts ``scripts/pg-test-server`` and sets ``HUIWU_TEST_PG_URL``.
Without it the PostgreSQL cases are skipped, except under CI (``CI`` set),
where they must run. No database is ever mocked.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from planner.storage.repository import Store, open_store

PG_ENV = "HUIWU_TEST_PG_URL"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def postgres_admin_url() -> str:
    """The test server's URL, or skip (fail under CI) when there is none."""
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{PG_ENV} is not set under CI: make test must start scripts/pg-test-server")
    pytest.skip(f"no PostgreSQL test server: run scripts/pg-test-server start and set {PG_ENV}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty database on the test server, dropped after the test."""
    admin = make_url(postgres_admin_url())
    name = f"huiwu_t_{secrets.token_hex(6)}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'huiwu.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.engine.dispose()
