"""Editors translate pages and contacts with wagtail-localize in the admin."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from regions.models import Contact, RegionPage
from regions.tests.factories import ContactFactory, RegionCoordinatorFactory, RegionPageFactory

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


def test_translator_translates_strings_and_publishes_the_english_page(
    admin_client, region_tree, en, django_capture_on_commit_callbacks
):
    """The whole editor flow: submit, translate every string, publish; contacts follow."""
    region = RegionPageFactory(
        parent=region_tree["index"],
        title="Latgale",
        slug="latgale",
        planning_region="Latgales reģions",
    )
    RegionCoordinatorFactory(page=region, contact=region_tree["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/localize/submit/page/{region.pk}/", {"locales": [en.pk]})
    translation = Translation.objects.get(
        source__object_id=region.translation_key, target_locale=en
    )
    english_text = {
        "Latgale": "Latgale",
        "latgale": "latgale",
        "Latgales reģions": "Latgale Planning Region",
        "Reģiona apraksts.": "About the region.",
    }
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        response = admin_client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            urlencode({"value": english_text[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201)
    english = region.get_translation(en)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live
    html = admin_client.get("/en/regions/latgale/", HTTP_HOST="localhost").content.decode()
    assert "Latgale Planning Region" in html
    assert "Regional coordinator" in html, "the English page links the English contact"


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
