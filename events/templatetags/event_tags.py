"""`{% upcoming_events %}`: the next events on the home page and on a region's page.

Used in the home and region templates (templates are not import-checked, so home and regions
need not know this app). The same few queries however many events are shown: the reader's
locale, the view restrictions (for `.public()`), the events, their regions
(events.models.with_regions), and the link to the events page (with its view restrictions).
"""

from django import template
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage, with_regions

register = template.Library()
HOW_MANY = 3


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, region=None, limit=HOW_MANY):
    """The next `limit` live events of the reader's language; of `region` only, if given. Nothing
    is shown (no heading either) when there are none."""
    locale_id = region.locale_id if region is not None else Locale.get_active().pk
    events = EventPage.objects.live().public().filter(locale_id=locale_id)
    if region is not None:
        events = events.child_of(region)
    events = with_regions(events.upcoming()[:limit])
    index = None
    if events:
        index = EventIndexPage.objects.live().public().filter(locale_id=locale_id).first()
    return {"events": events, "index": index, "region": region, "request": context.get("request")}
