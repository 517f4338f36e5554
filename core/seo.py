"""What search engines, feed readers and link previews read about a page.

Page types add to it without this module knowing them: `structured_data(meta, context,
request)` gives their schema.org object, `og_type` their Open Graph type, `published_time`
their publication time and `feeds` the feeds listed beside the news feeds. Used by
`{% seo %}` (core.templatetags.seo_tags).
"""

import html
import re

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images.models import SourceImageIOError

from core.templatetags.portal_tags import language_home

OG_LOCALES = {"lv": "lv_LV", "en": "en_GB"}
NEWS_FEEDS = [
    ("application/rss+xml", gettext_lazy("News (RSS)"), "news_rss"),
    ("application/atom+xml", gettext_lazy("News (Atom)"), "news_atom"),
]
DESCRIPTION_LENGTH = 200
HEADLINE_LENGTH = 110  # Google's limit for an article's headline
SHARE_IMAGE = {"path": "img/share.png", "width": 1200, "height": 630}
SHARE_RENDITION = "fill-1200x630"
SCHEMA = "https://schema.org"

BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(value, limit=DESCRIPTION_LENGTH):
    """Rich text or plain text as one line of plain text, cut at `limit` characters."""
    text = html.unescape(strip_tags(BLOCK_END.sub(r"\1 ", str(value or ""))))
    return Truncator(" ".join(text.split())).chars(limit)


def page_description(page, context):
    """The page type's own `seo_description`, else the editor's search description, else the
    page's lead, quote or introduction."""
    if hasattr(page, "seo_description"):
        text = page.seo_description(context)
        if text:
            return text
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
    """The news feeds on every page, and those a page type lists in its `feeds`."""
    feeds = [*NEWS_FEEDS, *getattr(page, "feeds", ())]
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


def breadcrumb_data(page, request):
    trail = [*page.ancestors, page]
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
    """The page type's own schema.org object, if it has one, and the breadcrumb trail."""
    data = []
    if hasattr(page, "structured_data"):
        data.append(page.structured_data(meta, context, request))
    if page.depth > 2:
        data.append(breadcrumb_data(page, request))
    return data
