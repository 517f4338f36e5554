"""Municipality pages show their offers; "Find your place" compares municipalities by them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail.users.models import UserProfile

from core.translation import translate
from home.models import HomePage
from offers.models import FindYourPlacePage
from offers.tests.conftest import translated_contact
from offers.tests.factories import (
    BusinessSupportFactory,
    FamilyServiceFactory,
    HousingOfferFactory,
    JobOfferFactory,
    days_from_today,
    housing_row,
    municipality_form,
)
from regions.models import HousingOffer, MunicipalityPage
from regions.tests.factories import MunicipalityContactFactory, MunicipalityPageFactory

pytestmark = pytest.mark.django_db

ZEMGALE_QUESTION = "?region=zemgale&kindergarten=1&housing_now=1"


@pytest.fixture
def offers_map(places, find_page, translate_offers, lv, en):
    """Which Zemgale municipalities have a guaranteed kindergarten place and housing now?

    Only Jēkabpils (A). Bauska (C) has a kindergarten queue; Dobele (D) has housing only next
    month and an expired flat; Liepāja (B) has both but is in Kurzeme.
    """
    dobele = MunicipalityPageFactory(
        parent=places["zemgale"], locale=lv, title="Dobeles novads", slug="dobeles-novads"
    )
    translate(dobele, en, {"title": "Dobele Municipality", "slug": "dobele", "intro": "<p>.</p>"})
    places["D"] = dobele
    housing_person = translated_contact(
        lv, en, "Ilze Dzīvokle", "Dzīvokļu speciāliste", "Housing officer", email="ilze@example.lv"
    )
    strings = {}

    def offer(factory, page, lv_title, en_title, **fields):
        strings[lv_title] = en_title
        return factory(page=page, title=lv_title, **fields)

    def kindergarten(page, guaranteed, suffix):
        offer(
            FamilyServiceFactory,
            page,
            f"Bērnudārzs {suffix}",
            f"Kindergarten {suffix}",
            description="",
            place_guaranteed=guaranteed,
        )

    def flat(page, suffix, **fields):
        strings[f"Ciems {suffix}"] = f"Village {suffix}"
        offer(
            HousingOfferFactory,
            page,
            f"Dzīvoklis {suffix}",
            f"Flat {suffix}",
            location=f"Ciems {suffix}",
            description="",
            **fields,
        )

    strings["SIA Koks"] = "SIA Koks"
    kindergarten(places["A"], True, "A")
    flat(places["A"], "A", contact=housing_person)
    offer(
        FamilyServiceFactory,
        places["A"],
        "Latviešu valodas atbalsts",
        "Latvian language support",
        category="language_support",
        description="",
    )
    offer(
        JobOfferFactory,
        places["A"],
        "Galdnieks",
        "Carpenter",
        employer="SIA Koks",
        how_to_apply="",
        valid_until=days_from_today(10),
    )
    offer(BusinessSupportFactory, places["A"], "Remigrantu grants", "Remigrant grant")
    kindergarten(places["C"], False, "C")
    flat(places["C"], "C")
    kindergarten(places["D"], True, "D")
    flat(places["D"], "D", available_from=days_from_today(30))
    flat(places["D"], "D vecs", valid_until=days_from_today(-1))
    kindergarten(places["B"], True, "B")
    flat(places["B"], "B")
    for key in "ABCD":
        translate_offers(places[key], strings)
    return places


def rows(html):
    """The municipality names in the comparison table, in order."""
    return re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', html)


def table_rows(html):
    """Each body row of the comparison: municipality name → the row's markup."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return {
        re.search(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', row)[1]: row
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    }


def test_find_your_place_sits_once_under_each_home_page(find_page, home, en):
    assert FindYourPlacePage.allowed_parent_page_models() == [HomePage]
    assert FindYourPlacePage.allowed_subpage_models() == []
    assert FindYourPlacePage.max_count is None, "the English translation is a second instance"
    assert not FindYourPlacePage.can_create_at(home)
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Cits", slug="cits", intro="<p>.</p>")
    )
    assert FindYourPlacePage.can_create_at(other_home)


