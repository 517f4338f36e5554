"""What search engines, feed readers and link previews read in <head>.

`{% seo as meta %}` gathers the canonical URL, the Open Graph / Twitter card values, the
news (and stories) feed links and the schema.org structured data of the page being shown;
`{{ data|json_ld }}` writes one structured-data object as an inert
<script type="application/ld+json"> element. Everything is taken from the page and the context
its view built (coordinators, language versions), so it costs one query for the breadcrumb
trail and nothing else on most pages.
"""

import html
import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from home.models import FaqPage
from home.templatetags.portal_tags import language_home
from regions.models import RegionPage
from stories.models import NewsPage, StoryIndexPage, StoryPage

register = template.Library()

OG_LOCALES = {"lv": "lv_LV", "en": "en_GB"}
DESCRIPTION_LENGTH = 200
HEADLINE_LENGTH = 110  # Google's limit for an article's headline
SHARE_IMAGE = {"path": "img/share.png", "width": 1200, "height": 630}
SHARE_RENDITION = "fill-1200x630"
SCHEMA = "https://schema.org"

# The escapes of django.utils.html.json_script: the JSON cannot close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(value, limit=DESCRIPTION_LENGTH):
    """Rich text or plain text as one line of plain text, cut at `limit` characters."""
    text = html.unescape(strip_tags(BLOCK_END.sub(r"\1 ", str(value or ""))))
    return Truncator(" ".join(text.split())).chars(limit)


def merger_description(page, merged_into):
    """What a merged municipality's page shows instead of its outdated content."""
    values = {"day": date_format(page.merged_on, "DATE_FORMAT"), "name": page.title}
    if merged_into is None:
        return _("On %(day)s, %(name)s became part of another municipality.") % values
    values.update(other=merged_into.title, url=merged_into.url)
    return plain_text(
        _('On %(day)s, %(name)s merged into <a href="%(url)s">%(other)s</a>.') % values
    )


def page_description(page, context):
    """The editor's search description, else the page's lead, quote or introduction.

    A merged municipality is described by its merger, as readers see it, never by the content
    it hides.
    """
    if getattr(page, "has_merged", False):
        return merger_description(page, context.get("merged_into"))
    for field in ("search_description", "lead", "quote", "intro"):
        text = plain_text(getattr(page, field, ""))
        if text:
            return text
    return ""


def share_image(page, request):
    """The story's photo cropped for link previews, else the site's default image."""
    photo = getattr(page, "photo", None)
    if photo is not None:
        try:
            rendition = photo.get_rendition(SHARE_RENDITION)
        except SourceImageIOError:
            pass
        else:
            return {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": photo.default_alt_text,
            }
    return {
        "url": request.build_absolute_uri(static(SHARE_IMAGE["path"])),
        "width": SHARE_IMAGE["width"],
        "height": SHARE_IMAGE["height"],
        "alt": f"{_('Return to Latvia')} – {_('Regional remigration coordinators')}",
    }


def search_canonical(request):
    """The search URL with its query but without the results page number."""
    query = request.GET.copy()
    query.pop("page", None)
    url = request.build_absolute_uri(request.path)
    return f"{url}?{query.urlencode()}" if query else url


def feed_links(page):
    """The news feeds on every page; the stories feeds too on the stories' pages."""
    feeds = [
        ("application/rss+xml", _("News (RSS)"), "news_rss"),
        ("application/atom+xml", _("News (Atom)"), "news_atom"),
    ]
    if isinstance(page, StoryIndexPage | StoryPage):
        feeds += [
            ("application/rss+xml", _("Experience stories (RSS)"), "stories_rss"),
            ("application/atom+xml", _("Experience stories (Atom)"), "stories_atom"),
        ]
    return [{"type": kind, "title": title, "url": reverse(name)} for kind, title, name in feeds]


def publisher(context, request, image):
    home = language_home(context)
    organisation = {
        "@type": "Organization",
        "name": _("Return to Latvia"),
        "logo": {"@type": "ImageObject", "url": image},
    }
    if home is not None:
        organisation["url"] = home.get_full_url(request)
    return organisation


def faq_data(page):
    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": str(item["answer"])},
            }
            for topic in page.faq_topics()
            for item in topic["questions"]
        ],
    }


def news_data(page, meta, context, request):
    modified = page.last_published_at or page.latest_revision_created_at
    default_image = request.build_absolute_uri(static(SHARE_IMAGE["path"]))
    organisation = publisher(context, request, default_image)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
        "description": meta["description"],
        "datePublished": page.date.isoformat(),
        "inLanguage": meta["language"],
        "url": meta["canonical"],
        "mainEntityOfPage": meta["canonical"],
        "image": [meta["image"]["url"]],
        "author": organisation,
        "publisher": organisation,
    }
    if modified:
        data["dateModified"] = modified.isoformat()
    return data


def contact_point(contact):
    point = {
        "@type": "ContactPoint",
        "name": contact.name,
        "contactType": _("remigration coordinator"),
    }
    if contact.phone:
        point["telephone"] = contact.phone.as_e164
    if contact.email:
        point["email"] = contact.email
    return point


def region_data(page, meta, context):
    coordinators = context.get("coordinators")
    if coordinators is None:
        coordinators = page.current_coordinators()
    data = {
        "@context": SCHEMA,
        "@type": "GovernmentOrganization",
        "name": page.planning_region,
        "url": meta["canonical"],
        "areaServed": {"@type": "AdministrativeArea", "name": page.title},
        "contactPoint": [contact_point(contact) for contact in coordinators],
    }
    if meta["description"]:
        data["description"] = meta["description"]
    return data


def breadcrumb_data(page, request):
    trail = [*page.get_ancestors().filter(depth__gt=1), page]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def structured_data(page, meta, context, request):
    data = []
    if isinstance(page, FaqPage):
        data.append(faq_data(page))
    elif isinstance(page, NewsPage):
        data.append(news_data(page, meta, context, request))
    elif isinstance(page, RegionPage):
        data.append(region_data(page, meta, context))
    if page.depth > 2:
        data.append(breadcrumb_data(page, request))
    return data


@register.simple_tag(takes_context=True)
def seo(context):
    """Everything seo.html writes, for the page (or search view) being shown."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None:
        page = None
    language = translation.get_language()
    meta = {
        "language": language,
        "site_name": _("Return to Latvia"),
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(version["code"], version["code"])
            for version in context.get("versions", [])
            if version.get("exact") and not version["is_current"]
        ],
        "feeds": feed_links(page),
        "canonical": None,
        "structured_data": [],
    }
    if page is not None:
        meta["canonical"] = page.get_full_url(request)
        meta["title"] = page.seo_title or page.title
        meta["description"] = page_description(page, context)
        meta["meta_description"] = "" if page.search_description else meta["description"]
        meta["type"] = "article" if isinstance(page, NewsPage | StoryPage) else "website"
        meta["image"] = share_image(page, request)
        if isinstance(page, NewsPage):
            meta["published_time"] = page.date.isoformat()
        elif isinstance(page, StoryPage) and page.first_published_at:
            meta["published_time"] = page.first_published_at.isoformat()
        meta["structured_data"] = structured_data(page, meta, context, request)
    elif context.get("search_query") is not None:
        # The search view's own context; its error pages (404 for a page number) have none.
        query = context["search_query"]
        meta["canonical"] = search_canonical(request)
        meta["title"] = _("Search: %(query)s") % {"query": query} if query else _("Search")
        meta["type"] = "website"
        meta["image"] = share_image(None, request)
    return meta


@register.filter
def json_ld(data):
    """One structured-data object as a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
