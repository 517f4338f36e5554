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
Deployments with a CDN or Varnish in front set `FRONTEND_CACHE_PURGE_URL`; Wagtail's
frontend-cache app then purges published pages there, and contact changes purge the pages
that show the contact.
"""

import logging
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone, translation
from django.utils.translation import get_language_from_path
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
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and not request.META.get("QUERY_STRING")
            and get_language_from_path(request.path_info) is not None
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.user.is_authenticated
        )

    def is_cacheable_response(self, request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(request, "is_preview", False)
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            and not getattr(response, "streaming", False)
        )
