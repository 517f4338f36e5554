"""Search answers in the reader's language and survives hostile input."""

import pytest

pytestmark = pytest.mark.django_db


def search(client, language, query, **params):
    return client.get(f"/{language}/search/", {"query": query, **params}, HTTP_HOST="localhost")


def test_search_finds_pages_in_the_current_language_only(client, region_tree):
    latvian = search(client, "lv", "Jēkabpils").content.decode()
    english = search(client, "en", "Jēkabpils").content.decode()
    assert 'href="/lv/regioni/zemgale/jekabpils-novads/"' in latvian
    assert "/en/" not in latvian.split('id="main"')[1].split("</main>")[0]
    assert 'href="/en/regions/zemgale/jekabpils-municipality/"' in english
    assert "/lv/regioni/" not in english.split('id="main"')[1].split("</main>")[0]


def test_search_folds_latvian_letters(client, region_tree):
    html = search(client, "lv", "jekabpils").content.decode()
    assert 'href="/lv/regioni/zemgale/jekabpils-novads/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "!!! ??? ::: ***",
        "' OR 1=1; DROP TABLE wagtailcore_page; --",
        'title:"Zemgale" AND (OR NOT)',
        "\x00\x01",
        "   ",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_get_a_normal_page(client, region_tree, query):
    response = search(client, "en", query)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize("page", ["abc", "0", "999"])
def test_invalid_result_pages_are_not_found(client, region_tree, page):
    assert search(client, "lv", "Zemgale", page=page).status_code == 404


def test_a_search_that_finds_nothing_offers_the_language_whose_pages_match(client, region_tree):
    """English readers often search with a Latvian word: "novads" is only on Latvian pages."""
    english = search(client, "en", "novads").content.decode()
    assert (
        'href="/lv/search/?query=novads" hreflang="lv">Search for “novads” in Latviešu' in english
    )
    for language, query in [("lv", "novads"), ("en", "Jēkabpils"), ("en", "nekasneatrodams")]:
        assert "search-other-language" not in search(client, language, query).content.decode()
