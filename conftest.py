"""Shared fixtures: a small bilingual site built with the factories, once per test session."""

import datetime
import socket

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import override_settings
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Locale

from home.models import HomePage
from home.tests import base_tree
from home.tests.base_tree import BASE_TREE
from regions.models import Contact, MunicipalityPage, RegionIndexPage, RegionPage
from regions.tests.factories import MunicipalityPageFactory


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave them to the next one."""
    yield
    cache.clear()


@pytest.fixture
def unreachable_cache(settings):
    """The shared cache set up as in production, on a loopback port where nothing listens."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        }
    }


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Uploaded files on the local disk, as in a default production deployment."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


@pytest.fixture
def client(client):
    """A reader's browser, asking for the host the test site is configured for."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


# Wagtail updates its search and reference indexes in tasks, run at once by default. Unit tests
# skip them (a quarter of the suite's time) unless they ask for them with `indexing`.
RUN_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SKIP_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(scope="session", autouse=True)
def skip_tasks():
    with override_settings(TASKS=SKIP_TASKS):
        yield


@pytest.fixture
def indexing(settings):
    """Search and reference indexes kept up to date on every save, as on the site."""
    settings.TASKS = RUN_TASKS


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the bilingual base tree, built once per session (and xdist worker).

    Building it takes thousands of queries (wagtail-localize's PO round trip, team provisioning);
    every test rolls back to it instead of building its own. Tests that flush the database
    (`transaction=True, serialized_rollback=True`) get it back from the serialised copy.
    """
    with django_db_blocker.unblock(), override_settings(TASKS=RUN_TASKS):
        base_tree.build()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the base tree back after a transactional test emptied the database.

    Django restores the serialised copy only when the next test is transactional too; parallel
    workers take files in any order, so an ordinary test may come next.
    """
    result = yield
    # With no next item the session is over and the test database already gone.
    if transactional(item) and nextitem is not None and not transactional(nextitem):
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                if contents := getattr(connection, "_test_serialized_contents", None):
                    connection.creation.deserialize_db_from_string(contents)
    return result


def transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture
def lv(db):
    return Locale.objects.get(language_code="lv")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home(db):
    """The Latvian home page as the default site's root, with its English translation."""
    return HomePage.objects.get(pk=BASE_TREE["home"])


@pytest.fixture
def region_tree(home):
    """Region index → Zemgale (with a translated coordinator) → Jēkabpils novads, in both languages."""
    return {
        "index": RegionIndexPage.objects.get(pk=BASE_TREE["index"]),
        "region": RegionPage.objects.get(pk=BASE_TREE["region"]),
        "municipality": MunicipalityPage.objects.get(pk=BASE_TREE["municipality"]),
        "coordinator": Contact.objects.get(pk=BASE_TREE["coordinator"]),
    }


@pytest.fixture
def merged_municipality(region_tree, lv):
    """Varakļānu novads, merged into Madonas novads on 1 July 2025, with outdated content."""
    madona = MunicipalityPageFactory(
        parent=region_tree["region"], locale=lv, title="Madonas novads", slug="madonas-novads"
    )
    return MunicipalityPageFactory(
        parent=region_tree["region"],
        locale=lv,
        title="Varakļānu novads",
        slug="varaklanu-novads",
        intro="<p>Novecojis saturs</p>",
        merged_on=datetime.date(2025, 7, 1),
        merged_into=madona,
    )
