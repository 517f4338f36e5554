"""Servers of a test's own for the outage tests (core/tests/services.py)."""

import pytest

from core.tests import services


@pytest.fixture
def own_redis():
    with services.redis_server() as server:
        yield server


@pytest.fixture(scope="module")
def own_postgres_server():
    with services.postgres_server() as server:
        yield server


@pytest.fixture
def own_postgres(own_postgres_server):
    """The module's PostgreSQL server, running again after each test."""
    yield own_postgres_server
    own_postgres_server.resume()
