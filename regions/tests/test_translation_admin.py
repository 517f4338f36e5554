"""Editors translate pages and contacts with wagtail-localize in the admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from regions.models import Contact, RegionPage
from regions.tests.factories import ContactFactory, RegionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_translating_a_page_makes_an_english_draft_that_opens_in_the_translation_editor(
    admin_client, region_tree, en, django_capture_on_commit_callbacks
):
    region = RegionPageFactory(parent=region_tree["index"], title="Kurzeme", slug="kurzeme")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/localize/submit/page/{region.pk}/", {"locales": [en.pk]}
        )
    assert response.status_code == 302
    english = region.get_translation(en)
    assert not english.live, "a new translation waits for the translator"
    editor = admin_client.get(f"/admin/pages/{english.pk}/edit/")
    assert editor.status_code == 200
    assert b"Kurzeme" in editor.content


def test_translating_a_contact_in_the_admin(admin_client, lv, en):
    contact = ContactFactory(locale=lv, role="Koordinatore")
    response = admin_client.post(
        f"/admin/localize/submit/snippet/regions/contact/{contact.pk}/", {"locales": [en.pk]}
    )
    assert response.status_code == 302
    english = Contact.objects.get(translation_key=contact.translation_key, locale=en)
    assert english.phone == contact.phone


def test_page_edit_views_open_for_every_region_page_type(admin_client, region_tree):
    for page in (region_tree["index"], region_tree["region"], region_tree["municipality"]):
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert RegionPage.objects.count() == 2
