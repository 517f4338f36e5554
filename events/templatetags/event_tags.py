"""`{% upcoming_events %}`: the next events on the home page and on a region's page.

Used in the home and region templates (templates are not import-checked, so home and regions
need not know this app). Two queries however many events are shown: the events and their
regions (events.models.with_regions); the reader's locale and the link to the events page come
from what the page has read already (core.templatetags.portal_tags).
"""

from django import template

from core.templatetags.portal_tags import active_locale, child_pages, language_home
from events.models import EventPage, with_regions

register = template.Library()
HOW_MANY = 3


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, region=None, limit=HOW_MANY):
    """The next `limit` live events of the reader's language; of `region` only, if given. Nothing
    is shown (no heading either) when there are none."""
    locale_id = region.locale_id if region is not None else active_locale(context).pk
    events = EventPage.objects.live().public().filter(locale_id=locale_id)
    if region is not None:
        events = events.child_of(region)
    events = with_regions(events.upcoming()[:limit])
    index = None
    if events:
        index = next(
            iter(child_pages(context, language_home(context), "events.EventIndexPage")), None
        )
    return {"events": events, "index": index, "region": region, "request": context.get("request")}
