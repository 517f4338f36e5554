"""What search engines and link previews read: sitemap, robots.txt, canonical, Open Graph, JSON-LD."""

import datetime
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from PIL import Image
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from core.translation import translate
from home.tests.factories import StandardPageFactory, translated_faq
from stories.tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
SHARE_IMAGE = "http://localhost/static/img/share.png"


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page, parsed as a crawler would."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, [], []
        self._json = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(
                attrs["content"]
            )
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._json = []

    def handle_data(self, data):
        if self._json is not None:
            self._json.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            self.json_ld.append(json.loads("".join(self._json)))
            self._json = None

    def one(self, key):
        (value,) = self.meta[key]
        return value

    def canonical(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def of_type(self, kind):
        (data,) = [d for d in self.json_ld if d["@type"] == kind]
        return data


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def site(home, region_tree, lv, en):
    """News, FAQ, a story, a draft, a private page with a child, an unpublished translation."""
    news_index = NewsIndexPageFactory(parent=home, locale=lv)
    translate(news_index, en, {"title": "News", "slug": "news"})
    item = NewsPageFactory(
        parent=news_index,
        locale=lv,
        title="Koordinatori sāk darbu",
        slug="koordinatori",
        lead="Pieci koordinatori.",
        date=datetime.date(2025, 3, 10),
    )
    translate(
        item,
        en,
        {
            "title": "Coordinators start work",
            "slug": "coordinators",
            "lead": "Five coordinators.",
            "body": [{"type": "paragraph", "value": "<p>News.</p>"}],
        },
    )
    faq = translated_faq(home, lv, en, "Who are they?", ["<p>Helpers.</p>", "<p>Again.</p>"])
    StandardPageFactory(parent=home, locale=lv, title="Melnraksts", slug="melnraksts", live=False)
    private = StandardPageFactory(parent=home, locale=lv, title="Iekšējā", slug="iekseja")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    StandardPageFactory(parent=private, locale=lv, title="Apakšlapa", slug="apakslapa")
    region_tree["municipality"].get_translation(en).unpublish()
    return {"news": item, "faq": faq, "private": private}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urls = {}
    for url in ET.fromstring(response.content).findall("sm:url", SITEMAP):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP)
        }
        assert all(link.get("rel") == "alternate" for link in url.findall("xhtml:link", SITEMAP))
        urls[url.findtext("sm:loc", namespaces=SITEMAP)] = alternates
    return urls


def test_sitemap_lists_the_live_public_pages_of_both_languages(client, site):
    urls = sitemap(client)
    assert set(urls) == {
        "http://localhost/lv/",
        "http://localhost/lv/regioni/",
        "http://localhost/lv/regioni/zemgale/",
        "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
        "http://localhost/lv/aktualitates/",
        "http://localhost/lv/aktualitates/koordinatori/",
        "http://localhost/lv/buj/",
        "http://localhost/en/",
        "http://localhost/en/regions/",
        "http://localhost/en/regions/zemgale/",
        "http://localhost/en/news/",
        "http://localhost/en/news/coordinators/",
        "http://localhost/en/faq/",
    }, "no draft, no private page or its child, no unpublished translation"


def test_sitemap_names_every_language_version_with_hreflang(client, site):
    urls = sitemap(client)
    both = {
        "lv": "http://localhost/lv/regioni/zemgale/",
        "en": "http://localhost/en/regions/zemgale/",
        "x-default": "http://localhost/lv/regioni/zemgale/",
    }
    assert urls["http://localhost/lv/regioni/zemgale/"] == both
    assert urls["http://localhost/en/regions/zemgale/"] == both
    assert urls["http://localhost/lv/regioni/zemgale/jekabpils-novads/"] == {
        "lv": "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
        "x-default": "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
    }, "the unpublished English translation is not an alternate"


def test_sitemap_gives_the_day_a_page_was_last_published(client, site, home, en):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        url.findtext("sm:loc", namespaces=SITEMAP): url.findtext("sm:lastmod", namespaces=SITEMAP)
        for url in root.findall("sm:url", SITEMAP)
    }
    published = home.get_translation(en).last_published_at
    assert published is not None
    assert lastmods["http://localhost/en/"] == timezone.localdate(published).isoformat()


