"""Request-wide concerns: language prefixes, request ids, security headers, outages."""

import re
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse

from core import logs
from core.views import DATABASE_ERRORS, service_unavailable

REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,127}")


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for the paths outside the languages.

    Django redirects a 404 without a language prefix to the same path under /lv/ whenever that
    path would resolve; Wagtail serves every path, so it always would. The API, health checks,
    admin, documents and the language choice answer their own 404s (an API client gets JSON,
    not a redirect).
    """

    UNPREFIXED = ("/api/", "/health/", "/admin/", "/documents/", "/lang/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)


class RequestIdMiddleware:
    """Give every request an id, for the logs and in the X-Request-ID response header.

    A proxy's X-Request-ID is kept when it is a sane token (8–128 letters, digits, ".", "_",
    "-"), so one id follows the request through every tier; anything else is replaced, so a
    client cannot write arbitrary text into the logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        logs.request_id.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


class SecurityHeadersMiddleware(CSPMiddleware):
    """Content-Security-Policy and Permissions-Policy on every response.

    It sits before SecurityMiddleware and whitenoise, so static files and error pages get the
    headers too (nosniff and the referrer policy come from SecurityMiddleware).

    Public pages get the strict CONTENT_SECURITY_POLICY. Wagtail 8's admin cannot run under it:
    its inline panels and date pickers write inline <script> elements (the page editor stops
    working), and its widgets set inline styles. So responses under the admin's URL get
    CONTENT_SECURITY_POLICY_ADMIN's replacements ('unsafe-inline' for scripts and styles, blob:
    images, embed previews in frames); everything else stays as strict, and the admin serves
    only its own code behind a login. Views that set their own policy with django-csp's
    decorators (or, like Wagtail's document view, the header itself) keep it.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.admin_prefix = reverse("wagtailadmin_home")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(self.admin_prefix)
        ):
            parts.replace = {**settings.CONTENT_SECURITY_POLICY_ADMIN, **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """Answer with the branded 503 page (JSON for the API) when the database cannot be reached.

    Innermost in MIDDLEWARE, it sees database errors raised by views and by template rendering
    (where Wagtail's page queries run) first. An outage that shows up elsewhere (in another
    middleware, or in the 404 page's menus) never reaches it; Django hands that to handler500,
    which gives the same 503 (core.views.server_error). Either way the reader gets a page in their language that is
    rendered without the database, and the next request tries the database again, so the site
    recovers by itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return service_unavailable(request, exception)
        return None
