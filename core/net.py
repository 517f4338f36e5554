"""The client's address, as far as the proxies in front of the site vouch for it."""

import ipaddress

from django.conf import settings

# Counted for a request whose address cannot be known (e.g. a Unix socket without a proxy
# header): such requests share one bucket rather than fail.
UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder address, nothing listens on it


def valid_address(text):
    """The address in `text`, normalised, or None when it is not a bare IPv4/IPv6 address."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address the outermost trusted proxy saw the request come from.

    With TRUSTED_PROXY_COUNT = N proxies in front, each appends the address it was reached from
    to X-Forwarded-For, so the N-th entry from the right was written by the outermost proxy;
    anything further left is whatever the client sent and is ignored (rotating it gets no new
    rate-limit bucket). With 0, or a header that is missing, too short or not an address, the
    connection's own address (REMOTE_ADDR) counts, so no header can break the limit either.
    Used by django-ratelimit (RATELIMIT_IP_META_KEY) and django-axes (AXES_CLIENT_IP_CALLABLE).
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= count and (address := valid_address(forwarded[-count])):
            return address
    return valid_address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
