"""Whole public pages in the shared cache, for readers who are not logged in.

Whole pages: a page is stored under a key that holds a *generation*: one shared value that every change
readers could see replaces (a page published, unpublished, moved or deleted; a contact, image,
document, site or setting saved or deleted). Contacts, menus and footers appear on many pages,
so a change empties the whole page cache at once instead of guessing which pages show it: on a
site this size, rebuilding a page costs milliseconds, while a stale contact costs a returnee a
wasted call. Keys also carry the date, because contacts and offers expire by date alone.

What is never cached: logged-in users (editors always see fresh pages), previews, anything but a
plain GET without a query string (filters and search vary without bound), responses that set a
cookie or use a CSRF token (forms), private or no-cache responses, and anything but a 200.

Fragments: the parts of a page that cost most queries and are the same for every reader (the
menus, the language switcher, the footer, lists of news or contacts) are kept with the
`{% sharedcache %}` template tag under the same generation, for `FRAGMENT_CACHE_SECONDS`; views
keep what every reader shares the same way (`fragment`, `fragments`: the search keeps each page's
result summary and the contact directory, never what was searched for). They serve what the whole-page
cache cannot: pages with a query string (pagination, filters, search), logged-in editors reading
the public site, and the first request for each page. Previews never use them.

When the new generation cannot be written (Redis down or skipped by the circuit breaker of
core/cache_backend.py), the process that made the change remembers it: at each of its next
requests it writes it again, and until that succeeds it neither serves nor stores pages and
fragments, which could be the stale ones. (Other processes read the generation from Redis and
cannot know; a process that stops first loses the pending write.)

The cache is Django's default cache: Redis in production, so every app instance shares pages
and generation. `PAGE_CACHE_SECONDS` (0 turns it off) bounds how long a page may be kept.

A CDN or Varnish in front: `CacheControlMiddleware` lets it keep the same public pages for
`CDN_CACHE_SECONDS`. It cannot be emptied by a generation, so what changed is purged there
through the backends of WAGTAILFRONTENDCACHE (cms/settings/base.py `frontend_caches`): a
published, unpublished, moved or deleted page with the pages that list it (`pages_listing`),
and a changed contact with the pages that show it (regions).
"""

import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path
from wagtail import hooks
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Locale, Page, Site

# What public pages show: saving or deleting any of these empties the page cache (a page only
# when readers could see the change: see `invalidate_on_save`). A view restriction added to a
# page must hide it at once, so restrictions count too; so do the results editors promote in search.
PUBLIC_MODELS = (
    Page,
    AbstractImage,
    AbstractDocument,
    Site,
    Locale,
    BaseViewRestriction,
    SearchPromotion,
)
GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
PAGES_LISTING_HOOK = "pages_listing_page"

logger = logging.getLogger(__name__)
# Set while a new generation of this process has not reached the cache (see the module docstring).
invalidation_pending = threading.Event()


def generation():
    return cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate(**kwargs):
    """Make every cached page unreachable (they expire from the cache by themselves).

    The cache ignores its errors, so the write is read back: a failed one stays pending.
    """
    new = uuid.uuid4().hex
    cache.set(GENERATION_KEY, new, timeout=None)
    if cache.get(GENERATION_KEY) == new:
        if invalidation_pending.is_set():
            invalidation_pending.clear()
            logger.info("Page cache emptied: cached pages are served again")
    elif not invalidation_pending.is_set():
        invalidation_pending.set()
        logger.warning("Page cache could not be emptied: not using it until it is")


def version(request):
    """What every cached page and fragment is keyed on: the generation and today's date.

    Read once per request: the page cache and each fragment of the page use the same value.
    None while an invalidation is pending: nothing is read from the cache or stored in it.
    """
    if not hasattr(request, "cache_version"):
        if invalidation_pending.is_set():
            invalidate()
        request.cache_version = (
            None
            if invalidation_pending.is_set()
            else f"{generation()}:{timezone.localdate().isoformat()}"
        )
    return request.cache_version


def fragment_key(request, name, values):
    """The shared-cache key of fragment `name` for `values`, or None where none is kept.

    The key holds the name, the generation and date, the scheme, host and language, and the
    values. None when the cache is off (`FRAGMENT_CACHE_SECONDS = 0`), without a request, in a
    preview, when a value is empty (a page's fragment asked for where there is no page), or
    while an invalidation is pending.
    """
    if (
        not settings.FRAGMENT_CACHE_SECONDS
        or request is None
        or getattr(request, "is_preview", False)
        or any(value in (None, "") for value in values)
        or version(request) is None
    ):
        return None
    return make_template_fragment_key(
        name,
        [version(request), request.scheme, request.get_host(), translation.get_language(), *values],
    )


def fragment(request, name, values, build):
    """The fragment `name` for `values` from the shared cache, or `build()` (kept when it may be)."""
    key = fragment_key(request, name, values)
    value = None if key is None else cache.get(key)
    if value is None:
        value = build()
        if key is not None:
            cache.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def fragments(request, name, values, build):
    """The fragment `name` for each of `values`, read from the shared cache together: a dict
    value → fragment. `build(missing)` gives the same dict for the values not kept."""
    keys = {value: fragment_key(request, name, [value]) for value in values}
    kept = cache.get_many([key for key in keys.values() if key])
    found = {value: kept[key] for value, key in keys.items() if key in kept}
    missing = [value for value in keys if value not in found]
    if missing:
        built = build(missing)
        cache.set_many(
            {keys[value]: built[value] for value in built if keys[value]},
            settings.FRAGMENT_CACHE_SECONDS,
        )
        found.update(built)
    return found


