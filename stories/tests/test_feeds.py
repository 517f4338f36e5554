"""RSS and Atom feeds of news and stories: one per language, only what readers may see."""

import datetime
import email.utils
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import PageViewRestriction

from core.translation import translate
from stories.feeds import FEED_LENGTH
from stories.tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
RIGA = ZoneInfo("Europe/Riga")


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


@pytest.fixture
def news(home, lv, en):
    """A translated item, a Latvian-only item, a draft, a private item, a draft translation."""
    index = NewsIndexPageFactory(parent=home, locale=lv)
    translate(index, en, {"title": "News", "slug": "news"})
    shared = NewsPageFactory(
        parent=index,
        locale=lv,
        title="Koordinatori sāk darbu",
        slug="koordinatori",
        lead="Pieci koordinatori.",
        date=datetime.date(2025, 3, 10),
    )
    translate(
        shared,
        en,
        {
            "title": "Coordinators start work",
            "slug": "coordinators",
            "lead": "Five coordinators.",
            "body": [{"type": "paragraph", "value": "<p>News.</p>"}],
        },
    )
    NewsPageFactory(
        parent=index,
        locale=lv,
        title="Tikai latviski",
        slug="tikai-latviski",
        date=datetime.date(2025, 4, 1),
    )
    NewsPageFactory(
        parent=index, locale=lv, title="Melnraksts", date=datetime.date(2025, 5, 1), live=False
    )
    private = NewsPageFactory(
        parent=index, locale=lv, title="Slepens", date=datetime.date(2025, 5, 2)
    )
    restrict(private)
    untranslated = NewsPageFactory(
        parent=index, locale=lv, title="Vēl tulko", slug="vel-tulko", date=datetime.date(2025, 2, 1)
    )
    translate(
        untranslated,
        en,
        {
            "title": "Still being translated",
            "slug": "still",
            "lead": "Draft.",
            "body": [{"type": "paragraph", "value": "<p>Draft.</p>"}],
        },
    )
    untranslated.get_translation(en).unpublish()
    return index


@pytest.fixture
def stories(home, lv, en):
    index = StoryIndexPageFactory(parent=home, locale=lv)
    translate(index, en, {"title": "Stories", "slug": "stories"})
    story = StoryPageFactory(
        parent=index, locale=lv, title="Atpakaļ mājās", slug="atpakal", quote="Mājās."
    )
    translate(
        story,
        en,
        {
            "title": "Back home",
            "slug": "back-home",
            "quote": "Home at last.",
            "body": [{"type": "paragraph", "value": "<p>Story.</p>"}],
        },
    )
    StoryPageFactory(parent=index, locale=lv, title="Tikai stāsts latviski", slug="tikai")
    StoryPageFactory(parent=index, locale=lv, title="Stāsta melnraksts", live=False)
    return index


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content).find("channel")


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def test_english_news_rss_lists_only_live_public_english_items(client, news):
    channel = rss(client, "/en/feeds/news.rss")
    assert channel.findtext("title") == "News · Return to Latvia"
    assert channel.findtext("description") == "News of Latvia's regional remigration coordinators."
    assert channel.findtext("link") == "http://localhost/en/news/"
    assert channel.findtext("language") == "en"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Coordinators start work"]
    item = items[0]
    assert item.findtext("link") == "http://localhost/en/news/coordinators/"
    assert item.findtext("description") == "Five coordinators."
    published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
    assert published == datetime.datetime(2025, 3, 10, 12, tzinfo=RIGA)


def test_latvian_news_rss_is_newest_first_without_drafts_or_private_items(client, news):
    channel = rss(client, "/lv/feeds/news.rss")
    assert channel.findtext("language") == "lv"
    assert channel.findtext("link") == "http://localhost/lv/aktualitates/"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Tikai latviski", "Koordinatori sāk darbu", "Vēl tulko"]
    links = [item.findtext("link") for item in channel.findall("item")]
    assert links[0] == "http://localhost/lv/aktualitates/tikai-latviski/"


