"""Pages are found by their URL with one query however deep they are, exactly as Wagtail finds them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.tests.factories import MunicipalityPageFactory, RegionPageFactory

pytestmark = pytest.mark.django_db


def test_a_page_is_found_under_its_own_parent_when_slugs_repeat(client, region_tree, lv):
    kurzeme = RegionPageFactory(
        parent=region_tree["index"], locale=lv, title="Kurzeme", slug="kurzeme"
    )
    MunicipalityPageFactory(parent=kurzeme, locale=lv, title="Cits novads", slug="jekabpils-novads")
    zemgale = client.get("/lv/regioni/zemgale/jekabpils-novads/")
    assert "<h1>Jēkabpils novads</h1>" in zemgale.content.decode()
    other = client.get("/lv/regioni/kurzeme/jekabpils-novads/")
    assert "<h1>Cits novads</h1>" in other.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/lv/regioni/kurzeme/jekabpils-novads/",  # a region that does not exist
        "/lv/zemgale/jekabpils-novads/",  # a level left out
        "/lv/regioni/zemgale/jekabpils-novads/nav/",  # below a page without children
        "/en/regioni/zemgale/jekabpils-novads/",  # Latvian slugs under the English home
    ],
)
def test_wrong_paths_are_not_found(client, region_tree, url):
    assert client.get(url).status_code == 404


def test_a_draft_deep_page_is_not_found(client, region_tree):
    region_tree["municipality"].unpublish()
    assert client.get("/lv/regioni/zemgale/jekabpils-novads/").status_code == 404


def test_deeper_pages_cost_no_more_queries(client, region_tree, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300  # the content from the cache: what is left is routing

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    depths = ["/lv/regioni/", "/lv/regioni/zemgale/", "/lv/regioni/zemgale/jekabpils-novads/"]
    assert len({queries(url) for url in depths}) == 1
