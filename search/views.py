import difflib
import itertools
import re
import unicodedata
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import translate_url
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.query import And, PlainText
from wagtail.search.utils import normalise_query_string

from core.cache import fragment, fragments
from core.pagination import paginate
from home.models import FaqPage, HomePage
from regions.models import (
    OFFER_SEARCH_FIELDS,
    Contact,
    MunicipalityContact,
    MunicipalityPage,
    RegionCoordinator,
)
from search.text import (
    fold,
    highlight,
    matches,
    matching_lines,
    plain_text,
    search_terms,
    searchable_text,
)
from stories.models import NewsPage, StoryPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
MAX_CONTACTS = 6
MAX_PARTS = 3


def clean_query(raw):
    """The query without control characters (NUL breaks SQLite), spaces folded, length capped."""
    printable = "".join(ch for ch in raw if not unicodedata.category(ch).startswith("C"))
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def as_search_query(terms):
    """Every term must match, each as a word prefix (see search.backends)."""
    if len(terms) == 1:
        return PlainText(terms[0])
    return And([PlainText(term) for term in terms])


def faq_parts(page, url):
    """Each question of an FAQ page, linked to its own anchor."""
    return [
        {
            "heading": question["question"],
            "url": f"{url}#{question['anchor']}",
            "text": plain_text(question["answer"].source),
        }
        for topic in page.faq_topics()
        for question in topic["questions"]
    ]


def offer_parts(municipalities, urls):
    """Each current offer of the `municipalities`, linked to its own anchor: one query a kind."""
    parts = defaultdict(list)
    for relation, fields in OFFER_SEARCH_FIELDS.items():
        model = MunicipalityPage._meta.get_field(relation).related_model
        for offer in model.objects.current().filter(page__in=municipalities):
            parts[offer.page_id].append(
                {
                    "heading": offer.title,
                    "url": f"{urls[offer.page_id]}#{offer.anchor}",
                    "text": " ".join(str(getattr(offer, name)) for name in fields[1:]),
                }
            )
    return parts


def build_summaries(request, ids):
    """The summaries of the pages `ids`, built together: a query per kind of page and offer."""
    pages = list(Page.objects.filter(pk__in=ids).specific())
    urls = {page.pk: page.get_url(request) for page in pages}
    municipalities = [page for page in pages if isinstance(page, MunicipalityPage)]
    offers = offer_parts(municipalities, urls) if municipalities else {}
    return {
        page.pk: {
            "title": page.title,
            "url": urls[page.pk],
            "kind": str(page._meta.verbose_name),
            "text": searchable_text(page),
            "parts": faq_parts(page, urls[page.pk])
            if isinstance(page, FaqPage)
            else offers.get(page.pk, []),
        }
        for page in pages
    }


def summaries(request, pages):
    """What each result shows of `pages`, whatever was searched for, in order.

    The title, URL and kind of page, its text, and its parts a search can point into (the
    questions of an FAQ page, the offers of a municipality). Kept in the shared cache: only what
    was found is looked up there, never the query; the missing ones are built together.
    """
    ids = [page.pk for page in pages]
    found = fragments(
        request, "search-summary", ids, lambda missing: build_summaries(request, missing)
    )
    return [found[pk] for pk in ids if pk in found]


def result_item(summary, terms):
    """What a reader needs to pick a result: title, kind, an excerpt with the match, and the
    parts of the page that match (FAQ answers, offers), linked to their own anchors."""
    parts = [
        {**part, "snippet": highlight(part["text"], terms)}
        for part in summary["parts"]
        if matches(f"{part['heading']} {part['text']}", terms)
    ]
    return {
        **summary,
        "snippet": highlight(summary["text"], terms),
        "parts": parts[:MAX_PARTS],
    }


def promoted_queries(request):
    """The queries editors promoted results for, shared like a fragment: most searches have
    none, and then ask the database nothing about promotions."""
    return fragment(
        request,
        "search-promoted-queries",
        [],
        lambda: set(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promoted(query, shown, request):
    """Results editors promoted for this exact query, in the reader's language.

    Promotions are read, never written: the portal keeps no log of what readers search for.
    """
    query = normalise_query_string(query)
    if query not in promoted_queries(request):
        return []
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=query).select_related("page")
    )
    keys = [p.page.translation_key for p in promotions if p.page_id]
    pages = {page.translation_key: page for page in shown.filter(translation_key__in=keys)}
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


