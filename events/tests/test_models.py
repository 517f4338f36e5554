"""The events' place in the page tree, their checks and what translations share."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.models import SHARED_EVENT_FIELDS, EventIndexPage, EventPage
from events.tests.factories import EventPageFactory
from home.models import HomePage
from regions.models import MunicipalityPage, RegionPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_events_live_under_a_region_and_the_events_page_once_under_the_home_page():
    assert EventPage.allowed_parent_page_models() == [RegionPage]
    assert EventPage in RegionPage.allowed_subpage_models()
    assert EventPage not in MunicipalityPage.allowed_subpage_models()
    assert EventPage.allowed_subpage_models() == []
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventIndexPage.allowed_subpage_models() == []
    assert EventIndexPage.max_count_per_parent == 1


def test_the_events_page_can_be_added_only_once_per_home_page(event_index, home):
    assert not EventIndexPage.can_create_at(home)


def make(region_tree, **values):
    start = timezone.now() + datetime.timedelta(days=5)
    fields = {
        "title": "Pasākums",
        "slug": "pasakums",
        "intro": "Īsumā.",
        "start": start,
        "end": start + datetime.timedelta(hours=1),
        "format": EventPage.Format.ONLINE,
        **values,
    }
    return EventPage(**fields)


def errors_of(event):
    with pytest.raises(ValidationError) as caught:
        event.clean()
    return caught.value.message_dict


def test_an_event_must_end_after_it_starts(region_tree):
    start = timezone.now() + datetime.timedelta(days=5)
    assert errors_of(make(region_tree, start=start, end=start)) == {
        "end": ["The event must end after it starts."]
    }
    assert "end" in errors_of(make(region_tree, start=start, end=start - datetime.timedelta(1)))


def test_an_event_in_person_needs_a_place(region_tree):
    errors = errors_of(make(region_tree, format=EventPage.Format.HYBRID))
    assert errors == {"address": ["Give the venue or the address of an event held in person."]}
    make(region_tree, format=EventPage.Format.IN_PERSON, venue_name="Jelgavas pils").clean()


def test_registration_is_either_a_link_or_the_form_never_both(region_tree):
    link = EventPage.Registration.LINK
    assert "registration_url" in errors_of(make(region_tree, registration=link))
    assert "registration_url" in errors_of(
        make(
            region_tree,
            registration=EventPage.Registration.FORM,
            registration_url="https://example.lv/register",
        )
    )
    assert "capacity" in errors_of(
        make(region_tree, registration=link, registration_url="https://e.lv/r", capacity=20)
    )
    make(region_tree, registration=link, registration_url="https://example.lv/r").clean()
    make(region_tree, registration=EventPage.Registration.FORM, capacity=20).clean()


def test_times_links_and_flags_are_shared_by_translations_and_text_is_translated(winter_event, en):
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(EventPage)}
    for name in SHARED_EVENT_FIELDS:
        assert not fields[name].is_translated(winter_event), name
        assert not fields[name].is_overridable(winter_event), name
    for name in ("title", "intro", "venue_name", "address", "body"):
        assert fields[name].is_translated(winter_event), name
    english = winter_event.get_translation(en)
    assert (english.start, english.end, english.online_link, english.audience_country) == (
        winter_event.start,
        winter_event.end,
        winter_event.online_link,
        winter_event.audience_country,
    )
    assert english.intro == "In English."


def test_upcoming_events_are_those_not_ended_yet_soonest_first(region_tree):
    now = timezone.now()
    region = region_tree["region"]
    ended = EventPageFactory(
        parent=region, start=now - datetime.timedelta(days=2), end=now - datetime.timedelta(1)
    )
    under_way = EventPageFactory(
        parent=region, start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(1)
    )
    later = EventPageFactory(
        parent=region,
        start=now + datetime.timedelta(days=3),
        end=now + datetime.timedelta(days=3, hours=1),
    )
    upcoming = list(EventPage.objects.upcoming())
    assert upcoming == [under_way, later]
    assert ended not in upcoming


def test_publishing_a_new_time_moves_the_english_version_at_once(winter_event, en):
    english = winter_event.get_translation(en)
    later = winter_event.start + datetime.timedelta(days=1, hours=1)
    winter_event.start, winter_event.end = later, later + datetime.timedelta(hours=2)
    winter_event.online_link = "https://meet.example.lv/new"
    winter_event.save_revision().publish()
    english.refresh_from_db()
    assert (english.start, english.end, english.online_link) == (
        later,
        later + datetime.timedelta(hours=2),
        "https://meet.example.lv/new",
    )
    assert english.title == "Information day for Ireland"  # text stays translated


def test_a_translation_published_with_an_old_time_is_put_back_to_the_latvian_time(winter_event, en):
    english = winter_event.get_translation(en)
    stale = english.start
    later = winter_event.start + datetime.timedelta(hours=1)
    winter_event.start, winter_event.end = later, later + datetime.timedelta(hours=2)
    winter_event.save_revision().publish()
    english = winter_event.get_translation(en)
    english.start = stale  # as a publish from the older sync would write it
    english.save_revision().publish()
    english.refresh_from_db()
    winter_event.refresh_from_db()
    assert english.start == winter_event.start == later
