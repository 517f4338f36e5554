"""Event pages, the events page and the next events on the home and region pages, as readers
get them in both languages."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.tests.conftest import english, latvian
from events.tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html, kind):
    for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(text)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} in the page")


def test_the_english_page_shows_the_time_in_latvian_time_with_offset_and_zone_named(
    client, winter_event, en
):
    html = html_of(client, winter_event.get_translation(en))
    start = winter_event.start.astimezone(datetime.timezone(datetime.timedelta(hours=2)))
    iso = start.isoformat(timespec="minutes")
    assert f'<time datetime="{iso}">{start.day} January {start.year}, 18:00</time>' in html
    assert "20:00</time>" in html
    assert "Latvian time (UTC+2)" in html
    assert "for people in Ireland" not in html  # the listing phrase, not the page's
    assert "Ireland" in html
    # The reader's own time is added by the first-party script, from the data it is given.
    assert f'data-start="{iso}"' in html
    assert "/static/js/event-times.js" in html


def test_the_latvian_page_names_latvian_time_and_declines_nothing_it_should_not(
    client, winter_event
):
    html = html_of(client, winter_event)
    assert f"{winter_event.start.year}. gada 14. janvāris, 18:00</time>" in html
    assert 'lang="lv"' in html
    assert "Latvijas laiks (UTC+2)" in html


def test_a_summer_event_is_shown_with_summer_time(client, in_person_event):
    html = html_of(client, in_person_event)
    assert f"{in_person_event.start.year}. gada 9. jūlijs, 11:00</time>" in html
    assert "+03:00" in html
    # In person only: no conversion for readers abroad, an address instead.
    assert "event-times.js" not in html
    assert "<address>Jelgavas pils<br>Lielā iela 2, Jelgava</address>" in html


def test_example_events_say_so_in_both_languages(client, winter_event, en):
    winter_event.is_example = True
    winter_event.save_revision().publish()
    english_event = winter_event.get_translation(en)
    english_event.is_example = True
    english_event.save_revision().publish()
    assert "It is not a real event." in html_of(client, english_event)
    assert "badge--example" in html_of(client, winter_event)


def test_the_event_page_describes_the_event_for_search_engines(client, winter_event, en):
    page = winter_event.get_translation(en)
    data = json_ld(html_of(client, page), "Event")
    assert data["name"] == "Information day for Ireland"
    assert data["startDate"] == winter_event.starts.iso
    assert data["startDate"].endswith("+02:00")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": winter_event.online_link}
    assert data["url"] == "http://localhost" + page.url
    assert data["inLanguage"] == "en"
    assert data["organizer"]["name"] == "Zemgale Planning Region"


def test_json_ld_cannot_close_its_script_element(client, winter_event):
    winter_event.title = "</script><script>alert(1)</script>"
    winter_event.save_revision().publish()
    html = html_of(client, winter_event)
    assert "<script>alert(1)" not in html
    assert json_ld(html, "Event")["name"] == "</script><script>alert(1)</script>"


def test_an_in_person_event_has_its_place_in_json_ld(client, in_person_event):
    data = json_ld(html_of(client, in_person_event), "Event")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Jelgavas pils",
        "address": "Lielā iela 2, Jelgava",
    }


def past(region, **values):
    now = timezone.now()
    return EventPageFactory(
        parent=region,
        title="Pagājis pasākums",
        start=now - datetime.timedelta(days=2),
        end=now - datetime.timedelta(minutes=1),
        **values,
    )


def test_the_events_page_lists_upcoming_events_and_drops_those_ended(
    client, event_index, winter_event, in_person_event, region_tree
):
    ended = past(region_tree["region"])
    html = html_of(client, event_index)
    assert winter_event.title in html
    assert in_person_event.title in html
    assert ended.title not in html
    assert html.index(winter_event.title) < html.index(in_person_event.title) or (
        in_person_event.start < winter_event.start
    )
    english_html = html_of(client, event_index.get_translation(translation_locale("en")))
    assert "Information day for Ireland" in english_html
    assert in_person_event.title not in english_html  # not translated: not listed in English


def translation_locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def test_an_ended_event_page_stays_readable_and_says_it_has_ended(client, region_tree):
    html = html_of(client, past(region_tree["region"]))
    assert latvian("This event has ended.") in html


def test_home_and_region_pages_show_the_next_events_in_the_readers_language(
    client, home, winter_event, in_person_event, event_index, en
):
    region = winter_event.get_parent()
    for page in (home, region):
        html = html_of(client, page)
        assert 'id="events-heading"' in html
        assert winter_event.title in html
        assert in_person_event.title in html
    english_home = html_of(client, home.get_translation(en))
    assert "Information day for Ireland" in english_home
    assert in_person_event.title not in english_home
    assert event_index.get_translation(en).url in english_home


def test_a_region_page_shows_only_its_own_regions_events(client, places, winter_event):
    other = EventPageFactory(parent=places["latgale"], title="Latgales pasākums")
    html = html_of(client, places["latgale"])
    assert other.title in html
    assert winter_event.title not in html


def test_without_upcoming_events_there_is_no_events_heading(client, home, region_tree):
    past(region_tree["region"])
    for page in (home, region_tree["region"]):
        assert "events-heading" not in html_of(client, page)


def test_the_next_events_are_at_most_three_soonest_first(region_tree):
    region = region_tree["region"]
    now = timezone.now()
    events = [
        EventPageFactory(
            parent=region,
            title=f"Pasākums {n}",
            start=now + datetime.timedelta(days=n),
            end=now + datetime.timedelta(days=n, hours=1),
        )
        for n in (4, 1, 3, 2)
    ]
    html = render_tag("{% upcoming_events %}")
    shown = re.findall(r"Pasākums \d", html)
    assert shown == ["Pasākums 1", "Pasākums 2", "Pasākums 3"]
    del events


def render_tag(source, **context):
    request = RequestFactory().get("/lv/", HTTP_HOST="localhost")
    with translation.override("lv"):
        from wagtail.models import Locale

        assert Locale.get_active().language_code == "lv"
        return Template("{% load event_tags %}" + source).render(
            Context({"request": request, **context})
        )


def test_the_next_events_cost_the_same_few_queries_however_many_there_are(region_tree, event_index):
    region = region_tree["region"]
    now = timezone.now()

    def add(n):
        EventPageFactory(
            parent=region,
            start=now + datetime.timedelta(days=n),
            end=now + datetime.timedelta(days=n, hours=1),
        )

    add(1)
    counts = {}
    for n in (1, 3):
        if n == 3:
            add(2)
            add(3)
        for source, context in (
            ("{% upcoming_events %}", {}),
            ("{% upcoming_events region=region %}", {"region": region}),
        ):
            render_tag(source, **context)  # the site's root paths are cached after this
            with CaptureQueriesContext(connection) as queries:
                html = render_tag(source, **context)
            assert html.count('class="event-item"') == n
            counts[n, source] = len(queries)
    assert counts[1, "{% upcoming_events %}"] == counts[3, "{% upcoming_events %}"] <= 8
    region_tag = "{% upcoming_events region=region %}"
    assert counts[1, region_tag] == counts[3, region_tag] <= 7


def test_events_are_in_the_sitemap_with_both_languages(client, winter_event, en):
    xml = client.get("/sitemap.xml").content.decode()
    english_event = winter_event.get_translation(en)
    assert f"<loc>http://localhost{winter_event.url}</loc>" in xml
    assert f'hreflang="en" href="http://localhost{english_event.url}"' in xml


def test_a_translated_event_has_its_english_text_and_the_same_time(client, in_person_event, en):
    english(in_person_event, en, venue_name="Jelgava Palace", address="Lielā iela 2, Jelgava")
    html = html_of(client, in_person_event.get_translation(en))
    assert "Jelgava Palace" in html
    assert "11:00</time>" in html
    assert "Latvian time (UTC+3)" in html


def test_an_event_without_the_form_may_be_kept_by_a_cdn_but_one_with_the_form_may_not(
    client, winter_event, form_event
):
    public = client.get(winter_event.url)
    assert public["Cache-Control"].startswith("public")
    assert "csrfmiddlewaretoken" not in public.content.decode()
    personal = client.get(form_event.url)
    assert "public" not in personal["Cache-Control"]
    assert "no-store" in personal["Cache-Control"] or "no-cache" in personal["Cache-Control"]


def test_calendar_files_may_be_kept_by_a_cdn_for_the_short_public_time(client, winter_event):
    response = client.get(winter_event.url + "ics/")
    assert response["Cache-Control"].startswith("public")


def test_the_api_gives_events_with_their_times_and_no_registration_data(
    client, winter_event, form_event, en
):
    response = client.get(
        "/api/v2/pages/",
        {"type": "events.EventPage", "locale": "en", "fields": "start,end,format,registration"},
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {"Information day for Ireland", "Webinar on starting a business"}
    item = items["Information day for Ireland"]
    assert datetime.datetime.fromisoformat(item["start"]) == winter_event.start
    assert item["format"] == "online"
    assert "registrations" not in json.dumps(response.json())


def test_events_are_found_by_the_search_in_the_readers_language(indexing, client, winter_event, en):
    html = client.get("/en/search/", {"query": "information day"}).content.decode()
    assert "Information day for Ireland" in html
    assert winter_event.title not in html


def test_publishing_an_event_purges_the_events_page_of_its_language_from_the_cdn(
    winter_event, event_index, en
):
    from core.cache import pages_listing

    listed = {page.pk for page in pages_listing(winter_event)}
    assert event_index.pk in listed
    assert winter_event.get_parent().pk in listed  # its region lists it too
    assert event_index.get_translation(en).pk not in listed
    assert winter_event.get_translation(en).pk in listed  # its language switcher


def test_an_event_across_midnight_shows_both_dates(client, region_tree):
    in_riga = (timezone.now() + datetime.timedelta(days=5)).astimezone(ZoneInfo("Europe/Riga"))
    start = in_riga.replace(hour=22, minute=0, second=0, microsecond=0)
    event = EventPageFactory(
        parent=region_tree["region"], start=start, end=start + datetime.timedelta(hours=3)
    )
    html = html_of(client, event)
    assert "22:00</time> – <time" in html
    assert re.search(r"<time datetime=\"[^\"]+\">[^<]+, 01:00</time>", html)
