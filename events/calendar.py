"""Events as iCalendar (RFC 5545) files: one event, or a region's or all regions' upcoming ones.

Times are written in UTC (DTSTART:20261203T160000Z), which every calendar converts to its
owner's zone; no VTIMEZONE is needed. Each event's UID is made from its translation key, the
same in both languages and across edits, so a calendar that imports the file again updates the
event instead of adding a second one.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vUri

CONTENT_TYPE = "text/calendar; charset=utf-8"
# A calendar feed keeps the events of the last month too: subscribers see what they attended.
FEED_PAST_DAYS = 30


def uid(event, request):
    return f"event-{event.translation_key}@{request.get_host().split(':')[0]}"


def description(event, url):
    """Plain text: the summary, the time in Latvia, where to join or register, and the page."""
    lines = [event.intro, "", event.when]
    if event.online_link:
        lines.append(_("Join online: %(url)s") % {"url": event.online_link})
    if event.registration_url:
        lines.append(_("Register: %(url)s") % {"url": event.registration_url})
    lines.append(url)
    return "\n".join(line for line in lines if line is not None)


def location(event):
    if event.is_in_person:
        parts = [event.venue_name, " ".join(event.address.split())]
        return ", ".join(part for part in parts if part)
    return event.online_link or ""


def calendar(events, request, name):
    """A VCALENDAR of `events` (pages), named `name`."""
    cal = Calendar()
    cal.add("prodid", "-//Return to Latvia//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        url = event.get_full_url(request)
        item = Event()
        item.add("uid", uid(event, request))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.start.astimezone(datetime.UTC))
        item.add("dtend", event.end.astimezone(datetime.UTC))
        item.add("summary", event.title)
        item.add("description", description(event, url))
        item.add("url", vUri(url))
        if where := location(event):
            item.add("location", where)
        if event.last_published_at:
            item.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
        cal.add_component(item)
    return cal


def event_calendar_response(request, events, filename, name=None):
    """`events` as an .ics download named `filename`.ics."""
    name = name or (events[0].title if len(events) == 1 else _("Events · Return to Latvia"))
    response = HttpResponse(calendar(events, request, name).to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
