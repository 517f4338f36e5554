"""RSS 2.0 and Atom feeds of the news and the experience stories, one per language.

The feeds live inside `i18n_patterns` (/lv/feeds/news.rss, /en/feeds/news.atom, …), so the
language prefix of the URL decides which locale's pages are listed. Only live, public pages are
ever listed; drafts, private pages and unpublished translations never are.

Feed instances are shared by every request, so nothing request-specific is kept on `self`:
`get_object` returns a `FeedSource` that carries the locale and the request to the other methods.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from stories.models import NewsIndexPage, NewsPage, StoryIndexPage, StoryPage

FEED_LENGTH = 20
# A news item has a day, not a time. Noon in Riga is the same calendar day from California to
# New Zealand, so readers abroad never see the item dated the day before.
NEWS_TIME = datetime.time(12, 0)


@dataclass(frozen=True)
class FeedSource:
    locale: Locale
    request: HttpRequest


class PageFeed(Feed):
    """The newest live, public pages of one type in the active language."""

    feed_type = Rss201rev2Feed
    page_model: type[Page]
    index_model: type[Page]
    ordering: tuple[str, ...]

    def get_object(self, request, *args, **kwargs):
        return FeedSource(locale=Locale.get_active(), request=request)

    def pages(self, source):
        return self.page_model.objects.live().public().filter(locale=source.locale)

    def link(self, source):
        """The section's index page in this language, else the home page."""
        page = self.index_model.objects.live().public().filter(locale=source.locale).first()
        if page is None:
            site = Site.find_for_request(source.request)
            page = site.root_page.localized if site else None
        if page is not None:
            return page.get_full_url(source.request)
        return source.request.build_absolute_uri("/")

    def items(self, source):
        items = list(self.pages(source).order_by(*self.ordering)[:FEED_LENGTH])
        for item in items:
            item.feed_link = item.get_full_url(source.request)
        return items

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.feed_link

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at


class NewsFeed(PageFeed):
    page_model = NewsPage
    index_model = NewsIndexPage
    ordering = ("-date", "-pk")
    title = _("News · Return to Latvia")
    description = _("News of Latvia's regional remigration coordinators.")

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, NEWS_TIME))


class StoryFeed(PageFeed):
    page_model = StoryPage
    index_model = StoryIndexPage
    ordering = ("-first_published_at", "-pk")
    title = _("Experience stories · Return to Latvia")
    description = _("People who returned to Latvia tell how it went.")

    def item_description(self, item):
        return item.quote or item.search_description

    def item_pubdate(self, item):
        return item.first_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class StoryAtomFeed(StoryFeed):
    feed_type = Atom1Feed
    subtitle = StoryFeed.description
