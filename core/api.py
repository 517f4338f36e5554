"""What every endpoint of the read-only API checks before a query parameter reaches the database.

A value the database cannot take would otherwise fail inside it and be answered with a 500; the
client gets a 400 and a JSON message instead, like Wagtail's own checks give.
"""

from django.utils.translation import gettext as _
from wagtail.api.v2 import views
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

# The largest offset PostgreSQL and SQLite take (a signed 64-bit integer).
MAX_OFFSET = 2**63 - 1


class Pagination(WagtailPagination):
    """Wagtail's pagination, with an offset too large for the database refused."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_large = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_large = False  # not a number: Wagtail's own check answers that
        if too_large:
            raise BadRequestError(_("offset cannot be higher than %(max)d") % {"max": MAX_OFFSET})
        return super().paginate_queryset(queryset, request, view)


class CheckedQueryMixin:
    """Refuses NUL in any query parameter: PostgreSQL rejects it, SQLite's FTS ends a search there."""

    pagination_class = Pagination

    def initial(self, request, *args, **kwargs):
        if any("\x00" in value for key in request.GET for value in request.GET.getlist(key)):
            raise BadRequestError(_("query parameters cannot contain null characters"))
        super().initial(request, *args, **kwargs)


class PagesAPIViewSet(CheckedQueryMixin, views.PagesAPIViewSet):
    """Wagtail's pages endpoint, with the query parameters checked."""