def test_sitemap_queries_do_not_grow_with_the_number_of_pages(
    client, site, lv, django_assert_max_num_queries
):
    client.get("/sitemap.xml")  # warms Wagtail's cache of site root paths
    with django_assert_max_num_queries(4):
        client.get("/sitemap.xml")
    for n in range(5):
        NewsPageFactory(parent=site["news"].get_parent(), locale=lv, title=f"Ziņa {n}")
    with django_assert_max_num_queries(4):
        assert len(sitemap(client)) == 18


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert [line for line in lines if line.startswith("Disallow")] == ["Disallow: /admin/"]
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_region_page_describes_the_planning_region_and_its_coordinator(client, site):
    page = head(client, "/en/regions/zemgale/")
    region = page.of_type("GovernmentOrganization")
    assert region["@context"] == "https://schema.org"
    assert region["name"] == "Zemgale Planning Region"
    assert region["url"] == "http://localhost/en/regions/zemgale/"
    assert region["contactPoint"] == [
        {
            "@type": "ContactPoint",
            "name": "Anete Briņeca",
            "telephone": "+37122338666",
            "email": "zemgale@paps.lv",
            "contactType": "remigration coordinator",
        }
    ]


def test_pages_below_the_home_page_carry_a_breadcrumb_trail(client, site):
    page = head(client, "/en/regions/zemgale/")
    trail = page.of_type("BreadcrumbList")["itemListElement"]
    assert trail == [
        {
            "@type": "ListItem",
            "position": 1,
            "name": "Returning to Latvia",
            "item": "http://localhost/en/",
        },
        {
            "@type": "ListItem",
            "position": 2,
            "name": "Regions",
            "item": "http://localhost/en/regions/",
        },
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Zemgale",
            "item": "http://localhost/en/regions/zemgale/",
        },
    ]
    assert head(client, "/en/").json_ld == [], "the home page has no trail"


def test_faq_page_is_an_faq_page_with_questions_and_answers(client, site):
    page = head(client, "/en/faq/")
    faq = page.of_type("FAQPage")
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Who are they?",
            "acceptedAnswer": {"@type": "Answer", "text": "<p>Helpers.</p>"},
        },
        {
            "@type": "Question",
            "name": "Who are they?",
            "acceptedAnswer": {"@type": "Answer", "text": "<p>Again.</p>"},
        },
    ]
    assert [d["@type"] for d in page.json_ld] == ["FAQPage", "BreadcrumbList"]


def test_news_page_is_a_news_article(client, site):
    page = head(client, "/en/news/coordinators/")
    article = page.of_type("NewsArticle")
    assert article["headline"] == "Coordinators start work"
    assert article["datePublished"] == "2025-03-10"
    assert datetime.datetime.fromisoformat(article["dateModified"]).tzinfo is not None
    assert article["inLanguage"] == "en"
    assert article["description"] == "Five coordinators."
    assert article["mainEntityOfPage"] == "http://localhost/en/news/coordinators/"
    assert article["image"] == [SHARE_IMAGE]
    assert article["publisher"]["name"] == "Return to Latvia"
    assert article["publisher"]["url"] == "http://localhost/en/"
    assert article["publisher"]["logo"]["url"] == SHARE_IMAGE
    assert page.of_type("BreadcrumbList")["itemListElement"][-1]["name"] == (
        "Coordinators start work"
    )


def test_json_ld_cannot_close_its_script_element(client, site, lv):
    title = '</script><script>alert("x")</script> & more'
    NewsPageFactory(parent=site["news"].get_parent(), locale=lv, title=title, slug="xss")
    response = client.get("/lv/aktualitates/xss/")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert Head(html).of_type("NewsArticle")["headline"] == title


