"""What a phone abroad has to download: small pages, nothing fetched from other origins."""

import pytest

from home.tests.browser.pages import ALL_PAGES

HOME_PAGE_BUDGET = 200 * 1024
PAGE_BUDGET = 200 * 1024


def transferred_bytes(page, url):
    """Bytes of every response the page loads (HTML, CSS, JS, images) on a first visit."""
    sizes = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    return sum(sizes)


@pytest.mark.parametrize("url", ["/lv/", "/en/"])
def test_home_page_first_load_is_under_200_kb(page, url):
    assert transferred_bytes(page, url) < HOME_PAGE_BUDGET


@pytest.mark.parametrize(("name", "url"), ALL_PAGES)
def test_every_page_type_stays_small_and_on_its_own_origin(page, name, url):
    """The `page` fixture fails the test if any request leaves the site's origin."""
    assert transferred_bytes(page, url) < PAGE_BUDGET
