import difflib
import re
import unicodedata
from urllib.parse import urlencode

from django.db.models import Q
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.query import And, PlainText
from wagtail.search.utils import normalise_query_string

from home.models import FaqPage, HomePage
from home.pagination import paginate
from regions.models import Contact, MunicipalityContact, RegionCoordinator
from search.text import fold, highlight, matches, plain_text, search_terms, searchable_text
from stories.models import NewsPage, StoryPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
MAX_CONTACTS = 6
MAX_FAQ_ANSWERS = 3


def clean_query(raw):
    """The query without control characters (NUL breaks SQLite), spaces folded, length capped."""
    printable = "".join(ch for ch in raw if not unicodedata.category(ch).startswith("C"))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def as_search_query(terms):
    """Every term must match, each as a word prefix (see search.backends)."""
    if len(terms) == 1:
        return PlainText(terms[0])
    return And([PlainText(term) for term in terms])


def result_item(page, terms, request):
    """What a reader needs to pick a result: title, where it is, an excerpt with the match."""
    item = {
        "page": page,
        "url": page.get_url(request),
        "kind": page.specific_class._meta.verbose_name,
        "snippet": highlight(searchable_text(page), terms),
    }
    if isinstance(page, FaqPage):
        item["answers"] = faq_answers(page, terms, item["url"])
    return item


def faq_answers(page, terms, url):
    """The questions of an FAQ page that match, linked to their own anchors."""
    found = []
    for topic in page.faq_topics():
        for question in topic["questions"]:
            answer = plain_text(question["answer"].source)
            if matches(f"{question['question']} {answer}", terms):
                found.append(
                    {
                        "question": question["question"],
                        "url": f"{url}#{question['anchor']}",
                        "snippet": highlight(answer, terms),
                    }
                )
    return found[:MAX_FAQ_ANSWERS]


def promoted(query, locale, request):
    """Results editors promoted for this exact query, in the reader's language.

    Promotions are read, never written: the portal keeps no log of what readers search for.
    """
    promotions = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        ).select_related("page")
    )
    keys = [p.page.translation_key for p in promotions if p.page_id]
    pages = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(locale=locale, translation_key__in=keys)
    }
    items = []
    for promotion in promotions:
        if promotion.page_id and promotion.page.translation_key in pages:
            page = pages[promotion.page.translation_key]
            items.append(
                {"title": page.title, "url": page.get_url(request), "text": promotion.description}
            )
        elif promotion.external_link_url:
            items.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "text": promotion.description,
                }
            )
    return items


def matching_contacts(query, locale, hit_pages):
    """Current contacts that match, and those of the regions and municipalities found.

    Only contacts shown on a live public page in the reader's language are listed, each with
    that page, so a reader sees where the person works.
    """
    contact_ids = [c.pk for c in Contact.objects.filter(locale=locale).search(query)[:20]]
    shown = Page.objects.live().public().filter(locale=locale)
    wanted = Q(contact_id__in=contact_ids) | Q(page_id__in=hit_pages)
    found = {}
    for link_model in (RegionCoordinator, MunicipalityContact):
        links = (
            link_model.objects.filter(wanted, page__in=shown, contact__in=Contact.objects.current())
            .select_related("contact__photo", "page")
            .order_by("page__path", "sort_order")
        )
        for link in links:
            found.setdefault(link.contact_id, {"contact": link.contact, "page": link.page})
    return list(found.values())[:MAX_CONTACTS]


def suggestion(query, locale):
    """A spelling correction built from the words of page titles, or None.

    Difflib on the folded words of the section titles (not news or stories) works the same on
    every database backend and needs no extension.
    """
    titles = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .not_type(NewsPage, StoryPage)
        .values_list("title", flat=True)
    )
    vocabulary = {}
    for title in titles:
        for word in re.findall(r"\w{3,}", title):
            vocabulary.setdefault(fold(word), word.lower())
    corrected, changed = [], False
    for word in re.findall(r"\w+", query):
        if fold(word) in vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(fold(word), vocabulary, n=1, cutoff=0.75)
        corrected.append(vocabulary[close[0]] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else None


def search(request):
    """Search the live public pages and contacts of the reader's language only."""
    query = clean_query(request.GET.get("query", ""))
    terms = search_terms(query)
    locale = Locale.get_active()
    context = {"search_query": query, "has_terms": bool(terms)}
    if terms:
        search_query = as_search_query(terms)
        pages = Page.objects.live().public().filter(locale=locale).specific()
        results = paginate(request, pages.search(search_query), RESULTS_PER_PAGE)
        items = [result_item(page, terms, request) for page in results]
        context["items"] = items
        if results.number == 1:
            context["promoted"] = promoted(query, locale, request)
            context["contacts"] = matching_contacts(
                search_query, locale, [item["page"].pk for item in items]
            )
        if not results.paginator.count:
            context["suggestion"] = suggestion(query, locale)
            home = HomePage.objects.filter(locale=locale).select_related("general_contact").first()
            context["general_contact"] = home and home.general_contact
    else:
        results = paginate(request, Page.objects.none(), RESULTS_PER_PAGE)
    context["results"] = results
    context["extra_query"] = urlencode({"query": query})
    return TemplateResponse(request, "search/search.html", context)
