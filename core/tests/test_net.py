"""The client's address: taken from X-Forwarded-For only as far as the site's own proxies vouch."""

import pytest
from django.test import RequestFactory

from core.net import UNKNOWN, client_ip

PROXY = "10.0.0.2"


def address(trusted_proxies, settings, remote_addr=PROXY, **headers):
    settings.TRUSTED_PROXY_COUNT = trusted_proxies
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


@pytest.mark.parametrize(
    ("trusted_proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no proxy configured: the header is the client's own word
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the left part is the client's
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # shorter than the proxies in front: not to be trusted
        (1, "", PROXY),
        (1, "203.0.113.7, garbage", PROXY),
        (1, "203.0.113.7, 203.0.113.300", PROXY),
        (1, "203.0.113.7:443", PROXY),
        (1, " 2001:DB8::1 ", "2001:db8::1"),
    ],
)
def test_the_address_the_outermost_trusted_proxy_saw_is_the_clients(
    settings, trusted_proxies, forwarded, expected
):
    assert address(trusted_proxies, settings, HTTP_X_FORWARDED_FOR=forwarded) == expected


def test_without_the_header_the_connections_address_counts(settings):
    assert address(1, settings) == PROXY


def test_a_connection_without_an_address_gets_a_placeholder_not_an_error(settings):
    """A Unix socket without a proxy header has no REMOTE_ADDR; the rate limit still counts it."""
    assert address(1, settings, remote_addr="") == UNKNOWN
    assert address(0, settings, remote_addr="not an address") == UNKNOWN
