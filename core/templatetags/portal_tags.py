"""Template tags for the page chrome: language switching, hreflang alternates, navigation, and
the shared fragment cache that keeps them."""

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Site

from core import cache as page_cache
from core.models import BasePage, all_pages

register = template.Library()


class SharedCacheNode(template.Node):
    """A fragment kept in the shared cache under the page cache's generation (see core.cache).

    It varies on the values named in the tag, and is rendered afresh, and not stored, where
    `core.cache.fragment_key` keeps nothing: a fragment of a page is not kept where there is no
    page (search results, error pages).
    """

    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        values = [value.resolve(context) for value in self.vary_on]
        return page_cache.fragment(
            context.get("request"), self.name, values, lambda: self.nodelist.render(context)
        )


@register.tag
def sharedcache(parser, token):
    """{% sharedcache "name" value ... %}…{% endsharedcache %}: see SharedCacheNode."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            "'sharedcache' needs a quoted fragment name, then the values it varies on."
        )
    nodelist = parser.parse(("endsharedcache",))
    parser.delete_first_token()
    return SharedCacheNode(nodelist, bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]])


def per_request(context, name, compute):
    """`compute()`, once per request and language: the head, the header and the footer of a
    cold page all ask for the same things."""
    request = context.get("request")
    if request is None:
        return compute()
    key = (context.get("page"), translation.get_language())
    memo = getattr(request, "portal_memo", {})
    if (name, key) not in memo:
        memo[name, key] = compute()
        request.portal_memo = memo
    return memo[name, key]


def known_versions(context):
    """The language versions of the page and the pages above it, which a page reads anyway
    (BasePage.lineage_versions): the reader's locale and home page are among them."""
    page = context.get("page")
    return page.lineage_versions if isinstance(page, BasePage) else []


@register.simple_tag(takes_context=True)
def active_locale(context):
    """The reader's Locale: from the page's known versions or, once a request, from the
    database (Wagtail's `Locale.get_active()` asks it each time)."""
    language = translation.get_language()
    for version in known_versions(context):
        if version.locale.language_code == language:
            return version.locale
    return per_request(context, "active_locale", Locale.get_active)


@register.simple_tag(takes_context=True)
def localized(context, page):
    """Wagtail's `page.localized` (its live translation in the reader's language, else the
    page itself), from the page's known versions where it is among them."""
    if page is None:
        return None
    locale = active_locale(context)
    if page.locale_id == locale.pk:
        return page
    known = [
        version
        for version in known_versions(context)
        if version.translation_key == page.translation_key and version.locale_id == locale.pk
    ]
    version = known[0] if known else page.get_translation_or_none(locale)
    return version if version is not None and version.live else page


def _live_translations(page):
    """Map language code to the live page in that language: the page itself or an ancestor."""
    lineage = [*page.ancestors, page]
    by_key = {
        (p.translation_key, p.locale.language_code): p
        for p in page.lineage_versions
        if p.live and not p.private
    }
    found = {}
    for language in {language for _key, language in by_key}:
        for depth, ancestor in enumerate(reversed(lineage)):
            target = by_key.get((ancestor.translation_key, language))
            if target is not None:
                found[language] = (target, depth > 0)
                break
    return found


def first_page_path(request):
    """The request's path and query string without its page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per language: where its link leads and whether that is a fallback ancestor.

    On a page without a live translation the link leads to the nearest translated ancestor.
    Views that are not pages (search, errors) link to the same URL in the other language, with
    the same query but its first page of results: another language finds other results, and
    their page 2 may not exist.
    """
    return per_request(context, "language_versions", lambda: _language_versions(context))


def _language_versions(context):
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    versions = []
    found = _live_translations(page) if isinstance(page, BasePage) else None
    for code, name in settings.LANGUAGES:
        entry = {"code": code, "name": name, "is_current": code == current, "fallback": None}
        if found is None:
            entry["url"] = translate_url(first_page_path(request), code)
        elif code in found:
            target, is_fallback = found[code]
            entry["url"] = target.get_url(request)
            entry["full_url"] = target.get_full_url(request)
            entry["exact"] = not is_fallback
            if is_fallback:
                entry["fallback"] = target.title
        else:
            continue
        versions.append(entry)
    return versions


@register.simple_tag(takes_context=True)
def language_home(context):
    """The home page in the reader's language (the site root's translation)."""
    return per_request(context, "language_home", lambda: _language_home(context))


def _language_home(context):
    site = Site.find_for_request(context["request"])
    if site is None:
        return None
    return localized(context, site.root_page).specific


def home_children(context, home):
    """The live, public pages under the home page, read once a request: the menu, the footer
    and the links to the form each pick theirs from them."""
    if home is None:
        return []
    return per_request(
        context, "home_children", lambda: list(all_pages().child_of(home).live().public())
    )


@register.simple_tag(takes_context=True)
def menu_pages(context, home):
    """The live pages under the home page that editors chose to show in menus."""
    return [page for page in home_children(context, home) if page.show_in_menus]


@register.simple_tag(takes_context=True)
def child_pages(context, home, model):
    """The live pages of type `model` ("app_label.ModelName") under the home page."""
    content_type = ContentType.objects.get_for_model(apps.get_model(model))
    return [
        page for page in home_children(context, home) if page.content_type_id == content_type.pk
    ]


@register.simple_tag
def national_mailbox():
    """The programme's national mailbox, where readers check details that may be out of date."""
    return settings.REMIGRATION_NATIONAL_MAILBOX
