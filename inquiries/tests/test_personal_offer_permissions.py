"""Who may prepare, send and withdraw personal offers: those who may change the inquiry.

Refusals are the admin's usual answer to PermissionDenied (a redirect to the dashboard with a
message; an anonymous user is sent to the login), never the page, and nothing is stored,
noted or sent, whichever offers are posted.
"""

import pytest
from django.core import mail
from django.urls import reverse

from inquiries.models import Inquiry, PersonalOffer, PersonalOfferItem
from inquiries.tests.conftest import offer_data
from inquiries.tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def state(inquiry):
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    offers = PersonalOffer.objects.order_by("pk")
    return (
        inquiry.status,
        inquiry.next_follow_up,
        inquiry.notes.count(),
        list(offers.values_list("pk", "revoked_at")),
        PersonalOfferItem.objects.count(),
        len(mail.outbox),
    )


@pytest.fixture
def sent(client, zemgale_coordinator, send_offer, english_inquiry):
    """An offer the Zemgale coordinator sent for an inquiry about Jēkabpils."""
    client.force_login(zemgale_coordinator)
    send_offer(english_inquiry)
    client.logout()
    return PersonalOffer.objects.get()


def urls(offer):
    inquiry = offer.inquiry
    return {
        "prepare": reverse("inquiries:prepare_offer", args=[inquiry.pk]),
        "withdraw": reverse("inquiries:withdraw_offer", args=[inquiry.pk, offer.pk]),
    }


def refused(response):
    if response.status_code == 302:
        return response["Location"].startswith((reverse("wagtailadmin_home"), "/admin/login/"))
    return response.status_code in (403, 404)


@pytest.mark.parametrize("who", ["latgale_coordinator", "municipality_editor", "anonymous"])
@pytest.mark.parametrize("view", ["prepare", "withdraw"])
def test_others_are_refused_every_offer_view_and_nothing_changes(
    client, request, sent, offers, who, view
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = urls(sent)[view]
    before = state(sent.inquiry)
    post = offer_data(housing=[str(offers["flat"].translation_key)])
    for response in (
        client.get(url),
        client.post(url, post),
        client.post(url, {**post, "action": "preview"}),
    ):
        assert refused(response), (response.status_code, response.get("Location"))
        assert "Dzīvoklis Jēkabpilī" not in response.content.decode()
    assert state(sent.inquiry) == before


def test_a_coordinator_cannot_withdraw_an_offer_through_another_inquirys_url(
    client, sent, latgale_coordinator, places
):
    """The offer must belong to the inquiry in the URL, which must be one the user may see."""
    own = InquiryFactory(region=places["latgale"])
    client.force_login(latgale_coordinator)
    before = state(sent.inquiry)
    url = reverse("inquiries:withdraw_offer", args=[own.pk, sent.pk])
    assert client.post(url).status_code == 404
    assert state(sent.inquiry) == before


def test_an_unknown_inquiry_is_not_found(client, zemgale_coordinator, places):
    client.force_login(zemgale_coordinator)
    assert client.get(reverse("inquiries:prepare_offer", args=[999999])).status_code == 404


@pytest.mark.parametrize("who", ["zemgale_coordinator", "national_editor", "superuser"])
def test_those_who_may_change_the_inquiry_prepare_send_and_withdraw(
    client, request, offers, english_inquiry, send_offer, who, django_user_model
):
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", "root@example.lv", "pw")
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert (
        client.get(reverse("inquiries:prepare_offer", args=[english_inquiry.pk])).status_code == 200
    )
    send_offer(english_inquiry)
    offer = PersonalOffer.objects.get()
    assert offer.author == user
    assert client.post(urls(offer)["withdraw"]).status_code == 302
    offer.refresh_from_db()
    assert offer.revoked_at is not None


def test_national_editors_prepare_offers_for_undecided_people_from_every_region(
    client, national_editor, offers
):
    undecided = InquiryFactory(contact_language="en", language="en")
    client.force_login(national_editor)
    html = client.get(reverse("inquiries:prepare_offer", args=[undecided.pk])).content.decode()
    assert "Dzīvoklis Jēkabpilī" in html
    assert "Latgales grants" in html


def test_a_regions_coordinator_is_offered_only_their_regions_offers(
    client, latgale_coordinator, offers, places
):
    inquiry = InquiryFactory(region=places["latgale"], municipality=places["rezekne"])
    client.force_login(latgale_coordinator)
    html = client.get(reverse("inquiries:prepare_offer", args=[inquiry.pk])).content.decode()
    assert "Latgales grants" in html
    assert "Dzīvoklis Jēkabpilī" not in html
    before = state(inquiry)
    response = client.post(
        reverse("inquiries:prepare_offer", args=[inquiry.pk]),
        offer_data(housing=[str(offers["flat"].translation_key)]),
    )
    assert response.status_code == 200
    assert state(inquiry) == before
