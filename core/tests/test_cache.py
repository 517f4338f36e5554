"""Whole-page cache: readers get stored pages, editors fresh ones, and any change empties it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.cache import HEADER, PageCacheMiddleware, generation, page_key
from offers.tests.factories import municipality_form
from regions.tests.factories import ContactFactory, MunicipalityContactFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

URL = "/lv/regioni/zemgale/jekabpils-novads/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def read(client, url=URL, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def test_a_second_reader_gets_the_stored_page_without_database_queries(client, region_tree):
    first = read(client)
    assert first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = read(client)
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert len(queries) == 0


def test_cached_pages_still_get_the_security_and_request_headers(client, region_tree):
    read(client)
    hit = read(client)
    assert hit[HEADER] == "hit"
    assert "Content-Security-Policy" in hit and "X-Request-ID" in hit
    assert hit["X-Request-ID"] != read(client)["X-Request-ID"]


def test_publishing_a_page_shows_the_change_at_once(client, region_tree):
    read(client)
    page = region_tree["municipality"]
    page.title = "Jēkabpils novads (jauns nosaukums)"
    page.save_revision().publish()
    response = read(client)
    assert response[HEADER] == "miss"
    assert "Jēkabpils novads (jauns nosaukums)" in response.content.decode()


def test_a_saved_draft_keeps_every_stored_page(client, region_tree):
    read(client)
    before = generation()
    page = region_tree["municipality"]
    page.title = "Jēkabpils novads (melnraksts)"
    page.save_revision()
    assert generation() == before
    response = read(client)
    assert response[HEADER] == "hit"
    assert "melnraksts" not in response.content.decode()


def test_an_editors_draft_and_autosave_posts_keep_every_stored_page(client, region_tree):
    read(client)
    before = generation()
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    editor_client = Client(HTTP_HOST="localhost")
    editor_client.force_login(editor)
    page = region_tree["municipality"]
    for title in ("Jēkabpils novads (melnraksts)", "Jēkabpils novads (melnraksts 2)"):
        response = editor_client.post(
            f"/admin/pages/{page.pk}/edit/", {**municipality_form(page), "title": title}
        )
        assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().title == "Jēkabpils novads (melnraksts 2)"
    assert generation() == before
    assert read(client)[HEADER] == "hit"


def test_a_new_alias_of_a_page_shows_at_once(client, region_tree):
    region_url = "/lv/regioni/zemgale/"
    read(client, region_url)
    region_tree["municipality"].create_alias(update_slug="jekabpils-alias")
    response = read(client, region_url)
    assert response[HEADER] == "miss"
    assert "jekabpils-alias" in response.content.decode()


def test_unpublishing_a_page_removes_it_at_once(client, region_tree):
    read(client)
    region_tree["municipality"].unpublish()
    assert client.get(URL).status_code == 404


def test_moving_and_deleting_pages_empty_the_cache(client, region_tree, lv):
    from regions.tests.factories import MunicipalityPageFactory

    other = MunicipalityPageFactory(parent=region_tree["region"], locale=lv, slug="cits-novads")
    region_url = "/lv/regioni/zemgale/"
    assert "cits-novads" in read(client, region_url).content.decode()
    other.move(region_tree["region"], pos="first-child")
    assert read(client, region_url)[HEADER] == "miss"
    read(client, region_url)
    other.delete()
    response = read(client, region_url)
    assert response[HEADER] == "miss"
    assert "cits-novads" not in response.content.decode()


def test_a_changed_contact_shows_on_every_page_at_once(client, region_tree, lv):
    contact = ContactFactory(name="Laura Truksāne", phone="+37126000000", locale=lv)
    MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    assert "+371 26 000 000" in read(client).content.decode()
    contact.phone = "+37126111111"
    contact.save()
    assert "+371 26 111 111" in read(client).content.decode()
    contact.delete()
    assert "Laura Truksāne" not in read(client).content.decode()


def test_an_expired_contact_disappears_the_next_day_without_any_change(
    client, region_tree, lv, monkeypatch
):
    contact = ContactFactory(name="Laura Truksāne", locale=lv, valid_to=datetime.date.today())
    MunicipalityContactFactory(page=region_tree["municipality"], contact=contact, locale=lv)
    assert "Laura Truksāne" in read(client).content.decode()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: tomorrow)
    assert "Laura Truksāne" not in read(client).content.decode()


def test_logged_in_editors_always_get_a_fresh_page(client, region_tree):
    read(client)
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    response = read(client)
    assert HEADER not in response


@pytest.mark.parametrize("url", ["/lv/regioni/zemgale/?x=1", "/lv/search/?query=zemgale"])
def test_pages_with_a_query_string_are_not_stored(client, region_tree, url):
    client.get(url)
    assert HEADER not in client.get(url)


def test_not_found_pages_are_not_stored(client, region_tree):
    client.get("/lv/nav-tadas-lapas/")
    assert HEADER not in client.get("/lv/nav-tadas-lapas/")


def test_private_pages_are_not_stored(client, region_tree):
    PageViewRestriction.objects.create(
        page=region_tree["municipality"], restriction_type="password", password="x"
    )
    client.get(URL)
    assert HEADER not in client.get(URL)


def test_a_page_with_a_csrf_protected_form_is_not_stored(rf):
    def view(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    request = rf.get("/lv/forma/")
    request.user = AnonymousUser()
    assert HEADER not in PageCacheMiddleware(view)(request)
    assert not cache.get(page_key(request))


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off(client, region_tree):
    read(client)
    assert HEADER not in read(client)


def test_a_page_made_private_is_hidden_at_once(client, region_tree):
    assert read(client)[HEADER] == "miss"
    PageViewRestriction.objects.create(
        page=region_tree["municipality"], restriction_type="password", password="x"
    )
    response = client.get(URL)
    assert HEADER not in response
    assert "Anete Briņeca" not in response.content.decode()


def test_pages_are_rendered_from_the_database_while_the_cache_is_down(
    client, region_tree, settings, unreachable_cache
):
    settings.FRAGMENT_CACHE_SECONDS = 300
    for _ in range(2):
        response = client.get(URL)
        assert response.status_code == 200
        assert response[HEADER] == "miss"
        assert "Anete Briņeca" in response.content.decode()
