"""The form's rate limit behind a proxy: counted per client, whatever the client sends."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture
def behind_a_proxy(settings):
    """One proxy in front, allowing two posts an hour per client."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.INQUIRY_RATE_LIMIT = "2/h"


def through_the_proxy(page, forwarded=None):
    """Post an (incomplete) form through the proxy; the proxy appends what it saw."""
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    browser = Client(HTTP_HOST="localhost", REMOTE_ADDR=PROXY)
    return browser.post(page.url, {}, **headers).status_code


def test_a_client_rotating_its_part_of_x_forwarded_for_is_still_limited(
    behind_a_proxy, english_page
):
    answers = [through_the_proxy(english_page, f"198.51.100.{n}, 203.0.113.7") for n in range(1, 4)]
    assert answers == [200, 200, 429]
    assert through_the_proxy(english_page, "198.51.100.1, 203.0.113.8") == 200


@pytest.mark.parametrize(
    "forwarded",
    [None, "", "garbage", "203.0.113.7, <script>", "203.0.113.7; DROP TABLE", "1.2.3.4:80"],
)
def test_a_missing_or_garbled_forwarded_header_is_counted_by_the_connection_not_a_500(
    behind_a_proxy, english_page, forwarded
):
    answers = [through_the_proxy(english_page, forwarded) for _ in range(3)]
    assert answers == [200, 200, 429]
