"""/sitemap.xml: the live, public pages of every language, each with its hreflang alternates.

Wagtail's own sitemap lists only the site root's tree, which is the Latvian one; the English
home page is a sibling of it (its translation). This sitemap covers the tree of every live
translation of the site root (Wagtail serves a language only if its home page is live), and
names the other languages' versions of each page the way the pages' own
<link rel="alternate" hreflang> tags do, the Latvian version doubling as x-default.
"""

from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.models import all_pages

LANGUAGE_ORDER = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}


class PortalSitemap(Sitemap):
    """Two queries in all: the site (cached by Wagtail) and the pages with their locales."""

    @cached_property
    def pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Page.objects.descendant_of_q(root, inclusive=True)
        if not in_a_tree:
            return []
        pages = list(
            all_pages()
            .filter(in_a_tree)
            .live()
            .public()
            .select_related("locale")
            .defer_streamfields()
            .order_by("path")
        )
        for page in pages:
            page.sitemap_location = page.get_full_url(self.request)
        return pages

    def items(self):
        return self.pages

    @cached_property
    def versions(self):
        """Translation key → [(language code, full URL)] of every listed page."""
        versions = defaultdict(list)
        for page in self.pages:
            versions[page.translation_key].append(
                (page.locale.language_code, page.sitemap_location)
            )
        for pairs in versions.values():
            pairs.sort(key=lambda pair: LANGUAGE_ORDER.get(pair[0], len(LANGUAGE_ORDER)))
        return versions

    def hreflang_alternates(self, page):
        pairs = self.versions[page.translation_key]
        alternates = [{"lang_code": code, "location": url} for code, url in pairs]
        default = dict(pairs).get(settings.LANGUAGE_CODE)
        if default:
            alternates.append({"lang_code": "x-default", "location": default})
        return alternates

    def _urls(self, page, protocol, domain):
        urls = [
            {
                "item": item,
                "location": item.sitemap_location,
                "lastmod": self.lastmod(item),
                "changefreq": None,
                "priority": "",
                "alternates": self.hreflang_alternates(item),
            }
            for item in self.paginator.page(page).object_list
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
