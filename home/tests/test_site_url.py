"""SITE_URL: the address every absolute URL is built on, set by `manage.py configure_site`."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from home.tests.test_seo import head, sitemap

pytestmark = pytest.mark.django_db

PUBLIC = "https://remigracija.example"


@pytest.fixture
def public_site(settings, home, region_tree):
    settings.SITE_URL = PUBLIC
    call_command("configure_site", stdout=None)


def test_configure_site_gives_the_default_site_the_host_and_https_port_of_site_url(public_site):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("remigracija.example", 443, PUBLIC)


def test_configure_site_keeps_a_development_port_and_can_run_again(home):
    call_command("configure_site", "http://127.0.0.1:8000", stdout=None)
    call_command("configure_site", "http://127.0.0.1:8000/", stdout=None)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    "url",
    [
        "remigracija.example",
        "ftp://remigracija.example",
        "https://remigracija.example/lv/",
        "https://remigracija.example:8443",
        "http://remigracija.example:99999",
        "https://",
    ],
)
def test_a_malformed_site_url_is_refused_with_a_clear_message(home, url):
    with pytest.raises(CommandError, match="SITE_URL"):
        call_command("configure_site", url, stdout=None)
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@pytest.mark.parametrize(
    "path", ["/lv/regioni/zemgale/jekabpils-novads/", "/en/regions/zemgale/jekabpils-municipality/"]
)
def test_canonical_and_hreflang_urls_use_site_url_in_both_languages(client, public_site, path):
    page = head(client, path)
    assert page.canonical() == [PUBLIC + path]
    assert page.one("og:url") == PUBLIC + path
    alternates = [link["href"] for link in page.links if link.get("hreflang")]
    assert alternates
    assert all(href.startswith(PUBLIC + "/") for href in alternates)


def test_sitemap_and_robots_txt_name_the_site_url_host(client, public_site):
    urls = sitemap(client)
    assert urls
    assert all(url.startswith(PUBLIC + "/") for url in urls)
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in lines
