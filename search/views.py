import unicodedata
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

from home.pagination import paginate

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """The query without control characters (NUL breaks SQLite), spaces folded, length capped."""
    printable = "".join(ch for ch in raw if not unicodedata.category(ch).startswith("C"))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search(request):
    """Search the live public pages of the reader's language only."""
    query = clean_query(request.GET.get("query", ""))
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
