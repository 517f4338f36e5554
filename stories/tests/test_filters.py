"""Story and news filters: shareable query strings, both languages, bad values ignored."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.translation import translate
from regions.tests.factories import MunicipalityPageFactory, RegionPageFactory
from stories.tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


def main(response):
    assert response.status_code == 200
    return response.content.decode().split('id="main"')[1].split("</main>")[0]


@pytest.fixture
def stories(region_tree, lv, en):
    """Stories in Zemgale (Jēkabpils, from Ireland) and Kurzeme (Kuldīga, from Norway)."""
    home = region_tree["index"].get_parent()
    kurzeme = RegionPageFactory(
        parent=region_tree["index"], locale=lv, title="Kurzeme", slug="kurzeme"
    )
    translate(
        kurzeme,
        en,
        {"title": "Kurzeme", "slug": "kurzeme", "planning_region": "Kurzeme", "intro": "<p>K</p>"},
    )
    kuldiga = MunicipalityPageFactory(
        parent=kurzeme, locale=lv, title="Kuldīgas novads", slug="kuldigas-novads"
    )
    translate(
        kuldiga,
        en,
        {"title": "Kuldīga Municipality", "slug": "kuldiga-municipality", "intro": "<p>K</p>"},
    )
    index = StoryIndexPageFactory(parent=home, locale=lv)
    translate(index, en, {"title": "Stories", "slug": "stories", "intro": ""})
    made = {
        "ireland": StoryPageFactory(
            parent=index,
            locale=lv,
            title="No Dublinas uz Jēkabpili",
            returned_from="IE",
            municipality=region_tree["municipality"],
        ),
        "norway": StoryPageFactory(
            parent=index,
            locale=lv,
            title="No Bergenas uz Kuldīgu",
            returned_from="NO",
            municipality=kuldiga,
        ),
    }
    for story in made.values():
        translate(
            story,
            en,
            {
                "title": f"EN {story.title}",
                "slug": f"en-{story.slug}",
                "person": story.person,
                "quote": story.quote,
                "body": story.body.raw_data,
            },
        )
    return made


def test_stories_are_filtered_by_region_municipality_and_country(client, stories):
    assert "Bergenas" not in main(client.get("/lv/stasti/?region=zemgale"))
    assert "Dublinas" in main(client.get("/lv/stasti/?region=zemgale"))
    assert "Dublinas" not in main(client.get("/lv/stasti/?municipality=kuldigas-novads"))
    assert "Bergenas" in main(client.get("/lv/stasti/?municipality=kuldigas-novads"))
    only_norway = main(client.get("/lv/stasti/?country=NO"))
    assert "Bergenas" in only_norway and "Dublinas" not in only_norway


def test_english_filters_use_english_names_and_slugs(client, stories):
    html = main(client.get("/en/stories/?municipality=kuldiga-municipality"))
    assert "EN No Bergenas" in html and "EN No Dublinas" not in html
    assert '<option value="kuldiga-municipality" selected>Kuldīga Municipality</option>' in html
    assert '<option value="NO">Norway</option>' in main(client.get("/en/stories/"))


def test_unknown_or_malformed_filter_values_are_reported_and_ignored(client, stories):
    for query in (
        "region=atlantida",
        "municipality=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "country=" + "X" * 10_000,
        "region=1&region=2&country=",
        "country=%00",
    ):
        response = client.get(f"/lv/stasti/?{query}")
        html = main(response)
        assert "Dublinas" in html and "Bergenas" in html, query
        assert "<script>alert(1)" not in html
    assert 'role="alert"' in main(client.get("/lv/stasti/?region=atlantida"))


def test_pagination_keeps_the_filters(client, stories, lv):
    index = stories["ireland"].get_parent()
    for n in range(11):
        StoryPageFactory(parent=index, locale=lv, title=f"Īrija {n}", returned_from="IE")
    html = main(client.get("/lv/stasti/?country=IE"))
    assert 'href="?country=IE&amp;page=2"' in html


@pytest.fixture
def news(region_tree, lv):
    index = NewsIndexPageFactory(parent=region_tree["index"].get_parent(), locale=lv)
    NewsPageFactory(
        parent=index,
        locale=lv,
        title="Zemgales ziņa 2024",
        date=datetime.date(2024, 5, 1),
        related_region=region_tree["region"],
    )
    NewsPageFactory(
        parent=index, locale=lv, title="Vispārīga ziņa 2025", date=datetime.date(2025, 2, 1)
    )
    return index


def test_news_are_filtered_by_region_and_year(client, news):
    by_region = main(client.get("/lv/aktualitates/?region=zemgale"))
    assert "Zemgales ziņa" in by_region and "Vispārīga ziņa" not in by_region
    by_year = main(client.get("/lv/aktualitates/?year=2025"))
    assert "Vispārīga ziņa" in by_year and "Zemgales ziņa" not in by_year
    assert "1 ziņa" in by_year


@pytest.mark.parametrize("year", ["1999", "abc", "-1", "2024.5", "9" * 50])
def test_a_year_without_news_or_malformed_is_ignored(client, news, year):
    html = main(client.get("/lv/aktualitates/", {"year": year}))
    assert "Zemgales ziņa" in html and "Vispārīga ziņa" in html
    assert 'role="alert"' in html


def test_filtered_lists_run_the_same_number_of_queries_for_few_and_many_items(client, news, lv):
    def count():
        client.get("/lv/aktualitates/?year=2024")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/lv/aktualitates/?year=2024").status_code == 200
        return len(queries)

    few = count()
    for n in range(30):
        NewsPageFactory(parent=news, locale=lv, title=f"Ziņa {n}", date=datetime.date(2024, 1, 1))
    assert count() == few
