"""Offers belong to their municipality's page: its team edits them, others cannot.

A (Jēkabpils novads) and C (Bauskas novads) are in Zemgale, B (Liepāja) in Kurzeme.
"""

import pytest
from wagtail.models import Page

from offers.tests.factories import HousingOfferFactory, housing_row, municipality_form
from regions.models import Contact, HousingOffer
from regions.tests.factories import ContactFactory, user_in

pytestmark = pytest.mark.django_db


def state(page):
    page = Page.objects.get(pk=page.pk).specific
    return page.latest_revision_id, page.live_revision_id, list(page.housing_offers.all())


def post_offer(client, page, action):
    return client.post(
        f"/admin/pages/{page.pk}/edit/",
        municipality_form(page, housing_offers=[housing_row(title="Jauns dzīvoklis")])
        | {f"action-{action}": "1"},
    )


def test_municipality_editor_submits_own_offers_for_review(client, places):
    own = places["A"]
    client.force_login(user_in(own, "editor-a"))
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert post_offer(client, own, "submit").status_code == 302
    page = Page.objects.get(pk=own.pk).specific
    draft = page.get_latest_revision().as_object()
    assert [offer.title for offer in draft.housing_offers.all()] == ["Jauns dzīvoklis"]
    assert not HousingOffer.objects.exists(), "nothing is public before the coordinator approves"
    assert page.current_workflow_state is not None


@pytest.mark.parametrize("place", ["B", "C"])
@pytest.mark.parametrize("action", ["submit", "publish"])
def test_municipality_editor_cannot_touch_another_municipalitys_offers(
    client, places, place, action
):
    client.force_login(user_in(places["A"], "editor-a"))
    other = places[place]
    before = state(other)
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    assert post_offer(client, other, action).status_code in (302, 403)
    assert state(other) == before
    assert not HousingOffer.objects.exists()


def test_regional_coordinator_publishes_offers_in_own_region_only(client, places):
    client.force_login(user_in(places["zemgale"], "coordinator"))
    assert post_offer(client, places["C"], "publish").status_code == 302
    assert [o.title for o in places["C"].housing_offers.all()] == ["Jauns dzīvoklis"]
    before = state(places["B"])
    assert post_offer(client, places["B"], "publish").status_code in (302, 403)
    assert state(places["B"]) == before


def test_contact_of_another_municipalitys_housing_offer_is_not_the_editors_alone(client, places):
    """A contact shown on B's housing offer is not A's to change, even if A lists it too."""
    shared = places["A"].contacts.get().contact
    HousingOfferFactory(page=places["B"], contact=shared)
    client.force_login(user_in(places["A"], "editor-a"))
    before = Contact.objects.get(pk=shared.pk).name
    client.post(
        f"/admin/snippets/regions/contact/edit/{shared.pk}/",
        {
            "name": "Uzlauzts",
            "role": shared.role,
            "organisation": "",
            "phone": str(shared.phone),
            "email": shared.email,
            "photo": "",
            "note": "",
            "valid_from": "",
            "valid_to": "",
            "last_verified": shared.last_verified.isoformat(),
        },
    )
    assert Contact.objects.get(pk=shared.pk).name == before
    own = HousingOfferFactory(page=places["A"], contact=ContactFactory()).contact
    assert client.get(f"/admin/snippets/regions/contact/edit/{own.pk}/").status_code == 200
