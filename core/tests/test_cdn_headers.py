"""What a CDN in front may keep (Cache-Control), the language cookie only on switching, and what
is purged from the CDN when pages change."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends import (
    BaseBackend,
    CloudflareBackend,
    CloudfrontBackend,
    HTTPBackend,
)
from wagtail.contrib.frontend_cache.utils import get_backends

from cms.settings.base import frontend_caches
from core.cache import HEADER
from inquiries.tests.factories import InquiryPageFactory
from offers.tests.factories import FindYourPlacePageFactory
from regions.tests.factories import ContactDirectoryPageFactory
from stories.tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

URL = "/lv/regioni/zemgale/jekabpils-novads/"
ENGLISH_URL = "/en/regions/zemgale/jekabpils-municipality/"
PUBLIC = "public, max-age=60, s-maxage=300"


@pytest.fixture(autouse=True)
def cache_times(settings):
    settings.BROWSER_CACHE_SECONDS = 60
    settings.CDN_CACHE_SECONDS = 300


def assert_stored_nowhere(response):
    cache_control = {value.strip() for value in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


def vary(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("url", [URL, ENGLISH_URL, "/lv/", "/en/"])
def test_an_anonymous_readers_page_may_be_kept_by_the_cdn(client, region_tree, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert not vary(response) & {"cookie", "accept-language"}
    assert not response.cookies, "reading a page sets no cookie (the language one included)"


def test_a_head_request_gets_the_headers_of_the_get(client, region_tree):
    """Monitors and CDNs ask with HEAD."""
    response = client.head(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert not vary(response) & {"cookie", "accept-language"}


def test_pages_from_the_page_cache_get_the_same_headers(client, region_tree, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get(URL)[HEADER] == "miss"
    hit = client.get(URL)
    assert hit[HEADER] == "hit"
    assert hit["Cache-Control"] == PUBLIC
    assert "cookie" not in vary(hit)


def test_a_reader_who_chose_a_language_still_gets_the_public_page(client, region_tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL)
    assert response["Cache-Control"] == PUBLIC
    assert not response.cookies


@pytest.mark.parametrize(
    "url", ["/lv/search/?query=novads", f"{URL}?utm_source=x", "/lv/nav-tadas-lapas/"]
)
def test_query_strings_and_missing_pages_are_not_kept(client, region_tree, url):
    """The same for everyone, but without bound (search, filters) or soon stale (a 404)."""
    assert client.get(url)["Cache-Control"] == "private, no-cache"


def test_root_redirect_by_language_is_not_kept(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-cache"


def test_a_form_with_its_csrf_token_is_stored_nowhere(client, home, lv):
    page = InquiryPageFactory(parent=home, locale=lv)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert_stored_nowhere(response)


def test_a_logged_in_users_page_is_stored_nowhere(client, region_tree):
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "pw"))
    response = client.get(URL)
    assert response.status_code == 200
    assert_stored_nowhere(response)


def test_a_preview_is_stored_nowhere(region_tree):
    response = region_tree["municipality"].make_preview_request()
    assert response.status_code == 200
    assert_stored_nowhere(response)


def test_a_server_error_is_stored_nowhere(client, region_tree, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("regions.models.MunicipalityPage.serve", fail)
    client.raise_request_exception = False
    response = client.get(URL)
    assert response.status_code == 500
    assert_stored_nowhere(response)


@pytest.mark.parametrize("url", ["/admin/", "/admin/login/", "/health/live"])
def test_the_admin_and_health_checks_stay_uncached(client, home, url):
    cache_control = client.get(url)["Cache-Control"]
    assert "public" not in cache_control
    assert "no-cache" in cache_control or "no-store" in cache_control


def test_the_admin_stays_uncached_for_editors(client, home):
    client.force_login(get_user_model().objects.create_superuser("editor", "e@example.com", "pw"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_stored_nowhere(response)


# The language cookie.


def switcher_href(html, language):
    return re.search(rf'<a href="([^"]+)" lang="{language}" hreflang="{language}"', html)[1]


def test_the_switcher_remembers_the_language_and_opens_the_page_in_it(client, region_tree):
    href = switcher_href(client.get(URL).content.decode(), "en")
    switched = client.get(href)
    assert switched.status_code == 302
    assert switched["Location"] == ENGLISH_URL
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert_stored_nowhere(switched)
    assert client.get(switched["Location"]).status_code == 200
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="lv")["Location"] == "/en/"


def test_the_switcher_keeps_the_query_string(client, home):
    href = switcher_href(client.get("/lv/search/?query=riga").content.decode(), "en")
    assert client.get(href)["Location"] == "/en/search/?query=riga"


def test_reading_pages_in_another_language_remembers_nothing(client, region_tree):
    client.get(ENGLISH_URL)
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="lv")["Location"] == "/lv/"


@pytest.mark.parametrize("next_url", ["https://evil.example/en/", "//evil.example/en/", URL, ""])
def test_choosing_a_language_opens_only_this_sites_pages_in_it(client, home, next_url):
    response = client.get("/lang/en/", {"next": next_url})
    assert response["Location"] == "/en/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_an_unknown_language_is_not_found(client, home):
    response = client.get("/lang/de/", {"next": "/de/"})
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


# Purging the CDN.


class RecordingBackend(BaseBackend):
    """A front-end cache that writes down what it is told to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def purged(settings):
    """Purges run as tasks: at once here, as on the site."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []
    return RecordingBackend.purged


def test_publishing_news_purges_it_with_the_news_index_and_home(home, lv, purged):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    news = NewsPageFactory(parent=index, locale=lv, slug="jauna-zina")
    assert purged == [], "pages made in code are not published through Wagtail"
    news.save_revision().publish()
    assert set(purged) == {
        "http://localhost/lv/aktualitates/jauna-zina/",
        "http://localhost/lv/aktualitates/",
        "http://localhost/lv/",
    }


def test_unpublishing_purges_the_same_pages(home, lv, purged):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    news = NewsPageFactory(parent=index, locale=lv, slug="jauna-zina")
    news.unpublish()
    assert "http://localhost/lv/aktualitates/" in purged
    assert "http://localhost/lv/aktualitates/jauna-zina/" in purged


def test_publishing_a_municipality_purges_its_region_find_your_place_and_translation(
    region_tree, home, lv, purged
):
    FindYourPlacePageFactory(parent=home, locale=lv)
    region_tree["municipality"].save_revision().publish()
    assert set(purged) == {
        "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
        "http://localhost/lv/regioni/zemgale/",
        "http://localhost/lv/regioni/",
        "http://localhost/lv/atrodi-savu-vietu/",
        "http://localhost/lv/",
        "http://localhost/en/regions/zemgale/jekabpils-municipality/",
    }


def test_a_moved_page_is_purged_from_its_old_and_new_place(region_tree, home, lv, purged):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    news = NewsPageFactory(parent=index, locale=lv, slug="jauna-zina")
    news.move(region_tree["region"], pos="last-child")
    assert {
        "http://localhost/lv/aktualitates/",
        "http://localhost/lv/regioni/zemgale/",
        "http://localhost/lv/regioni/zemgale/jauna-zina/",
    } <= set(purged)


def test_a_changed_coordinator_purges_every_page_showing_them_and_the_pages_listing_those(
    region_tree, home, lv, purged
):
    ContactDirectoryPageFactory(parent=home, locale=lv)
    coordinator = region_tree["coordinator"]
    coordinator.phone = "+37126000000"
    coordinator.save()
    assert {
        "http://localhost/lv/regioni/zemgale/",
        "http://localhost/lv/regioni/zemgale/jekabpils-novads/",
        "http://localhost/lv/regioni/",
        "http://localhost/lv/",
        "http://localhost/en/regions/zemgale/",
        "http://localhost/lv/kontakti/",
    } <= set(purged)
    assert len(purged) == len(set(purged)), "each page once"


def test_without_a_frontend_cache_nothing_is_purged(region_tree, settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {}
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.PurgeBatch.purge",
        lambda *args, **kwargs: pytest.fail("purged without a frontend cache"),
    )
    region_tree["municipality"].save_revision().publish()


# The front-end caches come from the environment.


def test_no_frontend_cache_unless_the_environment_names_one():
    assert frontend_caches({}) == {}


def test_each_frontend_cache_is_built_from_its_variables():
    backends = get_backends(
        frontend_caches(
            {
                "FRONTEND_CACHE_PURGE_URL": "http://varnish:6081",
                "CLOUDFRONT_DISTRIBUTION_ID": "E2EXAMPLE",
                "CLOUDFLARE_API_TOKEN": "token",
                "CLOUDFLARE_ZONE_ID": "zone",
            }
        )
    )
    assert isinstance(backends["http"], HTTPBackend)
    assert backends["http"].cache_netloc == "varnish:6081"
    assert isinstance(backends["cloudfront"], CloudfrontBackend)
    assert backends["cloudfront"].cloudfront_distribution_id == "E2EXAMPLE"
    assert isinstance(backends["cloudflare"], CloudflareBackend)
    assert backends["cloudflare"].cloudflare_token == "token"  # noqa: S105
    assert backends["cloudflare"].cloudflare_zoneid == "zone"


@pytest.mark.parametrize("variable", ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ZONE_ID"])
def test_half_a_cloudflare_configuration_is_refused(variable):
    with pytest.raises(ImproperlyConfigured):
        frontend_caches({variable: "x"})
