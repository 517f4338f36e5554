"""Fixtures for events: the events pages in both languages and events in two regions.

The regions, their teams and the coordinators' accounts are the inquiries' fixtures (two regions
with provisioned teams, national editors, a municipality editor), imported here.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.translation import translate
from events.models import EventPage
from events.tests.factories import EventIndexPageFactory, EventPageFactory
from inquiries.tests.conftest import (  # noqa: F401 - fixtures of these tests
    inquiry_page,
    latgale_coordinator,
    municipality_editor,
    national_editor,
    places,
    zemgale_coordinator,
)

RIGA = ZoneInfo("Europe/Riga")


def next_date(month, day, hour, minute=0):
    """The next `day` of `month` at `hour` in Riga that is at least a month away: tests of a
    winter or summer evening stay upcoming whatever day they run."""
    now = timezone.now().astimezone(RIGA)
    year = now.year
    while datetime.datetime(year, month, day, hour, minute, tzinfo=RIGA) < now + datetime.timedelta(
        days=30
    ):
        year += 1
    return datetime.datetime(year, month, day, hour, minute, tzinfo=RIGA)


def english(event, en, **values):
    """Translate `event` to English through wagtail-localize, as an editor would."""
    texts = {"title": f"EN {event.title}", "slug": f"en-{event.slug}", "intro": "In English."}
    if event.venue_name:
        texts["venue_name"] = event.venue_name
    if event.address:
        texts["address"] = event.address
    texts.update(values)
    return translate(event, en, texts)


@pytest.fixture
def event_index(home, en):
    page = EventIndexPageFactory(parent=home, locale=home.locale)
    translate(page, en, {"title": "Events", "slug": "events"})
    return page


@pytest.fixture
def winter_event(region_tree, en):
    """An online information day in Zemgale on a January evening, 18:00–20:00 in Riga (UTC+2),
    for people in Ireland, in both languages."""
    start = next_date(1, 14, 18)
    event = EventPageFactory(
        parent=region_tree["region"],
        locale=region_tree["region"].locale,
        title="Informācijas diena Īrijā",
        slug="informacijas-diena-irija",
        intro="Koordinatore stāsta par atgriešanos.",
        start=start,
        end=start + datetime.timedelta(hours=2),
        audience_country="IE",
    )
    english(event, en, title="Information day for Ireland", slug="information-day-ireland")
    return event


@pytest.fixture
def in_person_event(region_tree):
    start = next_date(7, 9, 11)
    return EventPageFactory(
        parent=region_tree["region"],
        locale=region_tree["region"].locale,
        title="Tikšanās Jelgavā",
        slug="tiksanas-jelgava",
        start=start,
        end=start + datetime.timedelta(hours=3),
        format=EventPage.Format.IN_PERSON,
        online_link="",
        venue_name="Jelgavas pils",
        address="Lielā iela 2, Jelgava",
    )


@pytest.fixture
def form_event(places, en):  # noqa: F811 - the imported fixture
    """An event of Zemgale with the registration form and ten places, in both languages."""
    event = EventPageFactory(
        parent=places["region"],
        locale=places["region"].locale,
        title="Vebinārs par uzņēmējdarbību",
        slug="vebinars",
        registration=EventPage.Registration.FORM,
        capacity=10,
    )
    english(event, en, title="Webinar on starting a business", slug="webinar")
    return event


def latvian(msgid, plural=None, count=None):
    """`msgid` as a Latvian page shows it (the catalogue's Latvian)."""
    from django.utils import translation

    with translation.override("lv"):
        if plural is None:
            return translation.gettext(msgid)
        return translation.ngettext(msgid, plural, count)
