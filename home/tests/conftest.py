"""Fixtures of the home app's tests: the site's sections and the pages of the next steps."""

import pytest

from core.translation import translate
from home.tests.factories import StandardPageFactory, translated_faq
from inquiries.tests.factories import InquiryPageFactory
from offers.tests.factories import FindYourPlacePageFactory
from stories.tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)


@pytest.fixture
def sections(home, region_tree, lv, en):
    """Stories, news, FAQ and an about page, each with its English translation."""
    stories = StoryIndexPageFactory(parent=home, locale=lv)
    translate(stories, en, {"title": "Stories", "slug": "stories"})
    story = StoryPageFactory(
        parent=stories,
        locale=lv,
        title="Atpakaļ mājās",
        slug="atpakal",
        featured=True,
        municipality=region_tree["municipality"],
    )
    translate(
        story,
        en,
        {
            "title": "Back home",
            "slug": "back-home",
            "quote": "Home.",
            "body": [{"type": "paragraph", "value": "<p>Story.</p>"}],
        },
    )
    news = NewsIndexPageFactory(parent=home, locale=lv)
    translate(news, en, {"title": "News", "slug": "news"})
    item = NewsPageFactory(
        parent=news,
        locale=lv,
        title="Jaunums",
        slug="jaunums",
        related_region=region_tree["region"],
    )
    translate(
        item,
        en,
        {
            "title": "News item",
            "slug": "news-item",
            "lead": "Lead.",
            "body": [{"type": "paragraph", "value": "<p>News.</p>"}],
        },
    )
    translated_faq(
        home, lv, en, "Who are the coordinators?", ["<p>Helpers.</p>", "<p>Repeated.</p>"]
    )
    about = StandardPageFactory(parent=home, locale=lv, title="Par programmu", slug="par")
    translate(
        about,
        en,
        {
            "title": "About",
            "slug": "about",
            "body": [{"type": "paragraph", "value": "<p>Text.</p>"}],
        },
    )


@pytest.fixture
def next_step_pages(home, lv, en):
    """The personal offer form and Find your place, in both languages."""
    form = InquiryPageFactory(parent=home, locale=lv)
    translate(
        form, en, {"title": "Ask for a personal offer", "slug": "ask", "intro": "<p>Ask.</p>"}
    )
    place = FindYourPlacePageFactory(parent=home, locale=lv)
    translate(
        place,
        en,
        {"title": "Find your place", "slug": "find-your-place", "intro": "<p>Compare.</p>"},
    )
    return {"form": form, "find_your_place": place}
