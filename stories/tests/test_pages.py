"""Stories and news: tree rules, admin creation, ordering and pagination."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from core.translation import translate
from home.models import HomePage
from home.tests.factories import HomePageFactory
from regions.tests.factories import (
    MunicipalityPageFactory,
    RegionIndexPageFactory,
    RegionPageFactory,
)
from stories.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage
from stories.tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)


class StoryTreeRulesTests(WagtailPageTestCase):
    def test_stories_sit_under_their_index(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_news_sit_under_their_index(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())


class StoryAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="admin-tests")
        region = RegionPageFactory(parent=RegionIndexPageFactory(parent=cls.home))
        cls.region = region
        cls.municipality = MunicipalityPageFactory(parent=region)
        cls.stories = StoryIndexPageFactory(parent=cls.home)
        cls.news = NewsIndexPageFactory(parent=cls.home)
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def story_data(self, **overrides):
        data = {
            "title": "Atpakaļ Kuldīgā",
            "slug": "atpakal-kuldiga",
            "person": "Ilze K.",
            "year": "2023",
            "returned_from": "IE",
            "municipality": self.municipality.pk,
            "photo": "",
            "quote": "Viens cilvēks visiem jautājumiem.",
            "body": streamfield([("paragraph", rich_text("<p>Stāsts.</p>"))]),
            "featured": "on",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_can_create_index_pages(self):
        other = HomePageFactory(parent=Page.get_first_root_node(), slug="cits")
        self.assertCanCreate(
            other,
            StoryIndexPage,
            nested_form_data({"title": "Stāsti", "slug": "stasti", "intro": rich_text("")}),
        )
        self.assertCanCreate(
            other,
            NewsIndexPage,
            nested_form_data({"title": "Ziņas", "slug": "zinas", "intro": rich_text("")}),
        )

    def test_editor_can_create_a_story(self):
        self.assertCanCreate(self.stories, StoryPage, self.story_data())

    def test_story_from_the_future_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/stories/storypage/{self.stories.pk}/",
            self.story_data(year=str(datetime.date.today().year + 1), slug="nakotne"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(StoryPage.objects.filter(slug="nakotne").exists())

    def test_editor_can_create_a_news_item(self):
        self.assertCanCreate(
            self.news,
            NewsPage,
            nested_form_data(
                {
                    "title": "Jaunums",
                    "slug": "jaunums",
                    "date": "2025-12-15",
                    "related_region": self.region.pk,
                    "lead": "Īsumā.",
                    "body": streamfield([("paragraph", rich_text("<p>Ziņa.</p>"))]),
                }
            ),
        )


@pytest.fixture
def news_index(home, lv):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    for day in range(1, 13):
        NewsPageFactory(
            parent=index, locale=lv, title=f"Ziņa {day:02d}", date=datetime.date(2025, 1, day)
        )
    return index


@pytest.mark.django_db
def test_news_are_listed_newest_first_ten_a_page(client, news_index):
    first = client.get("/lv/aktualitates/", HTTP_HOST="localhost").content.decode()
    assert first.index("Ziņa 12") < first.index("Ziņa 03")
    assert "Ziņa 02" not in first
    assert 'href="?page=2" rel="next"' in first
    second = client.get("/lv/aktualitates/?page=2", HTTP_HOST="localhost").content.decode()
    assert "Ziņa 02" in second and "Ziņa 01" in second


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "1.5", "9" * 50, "%00"])
def test_malformed_or_out_of_range_page_numbers_are_not_found(client, news_index, page):
    response = client.get(f"/lv/aktualitates/?page={page}", HTTP_HOST="localhost")
    assert response.status_code == 404


@pytest.mark.django_db
def test_story_index_lists_stories(client, home, lv):
    index = StoryIndexPageFactory(parent=home, locale=lv)
    StoryPageFactory(parent=index, locale=lv, title="Mājās atkal", person="Ilze K.")
    html = client.get("/lv/stasti/", HTTP_HOST="localhost").content.decode()
    assert "Mājās atkal" in html
    assert "Ilze K." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "english", "latvian"),
    [
        ("GB", "returned from the United Kingdom in 2024", "Apvienotā Karaliste"),
        ("BS", "returned from the Bahamas in 2024", "Bahamu salas"),
        ("IE", "returned from Ireland in 2024", "Īrija"),
    ],
)
def test_a_story_names_the_country_its_person_returned_from_as_each_language_reads_it(
    client, home, lv, en, country, english, latvian
):
    index = StoryIndexPageFactory(parent=home, locale=lv)
    translate(index, en, {"title": "Stories", "slug": "stories"})
    story = StoryPageFactory(parent=index, locale=lv, slug="majas", returned_from=country)
    translate(
        story,
        en,
        {
            "title": "Home again",
            "slug": "home-again",
            "person": story.person,
            "quote": story.quote,
            "body": story.body.raw_data,
        },
    )
    for url, expected in [("/en/stories/home-again/", english), ("/en/stories/", english)]:
        assert expected in client.get(url, HTTP_HOST="localhost").content.decode(), url
    for url in ["/lv/stasti/majas/", "/lv/stasti/"]:
        assert latvian in client.get(url, HTTP_HOST="localhost").content.decode(), url
