"""Side doors: admin views outside the edit forms that must respect the teams' boundaries.

Places A, B, C and their contacts are described in regions.tests.fixtures. Each refusal must
also leave the database as it was.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.images.widgets import AdminImageChooser
from wagtail_factories import ImageFactory
from wagtail_localize.models import Translation

from regions.models import Contact, MunicipalityPage
from regions.tests.factories import ContactFactory, RegionCoordinatorFactory, user_in
from teams.tests.test_permissions import collection_of, contact_form

pytestmark = pytest.mark.django_db

# Wagtail's admin answers a refused request with a redirect to the dashboard.
REFUSED = (302, "/admin/")


@pytest.fixture
def editor_client(client, places):
    client.force_login(user_in(places["A"], "editor-a"))
    return client


def page_state(page):
    page = MunicipalityPage.objects.get(pk=page.pk)
    return (page.title, page.intro, page.alias_of_id, page.latest_revision_id, page.live)


def test_municipality_editor_cannot_convert_a_reviewed_translation_to_an_alias(
    editor_client, client, places, en
):
    english = places["A"].get_translation(en)
    assert Translation.objects.filter(
        source__object_id=english.translation_key, target_locale=en
    ).exists()
    before = page_state(english)
    url = f"/admin/localize/page/{english.pk}/convert_to_alias/"
    for response in (editor_client.get(url), editor_client.post(url)):
        assert (response.status_code, response.get("Location")) == REFUSED
    assert page_state(english) == before

    client.force_login(user_in(places["zemgale"], "coordinator-zemgale"))
    assert client.get(url).status_code == 200, "the region's coordinators still may"


@pytest.fixture
def photos(places):
    """A photo in A's collection and one in B's."""
    return {
        place: ImageFactory(title=f"Foto {place}", collection=collection_of(places[place]))
        for place in ("A", "B")
    }


def test_contact_photo_is_chosen_with_the_image_chooser(editor_client, contacts):
    response = editor_client.get(f"/admin/snippets/regions/contact/edit/{contacts['A'].pk}/")
    assert isinstance(response.context["form"].fields["photo"].widget, AdminImageChooser)


def test_contact_photo_from_another_teams_collection_is_refused(editor_client, contacts, photos):
    own = contacts["A"]
    url = f"/admin/snippets/regions/contact/edit/{own.pk}/"
    response = editor_client.post(url, contact_form(own, name="Jauns", photo=photos["B"].pk))
    assert response.status_code == 200
    with translation.override("lv"):  # the editor's admin language
        refused = translation.gettext(
            "Choose a photo from your own collection: this one is not available to you."
        )
    assert response.context["form"].errors["photo"] == [refused]
    assert Contact.objects.get(pk=own.pk).name == own.name
    assert Contact.objects.get(pk=own.pk).photo is None

    response = editor_client.post(url, contact_form(own, photo=photos["A"].pk))
    assert response.status_code == 302
    assert Contact.objects.get(pk=own.pk).photo == photos["A"]


@pytest.fixture
def hidden_contacts(places, lv):
    """A contact linked from no page, and an expired one among the region's coordinators."""
    expired = ContactFactory(name="Bijušais koordinators", locale=lv)
    expired.valid_to = datetime.date(2020, 1, 1)
    expired.save()
    RegionCoordinatorFactory(page=places["zemgale"], contact=expired, locale=lv)
    return {"unlinked": ContactFactory(name="Nepiesaistīts", locale=lv), "expired": expired}


def contact_count():
    return Contact.objects.count(), Contact.objects.order_by().values_list("name", flat=True)


def test_contact_listing_shows_only_the_editors_own_contacts(
    editor_client, contacts, hidden_contacts
):
    html = editor_client.get("/admin/snippets/regions/contact/").content.decode()
    assert contacts["A"].name in html
    for other in (contacts["B"], contacts["C"], contacts["coordinator"], *hidden_contacts.values()):
        assert other.name not in html


def test_contact_chooser_offers_own_and_already_shown_current_contacts(
    editor_client, contacts, hidden_contacts
):
    """The region's coordinator can be linked; other teams' and expired people cannot."""
    before = list(contact_count()[1])
    html = editor_client.get("/admin/snippets/choose/regions/contact/").json()["html"]
    assert contacts["A"].name in html
    assert contacts["coordinator"].name in html
    for other in (contacts["B"], contacts["C"], *hidden_contacts.values()):
        assert other.name not in html
    chosen = editor_client.get(f"/admin/snippets/choose/regions/contact/chosen/{contacts['B'].pk}/")
    assert chosen.status_code == 404
    multiple = editor_client.get(
        "/admin/snippets/choose/regions/contact/chosen-multiple/", {"id": [contacts["B"].pk]}
    )
    assert contacts["B"].name not in multiple.content.decode()
    assert list(contact_count()[1]) == before


def test_translation_editors_snippet_api_lists_only_the_editors_contacts(
    editor_client, contacts, hidden_contacts
):
    listing = editor_client.get("/admin/localize/api/snippets/regions/contact/").json()
    names = (
        {item["title"] for item in listing["results"]}
        if "results" in listing
        else {item["title"] for item in listing}
    )
    assert names == {str(contacts["A"])}
    detail = editor_client.get(f"/admin/localize/api/snippets/regions/contact/{contacts['B'].pk}/")
    assert detail.status_code == 404


def test_superuser_sees_and_chooses_every_contact(client, contacts, hidden_contacts):
    client.force_login(get_user_model().objects.create_superuser("national", "n@example.com", "pw"))
    listing = client.get("/admin/snippets/regions/contact/?per_page=100").content.decode()
    chooser = client.get("/admin/snippets/choose/regions/contact/").json()["html"]
    for contact in (*contacts.values(), *hidden_contacts.values()):
        assert contact.name in listing
        assert contact.name in chooser


@pytest.mark.usefixtures("indexing")  # the chooser's search asks the index
def test_contact_chooser_search_finds_only_linkable_contacts(editor_client, contacts):
    html = editor_client.get(
        "/admin/snippets/choose/regions/contact/results/", {"q": "Kontakts"}
    ).content.decode()
    assert contacts["A"].name in html
    assert contacts["B"].name not in html
