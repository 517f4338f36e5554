"""What a search result page tells the reader: excerpts, answers, contacts, promotions, help.

Every test runs twice: building each result's summary and the contact directory afresh, and
keeping them in the shared cache as production does (search.views); readers must not tell.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from core.translation import sync_translation, translate
from home.tests.factories import FaqPageFactory
from offers.tests.factories import FamilyServiceFactory, JobOfferFactory
from regions.tests.factories import ContactFactory, MunicipalityContactFactory
from search.text import highlight, matching_lines, search_terms
from stories.tests.factories import NewsIndexPageFactory, NewsPageFactory
from teams.provisioning import provision_national_editors, provision_team

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("indexing")]


@pytest.fixture(autouse=True, params=[0, 300], ids=["fresh", "shared"])
def fragments(request, settings):
    settings.FRAGMENT_CACHE_SECONDS = request.param
    return request.param


def search(client, language, query, **params):
    return client.get(f"/{language}/search/", {"query": query, **params})


def main(response):
    assert response.status_code == 200
    return response.content.decode().split('id="main"')[1].split("</main>")[0]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("kekava", ["kekav"]),
        ("Ķekavas novads", ["kekav", "novad"]),
        ("JĒKABPILĪ", ["jekabpil"]),
        ("rīga", ["riga"]),
        ("' OR 1=1; --", ["or", "1"]),
        ("!!! ???", []),
        ("a a a a", ["a"]),
    ],
)
def test_terms_are_folded_and_lose_their_latvian_ending(query, terms):
    assert search_terms(query) == terms


def test_highlight_marks_every_match_and_escapes_the_rest():
    snippet = highlight("Ķekavā <b>un</b> Ķekavas novadā", search_terms("kekava"))
    assert snippet == "<mark>Ķekavā</mark> &lt;b&gt;un&lt;/b&gt; <mark>Ķekavas</mark> novadā"


def test_highlight_starts_near_the_first_match_in_a_long_text():
    text = "vārds " * 200 + "Jēkabpils novads " + "vārds " * 200
    snippet = highlight(text, search_terms("jekabpils"))
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Jēkabpils</mark>" in snippet
    assert len(snippet) < 300


def test_matching_lines_need_every_term_on_the_same_line():
    lines = ["anna ozolina kontaktpersona", "anna berzina", "ozols", "joanna"]
    starts = [0, 28, 41, 47]
    assert ["\n".join(lines)[start:].split("\n")[0] for start in starts] == lines
    text = "\n".join(lines)
    assert matching_lines(text, starts, ["anna", "ozol"]) == {0}
    assert matching_lines(text, starts, ["anna"]) == {0, 1}  # not "joanna": a word prefix
    assert matching_lines(text, starts, ["ozol"]) == {0, 2}
    assert matching_lines(text, starts, ["kekav"]) == set()


def test_an_inflected_word_typed_without_diacritics_finds_the_municipality(client, region_tree, lv):
    from regions.tests.factories import MunicipalityPageFactory

    MunicipalityPageFactory(
        parent=region_tree["region"], locale=lv, title="Ķekavas novads", slug="kekavas-novads"
    )
    html = main(search(client, "lv", "kekava"))
    assert 'href="/lv/regioni/zemgale/kekavas-novads/"' in html
    assert "<mark>" not in html.split("kekavas-novads/")[0].rsplit("<li>", 1)[-1]


def test_results_show_a_highlighted_excerpt_and_the_page_kind(client, region_tree):
    html = main(search(client, "en", "about"))
    assert "<mark>About</mark>" in html
    assert "Municipality page" in html


def test_a_municipality_result_brings_its_contacts_in_the_same_language(
    client, region_tree, lv, en
):
    contact = ContactFactory(name="Laura Truksāne", role="Kontaktpersona", locale=lv)
    translate(contact, en, {"name": "Laura Truksāne", "role": "Contact person"})
    MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    sync_translation(region_tree["municipality"], en)
    latvian = main(search(client, "lv", "jekabpils"))
    english = main(search(client, "en", "jekabpils"))
    assert "Laura Truksāne" in latvian and "Kontaktpersona" in latvian
    assert "Laura Truksāne" in english and "Contact person" in english
    assert "Kontaktpersona" not in english
    assert 'href="/en/regions/zemgale/jekabpils-municipality/"' in english


def test_a_contact_is_found_by_name_and_an_expired_one_is_not(client, region_tree, lv):
    current = ContactFactory(name="Anna Ozoliņa", role="Kontaktpersona", locale=lv)
    expired = ContactFactory(
        name="Anna Bērziņa",
        role="Kontaktpersona",
        locale=lv,
        valid_to=datetime.date(2020, 1, 1),
    )
    for contact in (current, expired):
        MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    html = main(search(client, "lv", "anna"))
    assert "Anna Ozoliņa" in html
    assert "Anna Bērziņa" not in html


def test_pages_behind_a_password_and_their_contacts_are_not_found(client, region_tree, lv):
    contact = ContactFactory(name="Anna Ozoliņa", role="Kontaktpersona", locale=lv)
    MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    assert "Anna Ozoliņa" in main(search(client, "lv", "anna"))
    assert "jekabpils-novads/" in main(search(client, "lv", "jekabpils"))
    PageViewRestriction.objects.create(
        page=region_tree["region"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    html = main(search(client, "lv", "jekabpils"))
    assert "jekabpils-novads/" not in html and "Anete Briņeca" not in html
    assert "Anna Ozoliņa" not in main(search(client, "lv", "anna"))


def test_a_contact_shown_on_no_public_page_is_not_listed(client, region_tree, lv):
    ContactFactory(name="Ilze Nepublicēta", role="Kontaktpersona", locale=lv)
    assert "Ilze Nepublicēta" not in main(search(client, "lv", "ilze"))


@pytest.fixture
def faq(home, lv, en):
    topics = [
        {
            "type": "topic",
            "value": {
                "title": "Bērnudārzs",
                "questions": [
                    {
                        "question": "Kā pieteikt bērnu bērnudārzā?",
                        "answer": "<p>Rindā var pieteikties pašvaldības tīmekļvietnē.</p>",
                    },
                    {
                        "question": "Vai skolā palīdz ar latviešu valodu?",
                        "answer": "<p>Jā, atbalsta pedagogs palīdz atgriezušos bērnus.</p>",
                    },
                ],
            },
        }
    ]
    return FaqPageFactory(parent=home, locale=lv, title="BUJ", slug="buj", topics=topics)


def test_faq_answers_are_found_and_linked_to_their_question(client, faq):
    html = main(search(client, "lv", "pedagogs"))
    assert 'href="/lv/buj/#vai-skola-palidz-ar-latviesu-valodu"' in html
    assert "<mark>pedagogs</mark>" in html
    assert "Kā pieteikt bērnu" not in html


def test_a_municipality_is_found_by_its_current_offers_linked_to_each(client, region_tree, lv):
    municipality = region_tree["municipality"]
    kindergarten = FamilyServiceFactory(
        page=municipality,
        locale=lv,
        title="Bērnudārzs “Zīlīte”",
        description="Vietas bērniem no pusotra gada vecuma.",
    )
    JobOfferFactory(
        page=municipality,
        locale=lv,
        title="Zīlītes audzinātāja",
        employer="Pašvaldība",
        valid_until=datetime.date(2020, 1, 1),
    )
    contact = ContactFactory(name="Laura Truksāne", role="Kontaktpersona", locale=lv)
    MunicipalityContactFactory(page=municipality, contact=contact, locale=lv)
    municipality.save_revision().publish()
    html = main(search(client, "lv", "zilite"))
    assert 'href="/lv/regioni/zemgale/jekabpils-novads/"' in html
    # A topic is not a place: the municipality's contacts come with a search for its name.
    assert "Laura Truksāne" not in html
    assert "Laura Truksāne" in main(search(client, "lv", "jekabpils"))
    anchor = f'href="/lv/regioni/zemgale/jekabpils-novads/#{kindergarten.anchor}"'
    assert anchor in html and "Bērnudārzs “Zīlīte”" in html
    assert "audzinātāja" not in html  # the expired vacancy is not shown
    assert "<mark>pusotra</mark>" in main(search(client, "lv", "pusotra gada"))


def test_editors_promote_a_page_for_a_query_in_the_readers_language(client, region_tree):
    promotion = SearchPromotion.objects.create(
        query=Query.get("darbs"),
        page=region_tree["region"],
        description="Reģiona koordinators palīdz atrast darbu.",
        sort_order=0,
    )
    html = main(search(client, "lv", "Darbs"))
    assert "Recommended" in html or "Ieteicams" in html
    assert 'href="/lv/regioni/zemgale/"' in html
    assert promotion.description in html
    english = main(search(client, "en", "darbs"))
    assert 'href="/en/regions/zemgale/"' in english


def test_searching_does_not_record_the_query(client, region_tree):
    search(client, "lv", "mans personas kods 123456-12345")
    assert not Query.objects.exists()


def cache_keys():
    return set(cache._cache)  # the local-memory cache of the test settings


def test_nothing_kept_in_the_shared_cache_depends_on_what_was_searched_for(client, region_tree):
    """Readers' queries are never stored: two queries finding the same pages keep the same keys."""
    search(client, "lv", "jekabpils")
    kept = cache_keys()
    search(client, "lv", "JĒKABPILS novadā")
    assert cache_keys() == kept