@pytest.mark.parametrize(
    ("language", "url", "names", "offer_text", "contact_role"),
    [
        (
            "lv",
            "/lv/atrodi-savu-vietu/",
            "Jēkabpils novads",
            "Bērnudārzs A",
            "Dzīvokļu speciāliste",
        ),
        (
            "en",
            "/en/find-your-place/",
            "Jēkabpils Municipality",
            "Kindergarten A",
            "Housing officer",
        ),
    ],
)
def test_which_zemgale_municipalities_have_kindergarten_and_housing_now(
    client, offers_map, lv, en, language, url, names, offer_text, contact_role
):
    """The question of the issue, answered from the page alone, with links to offer and contact."""
    response = client.get(url + ZEMGALE_QUESTION)
    assert response.status_code == 200
    html = response.content.decode()
    assert rows(html) == [names]
    assert offer_text in html
    assert 'href="mailto:ilze@example.lv">Ilze Dzīvokle</a>' in html, "the housing contact"
    assert ">Kontakts A</a>" in html, "the municipality's contact person"
    municipality_url = offers_map["A"].get_translation(lv if language == "lv" else en).url
    anchors = re.findall(rf'<a href="{re.escape(municipality_url)}#((?:family|housing)-\w+)"', html)
    assert {anchor.split("-")[0] for anchor in anchors} == {"family", "housing"}
    municipality = client.get(municipality_url).content.decode()
    for anchor in anchors:
        assert f'id="{anchor}"' in municipality
    assert contact_role in municipality


def test_all_regions_without_filters_lists_every_current_municipality(client, offers_map):
    html = client.get("/lv/atrodi-savu-vietu/").content.decode()
    # Latvian alphabetical order, whichever region a municipality is in.
    assert rows(html) == ["Bauskas novads", "Dobeles novads", "Jēkabpils novads", "Liepāja"]
    assert "Dzīvoklis D vecs" not in html, "expired offers never show"
    html = client.get("/en/find-your-place/?region=kurzeme&kindergarten=on").content.decode()
    assert rows(html) == ["Liepāja"]


def test_merged_municipalities_are_not_compared(client, offers_map, merged_municipality):
    html = client.get("/lv/atrodi-savu-vietu/").content.decode()
    assert "Varakļānu novads" not in rows(html)
    assert "Madonas novads" in rows(html)


