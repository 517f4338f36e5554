"""Views that are not Wagtail pages: robots.txt and the error pages."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# What the database driver raises when the server is down, unreachable or refuses connections.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists every public page."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


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


def service_unavailable(request, exception):
    """The branded 503 shown while the database is unreachable; never cached.

    It is logged here, once and with the traceback, like any failed request; Django then
    leaves it alone.
    """
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
