"""Each public page type runs the same number of queries with 1 and with 200 items.

Counted after a first request, as readers meet the site: Wagtail's site root paths are cached.
The page cache is off here (test settings), so these are the uncached counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.tests.factories import FaqPageFactory, StandardPageFactory
from regions.tests.factories import (
    ContactDirectoryPageFactory,
    ContactFactory,
    MunicipalityContactFactory,
    MunicipalityPageFactory,
)
from stories.tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

MANY = 200


def queries(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def assert_same_count(client, urls, add_many):
    """The queries of every url in `urls`, before and after `add_many()` adds 199 items."""
    before = {url: queries(client, url) for url in urls}
    add_many()
    after = {url: queries(client, url) for url in urls}
    assert after == before


def test_region_and_municipality_pages(client, region_tree, lv):
    region, municipality = region_tree["region"], region_tree["municipality"]
    MunicipalityContactFactory(page=municipality, contact=ContactFactory(locale=lv), locale=lv)

    def add_many():
        for n in range(MANY - 1):
            MunicipalityPageFactory(parent=region, locale=lv, title=f"Novads {n}", slug=f"n-{n}")
            MunicipalityContactFactory(
                page=municipality, contact=ContactFactory(locale=lv), locale=lv
            )

    assert_same_count(
        client,
        ["/lv/", "/lv/regioni/", "/lv/regioni/zemgale/", "/lv/regioni/zemgale/jekabpils-novads/"],
        add_many,
    )


# What a municipality page costs cold (the benchmark's "cold": no page cache, no fragments, as
# the test settings have it). Wagtail's routing: the site, the active locale, the home page,
# the page by its path, then the specific page; then one query for the page's lineage in every
# language (breadcrumbs, view restrictions, the language switcher, the reader's locale and
# home page), its view restrictions, the home page's children (menu, footer, form links), the
# region's coordinators, the municipality's contacts and the four kinds of offers. In English
# two more: Wagtail's routing finds the Latvian root's translation first, and the English home
# page is read again for the header and footer (routing keeps its copy to itself).
COLD_MUNICIPALITY_QUERIES = {"lv": 14, "en": 16}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_cold_municipality_page_reads_each_thing_once(
    client, region_tree, lv, en, settings, language
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    municipality = region_tree["municipality"]
    MunicipalityContactFactory(page=municipality, contact=ContactFactory(locale=lv), locale=lv)
    page = municipality if language == "lv" else municipality.get_translation(en)
    assert queries(client, page.url) == COLD_MUNICIPALITY_QUERIES[language]


def test_contact_directory(client, region_tree, lv):
    home = region_tree["index"].get_parent()
    ContactDirectoryPageFactory(parent=home, locale=lv, slug="kontakti")

    def add_many():
        for _ in range(MANY - 1):
            MunicipalityContactFactory(
                page=region_tree["municipality"], contact=ContactFactory(locale=lv), locale=lv
            )

    assert_same_count(client, ["/lv/kontakti/"], add_many)


def test_story_and_news_lists_and_items(client, home, lv):
    stories = StoryIndexPageFactory(parent=home, locale=lv)
    news = NewsIndexPageFactory(parent=home, locale=lv)
    StoryPageFactory(parent=stories, locale=lv, slug="stasts", featured=True)
    NewsPageFactory(parent=news, locale=lv, slug="zina")

    def add_many():
        for n in range(MANY - 1):
            StoryPageFactory(parent=stories, locale=lv, slug=f"stasts-{n}", featured=True)
            NewsPageFactory(parent=news, locale=lv, slug=f"zina-{n}")

    assert_same_count(
        client,
        [
            "/lv/",
            "/lv/stasti/",
            "/lv/stasti/?page=1",
            "/lv/stasti/stasts/",
            "/lv/aktualitates/",
            "/lv/aktualitates/zina/",
        ],
        add_many,
    )


def test_faq_and_standard_pages(client, home, lv):
    def topics(count):
        questions = [
            {"question": f"Jautājums {n}?", "answer": f"<p>Atbilde {n}.</p>"} for n in range(count)
        ]
        return [{"type": "topic", "value": {"title": "Tēma", "questions": questions}}]

    faq = FaqPageFactory(parent=home, locale=lv, slug="buj", topics=topics(1))
    StandardPageFactory(parent=home, locale=lv, slug="par")

    def add_many():
        faq.topics = topics(MANY)
        faq.save_revision().publish()
        for n in range(MANY - 1):
            StandardPageFactory(parent=home, locale=lv, slug=f"lapa-{n}")

    assert_same_count(client, ["/lv/buj/", "/lv/par/"], add_many)


def test_with_its_fragments_cached_a_municipality_page_only_routes_and_checks_restrictions(
    client, region_tree, settings
):
    """Wagtail's routing (site, locale, home page, the page, its specific page) and one query
    for the view restrictions of the page and the pages above it."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    assert queries(client, region_tree["municipality"].url) == 6