@pytest.mark.parametrize(
    "query",
    [
        "?region=abc",
        "?region=999999",
        "?kindergarten=<script>alert(1)</script>",
        "?kindergarten=1&kindergarten=yes",
        "?region=zemgale&region=" + "x" * 10_000,
        "?housing_now=" + "1" * 10_000,
        "?region=%00&jobs=%ff",
    ],
)
def test_unknown_or_malformed_filters_are_ignored_with_a_message(client, offers_map, query):
    response = client.get("/en/find-your-place/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters in the link were not understood" in html
    assert "<script>alert" not in html
    assert len(rows(html)) == 4, "the other filters still apply; nothing is hidden by mistake"


def test_repeated_valid_filter_uses_the_last_value(client, offers_map):
    html = client.get("/lv/atrodi-savu-vietu/?region=kurzeme&region=zemgale").content.decode()
    assert rows(html) == ["Bauskas novads", "Dobeles novads", "Jēkabpils novads"]
    assert "not understood" not in html


def test_filters_form_works_without_javascript(client, offers_map):
    html = client.get("/en/find-your-place/?region=zemgale&jobs=1").content.decode()
    form = re.search(r'<form class="offer-filters" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == "/en/find-your-place/"
    assert '<button type="submit">' in html
    assert '<option value="zemgale" selected>' in html
    assert 'name="jobs" value="1" id="id_jobs" checked' in html
    assert "<caption>" in html and '<th scope="col"' in html and '<th scope="row">' in html
    assert rows(html) == ["Jēkabpils Municipality"]


def add_offers(pages, count):
    """`count` offers, every kind in turn, spread over `pages`."""
    factories = [FamilyServiceFactory, HousingOfferFactory, JobOfferFactory, BusinessSupportFactory]
    for i in range(count):
        page = pages[i % len(pages)]
        factories[i % 4](page=page, locale=page.locale)


@pytest.mark.parametrize(
    ("language", "url"), [("lv", "/lv/atrodi-savu-vietu/"), ("en", "/en/find-your-place/")]
)
def test_comparison_needs_the_same_queries_for_5_and_200_offers(
    client, places, find_page, lv, en, language, url
):
    """And so does a municipality page, whatever the number of its offers."""
    locale = lv if language == "lv" else en
    region = places["zemgale"].get_translation(locale)
    pages = [places[key].get_translation(locale) for key in "ABC"]
    urls = [url + "?region=zemgale&housing_now=1", pages[0].url]

    def queries():
        counts = []
        for address in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(address).status_code == 200
            counts.append(len(captured))
        return counts

    for address in urls:
        client.get(address)  # Wagtail caches the site's root paths on the first request
    add_offers(pages, 5)
    few = queries()
    for i in range(10):
        page = MunicipalityPageFactory(parent=region, locale=locale, title=f"Novads {i}")
        MunicipalityContactFactory(page=page, locale=locale)
        pages.append(page)
    add_offers(pages, 195)
    assert HousingOffer.objects.filter(locale=locale).count() > 40
    relations = ("family_services_offers", "housing_offers", "jobs", "business_support")
    assert sum(getattr(pages[0], name).count() for name in relations) > 10
    assert queries() == few


def test_municipality_page_shows_sections_with_offers_in_both_languages(client, offers_map, en):
    lv_html = client.get(offers_map["A"].url).content.decode()
    en_html = client.get(offers_map["A"].get_translation(en).url).content.decode()
    for html, texts in (
        (lv_html, ["Bērnudārzs A", "Dzīvoklis A", "Galdnieks", "Remigrantu grants"]),
        (en_html, ["Kindergarten A", "Flat A", "Carpenter", "Remigrant grant", "Housing officer"]),
    ):
        for text in texts:
            assert text in html
        for heading in ("families-heading", "housing-heading", "work-heading"):
            assert f'id="{heading}"' in html
    assert "Families with children" in en_html and "Job offers" in en_html
    dobele = client.get(offers_map["D"].url).content.decode()
    assert "Dzīvoklis D" in dobele and "Dzīvoklis D vecs" not in dobele


def test_example_offers_are_marked_for_readers(client, places, en):
    FamilyServiceFactory(page=places["A"], title="Parauga pakalpojums", is_example=True)
    html = client.get(places["A"].url).content.decode()
    assert re.search(r"Parauga pakalpojums <span class=\"badge[^\"]*\">", html)


def test_an_example_offer_never_sends_readers_to_the_municipalitys_real_contact(
    client, places, translate_offers, en
):
    """Only a real offer falls back to the municipality's contact person as whom to ask."""
    flat = {"page": places["A"], "location": "Sala", "description": ""}
    HousingOfferFactory(title="Parauga dzīvoklis", is_example=True, **flat)
    HousingOfferFactory(title="Īsts dzīvoklis", **flat)
    translate_offers(
        places["A"],
        {"Parauga dzīvoklis": "Example flat", "Īsts dzīvoklis": "Real flat", "Sala": "Sala"},
    )
    for page, example, real in (
        (places["A"], "Parauga dzīvoklis", "Īsts dzīvoklis"),
        (places["A"].get_translation(en), "Example flat", "Real flat"),
    ):
        html = client.get(page.url).content.decode()
        articles = re.findall(r'<article class="offer".*?</article>', html, re.S)
        asked = {
            re.search(r'class="offer__title"[^>]*>([^<]+)', article)[1].strip(): "Kontakts A"
            in article
            for article in articles
        }
        assert asked == {example: False, real: True}


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_editor_adds_offers_in_their_own_tabs(admin_client, places):
    page = places["A"]
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for tab in ("Family services", "Housing", "Work and business"):
        assert tab in edit
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        municipality_form(page, housing_offers=[housing_row()]) | {"action-publish": "1"},
    )
    assert response.status_code == 302
    assert MunicipalityPage.objects.get(pk=page.pk).housing_offers.get().title == "Dzīvoklis"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price": "-1"}, "This cannot be negative."),
        (
            {"available_from": "2027-05-01", "valid_until": "2027-04-01"},
            "The offer cannot end before the housing becomes available.",
        ),
    ],
)
def test_editor_sees_why_an_offer_was_refused(admin_client, places, changes, message):
    page = places["A"]
    before = page.get_latest_revision()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        municipality_form(page, housing_offers=[housing_row(**changes)]) | {"action-publish": "1"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HousingOffer.objects.exists()
    assert page.get_latest_revision() == before


def test_editor_can_create_the_find_your_place_page(admin_client, home):
    response = admin_client.post(
        f"/admin/pages/add/offers/findyourplacepage/{home.pk}/",
        nested_form_data(
            {"title": "Atrodi savu vietu", "slug": "atrodi-savu-vietu", "intro": rich_text("")}
        )
        | {"action-publish": "1"},
    )
    assert response.status_code == 302
    assert FindYourPlacePage.objects.child_of(home).live().exists()


def test_cards_show_what_a_municipality_has_and_the_table_keeps_every_column(
    client, places, find_page, translate_offers, en
):
    """Phones list only a municipality's offers, or one line when it has none to compare.

    The same markup is the table on wide screens: "Not listed" cells stay there (hidden from
    the cards by CSS), the one-line summary is a card-only cell hidden from the table.
    """
    kindergarten = {"description": "", "place_guaranteed": True}
    FamilyServiceFactory(page=places["A"], title="Bērnudārzs", is_example=True, **kindergarten)
    FamilyServiceFactory(
        page=places["C"], title="Rinda", **kindergarten | {"place_guaranteed": False}
    )
    for key, strings in (("A", {"Bērnudārzs": "Kindergarten"}), ("C", {"Rinda": "Queue"})):
        translate_offers(places[key], strings)
    html = client.get("/en/find-your-place/").content.decode()
    assert html.count('<th scope="col"') == 7, "municipality, five kinds of offer, contact"
    assert '<th scope="col">Region</th>' not in html, "the region is a line in the row header"
    cards = table_rows(html)
    assert list(cards) == ["Bauska Municipality", "Jēkabpils Municipality", "Liepāja"]
    for row in cards.values():
        cells = re.findall(r"<td[^>]*>", row)
        offers = [
            cell for cell in cells if "data-label" in cell and "comparison__person" not in cell
        ]
        empty = re.findall(
            r'<td class="comparison__empty">\s*<span class="comparison__none">Not listed</span>',
            row,
        )
        assert len(offers) + len(empty) == 5, "every offer column has a cell in the table"
        assert "comparison__person" in row and "Kontakts" in row
        assert 'class="comparison__region"' in row
    jekabpils = cards["Jēkabpils Municipality"]
    assert "comparison__card-only" not in jekabpils
    assert re.search(
        r'>Kindergarten</a> <span class="badge badge--example">Example</span>', jekabpils
    )
    liepaja, bauska = cards["Liepāja"], cards["Bauska Municipality"]
    assert 'class="comparison__card-only comparison__nothing"' in liepaja
    assert "No offers published here yet — the contact below can tell you more." in liepaja
    assert "data-label" not in liepaja.replace('data-label="Contact person"', "")
    assert (
        "No offers of these kinds yet — see the municipality page or ask the contact below."
        in bauska
    )
    assert "Queue" not in bauska, "a kindergarten with a queue is not a guaranteed place"
    assert '<span class="comparison__region">Courland</span>' in liepaja


def test_the_card_summary_is_translatable_and_never_shown_with_offers(client, places, find_page):
    FamilyServiceFactory(page=places["A"], title="Bērnudārzs", place_guaranteed=True)
    html = client.get("/lv/atrodi-savu-vietu/?kindergarten=1").content.decode()
    assert rows(html) == ["Jēkabpils novads"]
    assert "comparison__card-only" not in html
    html = client.get("/lv/atrodi-savu-vietu/?region=kurzeme").content.decode()
    assert rows(html) == ["Liepāja"]
    assert html.count("comparison__card-only") == 1
    assert html.count('class="comparison__empty"') == 5