def test_a_change_to_a_contact_page_or_promotion_shows_in_the_next_search(client, region_tree, lv):
    contact = ContactFactory(name="Anna Ozoliņa", role="Kontaktpersona", locale=lv)
    MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    assert "Kontaktpersona" in main(search(client, "lv", "anna"))
    contact.role = "Remigrācijas konsultante"
    contact.save()
    newcomer = ContactFactory(name="Anna Kalniņa", role="Kontaktpersona", locale=lv)
    MunicipalityContactFactory(page=region_tree["municipality"], contact=newcomer, locale=lv)
    html = main(search(client, "lv", "anna"))
    assert "Remigrācijas konsultante" in html and "Anna Kalniņa" in html

    municipality = region_tree["municipality"]
    municipality.title = "Jēkabpils novads un pilsēta"
    municipality.save_revision().publish()
    assert "Jēkabpils novads un pilsēta" in main(search(client, "lv", "jekabpils"))

    SearchPromotion.objects.create(
        query=Query.get("anna"), page=region_tree["region"], description="Ieteikums", sort_order=0
    )
    assert "Ieteikums" in main(search(client, "lv", "anna"))
    municipality.unpublish()
    html = main(search(client, "lv", "anna"))
    assert "Anna Ozoliņa" not in html and "jekabpils-novads" not in html


