"""Editors add events in the admin with the rights their team has on the region's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events.models import EventPage
from events.tests.conftest import latvian
from inquiries.tests.conftest import member_of, team_group

pytestmark = pytest.mark.django_db


def form(title="Informācijas diena", **changes):
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "title": title,
        "slug": "informacijas-diena",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "format": "online",
        "intro": "Īsumā.",
        "venue_name": "",
        "address": "",
        "online_link": "https://meet.example.lv/diena",
        "audience_country": "IE",
        "registration": "form",
        "registration_url": "",
        "capacity": "30",
        "body": streamfield([]),
        "action-publish": "publish",
        **changes,
    }
    return nested_form_data(data)


def add_url(parent):
    return f"/admin/pages/add/events/eventpage/{parent.pk}/"


def test_the_regions_coordinator_adds_and_publishes_an_event_in_latvian_time(
    client, places, zemgale_coordinator
):
    client.force_login(zemgale_coordinator)
    response = client.post(add_url(places["region"]), form())
    assert response.status_code == 302
    event = EventPage.objects.get(slug="informacijas-diena")
    assert event.get_parent().pk == places["region"].pk
    assert event.live
    # The form's times are read as Latvian time and stored as the same moment.
    expected = timezone.localtime() + datetime.timedelta(days=10)
    assert event.start.astimezone(timezone.get_current_timezone()).strftime(
        "%Y-%m-%d %H:%M"
    ) == expected.strftime("%Y-%m-%d %H:%M")


def test_an_end_before_the_start_is_refused_with_a_message_on_the_field(
    client, places, zemgale_coordinator
):
    client.force_login(zemgale_coordinator)
    data = form()
    data["end"] = data["start"]
    response = client.post(add_url(places["region"]), data)
    assert response.status_code == 200
    assert latvian("The event must end after it starts.") in response.content.decode()
    assert not EventPage.objects.exists()


@pytest.mark.parametrize("who", ["latgale_coordinator", "municipality_editor"])
def test_others_cannot_add_events_to_a_region(client, places, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(add_url(places["region"]), form())
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not EventPage.objects.exists()


def test_events_cannot_be_added_under_a_municipality(client, places):
    editor = member_of(team_group(places["region"]), "second-coordinator")
    client.force_login(editor)
    client.post(add_url(places["municipality"]), form())
    assert not EventPage.objects.exists()


def test_the_edit_page_of_an_event_with_the_form_counts_its_registrations(
    client, places, form_event, winter_event, zemgale_coordinator
):
    from events.tests.factories import EventRegistrationFactory

    EventRegistrationFactory(event=form_event, region=places["region"], people=3)
    url = f"/admin/pages/{form_event.pk}/edit/"
    client.force_login(zemgale_coordinator)
    html = client.get(url).content.decode()
    assert f"?event={form_event.pk}" in html
    assert "3 people" in html or "3 cilvēk" in html
    html = client.get(f"/admin/pages/{winter_event.pk}/edit/").content.decode()
    assert f"?event={winter_event.pk}" not in html  # no form, no count
