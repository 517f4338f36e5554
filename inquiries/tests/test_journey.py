"""The issue's "done when", end to end: from a visitor abroad to the coordinator's reminder."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from inquiries.models import Inquiry

pytestmark = pytest.mark.django_db


def test_from_an_english_inquiry_to_the_coordinators_reminder(
    english_page,
    places,
    en,
    zemgale_coordinator,
    latgale_coordinator,
    django_capture_on_commit_callbacks,
):
    visitor = Client(HTTP_HOST="localhost")
    municipality = places["municipality"].get_translation(en)
    form = visitor.get(english_page.url).content.decode()
    assert f'value="municipality:{municipality.pk}">Jēkabpils Municipality</option>' in form

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            english_page.url,
            {
                "name": "Laura Ozola",
                "email": "laura@example.co.uk",
                "country": "GB",
                "contact_language": "en",
                "adults": "2",
                "children_ages": "6",
                "place": f"municipality:{municipality.pk}",
                "needs": ["housing", "school"],
                "return_plan": "6_months",
                "message": "We are looking for a house near a school.",
            },
            follow=True,
        )
    answer = response.content.decode()
    assert "Thank you, Laura Ozola" in answer
    assert "Anete Briņeca" in answer  # the Zemgale coordinator's card
    assert municipality.url in answer
    inquiry = Inquiry.objects.get()
    assert mail.outbox[0].to == [zemgale_coordinator.email]
    assert reverse("inquiries:edit", args=[inquiry.pk]) in mail.outbox[0].body

    latgale = Client()
    latgale.force_login(latgale_coordinator)
    assert "Laura Ozola" not in latgale.get(reverse("inquiries:index")).content.decode()

    zemgale = Client()
    zemgale.force_login(zemgale_coordinator)
    assert "Laura Ozola" in zemgale.get(reverse("inquiries:index")).content.decode()
    edit_url = reverse("inquiries:edit", args=[inquiry.pk])
    detail = zemgale.get(edit_url).content.decode()
    assert "laura@example.co.uk" in detail and "near a school" in detail

    follow_up = timezone.localdate() + datetime.timedelta(days=14)
    saved = zemgale.post(
        edit_url,
        nested_form_data(
            {
                "status": "in_contact",
                "next_follow_up": follow_up.isoformat(),
                "notes": inline_formset(
                    [
                        {
                            "date": timezone.localdate().isoformat(),
                            "text": "Phoned Laura: send housing offers from Jēkabpils.",
                        }
                    ]
                ),
            }
        ),
    )
    assert saved.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.IN_CONTACT
    assert inquiry.notes.get().author == zemgale_coordinator

    dashboard = reverse("wagtailadmin_home")
    assert "Laura Ozola" not in zemgale.get(dashboard).content.decode()
    with mock.patch("inquiries.admin_views.timezone.localdate", return_value=follow_up):
        assert "Laura Ozola" in zemgale.get(dashboard).content.decode()
        assert "Laura Ozola" not in latgale.get(dashboard).content.decode()
