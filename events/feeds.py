"""The events of one language as RSS, Atom and iCalendar feeds.

RSS and Atom (/lv/feeds/events.rss, .atom) list the upcoming events, soonest first, like the news
feeds of stories.feeds. The iCalendar feeds (/lv/feeds/events.ics for every region,
/lv/feeds/events/<region-slug>.ics for one) also keep the events of the last FEED_PAST_DAYS days,
so a subscribed calendar does not lose what its owner attended. The language prefix of the URL
decides the locale; only live, public pages are listed.
"""

import datetime

from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from events.calendar import FEED_PAST_DAYS, event_calendar_response
from events.models import EventIndexPage, EventPage
from regions.models import RegionPage
from stories.feeds import FEED_LENGTH, PageFeed

# A calendar feed lists at most this many events.
CALENDAR_LENGTH = 200


class EventFeed(PageFeed):
    page_model = EventPage
    index_model = EventIndexPage
    title = gettext_lazy("Events · Return to Latvia")
    description = gettext_lazy("Events of Latvia's regional remigration coordinators.")

    def items(self, source):
        items = list(self.pages(source).upcoming()[:FEED_LENGTH])
        for item in items:
            item.feed_link = item.get_full_url(source.request)
        return items

    def item_description(self, item):
        return f"{item.when}. {item.intro}"

    def item_pubdate(self, item):
        return item.first_published_at


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description


def calendar_events(region=None):
    """Live, public events of the active language ending after FEED_PAST_DAYS days ago."""
    events = EventPage.objects.live().public().filter(locale=Locale.get_active())
    if region is not None:
        events = events.child_of(region)
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    return list(events.upcoming(since)[:CALENDAR_LENGTH])


def all_events_calendar(request):
    return event_calendar_response(request, calendar_events(), filename="events")


def region_events_calendar(request, region):
    """The events of the region whose slug in the active language is `region`."""
    page = (
        RegionPage.objects.live().public().filter(locale=Locale.get_active(), slug=region).first()
    )
    if page is None:
        raise Http404
    name = _("Events in %(region)s · Return to Latvia") % {"region": page.title}
    return event_calendar_response(
        request, calendar_events(page), filename=f"events-{page.slug}", name=name
    )
