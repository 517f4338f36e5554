from urllib.parse import urlencode

from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from home.pagination import paginate

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Search the live public pages of the reader's language only."""
    query = " ".join(request.GET.get("query", "").split())[:MAX_QUERY_LENGTH]
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(query)
    else:
        results = Page.objects.none()
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "extra_query": urlencode({"query": query}),
            "results": paginate(request, results, RESULTS_PER_PAGE),
        },
    )