def test_every_page_names_its_canonical_url_and_sharing_card(client, site):
    page = head(client, "/en/news/coordinators/")
    assert page.canonical() == ["http://localhost/en/news/coordinators/"]
    assert page.one("og:url") == "http://localhost/en/news/coordinators/"
    assert page.one("og:type") == "article"
    assert page.one("og:title") == "Coordinators start work"
    assert page.one("og:description") == "Five coordinators."
    assert page.one("og:site_name") == "Return to Latvia"
    assert page.one("og:locale") == "en_GB"
    assert page.one("og:locale:alternate") == "lv_LV"
    assert page.one("og:image") == SHARE_IMAGE
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    assert page.one("article:published_time") == "2025-03-10"
    assert page.one("twitter:card") == "summary_large_image"

    latvian = head(client, "/lv/regioni/zemgale/")
    assert latvian.canonical() == ["http://localhost/lv/regioni/zemgale/"]
    assert latvian.one("og:type") == "website"
    assert latvian.one("og:locale") == "lv_LV"
    assert latvian.one("og:image") == SHARE_IMAGE


def test_description_falls_back_to_the_intro_and_is_never_doubled(client, site, home):
    page = head(client, "/lv/regioni/zemgale/")
    assert page.one("description") == "Reģiona apraksts."
    assert page.one("og:description") == "Reģiona apraksts."

    home.search_description = "Kā atgriezties."
    home.save_revision().publish()
    home_page = head(client, "/lv/")
    assert home_page.one("description") == "Kā atgriezties."
    assert home_page.one("og:description") == "Kā atgriezties."


def test_a_merged_municipality_is_described_by_its_merger_not_its_old_content(
    client, merged_municipality
):
    page = head(client, "/lv/regioni/zemgale/varaklanu-novads/")
    expected = (
        "2025. gada 1. jūlijā Varakļānu novads kļuva par daļu no citas pašvaldības – "
        "Madonas novads."
    )
    assert page.one("og:description") == expected
    assert page.one("description") == expected


def test_search_is_canonical_without_the_page_number(client, site):
    page = head(client, "/en/search/?query=zemgale&page=1")
    assert page.canonical() == ["http://localhost/en/search/?query=zemgale"]
    assert page.one("og:title") == "Search: zemgale"
    assert page.one("og:image") == SHARE_IMAGE
    assert head(client, "/en/search/").canonical() == ["http://localhost/en/search/"]


def test_not_found_page_has_no_canonical_url(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert Head(response.content.decode()).canonical() == []


def test_a_story_is_shared_with_its_photo(client, home, lv):
    index = StoryIndexPageFactory(parent=home, locale=lv)
    StoryPageFactory(
        parent=index, locale=lv, slug="ar-foto", photo=ImageFactory(title="Ilze pie mājas")
    )
    page = head(client, "/lv/stasti/ar-foto/")
    assert page.one("og:type") == "article"
    assert page.one("og:image").startswith("http://localhost/media/images/")
    assert ".fill-1200x630" in page.one("og:image")
    assert page.one("og:image:alt") == "Ilze pie mājas"


def test_the_default_share_image_is_a_carmine_1200_by_630_png():
    with Image.open(Path(settings.BASE_DIR) / "static" / "img" / "share.png") as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)
        assert image.convert("RGB").getpixel((10, 10)) == (0x9E, 0x30, 0x39)


def test_structured_data_costs_one_query_beyond_the_pages_own_context(
    region_tree, en, django_assert_num_queries
):
    zemgale = region_tree["region"].get_translation(en)
    request = RequestFactory().get("/en/regions/zemgale/", HTTP_HOST="localhost")
    with translation.override("en"):
        context = zemgale.get_context(request)
        zemgale.current_coordinators  # noqa: B018 - the page's own template reads them first
        zemgale.get_full_url(request)  # the site's root paths, cached on the request
        template = Template(
            "{% load seo_tags %}{% seo as meta %}"
            "{% for data in meta.structured_data %}{{ data|json_ld }}{% endfor %}"
        )
        with django_assert_num_queries(1):  # the breadcrumb trail's ancestors
            html = template.render(Context(context))
    assert [d["@type"] for d in Head(html).json_ld] == ["GovernmentOrganization", "BreadcrumbList"]
