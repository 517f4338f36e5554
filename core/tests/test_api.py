"""The read-only API gives other sites the public content, and nothing that is not public."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from core.translation import sync_translation, translate
from regions.tests.factories import ContactFactory, MunicipalityContactFactory
from stories.tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def titles(response):
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["items"]]


def test_pages_are_filtered_by_locale_and_type(client, region_tree):
    english = titles(get(client, "/api/v2/pages/", locale="en", type="regions.MunicipalityPage"))
    latvian = titles(get(client, "/api/v2/pages/", locale="lv", type="regions.MunicipalityPage"))
    assert english == ["Jēkabpils Municipality"]
    assert latvian == ["Jēkabpils novads"]


def test_the_current_coordinators_come_in_english(client, region_tree):
    response = get(
        client,
        "/api/v2/pages/",
        locale="en",
        type="regions.RegionPage",
        fields="current_coordinators",
    )
    [region] = response.json()["items"]
    [coordinator] = region["current_coordinators"]
    assert coordinator["name"] == "Anete Briņeca"
    assert coordinator["role"] == "Regional coordinator"
    assert coordinator["phone"] == "+37122338666"
    assert coordinator["email"] == "zemgale@paps.lv"


def test_page_detail_renders_rich_text_as_the_site_shows_it(client, region_tree, en):
    page = region_tree["municipality"].get_translation(en)
    data = get(client, f"/api/v2/pages/{page.pk}/").json()
    assert data["meta"]["html_url"].endswith("/en/regions/zemgale/jekabpils-municipality/")
    assert data["intro"] == "<p>About.</p>"
    assert data["meta"]["locale"] == "en"
    assert "owner" not in data["meta"] and "latest_revision" not in str(data)


def test_drafts_and_private_pages_never_appear(client, region_tree, lv):
    region = region_tree["region"]
    index = NewsIndexPageFactory(parent=region_tree["index"].get_parent(), locale=lv)
    draft = NewsPageFactory(parent=index, locale=lv, title="Melnraksts", live=False)
    secret = NewsPageFactory(parent=index, locale=lv, title="Slepena ziņa")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    region.title = "Zemgale (nepublicēts labojums)"
    region.save_revision()

    listed = titles(get(client, "/api/v2/pages/", locale="lv", limit=50))
    assert "Melnraksts" not in listed and "Slepena ziņa" not in listed
    assert "Zemgale" in listed and "Zemgale (nepublicēts labojums)" not in listed
    assert get(client, f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert get(client, f"/api/v2/pages/{secret.pk}/").status_code == 404
    found = get(client, "/api/v2/pages/", search="nepublicēts").json()["items"]
    assert found == []


def test_contacts_are_current_and_shown_on_a_public_page(client, region_tree, lv, en):
    shown = ContactFactory(name="Laura Truksāne", role="Kontaktpersona", locale=lv)
    translate(shown, en, {"name": "Laura Truksāne", "role": "Contact person"})
    expired = ContactFactory(
        name="Bijusī Kontaktpersona", locale=lv, valid_to=datetime.date(2020, 1, 1)
    )
    future = ContactFactory(
        name="Nākamā Kontaktpersona", locale=lv, valid_from=datetime.date(2100, 1, 1)
    )
    ContactFactory(name="Nepiesaistīta Persona", locale=lv)
    for contact in (shown, expired, future):
        MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    sync_translation(region_tree["municipality"], en)

    names = [c["name"] for c in get(client, "/api/v2/contacts/", locale="lv").json()["items"]]
    assert sorted(names) == ["Anete Briņeca", "Laura Truksāne"]
    english = get(client, "/api/v2/contacts/", locale="en", kind="municipal").json()["items"]
    assert [(c["name"], c["role"]) for c in english] == [("Laura Truksāne", "Contact person")]
    coordinators = get(client, "/api/v2/contacts/", locale="en", kind="coordinator").json()
    assert [c["role"] for c in coordinators["items"]] == ["Regional coordinator"]
    assert get(client, f"/api/v2/contacts/{expired.pk}/").status_code == 404


def test_a_contact_exposes_no_admin_only_fields(client, region_tree):
    coordinator = region_tree["coordinator"]
    data = get(client, f"/api/v2/contacts/{coordinator.pk}/").json()
    assert set(data) == {
        "id",
        "meta",
        "name",
        "role",
        "organisation",
        "phone",
        "email",
        "note",
        "last_verified",
        "may_be_out_of_date",
        "valid_to",
    }


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v2/pages/", {"locale": "xx"}),
        ("/api/v2/pages/", {"type": "nope.Nope"}),
        ("/api/v2/pages/", {"limit": "-1"}),
        ("/api/v2/pages/", {"limit": str(2**63)}),
        ("/api/v2/pages/", {"offset": "abc"}),
        ("/api/v2/pages/", {"unknown": "1"}),
        ("/api/v2/pages/", {"fields": "password"}),
        ("/api/v2/contacts/", {"kind": "<script>"}),
        ("/api/v2/contacts/", {"fields": "valid_from"}),
        ("/api/v2/contacts/", {"order": "valid_from"}),
    ],
)
def test_malformed_requests_are_client_errors(client, region_tree, url, params):
    response = client.get(url, params)
    assert 400 <= response.status_code < 500
    assert b"<script>" not in response.content


def test_the_api_is_read_only(client, region_tree):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/contacts/{region_tree['coordinator'].pk}/").status_code == 405


def message_in_latvian(text):
    """An API message as a client gets it (the site's default language is Latvian)."""
    with translation.override("lv"):
        return translation.gettext(text)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v2/pages/", {"locale": "l\x00v"}),
        ("/api/v2/pages/", {"search": "Zemgale\x00"}),
        ("/api/v2/contacts/", {"locale": "l\x00v"}),
        ("/api/v2/contacts/", {"search": "Anete\x00"}),
        ("/api/v2/pages/find/", {"html_path": "/lv/\x00"}),
    ],
)
def test_a_null_character_in_a_query_parameter_is_a_client_error(client, region_tree, url, params):
    response = get(client, url, **params)
    assert response.status_code == 400
    assert response.json() == {
        "message": message_in_latvian("query parameters cannot contain null characters")
    }


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/contacts/"])
@pytest.mark.parametrize("offset", [str(2**63), "+9223372036854775808", "9" * 30])
def test_an_offset_too_large_for_the_database_is_a_client_error(client, region_tree, url, offset):
    response = get(client, url, offset=offset)
    assert response.status_code == 400
    assert response.json() == {
        "message": message_in_latvian("offset cannot be higher than %(max)d") % {"max": 2**63 - 1}
    }


def test_the_largest_offset_the_database_takes_gives_an_empty_page(client, region_tree):
    data = get(client, "/api/v2/pages/", offset=str(2**63 - 1), search="Zemgale").json()
    assert data["meta"]["total_count"] > 0
    assert data["items"] == []


@pytest.mark.parametrize(
    "query", ['"', '"a" OR', 'Zem"gale', "*", "NEAR(", "-", "AND", "NOT", "(", "^", "a:b", "%s"]
)
def test_search_syntax_of_the_database_is_searched_as_plain_text(client, region_tree, query):
    response = get(client, "/api/v2/pages/", search=query)
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


def test_a_stray_double_quote_does_not_stop_a_search(client, region_tree):
    assert "Zemgale" in titles(get(client, "/api/v2/pages/", locale="lv", search='"Zemgale'))
