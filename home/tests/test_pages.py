"""Home, standard and FAQ pages: tree rules, admin creation and rendering in both languages."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from events.models import EventIndexPage
from home.models import FaqPage, HomePage, StandardPage
from home.tests.factories import (
    FaqPageFactory,
    HomePageFactory,
)
from inquiries.models import InquiryPage
from offers.models import FindYourPlacePage
from regions.models import ContactDirectoryPage, RegionIndexPage
from stories.models import NewsIndexPage, StoryIndexPage


class HomeTreeRulesTests(WagtailPageTestCase):
    def test_home_page_is_a_language_root_holding_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                RegionIndexPage,
                ContactDirectoryPage,
                StoryIndexPage,
                NewsIndexPage,
                FaqPage,
                StandardPage,
                InquiryPage,
                FindYourPlacePage,
                EventIndexPage,
            },
        )

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_faq_is_a_single_leaf_under_the_home_page(self):
        self.assertAllowedParentPageTypes(FaqPage, {HomePage})
        self.assertAllowedSubpageTypes(FaqPage, set())
        self.assertEqual(FaqPage.max_count_per_parent, 1)


class HomeAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=cls.root, slug="admin-tests")
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def test_editor_can_create_a_home_page(self):
        self.assertCanCreate(
            self.root,
            HomePage,
            nested_form_data(
                {
                    "title": "Sākums",
                    "slug": "sakums-2",
                    "intro": rich_text("<p>Sveiki.</p>"),
                    "general_contact": "",
                }
            ),
        )

    def test_editor_can_create_a_standard_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Par programmu",
                    "slug": "par-programmu",
                    "intro": "Īsumā.",
                    "body": streamfield(
                        [
                            ("heading", "Mērķis"),
                            ("paragraph", rich_text("<p>Palīdzēt atgriezties.</p>")),
                            ("quote", {"quote": "Mājās.", "author": ""}),
                        ]
                    ),
                }
            ),
        )

    def test_editor_can_create_an_faq_page(self):
        self.assertCanCreate(
            self.home,
            FaqPage,
            nested_form_data(
                {
                    "title": "BUJ",
                    "slug": "buj",
                    "intro": rich_text(""),
                    "topics": streamfield(
                        [
                            (
                                "topic",
                                {
                                    "title": "Koordinatori",
                                    "questions": streamfield(
                                        [
                                            (
                                                "item",
                                                {
                                                    "question": "Kas?",
                                                    "answer": rich_text("<p>Tā.</p>"),
                                                },
                                            )
                                        ]
                                    ),
                                },
                            )
                        ]
                    ),
                }
            ),
        )

    def test_a_second_faq_page_cannot_be_added_to_the_same_home_page(self):
        FaqPageFactory(parent=self.home)
        self.assertFalse(FaqPage.can_create_at(self.home))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/lv/", ["Atgriešanās Latvijā", "Zemgale", "Atpakaļ mājās", "Jaunums"]),
        ("/en/", ["Returning to Latvia", "Zemgale", "Back home", "News item"]),
        ("/lv/stasti/atpakal/", ["Atpakaļ mājās", 'href="/lv/regioni/zemgale/jekabpils-novads/"']),
        (
            "/en/stories/back-home/",
            ["Back home", 'href="/en/regions/zemgale/jekabpils-municipality/"', "United Kingdom"],
        ),
        ("/lv/aktualitates/jaunums/", ["Jaunums", 'href="/lv/regioni/zemgale/"']),
        ("/en/news/news-item/", ["News item", 'href="/en/regions/zemgale/"']),
        ("/lv/buj/", ["Kas ir koordinatori?"]),
        ("/en/faq/", ["Who are the coordinators?"]),
        ("/lv/par/", ["Par programmu"]),
        ("/en/about/", ["About"]),
        ("/en/stories/", ["Back home"]),
        ("/en/news/", ["News item"]),
    ],
)
def test_every_page_type_renders_in_both_languages(client, sections, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html


@pytest.mark.django_db
def test_faq_questions_have_unique_anchor_links(client, sections):
    html = client.get("/en/faq/").content.decode()
    assert 'id="who-are-the-coordinators"' in html
    assert 'id="who-are-the-coordinators-2"' in html
    assert 'href="#who-are-the-coordinators-2"' in html
