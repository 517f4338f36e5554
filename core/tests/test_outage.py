"""Database outages: readers get a branded 503, health says so, and the site recovers by itself.

The database really becomes unreachable, nothing is mocked. On PostgreSQL the test database stops
accepting connections and its connections are terminated; on SQLite the site runs on a file copy
of the test database, and the file disappears. The test client skips the request_started signal
on which Django drops broken or expired connections, so the tests call close_old_connections()
where a WSGI server would have sent it.
"""

import logging
import sqlite3

import psycopg
import pytest
from django.db import close_old_connections, connection, connections
from django.test import Client
from django.utils import translation

from core.views import DATABASE_ERRORS

# The migrations made the root page and locales; serialized_rollback brings them back for
# each test after the previous transactional test emptied the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class PostgresOutage:
    """Refuse and cut every connection to the test database, from a separate admin connection."""

    def __init__(self, tmp_path):
        self.name = connection.settings_dict["NAME"]
        params = connection.get_connection_params()
        params["dbname"] = "postgres"
        self.admin = psycopg.connect(**params)
        self.admin.autocommit = True

    def begin(self):
        with self.admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS false')
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.name],
            )

    def end(self):
        with self.admin.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS true')

    def close(self):
        self.end()
        self.admin.close()
        connection.close()


class SqliteOutage:
    """Serve from a file copy of the test database, then take the file away."""

    def __init__(self, tmp_path):
        self.path = tmp_path / "site.sqlite3"
        self.hidden = tmp_path / "site.sqlite3.away"
        connection.ensure_connection()
        with sqlite3.connect(self.path) as copy:
            connection.connection.backup(copy)
        self.original = connections["default"]
        settings_dict = {**self.original.settings_dict, "NAME": str(self.path)}
        connections["default"] = type(self.original)(settings_dict, alias="default")

    def begin(self):
        connections["default"].close()
        self.path.rename(self.hidden)
        # SQLite would create a new, empty file where the old one was: a directory stops it.
        self.path.mkdir()

    def end(self):
        self.path.rmdir()
        self.hidden.rename(self.path)

    def close(self):
        if self.path.is_dir():
            self.end()
        connections["default"].close()
        connections["default"] = self.original


@pytest.fixture
def outage(home, tmp_path):
    kind = PostgresOutage if connection.vendor == "postgresql" else SqliteOutage
    database = kind(tmp_path)
    yield database
    database.close()


def reader_request(client, path):
    close_old_connections()
    return client.get(path)


def logged_errors(caplog):
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_readers_get_a_branded_503_while_the_database_is_down_and_pages_once_it_is_back(
    client, outage, caplog
):
    assert reader_request(client, "/lv/").status_code == 200

    outage.begin()
    for language in ("lv", "en"):
        caplog.clear()
        response = reader_request(client, f"/{language}/")
        (record,) = logged_errors(caplog)
        assert record.getMessage() == f"Service Unavailable: /{language}/"
        assert isinstance(record.exc_info[1], DATABASE_ERRORS)
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        with translation.override(language):
            assert translation.gettext("Service temporarily unavailable") in html
        assert "Traceback" not in html

    outage.end()
    response = reader_request(client, "/lv/")
    assert response.status_code == 200
    assert response["Content-Language"] == "lv"


def test_the_api_answers_an_outage_with_a_json_503_in_the_readers_language(client, outage, caplog):
    outage.begin()
    for language in ("lv", "en"):
        for path in ("/api/v2/pages/", "/api/v2/contacts/"):
            caplog.clear()
            close_old_connections()
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
            (record,) = logged_errors(caplog)
            assert record.getMessage() == f"Service Unavailable: {path}"
            assert response.status_code == 503
            assert response["Content-Type"] == "application/json"
            assert response["Retry-After"] == "60"
            assert "no-store" in response["Cache-Control"]
            with translation.override(language):
                message = translation.gettext(
                    "Service temporarily unavailable. Please try again in a minute."
                )
            assert response.json() == {"message": message}

    outage.end()
    assert reader_request(client, "/api/v2/pages/").status_code == 200


def test_an_outage_noticed_outside_a_view_gets_the_same_503(outage, caplog):
    """The 404 page's menus come from the database: that fails in Django's error handling.

    Django hands the error to handler500; the test client must not re-raise it.
    """
    client = Client(raise_request_exception=False, HTTP_HOST="localhost")
    outage.begin()
    response = reader_request(client, "/documents/not-a-document")
    assert response.status_code == 503
    (record,) = logged_errors(caplog)
    assert isinstance(record.exc_info[1], DATABASE_ERRORS)
    with translation.override("lv"):
        assert translation.gettext("Service temporarily unavailable") in response.content.decode()


def test_health_reports_the_outage_and_the_recovery_while_the_instance_stays_ready(client, outage):
    """The instance still serves cached pages and the 503 page: only monitoring gets a 503."""
    outage.begin()
    assert reader_request(client, "/health/live").status_code == 200
    unavailable = {"database": "unavailable", "cache": "ok"}
    response = reader_request(client, "/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": unavailable}
    response = reader_request(client, "/health/dependencies")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": unavailable}

    outage.end()
    response = reader_request(client, "/health/dependencies")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_pages_in_the_page_cache_are_still_served_while_the_database_is_down(
    client, outage, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    stored = reader_request(client, "/lv/")
    assert stored["X-Page-Cache"] == "miss"

    outage.begin()
    cached = reader_request(client, "/lv/")
    assert cached.status_code == 200
    assert cached["X-Page-Cache"] == "hit"
    assert cached.content == stored.content
    assert reader_request(client, "/en/").status_code == 503