def page_key(request):
    """None while an invalidation is pending."""
    if version(request) is None:
        return None
    return f"page-cache:{version(request)}:{request.get_host()}:{request.path}"


class PageCacheMiddleware:
    """Serve and store whole public pages (see the module docstring for what is never cached).

    It sits after the authentication middleware, so it knows who is logged in, and inside the
    language, CSRF and security middleware, which still run on every cached response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if self.is_cacheable_request(request) else None
        if key is None:
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response

    def is_cacheable_request(self, request):
        return settings.PAGE_CACHE_SECONDS > 0 and is_public_request(request)

    def is_cacheable_response(self, request, response):
        return is_public_response(request, response)


def is_anonymous(request):
    """No login and no session or flash messages: nothing on the page is this reader's own.

    `request.user` is missing when a middleware answered before authentication ran.
    """
    user = getattr(request, "user", None)
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not (user and user.is_authenticated)
    )


def is_public_request(request, methods=("GET",)):
    """A plain GET (or one of `methods`) of a language-prefixed URL without a query string, by an
    anonymous reader."""
    return (
        request.method in methods
        and not request.META.get("QUERY_STRING")
        and get_language_from_path(request.path_info) is not None
        and is_anonymous(request)
    )


def is_personal_response(request, response):
    """A response made for this reader alone: it sets a cookie, holds a CSRF token (forms) or
    is a preview."""
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(request, "is_preview", False)
    )


def is_public_response(request, response):
    """A 200, the same for every reader, that its view did not mark private or uncacheable."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not is_personal_response(request, response)
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and not getattr(response, "streaming", False)
    )


PUBLIC_VARY_DROPPED = {"cookie", "accept-language"}


class CacheControlMiddleware:
    """Tell browsers and the CDN in front what they may keep (Cache-Control).

    - Public pages, the ones the page cache stores (an anonymous reader's GET of a 200 page
      under /lv/ or /en/, no query string, no cookie set, no form): `public,
      max-age=BROWSER_CACHE_SECONDS, s-maxage=CDN_CACHE_SECONDS`, and without `Vary: Cookie`
      or `Vary: Accept-Language`. The session middleware adds `Vary: Cookie` whenever the
      login is looked at, though the page is the same for every anonymous reader; a CDN that
      honoured it would keep a copy per cookie jar (analytics cookies included) and hit the
      site for almost every reader. Django's LocaleMiddleware adds `Vary: Accept-Language`
      only where the language comes from the browser rather than the URL ("/"), which is not
      public. Logged-in editors carry the session cookie: the CDN must pass requests with it
      to the site rather than serve them from its cache (docs/deploy.md).
    - Personal responses (a logged-in user, a session or flash message, a preview, a response
      that sets a cookie, a form with its CSRF token) and server errors: `private, no-store`,
      added to what the view set. Nothing of them may be kept anywhere, and a stored 503
      would outlive the outage.
    - Everything else that is the same for every reader but must not be kept by the CDN:
      `private, no-cache`. Pages with a query string (search, filters, pagination) vary
      without bound; 404s and redirects ("/" follows the language cookie and the browser's
      language) change when a page is published or the reader chooses a language.
    - But first, a response that is not personal and whose view set Cache-Control keeps it
      (the admin and health checks send never-cache headers, robots.txt and the favicon their
      own); so does anything answered before this middleware (whitenoise's static files).

    It sits outside the session, language, CSRF and message middleware, so it sees the Vary
    headers and cookies they add.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not is_anonymous(request)
            or is_personal_response(request, response)
            or response.status_code >= 500
        ):
            patch_cache_control(response, private=True, no_store=True)
        elif "Cache-Control" in response:
            return response
        # HEAD answers with GET's headers: monitors and CDNs ask with it.
        elif is_public_request(request, ("GET", "HEAD")) and is_public_response(request, response):
            response["Cache-Control"] = (
                f"public, max-age={settings.BROWSER_CACHE_SECONDS}, "
                f"s-maxage={settings.CDN_CACHE_SECONDS}"
            )
            vary = [
                value.strip()
                for value in response.get("Vary", "").split(",")
                if value.strip() and value.strip().lower() not in PUBLIC_VARY_DROPPED
            ]
            if vary:
                response["Vary"] = ", ".join(vary)
            elif "Vary" in response:
                del response["Vary"]
        else:
            response["Cache-Control"] = "private, no-cache"
        return response


def pages_listing(page):
    """The live pages that show `page` besides itself, to purge from the CDN with it.

    Its ancestors below the tree root, in its language: each index lists its children (the
    news index its news, a region its municipalities) and the home page the latest news and
    featured stories. Its other-language versions: their language switcher and hreflang
    links point to it. And what the apps add through the `PAGES_LISTING_HOOK` Wagtail hook,
    a function of the page returning pages (offers: a municipality is listed on "Find your
    place"). What else shows a page (the menus on every page) changes on the CDN within
    CDN_CACHE_SECONDS; the whole-page cache, emptied by every change, is fresh at once.
    """
    pages = [*page.get_ancestors().filter(depth__gt=1).live(), *page.get_translations().live()]
    for pages_for in hooks.get_hooks(PAGES_LISTING_HOOK):
        pages.extend(pages_for(page))
    return pages


def purge(*pages):
    """Purge `pages` and the pages listing them from the front-end caches in
    WAGTAILFRONTENDCACHE, in one batch; nothing is looked up when there are none."""
    if settings.WAGTAILFRONTENDCACHE:
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        listed = {p.pk: p for page in pages for p in (page, *pages_listing(page))}
        purge_pages_from_cache(list(listed.values()))
