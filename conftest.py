"""Shared fixtures: a small bilingual site built with the factories."""

import datetime
import socket

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from home.tests.factories import HomePageFactory
from home.translation import translate
from regions.tests.factories import (
    ContactFactory,
    MunicipalityPageFactory,
    RegionCoordinatorFactory,
    RegionIndexPageFactory,
    RegionPageFactory,
)


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
def client(client):
    """A reader's browser, asking for the host the test site is configured for."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def lv(db):
    return Locale.objects.get(language_code="lv")


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home(lv, en):
    """The Latvian home page as the default site's root, with its English translation."""
    page = HomePageFactory(parent=Page.get_first_root_node(), locale=lv)
    Site.objects.update(root_page=page, hostname="localhost")
    translate(
        page,
        en,
        {
            "title": "Returning to Latvia",
            "slug": "home-en",
            "intro": "<p>Coordinators help you return.</p>",
        },
    )
    return page


@pytest.fixture
def region_tree(home, lv, en):
    """Region index → Zemgale (with a translated coordinator) → Jēkabpils novads, in both languages."""
    index = RegionIndexPageFactory(parent=home, locale=lv)
    translate(index, en, {"title": "Regions", "slug": "regions", "intro": "<p>Regions.</p>"})
    region = RegionPageFactory(parent=index, locale=lv, title="Zemgale", slug="zemgale")
    coordinator = ContactFactory(
        name="Anete Briņeca",
        role="Reģionālā koordinatore",
        organisation="Zemgales plānošanas reģions",
        phone="+37122338666",
        email="zemgale@paps.lv",
        locale=lv,
    )
    translate(
        coordinator,
        en,
        {
            "name": "Anete Briņeca",
            "role": "Regional coordinator",
            "organisation": "Zemgale Planning Region",
        },
    )
    RegionCoordinatorFactory(page=region, contact=coordinator, locale=lv)
    translate(
        region,
        en,
        {
            "title": "Zemgale",
            "slug": "zemgale",
            "planning_region": "Zemgale Planning Region",
            "intro": "<p>About the region.</p>",
        },
    )
    municipality = MunicipalityPageFactory(
        parent=region, locale=lv, title="Jēkabpils novads", slug="jekabpils-novads"
    )
    translate(
        municipality,
        en,
        {
            "title": "Jēkabpils Municipality",
            "slug": "jekabpils-municipality",
            "intro": "<p>About.</p>",
        },
    )
    return {
        "index": index,
        "region": region,
        "municipality": municipality,
        "coordinator": coordinator,
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
