"""Point the default Wagtail site at SITE_URL, the address readers use.

Every absolute URL (canonical, hreflang, Open Graph, sitemap, feeds, JSON-LD, API) comes from
the site's host name and port; Wagtail derives the scheme from the port (443 is https, any
other port http). Idempotent: `make setup` and each deployment run it after `migrate`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_url(url):
    """(host name, port) of `url`, or a CommandError saying what is wrong with it."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError as error:
        raise CommandError(f"SITE_URL {url!r} has an invalid port: {error}.") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise CommandError(
            f"SITE_URL {url!r} is not a site address such as https://remigracija.lv "
            "or http://127.0.0.1:8000."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise CommandError(
            f"SITE_URL {url!r} must be only the scheme, host and port, e.g. https://remigracija.lv."
        )
    port = port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == 443):
        raise CommandError(
            f"SITE_URL {url!r}: Wagtail serves https only on port 443 and http on any other port."
        )
    return parts.hostname, port


class Command(BaseCommand):
    help = "Set the default Wagtail site's host name and port from SITE_URL (or the given URL)."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="the site's address; default: SITE_URL")

    def handle(self, *args, url=None, **options):
        hostname, port = parse_site_url(url or settings.SITE_URL)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site: run migrate first.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
        self.stdout.write(f"Site: {site.root_url}/")
