"""What search engines, feed readers and link previews read in <head>.

`{% seo as meta %}` gathers the canonical URL, the Open Graph / Twitter card values, the
news (and stories) feed links and the schema.org structured data of the page being shown;
`{{ data|json_ld }}` writes one structured-data object as an inert
<script type="application/ld+json"> element. Everything is taken from the page and the context
its view built (coordinators, language versions), so it costs one query for the breadcrumb
trail and nothing else on most pages.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.seo import (
    OG_LOCALES,
    feed_links,
    page_description,
    search_canonical,
    share_image,
    structured_data,
)

register = template.Library()

# The escapes of django.utils.html.json_script: the JSON cannot close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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
        meta["type"] = getattr(page, "og_type", "website")
        meta["image"] = share_image(page, request)
        if published := getattr(page, "published_time", None):
            meta["published_time"] = published.isoformat()
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
