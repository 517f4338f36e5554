"""A hung PostgreSQL server: every wait for it has a deadline, and sessions carry server timeouts.

Each test runs its own PostgreSQL server (initdb, pg_ctl) and stops the postmaster and its
backends (SIGSTOP): the kernel still accepts connections and acknowledges queries, so neither
TCP keepalives nor statement_timeout notice anything; only the client's deadline does.
"""

import time

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler

from core import db
from core.cache import HEADER
from core.views import DATABASE_ERRORS

DEADLINE = 1
# The shortest connect_timeout psycopg honours.
CONNECT_TIMEOUT = 2
POOL = {"min_size": 1, "max_size": 2, "timeout": CONNECT_TIMEOUT}


@pytest.fixture
def client_deadline(settings):
    settings.DB_CLIENT_TIMEOUT_S = DEADLINE


def connection_to(server, **options):
    """A Django connection to the test's own server, set up as the site's database."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "postgres",
                "OPTIONS": {"connect_timeout": CONNECT_TIMEOUT, **options},
                **{key.upper(): value for key, value in server.params.items()},
            }
        }
    )
    return handler["default"]


@pytest.fixture(params=["persistent", "pooled"])
def own_database(request, own_postgres, client_deadline, django_db_blocker):
    """The site's database on the test's own server, with and without the connection pool."""
    options = {"pool": POOL} if request.param == "pooled" else {}
    connection = connection_to(own_postgres, **options)
    with django_db_blocker.unblock():
        yield connection
        connection.close()
        connection.close_pool()


def fetch(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_a_query_to_a_hung_server_fails_within_the_deadline_and_a_new_connection_works_after(
    own_postgres, own_database
):
    assert fetch(own_database, "SELECT 1") == 1
    own_postgres.hang()
    started = time.monotonic()
    with pytest.raises(DATABASE_ERRORS):
        fetch(own_database, "SELECT 1")
    assert DEADLINE <= time.monotonic() - started < DEADLINE + 1
    assert own_database.connection.closed  # closed at the deadline; Django or the pool replaces it

    own_postgres.resume()
    own_database.close()
    assert fetch(own_database, "SELECT 1") == 1


@pytest.mark.parametrize("options", [{}, {"pool": POOL}], ids=["persistent", "pooled"])
def test_connecting_to_a_hung_server_fails_within_the_deadline(
    own_postgres, client_deadline, django_db_blocker, options
):
    own_postgres.hang()
    connection = connection_to(own_postgres, **options)
    started = time.monotonic()
    with django_db_blocker.unblock(), pytest.raises(DATABASE_ERRORS):
        fetch(connection, "SELECT 1")
    assert time.monotonic() - started < CONNECT_TIMEOUT + 1.5
    connection.close_pool()


def test_a_pooled_connection_is_configured_once_and_reused(own_postgres, django_db_blocker):
    connection = connection_to(own_postgres, pool={**POOL, "max_size": 1})
    with django_db_blocker.unblock():
        backends = set()
        for _ in range(3):
            backends.add(fetch(connection, "SELECT pg_backend_pid()"))
            assert fetch(connection, "SHOW statement_timeout") == "15s"
            connection.close()  # back to the pool
        connection.close_pool()
    assert len(backends) == 1


def test_a_block_with_a_shorter_deadline_gives_up_sooner(own_postgres, own_database, settings):
    settings.DB_CLIENT_TIMEOUT_S = 30
    fetch(own_database, "SELECT 1")
    own_postgres.hang()
    started = time.monotonic()
    with pytest.raises(DATABASE_ERRORS), db.deadline(0.5):
        fetch(own_database, "SELECT 1")
    assert time.monotonic() - started < 1.5


def test_a_live_server_answers_slow_queries_within_the_deadline_and_stops_runaway_ones(
    own_database, settings
):
    assert fetch(own_database, "SELECT 1 FROM pg_sleep(0.5)") == 1
    settings.DB_STATEMENT_TIMEOUT_MS = 200
    own_database.close()
    with pytest.raises(DATABASE_ERRORS, match="statement timeout"):
        fetch(own_database, "SELECT pg_sleep(0.5)")


def test_new_connections_get_the_timeouts_with_set_and_no_startup_options(own_database):
    """PgBouncer refuses libpq's `options` startup parameter."""
    assert "options" not in own_database.get_connection_params()
    assert fetch(own_database, "SHOW statement_timeout") == "15s"
    assert fetch(own_database, "SHOW lock_timeout") == "5s"
    assert fetch(own_database, "SHOW random_page_cost") == "1.1"


def test_while_the_database_hangs_cached_pages_come_at_once_and_others_get_the_503_in_time(
    client, region_tree, settings, own_postgres, own_database, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    url = "/lv/regioni/zemgale/jekabpils-novads/"
    assert client.get(url)[HEADER] == "miss"
    # The site's database becomes the test's own server, connected as a persistent connection.
    fetch(own_database, "SELECT 1")
    site_database = connections["default"]
    connections["default"] = own_database
    try:
        own_postgres.hang()
        started = time.monotonic()
        with django_assert_num_queries(0, connection=own_database):
            cached = client.get(url)
        assert cached.status_code == 200
        assert cached[HEADER] == "hit"
        assert time.monotonic() - started < DEADLINE / 2

        started = time.monotonic()
        response = client.get("/en/")
        assert response.status_code == 503
        assert time.monotonic() - started < DEADLINE + 1
    finally:
        connections["default"] = site_database
