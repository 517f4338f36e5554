"""Views that are not Wagtail pages: robots.txt, /favicon.ico, the language choice and the error
pages."""

import sys

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.log import log_response
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

# What the database driver raises when the server is down, unreachable or refuses connections.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60
API_PREFIX = "/api/"


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists every public page.

    The sitemap's address is on the Wagtail site's host, like the URLs in it (SITE_URL), not on
    whatever host the request came in by.
    """
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {root}{reverse('sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links: send them to the
    static icon, whose hashed name production caches for a year; hence no permanent redirect."""
    return redirect(static("img/favicon.ico"))


@require_safe
def choose_language(request, language):
    """Remember the language the reader chose and open `next`, the page in that language.

    The language switcher links here, so the cookie is set only when the reader switches: the
    pages themselves set no cookie and a CDN can keep them. LocaleMiddleware sends "/" to the
    remembered language before the browser's. `next` must be a page of this site in the chosen
    language; anything else opens that language's home page. Never cached (it sets a cookie).
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    if get_language_from_path(next_url) != language or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = f"/{language}/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def error_page(request, template_name, status):
    """An error page in the reader's language, rendered without touching the database.

    The language comes from the URL prefix, else the language cookie or the browser; the
    template gets no context processors and extends nothing that queries the page tree.
    """
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        body = loader.render_to_string(template_name, {"home_url": f"/{language}/"})
    response = HttpResponse(body, status=status)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


def api_unavailable(request):
    """The API's 503 is JSON, like its other errors: a client parses it; never cached."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        message = _("Service temporarily unavailable. Please try again in a minute.")
    response = JsonResponse({"message": message}, status=503)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response


def service_unavailable(request, exception):
    """The 503 while the database is unreachable: the branded page, or JSON for the API.

    It is logged here, once and with the traceback, like any failed request; Django then
    leaves it alone.
    """
    if request.path_info.startswith(API_PREFIX):
        response = api_unavailable(request)
    else:
        response = error_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    log_response(
        "%s: %s",
        response.reason_phrase,
        request.path,
        response=response,
        request=request,
        exception=exception,
    )
    return response


def server_error(request):
    """handler500. A database outage noticed outside a view arrives here: it gets the 503.

    That happens when another middleware, or the 404 page's menus, query the database.
    """
    exception = sys.exception()
    if isinstance(exception, DATABASE_ERRORS):
        return service_unavailable(request, exception)
    return error_page(request, "500.html", 500)
