"""Shared fragments: the whole-page cache off, menus, footer and page content still come from the
shared cache, and whatever readers could see changed shows at once."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.cache import HEADER
from regions.tests.factories import ContactFactory, MunicipalityContactFactory
from stories.tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments")]

URL = "/lv/regioni/zemgale/jekabpils-novads/"
# Site, locale, the page, its view restrictions: with the content from the fragments, what is left.
ROUTING_QUERIES = 7


@pytest.fixture
def fragments(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300


def read(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response


def counted(client, url=URL):
    with CaptureQueriesContext(connection) as queries:
        response = read(client, url)
    return response, len(queries)


def test_a_second_reader_gets_the_same_page_with_a_few_routing_queries(client, region_tree):
    first, cold = counted(client)
    second, warm = counted(client)
    assert HEADER not in second
    assert second.content == first.content
    assert warm <= ROUTING_QUERIES < cold


def test_the_page_content_is_shared_by_readers_in_each_language_apart(client, region_tree):
    latvian = read(client).content.decode()
    english = read(client, "/en/regions/zemgale/jekabpils-municipality/").content.decode()
    assert "Reģionālā koordinatore" in latvian and "Regional coordinator" not in latvian
    assert "Regional coordinator" in english and "Reģionālā koordinatore" not in english
    assert read(client).content.decode() == latvian


def test_publishing_a_page_changes_its_content_menu_and_breadcrumbs_at_once(client, region_tree):
    read(client)
    read(client, "/lv/")
    region = region_tree["region"]
    region.title = "Zemgales reģions"
    region.save_revision().publish()
    municipality = read(client).content.decode()
    assert municipality.count("Zemgales reģions") >= 2  # breadcrumbs and the coordinator's region
    assert "Zemgales reģions" in read(client, "/lv/").content.decode()


def test_a_saved_draft_keeps_the_shared_fragments(client, region_tree):
    first, _cold = counted(client)
    page = region_tree["municipality"]
    page.title = "Jēkabpils novads (melnraksts)"
    page.save_revision()
    second, warm = counted(client)
    assert second.content == first.content
    assert warm <= ROUTING_QUERIES


def test_a_renamed_section_shows_in_the_menu_of_every_page(client, region_tree):
    index = region_tree["index"]
    index.show_in_menus = True
    index.save_revision().publish()
    assert ">Reģioni<" in read(client).content.decode()
    index.title = "Latvijas reģioni"
    index.save_revision().publish()
    assert ">Latvijas reģioni<" in read(client).content.decode()
    assert ">Latvijas reģioni<" in read(client, "/lv/").content.decode()


def test_a_changed_or_expired_contact_shows_at_once(client, region_tree, lv, monkeypatch):
    contact = ContactFactory(
        name="Laura Truksāne", phone="+37126000000", locale=lv, valid_to=datetime.date.today()
    )
    MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    assert "+371 26 000 000" in read(client).content.decode()
    contact.phone = "+37126111111"
    contact.save()
    assert "+371 26 111 111" in read(client).content.decode()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: tomorrow)
    assert "Laura Truksāne" not in read(client).content.decode()


def test_an_unpublished_page_disappears_from_lists_at_once(client, region_tree):
    assert "Jēkabpils novads" in read(client, "/lv/regioni/zemgale/").content.decode()
    region_tree["municipality"].unpublish()
    assert "Jēkabpils novads" not in read(client, "/lv/regioni/zemgale/").content.decode()


def test_filtered_and_later_listing_pages_are_never_the_shared_first_page(client, home, lv):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    for day in range(1, 13):
        NewsPageFactory(
            parent=index, locale=lv, title=f"Ziņa {day:02}", date=datetime.date(2025, 1, day)
        )
    NewsPageFactory(parent=index, locale=lv, title="Vecā ziņa", date=datetime.date(2024, 6, 1))
    first = read(client, "/lv/aktualitates/").content.decode()
    assert "Ziņa 12" in first and "Ziņa 02" not in first
    assert read(client, "/lv/aktualitates/").content.decode() == first
    later = read(client, "/lv/aktualitates/?page=2").content.decode()
    assert "Ziņa 02" in later and "Ziņa 12" not in later
    old = read(client, "/lv/aktualitates/?year=2024").content.decode()
    assert "Vecā ziņa" in old and "Ziņa 12" not in old
    assert client.get("/lv/aktualitates/?page=99").status_code == 404


def test_previews_never_show_or_store_fragments(client, region_tree):
    page = region_tree["municipality"]
    for draft in ("pirmais", "otrais"):
        page.title = f"Jēkabpils novads ({draft} melnraksts)"
        preview = page.make_preview_request().content.decode()
        assert preview.count(f"Jēkabpils novads ({draft} melnraksts)") >= 2  # title, heading
    assert "melnraksts" not in read(client).content.decode()


def test_the_search_page_renders_its_own_header(client, region_tree):
    response = read(client, "/lv/search/?query=%3Cscript%3E")
    html = response.content.decode()
    assert 'value="&lt;script&gt;"' in html
    assert 'value=""' in read(client, "/lv/search/").content.decode()


def test_editors_get_their_userbar_on_pages_kept_for_readers(client, region_tree):
    read(client)
    assert "wagtail-userbar" not in read(client).content.decode()
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    html = read(client).content.decode()
    assert "wagtail-userbar" in html
    assert "<h1>Jēkabpils novads</h1>" in html