def contact_directory(request, shown):
    """Every current contact shown on a page of `shown`, with the words it is found by.

    The same for every search, so kept in the shared cache like a fragment: the (contact, page)
    pairs in the order of the site (coordinators first, then by page and the editors' order),
    a line of folded name, role, organisation and note for each, and each page's title and URL.
    """

    def build():
        rows = []
        for link_model in (RegionCoordinator, MunicipalityContact):
            rows += (
                link_model.objects.filter(page__in=shown, contact__in=Contact.objects.current())
                .order_by("page__path", "sort_order")
                .values_list(
                    "contact_id",
                    "page_id",
                    "contact__name",
                    "contact__role",
                    "contact__organisation",
                    "contact__note",
                )
            )
        lines = [fold(" ".join(filter(None, words))) for _, _, *words in rows]
        starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        pages = Page.objects.filter(pk__in={page for _, page, *_ in rows})
        return {
            "entries": [(contact, page) for contact, page, *_ in rows],
            "text": "\n".join(lines),
            "starts": starts,
            "pages": {page.pk: (page.title, page.get_url(request)) for page in pages},
        }

    return fragment(request, "search-contact-directory", [], build)


def matching_contacts(request, terms, shown, places):
    """Current contacts that match, and those of the `places` (regions and municipalities
    searched for by name: a topic found on many municipalities' pages lists none of theirs).

    Only contacts shown on a live public page in the reader's language are listed, each with
    that page, so a reader sees where the person works.
    """
    directory = contact_directory(request, shown)
    matched = matching_lines(directory["text"], directory["starts"], terms)
    chosen = {}
    for line, (contact, page) in enumerate(directory["entries"]):
        if contact not in chosen and (page in places or line in matched):
            chosen[contact] = page
            if len(chosen) == MAX_CONTACTS:
                break
    contacts = Contact.objects.in_bulk(list(chosen))
    return [
        {
            "contact": contacts[contact],
            "title": directory["pages"][page][0],
            "url": directory["pages"][page][1],
        }
        for contact, page in chosen.items()
        if contact in contacts
    ]


def suggestion(query, shown):
    """A spelling correction built from the words of page titles, or None.

    Difflib on the folded words of the section titles (not news or stories) works the same on
    every database backend and needs no extension.
    """
    titles = shown.not_type(NewsPage, StoryPage).values_list("title", flat=True)
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


def other_languages(request, query, terms, locale_id, private):
    """The other languages whose pages match the query, each with the same search there.

    A reader of the English site often searches with a Latvian word ("darbs"); when nothing is
    found in their language, the search in the language that has the answers is one click away.
    """
    names = dict(settings.LANGUAGES)
    found = []
    for locale in Locale.objects.exclude(pk=locale_id).order_by("pk"):
        pages = Page.objects.live().filter(locale_id=locale.pk).exclude(private)
        if pages.search(as_search_query(terms)).count():
            code = locale.language_code
            url = translate_url(f"{request.path}?{urlencode({'query': query})}", code)
            found.append({"code": code, "name": names.get(code, code), "url": url})
    return found


def public_pages(request):
    """The reader's locale and what Wagtail's `public()` leaves out (pages behind a password or
    a login), shared like a fragment: the same for every search, and both change the generation.
    """
    return fragment(
        request,
        "search-public-pages",
        [],
        lambda: (Locale.get_active().pk, Page.objects.private_q()),
    )


def search(request):
    """Search the live public pages and contacts of the reader's language only."""
    query = clean_query(request.GET.get("query", ""))
    terms = search_terms(query)
    context = {"search_query": query, "has_terms": bool(terms)}
    if terms:
        locale_id, private = public_pages(request)
        shown = Page.objects.live().filter(locale_id=locale_id).exclude(private)
        results = paginate(request, shown.search(as_search_query(terms)), RESULTS_PER_PAGE)
        context["items"] = [result_item(found, terms) for found in summaries(request, results)]
        if results.number == 1:
            context["promoted"] = promoted(query, shown, request)
            places = {page.pk for page in results if matches(page.title, terms)}
            context["contacts"] = matching_contacts(request, terms, shown, places)
        if not results.paginator.count:
            context["suggestion"] = suggestion(query, shown)
            context["other_languages"] = other_languages(request, query, terms, locale_id, private)
            home = (
                HomePage.objects.filter(locale_id=locale_id)
                .select_related("general_contact")
                .first()
            )
            context["general_contact"] = home and home.general_contact
    else:
        results = paginate(request, Page.objects.none(), RESULTS_PER_PAGE)
    context["results"] = results
    context["extra_query"] = urlencode({"query": query})
    return TemplateResponse(request, "search/search.html", context)
