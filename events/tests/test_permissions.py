"""Registrations in the admin: only the event region's coordinators, national editors and
superusers see them; nobody else reaches them by any path, and refusals change nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.tests.spreadsheets import spreadsheet_rows
from events.models import EventRegistration
from events.tests.factories import EventPageFactory, EventRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(places, form_event):
    latgale_event = EventPageFactory(parent=places["latgale"], title="Latgales pasākums")
    return {
        "zemgale": EventRegistrationFactory(
            event=form_event, region=places["region"], name="Zemgale Person"
        ),
        "latgale": EventRegistrationFactory(
            event=latgale_event, region=places["latgale"], name="Latgale Person"
        ),
    }


def listing(client, user, **query):
    client.force_login(user)
    return client.get(reverse("event-registrations:index"), query)


def test_a_coordinator_lists_and_exports_only_their_regions_registrations(
    client, registrations, zemgale_coordinator
):
    html = listing(client, zemgale_coordinator).content.decode()
    assert "Zemgale Person" in html
    assert "Latgale Person" not in html
    for export_format in ("csv", "xlsx"):
        rows = spreadsheet_rows(listing(client, zemgale_coordinator, export=export_format))
        names = {row[3] for row in rows[1:]}
        assert names == {"Zemgale Person"}


def test_a_coordinator_opens_their_regions_registration(client, registrations, zemgale_coordinator):
    client.force_login(zemgale_coordinator)
    url = reverse("event-registrations:inspect", args=[registrations["zemgale"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert registrations["zemgale"].email in response.content.decode()


@pytest.mark.parametrize("view", ["inspect", "history", "usage", "delete", "edit"])
def test_another_regions_coordinator_is_refused_by_direct_url_and_nothing_changes(
    client, registrations, latgale_coordinator, view
):
    client.force_login(latgale_coordinator)
    registration = registrations["zemgale"]
    url = reverse(f"event-registrations:{view}", args=[registration.pk])
    for response in (client.get(url), client.post(url, {"name": "Changed"})):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
        assert "Zemgale Person" not in response.content.decode()
    registration.refresh_from_db()
    assert registration.name == "Zemgale Person"
    assert EventRegistration.objects.count() == 2


def test_another_regions_coordinator_sees_none_of_them_in_lists_exports_or_filters(
    client, registrations, latgale_coordinator, form_event
):
    html = listing(client, latgale_coordinator).content.decode()
    assert "Latgale Person" in html
    assert "Zemgale Person" not in html
    assert form_event.title not in html  # not even as a filter choice
    rows = spreadsheet_rows(listing(client, latgale_coordinator, export="csv"))
    assert {row[3] for row in rows[1:]} == {"Latgale Person"}
    filtered = listing(client, latgale_coordinator, event=form_event.pk).content.decode()
    assert "Zemgale Person" not in filtered


def test_a_municipality_editor_sees_no_registrations_at_all(
    client, registrations, municipality_editor
):
    response = listing(client, municipality_editor)
    assert response.status_code in (302, 403)
    assert "Zemgale Person" not in response.content.decode()
    client.force_login(municipality_editor)
    url = reverse("event-registrations:inspect", args=[registrations["zemgale"].pk])
    assert client.get(url).status_code in (302, 403)
    export = listing(client, municipality_editor, export="csv")
    assert "Zemgale Person" not in export.content.decode()


def test_national_editors_see_every_registration_but_only_superusers_delete(
    client, registrations, national_editor
):
    html = listing(client, national_editor).content.decode()
    assert "Zemgale Person" in html and "Latgale Person" in html
    client.force_login(national_editor)
    url = reverse("event-registrations:delete", args=[registrations["latgale"].pk])
    client.post(url)
    assert EventRegistration.objects.count() == 2
    admin = get_user_model().objects.create_superuser("root", "root@example.lv", "pw")
    client.force_login(admin)
    assert client.post(url).status_code == 302
    assert EventRegistration.objects.count() == 1


def test_nobody_adds_or_edits_registrations_in_the_admin(client, registrations):
    admin = get_user_model().objects.create_superuser("root", "root@example.lv", "pw")
    client.force_login(admin)
    for name in ("add", "edit"):
        args = [] if name == "add" else [registrations["zemgale"].pk]
        url = reverse(f"event-registrations:{name}", args=args)
        response = client.post(url, {"name": "Forged", "email": "x@example.com", "people": 1})
        assert response.status_code in (302, 403)
    assert not EventRegistration.objects.filter(name="Forged").exists()
    assert EventRegistration.objects.get(pk=registrations["zemgale"].pk).name == "Zemgale Person"
