"""Calendar files and feeds: each event's .ics, a region's and all regions' iCalendar feeds, and
RSS/Atom, in each language."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}


def test_an_events_calendar_file_holds_the_event_in_utc(client, winter_event, en):
    english = winter_event.get_translation(en)
    response = client.get(english.url + "ics/")
    assert response["Content-Disposition"] == f'attachment; filename="{english.slug}.ics"'
    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0"
    (item,) = calendar.walk("VEVENT")
    assert item.decoded("DTSTART") == winter_event.start
    assert item.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert item.decoded("DTSTART").hour == 16  # 18:00 in Riga in winter
    assert item.decoded("DTEND") == winter_event.end
    assert str(item["SUMMARY"]) == "Information day for Ireland"
    assert "In English." in str(item["DESCRIPTION"])
    assert "Latvian time (UTC+2)" in str(item["DESCRIPTION"])
    assert str(item["URL"]) == "http://localhost" + english.url
    assert str(item["LOCATION"]) == winter_event.online_link
    assert str(item["UID"]) == f"event-{winter_event.translation_key}@localhost"
    assert item.decoded("DTSTAMP").tzinfo is not None


def test_both_languages_give_the_event_the_same_uid(client, winter_event, en):
    latvian = parse(client.get(winter_event.url + "ics/"))
    english = parse(client.get(winter_event.get_translation(en).url + "ics/"))
    assert latvian.walk("VEVENT")[0]["UID"] == english.walk("VEVENT")[0]["UID"]


def test_an_in_person_events_location_is_its_place(client, in_person_event):
    (item,) = parse(client.get(in_person_event.url + "ics/")).walk("VEVENT")
    assert str(item["LOCATION"]) == "Jelgavas pils, Lielā iela 2, Jelgava"


def test_the_region_feed_lists_that_regions_events_in_the_urls_language(
    client, places, winter_event, in_person_event, en
):
    latgale = EventPageFactory(parent=places["latgale"], title="Latgales pasākums")
    latvian = events_of(parse(client.get("/lv/feeds/events/zemgale.ics")))
    assert set(latvian) == {winter_event.title, in_person_event.title}
    english = events_of(parse(client.get("/en/feeds/events/zemgale.ics")))
    assert set(english) == {"Information day for Ireland"}
    everything = events_of(parse(client.get("/lv/feeds/events.ics")))
    assert latgale.title in everything
    assert winter_event.title in everything


def test_an_unknown_region_feed_is_a_404(client, region_tree):
    assert client.get("/lv/feeds/events/nowhere.ics").status_code == 404


def test_feeds_keep_last_months_events_but_not_older_or_unpublished(client, region_tree):
    now = timezone.now()
    region = region_tree["region"]
    recent = EventPageFactory(
        parent=region,
        title="Nesen",
        start=now - datetime.timedelta(days=10, hours=2),
        end=now - datetime.timedelta(days=10),
    )
    old = EventPageFactory(
        parent=region,
        title="Sen",
        start=now - datetime.timedelta(days=60, hours=2),
        end=now - datetime.timedelta(days=60),
    )
    draft = EventPageFactory(parent=region, title="Melnraksts", live=False)
    titles = set(events_of(parse(client.get("/lv/feeds/events.ics"))))
    assert recent.title in titles
    assert old.title not in titles
    assert draft.title not in titles


def test_rss_and_atom_list_upcoming_events_soonest_first(
    client, winter_event, in_person_event, region_tree, en
):
    now = timezone.now()
    EventPageFactory(
        parent=region_tree["region"],
        title="Beidzies",
        start=now - datetime.timedelta(days=1),
        end=now - datetime.timedelta(hours=1),
    )
    rss = ET.fromstring(client.get("/lv/feeds/events.rss").content)
    titles = [item.findtext("title") for item in rss.iter("item")]
    expected = sorted([winter_event, in_person_event], key=lambda e: e.start)
    assert titles == [event.title for event in expected]
    atom = ET.fromstring(client.get("/en/feeds/events.atom").content)
    entries = atom.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Information day for Ireland"]
    assert "Latvian time (UTC+2)" in entries[0].findtext(f"{ATOM}summary")


def test_event_pages_link_their_feeds(client, winter_event):
    html = client.get(winter_event.url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/lv/feeds/events.rss"' in html
    assert f'href="{winter_event.url}ics/"' in html


def test_the_region_page_links_its_calendar_feed_and_home_the_whole_one(client, winter_event, home):
    region = winter_event.get_parent()
    assert 'href="/lv/feeds/events/zemgale.ics"' in client.get(region.url).content.decode()
    assert 'href="/lv/feeds/events.ics"' in client.get(home.url).content.decode()
