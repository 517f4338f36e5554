"""Event times as readers see them: in a named time zone, with the zone and its offset said.

Times are stored in UTC. The page always shows them in Latvian time, the programme's own, which
is right without JavaScript; for online events static/js/event-times.js adds the reader's own
time beside it. `zoned` is the server-side counterpart of that script, and the tests check both
against the same cases (a Riga evening is the same day in Dublin, an afternoon in Toronto, and
the difference changes on the days either side switches to or from summer time).
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _

LATVIA = "Europe/Riga"


def utc_offset(moment):
    """ "UTC+2", "UTC−5", "UTC+5:30", "UTC" for an aware datetime."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone_name, moment):
    """How the zone of `moment` is named to readers: "Latvian time (UTC+3)" for Riga, else the
    zone's own name, "Europe/Dublin (UTC+1)"."""
    offset = utc_offset(moment)
    if zone_name == LATVIA:
        return _("Latvian time (%(offset)s)") % {"offset": offset}
    return f"{zone_name} ({offset})"


@dataclass(frozen=True)
class ZonedTime:
    """One moment in one zone, ready for a <time> element."""

    moment: datetime.datetime
    zone_name: str

    @property
    def iso(self):
        """ISO 8601 with the zone's offset, for <time datetime>, JSON-LD and the script."""
        return self.moment.isoformat(timespec="minutes")

    @property
    def date(self):
        return date_format(self.moment, "DATE_FORMAT")

    @property
    def time(self):
        return self.moment.strftime("%H:%M")

    @property
    def zone(self):
        return zone_label(self.zone_name, self.moment)

    def __str__(self):
        return f"{self.date}, {self.time}"


def zoned(moment, zone_name=LATVIA):
    """`moment` (aware) as a ZonedTime in the IANA zone `zone_name`."""
    return ZonedTime(moment.astimezone(ZoneInfo(zone_name)), zone_name)


def time_range(start, end, zone_name=LATVIA):
    """The text of an event's time in one zone: "3 December 2026, 18:00–20:00, Latvian time
    (UTC+2)", the date repeated only when the event ends on another day there."""
    first, last = zoned(start, zone_name), zoned(end, zone_name)
    if first.moment.date() == last.moment.date():
        span = f"{first.date}, {first.time}\u2013{last.time}"
    else:
        span = f"{first} \u2013 {last}"
    return f"{span}, {first.zone}"
