"""The registration form on an event page: a good registration, a full event, and hostile input
that gets a message or a 4xx, never a 500, and stores nothing."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from events.models import EventRegistration
from events.tests.conftest import latvian
from events.tests.factories import EventRegistrationFactory

pytestmark = pytest.mark.django_db


def valid(**changes):
    return {
        "name": "Jānis Bērziņš",
        "email": "janis@example.com",
        "country": "IE",
        "people": "2",
        "submission_token": "t" * 43,
        **changes,
    }


def test_a_registration_is_stored_for_the_latvian_event_and_confirmed_without_data_in_the_url(
    client, form_event, en, places
):
    english = form_event.get_translation(en)
    response = client.post(english.url, valid())
    assert response.status_code == 302
    assert response["Location"] == english.url + "registered/"
    registration = EventRegistration.objects.get()
    assert registration.event_id == form_event.pk  # the Latvian page, whichever language
    assert registration.region_id == places["region"].pk
    assert (registration.name, registration.people, registration.language) == (
        "Jānis Bērziņš",
        2,
        "en",
    )
    answer = client.get(response["Location"])
    html = answer.content.decode()
    assert "You are registered" in html
    assert "janis@example.com" in html
    assert "no-store" in answer["Cache-Control"] or "private" in answer["Cache-Control"]


def test_the_form_is_labelled_and_says_how_data_is_used(client, form_event):
    html = client.get(form_event.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("name", "email", "country", "people"):
        assert f'for="id_{field}"' in html
    assert 'id="privacy-heading"' in html
    assert 'autocomplete="email"' in html


def test_the_confirmation_needs_the_session_that_registered(client, form_event):
    response = Client(HTTP_HOST="localhost").get(form_event.url + "registered/")
    assert response.status_code == 302
    assert response["Location"] == form_event.url


def test_a_full_event_says_so_and_stores_nothing_more(client, form_event, en):
    EventRegistrationFactory(event=form_event, people=9)
    response = client.post(form_event.url, valid(people="2"))
    assert response.status_code == 200
    assert (
        latvian(
            "Only %(left)s place is left: register fewer people, or ask the coordinator.",
            "Only %(left)s places are left: register fewer people, or ask the coordinator.",
            1,
        )
        % {"left": 1}
        in response.content.decode()
    )
    assert EventRegistration.objects.count() == 1
    client.post(form_event.url, valid(people="1", submission_token="u" * 43))
    assert EventRegistration.objects.count() == 2
    html = client.get(form_event.get_translation(en).url).content.decode()
    assert "The event is full: no places are left." in html
    assert 'name="people"' not in html
    response = client.post(form_event.url, valid(submission_token="v" * 43, people="1"))
    assert latvian("The event is full: no places are left.") in response.content.decode()
    assert EventRegistration.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "x" * 201}, "name"),
        ({"name": ""}, "name"),
        ({"name": "Bad\x00name"}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "a@" + "b" * 300 + ".lv"}, "email"),
        ({"people": "0"}, "people"),
        ({"people": "11"}, "people"),
        ({"people": "-1"}, "people"),
        ({"people": "lots"}, "people"),
        ({"people": "9" * 40}, "people"),
        ({"country": "XX"}, "country"),
    ],
)
def test_bad_input_gets_a_message_linked_from_the_summary_and_stores_nothing(
    client, form_event, changes, field
):
    response = client.post(form_event.url, valid(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert f'id="id_{field}_error"' in html
    assert EventRegistration.objects.count() == 0


def test_a_post_without_the_csrf_token_is_refused(form_event):
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    assert browser.post(form_event.url, valid()).status_code == 403
    assert EventRegistration.objects.count() == 0


def test_posts_to_the_confirmation_or_to_an_event_without_the_form_are_refused(
    client, form_event, winter_event
):
    assert client.post(winter_event.url, valid()).status_code == 405
    assert client.put(form_event.url, valid()).status_code == 405
    assert client.post(form_event.url + "registered/", valid()).status_code in (302, 405)
    assert EventRegistration.objects.count() == 0


def test_a_started_event_takes_no_more_registrations(client, form_event):
    form_event.start = timezone.now() - datetime.timedelta(minutes=5)
    form_event.end = timezone.now() + datetime.timedelta(hours=1)
    form_event.save_revision().publish()
    assert latvian("Registration has closed.") in client.get(form_event.url).content.decode()
    response = client.post(form_event.url, valid())
    assert response.status_code == 409
    assert latvian("Registration has closed.") in response.content.decode()
    assert EventRegistration.objects.count() == 0


def test_the_same_form_posted_twice_stores_one_registration(client, form_event):
    client.post(form_event.url, valid())
    client.post(form_event.url, valid())
    assert EventRegistration.objects.count() == 1


def test_a_filled_honeypot_is_answered_as_success_and_stores_nothing(client, form_event):
    response = client.post(form_event.url, valid(website="http://spam.example"))
    assert response.status_code == 302
    assert EventRegistration.objects.count() == 0


def test_too_many_posts_get_a_friendly_429_and_store_nothing(client, form_event, settings):
    settings.EVENT_REGISTRATION_RATE_LIMIT = "2/h"
    for n in range(2):
        client.post(form_event.url, valid(name="", submission_token=str(n) * 43))
    response = client.post(form_event.url, valid())
    assert response.status_code == 429
    assert EventRegistration.objects.count() == 0


def test_registrations_are_purged_a_month_after_their_event(form_event, region_tree):
    from events.tests.factories import EventPageFactory

    now = timezone.now()
    old_event = EventPageFactory(
        parent=region_tree["region"],
        start=now - datetime.timedelta(days=40),
        end=now - datetime.timedelta(days=31),
    )
    recent_event = EventPageFactory(
        parent=region_tree["region"],
        start=now - datetime.timedelta(days=30),
        end=now - datetime.timedelta(days=29),
    )
    gone = EventRegistrationFactory(event=old_event)
    kept = [
        EventRegistrationFactory(event=recent_event),
        EventRegistrationFactory(event=form_event),
    ]
    output = io.StringIO()
    call_command("purge_event_registrations", stdout=output)
    assert "Deleted 1 registrations" in output.getvalue()
    assert not EventRegistration.objects.filter(pk=gone.pk).exists()
    assert set(EventRegistration.objects.all()) == set(kept)


def test_access_and_erasure_requests_cover_event_registrations(form_event):
    mine = EventRegistrationFactory(event=form_event, email="Anna@Example.com", name="Anna")
    other = EventRegistrationFactory(event=form_event, email="someone@example.com")
    output = io.StringIO()
    call_command("export_personal_data", "anna@example.com", stdout=output)
    data = json.loads(output.getvalue())
    assert [item["name"] for item in data["event_registrations"]] == ["Anna"]
    assert data["event_registrations"][0]["event"] == form_event.title
    output = io.StringIO()
    call_command("erase_personal_data", "anna@example.com", stdout=output)
    assert "Deleted 1 event registrations." in output.getvalue()
    assert list(EventRegistration.objects.all()) == [other]
    assert not EventRegistration.objects.filter(pk=mine.pk).exists()


def test_a_confirmation_is_shown_only_for_the_event_registered_for(
    client, form_event, winter_event, settings
):
    """Another event's confirmation URL with this session redirects: a registration never shows
    on another event's page, where it could be kept as that page's shared content."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    client.post(form_event.url, valid())
    response = client.get(winter_event.url + "registered/")
    assert response.status_code == 302
    assert response["Location"] == winter_event.url
    reader = Client(HTTP_HOST="localhost")
    assert "janis@example.com" not in reader.get(winter_event.url).content.decode()
    assert "janis@example.com" in client.get(form_event.url + "registered/").content.decode()
