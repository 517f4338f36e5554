"""The 404 and 500 pages speak the reader's language; the 500 page needs no database."""

import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture
def failing_site(settings):
    """The site with a view that raises; the test client returns the 500 instead of raising."""
    settings.ROOT_URLCONF = "home.tests.urls"
    return Client(raise_request_exception=False, HTTP_HOST="localhost")


def translated(language, text):
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize(("language", "path"), [("lv", "/lv/nav-tadas/"), ("en", "/en/no-such/")])
def test_404_is_in_the_language_of_the_url(client, home, language, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert translated(language, "Page not found") in html


@pytest.mark.parametrize("language", ["lv", "en"])
def test_500_is_in_the_language_of_the_url_and_shows_no_details(
    failing_site, home, language, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = failing_site.get(f"/{language}/broken/")
    assert response.status_code == 500
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert translated(language, "Something went wrong") in html
    assert f'href="/{language}/"' in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("language", ["lv", "en"])
def test_500_links_the_national_mailbox_it_names(failing_site, home, language, settings):
    settings.REMIGRATION_NATIONAL_MAILBOX = "national@example.lv"
    html = failing_site.get(f"/{language}/broken/").content.decode()
    assert '<a href="mailto:national@example.lv">national@example.lv</a>' in html