def test_no_results_suggest_a_spelling_and_the_general_contact(client, region_tree, lv):
    general = ContactFactory(name="Programmas pastkaste", role="Vispārīgi jautājumi", locale=lv)
    home = region_tree["index"].get_parent().specific
    home.general_contact = general
    home.save_revision().publish()
    html = main(search(client, "lv", "jekabpls"))
    assert "0 rezultātu" in html
    assert 'href="?query=j%C4%93kabpils"' in html
    assert "Programmas pastkaste" in html


def test_punctuation_only_asks_for_a_word(client, region_tree):
    html = main(search(client, "en", "!!! ???"))
    assert 'role="status"' in html
    assert "search-results" not in html


def test_results_are_paginated_with_the_query_kept(client, home, lv):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    for n in range(12):
        NewsPageFactory(parent=index, locale=lv, title=f"Ziņa par darbu {n}")
    first = main(search(client, "lv", "darbu"))
    assert "12 rezultāti" in first
    assert 'href="?query=darbu&amp;page=2"' in first
    assert main(search(client, "lv", "darbu", page=2)).count("<h3>") == 2


def count_queries(client, query):
    search(client, "lv", query)  # warm the site root paths cache
    with CaptureQueriesContext(connection) as queries:
        search(client, "lv", query)
    return len(queries)


def test_search_runs_the_same_number_of_queries_for_few_and_many_results(
    client, region_tree, lv, fragments
):
    index = NewsIndexPageFactory(parent=region_tree["index"].get_parent(), locale=lv)

    def add(n):
        NewsPageFactory(parent=index, locale=lv, title=f"Ziņa par darbu {n}")
        contact = ContactFactory(name=f"Darbu Konsultants {n}", locale=lv)
        MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)

    add(0)
    few = count_queries(client, "darbu")
    for n in range(1, 41):
        add(n)
    assert count_queries(client, "darbu") == few
    if fragments:
        # Count, results, the contacts listed: the locale and view restrictions, summaries,
        # the contact directory and the promoted queries come from the shared cache.
        assert few == 3


def promotion_form(page):
    return {
        "query_string": "darbs",
        "editors_picks-TOTAL_FORMS": 1,
        "editors_picks-INITIAL_FORMS": 0,
        "editors_picks-MAX_NUM_FORMS": 1000,
        "editors_picks-0-DELETE": "",
        "editors_picks-0-ORDER": 0,
        "editors_picks-0-page": page.pk,
        "editors_picks-0-description": "Darba piedāvājumi reģionā",
    }


def test_national_editors_promote_results_and_municipality_editors_cannot(client, region_tree):
    national = get_user_model().objects.create_user("national", "n@example.com", "pw")
    national.groups.add(provision_national_editors())
    municipal = get_user_model().objects.create_user("municipal", "m@example.com", "pw")
    municipal.groups.add(provision_team(region_tree["municipality"]).group)
    url = reverse("wagtailsearchpromotions:add")

    client.force_login(municipal)
    response = client.post(url, promotion_form(region_tree["region"]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not SearchPromotion.objects.exists()

    client.force_login(national)
    response = client.post(url, promotion_form(region_tree["region"]))
    assert response.status_code == 302
    assert SearchPromotion.objects.get().page_id == region_tree["region"].pk