def test_english_news_atom_lists_only_live_english_items(client, news):
    feed = atom(client, "/en/feeds/news.atom")
    assert feed.findtext("atom:title", namespaces=ATOM) == "News · Return to Latvia"
    assert (
        feed.findtext("atom:subtitle", namespaces=ATOM)
        == "News of Latvia's regional remigration coordinators."
    )
    entries = feed.findall("atom:entry", ATOM)
    assert [e.findtext("atom:title", namespaces=ATOM) for e in entries] == [
        "Coordinators start work"
    ]
    link = entries[0].find("atom:link", ATOM)
    assert link.get("href") == "http://localhost/en/news/coordinators/"
    assert entries[0].findtext("atom:summary", namespaces=ATOM) == "Five coordinators."
    assert entries[0].findtext("atom:published", namespaces=ATOM).startswith("2025-03-10T12:00")
    assert entries[0].findtext("atom:updated", namespaces=ATOM)


def test_latvian_atom_never_lists_drafts_or_private_items(client, news):
    feed = atom(client, "/lv/feeds/news.atom")
    titles = [e.findtext("atom:title", namespaces=ATOM) for e in feed.findall("atom:entry", ATOM)]
    assert titles == ["Tikai latviski", "Koordinatori sāk darbu", "Vēl tulko"]


def test_a_news_feed_holds_the_newest_twenty(client, home, lv):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    start = datetime.date(2025, 1, 1)
    for n in range(FEED_LENGTH + 1):
        NewsPageFactory(
            parent=index, locale=lv, title=f"Ziņa {n}", date=start + datetime.timedelta(days=n)
        )
    titles = [i.findtext("title") for i in rss(client, "/lv/feeds/news.rss").findall("item")]
    assert len(titles) == FEED_LENGTH == 20
    assert titles[0] == "Ziņa 20"
    assert "Ziņa 0" not in titles


def test_english_feed_without_an_english_news_section_links_the_english_home(client, home):
    channel = rss(client, "/en/feeds/news.rss")
    assert channel.findtext("link") == "http://localhost/en/"
    assert channel.findall("item") == []


def test_story_feeds_list_each_languages_live_stories_with_the_quote(client, stories):
    channel = rss(client, "/en/feeds/stories.rss")
    assert channel.findtext("title") == "Experience stories · Return to Latvia"
    assert channel.findtext("link") == "http://localhost/en/stories/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Back home"]
    assert items[0].findtext("link") == "http://localhost/en/stories/back-home/"
    assert items[0].findtext("description") == "Home at last."
    assert items[0].findtext("pubDate")

    latvian = rss(client, "/lv/feeds/stories.rss")
    assert {i.findtext("title") for i in latvian.findall("item")} == {
        "Atpakaļ mājās",
        "Tikai stāsts latviski",
    }
    feed = atom(client, "/en/feeds/stories.atom")
    entries = feed.findall("atom:entry", ATOM)
    assert [e.findtext("atom:title", namespaces=ATOM) for e in entries] == ["Back home"]


def test_pages_link_the_news_feeds_of_their_language(client, news, stories):
    html = client.get("/en/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="News (RSS)" '
        'href="/en/feeds/news.rss">' in html
    )
    assert 'type="application/atom+xml" title="News (Atom)" href="/en/feeds/news.atom"' in html
    assert "/feeds/stories." not in html
    latvian = client.get("/lv/aktualitates/").content.decode()
    assert 'href="/lv/feeds/news.rss"' in latvian


def test_story_pages_also_link_the_story_feeds(client, stories):
    for url in ("/en/stories/", "/en/stories/back-home/"):
        html = client.get(url).content.decode()
        assert 'type="application/rss+xml" title="Experience stories (RSS)"' in html
        assert 'href="/en/feeds/stories.rss"' in html
        assert 'href="/en/feeds/stories.atom"' in html
        assert 'href="/en/feeds/news.rss"' in html
