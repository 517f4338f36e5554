"""Language routing, the switcher and hreflang alternates, as a reader meets them."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings

from regions.tests.factories import MunicipalityPageFactory

pytestmark = pytest.mark.django_db


def links(html, rel="alternate"):
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([\w-]+)" href="([^"]+)"', html))


def switcher_link(url, language):
    """The switcher's link to `url`: through the view that remembers the choice."""
    return f'href="/lang/{language}/?next={quote(url)}" lang="{language}"'


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("lv", "/lv/"), ("de-DE,de;q=0.9", "/lv/"), ("", "/lv/")],
)
def test_root_redirects_by_accept_language_then_latvian(client, home, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_prefers_the_language_chosen_before(client, home):
    """Switching to English remembers English, even for a browser that asks for Latvian."""
    html = client.get("/lv/").content.decode()
    href = re.search(r'href="([^"]+)" lang="en" hreflang="en"', html)[1]
    switched = client.get(href)
    assert switched.status_code == 302
    assert switched["Location"] == "/en/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="lv")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", ["lv", "en"])
def test_pages_declare_their_language_and_offer_a_skip_link(client, region_tree, language):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html


def test_switcher_and_hreflang_lead_to_the_same_page_in_the_other_language(client, region_tree):
    html = client.get("/lv/regioni/zemgale/jekabpils-novads/").content.decode()
    assert switcher_link("/en/regions/zemgale/jekabpils-municipality/", "en") in html
    alternates = links(html)
    assert alternates == {
        "lv": "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
        "x-default": "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
        "en": "http://localhost/en/regions/zemgale/jekabpils-municipality/",
    }
    english = client.get("/en/regions/zemgale/jekabpils-municipality/").content.decode()
    assert switcher_link("/lv/regioni/zemgale/jekabpils-novads/", "lv") in english


def test_untranslated_page_switches_to_nearest_translated_ancestor_with_a_note(
    client, region_tree, lv
):
    MunicipalityPageFactory(
        parent=region_tree["region"], locale=lv, title="Bauskas novads", slug="bauskas-novads"
    )
    html = client.get("/lv/regioni/zemgale/bauskas-novads/").content.decode()
    assert switcher_link("/en/regions/zemgale/", "en") in html
    assert "This page is not translated yet; the link opens “Zemgale”." in html
    assert set(links(html)) == {"lv", "x-default"}, "no hreflang for a missing translation"
    assert client.get("/en/regions/zemgale/bauskas-novads/").status_code == 404


def test_draft_translation_is_not_offered(client, region_tree, en):
    english = region_tree["municipality"].get_translation(en)
    english.unpublish()
    html = client.get("/lv/regioni/zemgale/jekabpils-novads/").content.decode()
    assert "/en/regions/zemgale/jekabpils-municipality/" not in html
    assert switcher_link("/en/regions/zemgale/", "en") in html


def test_non_page_views_switch_to_the_same_url(client, home):
    html = client.get("/lv/search/?query=riga").content.decode()
    assert switcher_link("/en/search/?query=riga", "en") in html


def test_switching_language_on_a_later_page_of_results_opens_the_first_page(client, home):
    """Another language finds other results: its page 2 may not exist."""
    html = client.get("/lv/search/?query=riga&page=1&type=news").content.decode()
    assert switcher_link("/en/search/?query=riga&type=news", "en") in html
    assert client.get("/en/search/?query=riga&type=news").status_code == 200
