"""Personal offers: choosing, sending, the private page behind the link, and its end.

Texts of the page in Latvian are compared with `gettext` under that language rather than
literals, so the tests hold before and after the catalogue has the new strings; the page's
language is also checked through `lang` and the translated offers and contacts.
"""

import datetime
import hashlib
import smtplib
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from inquiries.models import Inquiry, InquiryNote, PersonalOffer, PersonalOfferItem
from inquiries.tests.conftest import offer_data
from inquiries.tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def key(row):
    return str(row.translation_key)


def prepare_url(inquiry):
    return reverse("inquiries:prepare_offer", args=[inquiry.pk])


def in_language(language, text):
    with translation.override(language):
        return gettext(text)


def state(inquiry):
    """Everything a refused or invalid post must leave as it was."""
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    return (
        inquiry.status,
        inquiry.next_follow_up,
        inquiry.notes.count(),
        PersonalOffer.objects.count(),
        PersonalOfferItem.objects.count(),
        len(mail.outbox),
    )


@pytest.fixture
def coordinator_client(client, zemgale_coordinator):
    """The Zemgale coordinator, reading the admin in English (the Latvian admin is the browser
    test's): the texts asserted here do not change when the catalogue gains them."""
    profile = UserProfile.get_for_user(zemgale_coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(zemgale_coordinator)
    return client


# --- The form -------------------------------------------------------------------------------


def test_the_form_lists_the_regions_current_offers_and_contacts_only(
    coordinator_client, offers, english_inquiry, places
):
    html = coordinator_client.get(prepare_url(english_inquiry)).content.decode()
    assert "Dzīvoklis Jēkabpilī" in html
    assert f'value="{key(offers["flat"])}"' in html
    assert "Skolotājs" in html
    assert "Beidzies pakalpojums" not in html  # expired
    assert "Latgales grants" not in html  # another region's municipality
    assert "Anete Briņeca" in html  # the region's coordinator, to add as a contact
    assert "Latgales koordinatore" not in html


def test_sending_emails_a_private_link_in_the_persons_language_and_keeps_only_its_hash(
    coordinator_client, send_offer, english_inquiry, offers
):
    path, token = send_offer(english_inquiry)
    assert path == f"/en/offer/{token}/"
    email = mail.outbox[-1]
    assert email.to == ["laura@example.co.uk"]
    assert email.subject == "Your personal offer for returning to Latvia"
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://127.0.0.1:8000{path}"' in html or path in html
    # Nothing the person typed is repeated in the e-mail, not even the name.
    for text in (email.body, html):
        assert "Laura" not in text
        assert "Ozola" not in text

    offer = PersonalOffer.objects.get()
    assert offer.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert offer.language == "en"
    stored = PersonalOffer.objects.filter(pk=offer.pk).values().get()
    assert not any(token in str(value) for value in stored.values())
    assert list(offer.items.values_list("kind", "translation_key")) == [
        ("housing", offers["flat"].translation_key)
    ]
    assert (offer.expires_at - offer.sent_at) == datetime.timedelta(days=30)


def test_sending_is_noted_in_the_history_and_the_follow_up_continues_from_it(
    coordinator_client, send_offer, latvian_inquiry, zemgale_coordinator
):
    path, _token = send_offer(latvian_inquiry)
    assert path.startswith("/lv/offer/")
    inquiry = Inquiry.objects.get(pk=latvian_inquiry.pk)
    assert inquiry.status == Inquiry.Status.OFFER_SENT
    assert inquiry.next_follow_up == timezone.localdate() + datetime.timedelta(days=7)
    note = InquiryNote.objects.get(inquiry=inquiry)
    assert note.author == zemgale_coordinator
    offer = PersonalOffer.objects.get()
    assert f"no. {offer.pk}" in note.text
    assert timezone.localtime(offer.expires_at).date().isoformat() in note.text
    history = ModelLogEntry.objects.filter(object_id=str(inquiry.pk))
    assert history.filter(action="inquiries.personal_offer.send").count() == 1


def test_the_inquirys_admin_history_lists_sending_and_withdrawing(
    coordinator_client, send_offer, english_inquiry
):
    send_offer(english_inquiry)
    offer = PersonalOffer.objects.get()
    coordinator_client.post(
        reverse("inquiries:withdraw_offer", args=[english_inquiry.pk, offer.pk])
    )
    response = coordinator_client.get(reverse("inquiries:history", args=[english_inquiry.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Personal offer sent" in html
    assert "Personal offer withdrawn" in html


def test_an_offer_whose_email_fails_is_withdrawn_and_the_inquiry_left_as_it_was(
    coordinator_client, client, offers, english_inquiry
):
    """The token was only in the e-mail: an offer nobody received must not count as sent."""
    before = Inquiry.objects.filter(pk=english_inquiry.pk).values("status", "next_follow_up").get()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPException("refused"),
    ):
        response = coordinator_client.post(
            prepare_url(english_inquiry), offer_data(housing=[key(offers["flat"])])
        )
    assert response.status_code == 200
    assert "could not be sent" in response.content.decode()
    assert f'value="{key(offers["flat"])}" checked' in response.content.decode()
    offer = PersonalOffer.objects.get()
    assert offer.revoked_at is not None
    after = Inquiry.objects.filter(pk=english_inquiry.pk).values("status", "next_follow_up").get()
    assert after == before
    assert english_inquiry.notes.filter(text__contains="could not be e-mailed").exists()
    assert mail.outbox == []


def test_the_inquiry_page_lists_its_offers_and_whether_they_were_opened(
    coordinator_client, client, send_offer, english_inquiry
):
    path, _token = send_offer(english_inquiry)
    edit = reverse("inquiries:edit", args=[english_inquiry.pk])
    html = coordinator_client.get(edit).content.decode()
    assert "Not opened yet" in html
    assert reverse("inquiries:prepare_offer", args=[english_inquiry.pk]) in html
    offer = PersonalOffer.objects.get()
    assert reverse("inquiries:withdraw_offer", args=[english_inquiry.pk, offer.pk]) in html

    coordinator_client.logout()
    client.get(path)
    client.get(path)
    client.force_login(offer.author)
    html = client.get(edit).content.decode()
    assert "Opened 2 times: first on" in html


def test_preview_shows_the_persons_page_and_stores_and_sends_nothing(
    coordinator_client, offers, english_inquiry
):
    before = state(english_inquiry)
    response = coordinator_client.post(
        prepare_url(english_inquiry),
        offer_data(action="preview", note="See you soon", housing=[key(offers["flat"])]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "A flat in Jēkabpils" in html  # in the person's language
    assert "See you soon" in html
    assert f'value="{key(offers["flat"])}" checked' in html
    assert state(english_inquiry) == before


@pytest.mark.parametrize(
    "forged",
    [
        "grant",  # an offer of another region's municipality
        "expired",  # no longer current
        "unknown",  # a key of nothing
        "garbage",  # not a key at all
    ],
)
def test_offers_the_form_did_not_list_are_rejected_and_nothing_is_stored(
    coordinator_client, offers, english_inquiry, forged
):
    value = {
        "grant": key(offers["grant"]),
        "expired": key(offers["expired"]),
        "unknown": str(uuid.uuid4()),
        "garbage": "' OR 1=1 --<script>",
    }[forged]
    before = state(english_inquiry)
    for kind in ("business_support", "family_service", "housing", "contact"):
        response = coordinator_client.post(
            prepare_url(english_inquiry),
            offer_data(**{kind: [value], "job": [key(offers["job"])]}),
        )
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode()
    assert state(english_inquiry) == before


@pytest.mark.parametrize("days", ["0", "-5", "91", "abc", "1" * 40, ""])
def test_an_expiry_out_of_range_is_rejected(coordinator_client, offers, english_inquiry, days):
    before = state(english_inquiry)
    response = coordinator_client.post(
        prepare_url(english_inquiry), offer_data(days=days, housing=[key(offers["flat"])])
    )
    assert response.status_code == 200
    assert state(english_inquiry) == before


def test_an_offer_without_any_offer_or_contact_is_rejected(
    coordinator_client, offers, english_inquiry
):
    before = state(english_inquiry)
    response = coordinator_client.post(prepare_url(english_inquiry), offer_data())
    assert response.status_code == 200
    assert "Choose at least one offer or contact." in response.content.decode()
    assert state(english_inquiry) == before


def test_an_overlong_note_is_rejected(coordinator_client, offers, english_inquiry):
    before = state(english_inquiry)
    response = coordinator_client.post(
        prepare_url(english_inquiry), offer_data(note="x" * 2001, housing=[key(offers["flat"])])
    )
    assert response.status_code == 200
    assert state(english_inquiry) == before


def test_no_offer_is_prepared_for_a_closed_inquiry(coordinator_client, offers, places):
    inquiry = InquiryFactory(region=places["region"], status=Inquiry.Status.CLOSED)
    before = state(inquiry)
    response = coordinator_client.post(
        prepare_url(inquiry), offer_data(housing=[key(offers["flat"])])
    )
    assert response.status_code == 302
    assert state(inquiry) == before


# --- The person's page ------------------------------------------------------------------------


def test_the_link_shows_the_offer_in_the_links_language_with_contacts(
    coordinator_client, client, send_offer, english_inquiry, offers, region_tree
):
    path, _token = send_offer(
        english_inquiry,
        note="Hello! These should suit you.",
        housing=[key(offers["flat"])],
        job=[key(offers["job"])],
        contact=[key(region_tree["coordinator"])],
    )
    coordinator_client.logout()
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "A flat in Jēkabpils" in html
    assert "Teacher" in html
    assert "Regional coordinator" in html  # the English version of the contact
    assert 'href="tel:+37122338666"' in html
    assert 'href="mailto:zemgale@paps.lv"' in html
    assert '<p lang="en">Hello! These should suit you.</p>' in html
    # A chosen coordinator is not shown again under "Your regional coordinator".
    assert html.count('<p class="contact-card__name">Anete Briņeca</p>') == 1
    # No personal data on the page.
    assert "Laura" not in html
    assert "laura@example.co.uk" not in html

    latvian = client.get(path.replace("/en/", "/lv/", 1)).content.decode()
    assert '<html lang="lv">' in latvian
    assert "Dzīvoklis Jēkabpilī" in latvian
    assert "Reģionālā koordinatore" in latvian
    # The note stays in the language it was written in, and says so.
    assert '<p lang="en">Hello! These should suit you.</p>' in latvian


def test_the_page_is_private_unindexed_and_sends_no_referrer(
    coordinator_client, client, send_offer, english_inquiry
):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    response = client.get(path)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_page_is_not_kept_by_the_page_cache(
    coordinator_client, client, send_offer, english_inquiry, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    client.get(path)
    PersonalOffer.objects.update(revoked_at=timezone.now())
    assert client.get(path).status_code == 410


def test_openings_are_counted_on_get_but_not_on_head(
    coordinator_client, client, send_offer, english_inquiry
):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    offer = PersonalOffer.objects.get()
    assert (offer.open_count, offer.first_opened_at) == (0, None)

    assert client.head(path).status_code == 200
    offer.refresh_from_db()
    assert offer.open_count == 0

    client.get(path)
    offer.refresh_from_db()
    first = offer.first_opened_at
    assert offer.open_count == 1
    assert first is not None and offer.last_opened_at == first

    client.get(path)
    offer.refresh_from_db()
    assert offer.open_count == 2
    assert offer.first_opened_at == first
    assert offer.last_opened_at >= first


def test_only_get_and_head_are_answered(coordinator_client, client, send_offer, english_inquiry):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    assert client.post(path).status_code == 405
    assert PersonalOffer.objects.get().open_count == 0


@pytest.mark.parametrize("language", ["lv", "en"])
def test_an_expired_link_is_gone_with_the_regions_coordinator_to_ask(
    coordinator_client, client, send_offer, english_inquiry, language
):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    PersonalOffer.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(path.replace("/en/", f"/{language}/", 1))
    assert response.status_code == 410
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert in_language(language, "This link no longer works") in html
    assert (
        in_language(
            language,
            "This link has expired. Please contact your coordinator: they "
            "will gladly send you a current offer.",
        )
        in html
    )
    assert "Anete Briņeca" in html
    role = {"lv": "Reģionālā koordinatore", "en": "Regional coordinator"}[language]
    assert role in html
    assert "Laura" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert PersonalOffer.objects.get().open_count == 0


def test_a_link_works_until_its_expiry(coordinator_client, client, send_offer, english_inquiry):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    PersonalOffer.objects.update(expires_at=timezone.now() + datetime.timedelta(minutes=1))
    assert client.get(path).status_code == 200


def test_a_withdrawn_offer_stops_at_once(coordinator_client, client, send_offer, english_inquiry):
    path, _token = send_offer(english_inquiry)
    offer = PersonalOffer.objects.get()
    withdraw = reverse("inquiries:withdraw_offer", args=[english_inquiry.pk, offer.pk])
    assert coordinator_client.get(withdraw).status_code == 200
    assert coordinator_client.post(withdraw).status_code == 302
    offer.refresh_from_db()
    assert offer.revoked_at is not None
    assert InquiryNote.objects.filter(inquiry=english_inquiry, text__contains="withdrawn").exists()
    coordinator_client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_a_closed_inquirys_link_stops(coordinator_client, client, send_offer, english_inquiry):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    Inquiry.objects.filter(pk=english_inquiry.pk).update(status=Inquiry.Status.CLOSED)
    assert client.get(path).status_code == 410


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # the right shape, no offer
        "short",
        "x" * 5000,
        "%00" * 20,
        "ž" * 43,
        "..%2F..%2Fadmin",
        "<script>alert(1)</script>",
    ],
)
@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_link_to_nothing_is_not_found_with_a_helpful_page(client, places, token, language):
    response = client.get(f"/{language}/offer/{token}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if "/" not in token.replace("%2F", "/"):
        assert in_language(language, "Offer not found") in html
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_link_with_extra_path_is_not_found(client, places):
    assert client.get(f"/en/offer/{'A' * 43}/more/").status_code == 404


def test_a_client_that_keeps_missing_is_refused_a_while(
    coordinator_client, client, send_offer, english_inquiry, settings
):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    settings.PERSONAL_OFFER_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert client.get(f"/en/offer/{'B' * 43}/").status_code == 404
    assert client.get(f"/en/offer/{'C' * 43}/").status_code == 404  # the 4th miss is counted
    response = client.get(path)
    assert response.status_code == 429
    assert PersonalOffer.objects.get().open_count == 0


def test_an_offer_that_ended_after_sending_drops_out_and_an_untranslated_one_shows_in_latvian(
    coordinator_client, client, send_offer, english_inquiry, offers, places
):
    from offers.tests.factories import BusinessSupportFactory

    fresh = BusinessSupportFactory(
        page=places["municipality"], title="Jauns grants", description=""
    )
    path, _token = send_offer(
        english_inquiry, housing=[key(offers["flat"])], business_support=[key(fresh)]
    )
    coordinator_client.logout()
    html = client.get(path).content.decode()
    assert "Jauns grants" in html  # no English version yet: the Latvian one
    type(offers["flat"]).objects.filter(translation_key=offers["flat"].translation_key).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    html = client.get(path).content.decode()
    assert "A flat in Jēkabpils" not in html
    assert "Jauns grants" in html


# --- Retention and reminders ----------------------------------------------------------------


def test_purging_an_inquiry_deletes_its_offers(
    coordinator_client, client, send_offer, english_inquiry, settings
):
    path, _token = send_offer(english_inquiry)
    coordinator_client.logout()
    long_ago = timezone.now() - datetime.timedelta(days=settings.INQUIRY_RETENTION_DAYS + 1)
    Inquiry.objects.filter(pk=english_inquiry.pk).update(
        status=Inquiry.Status.CLOSED, closed_at=long_ago
    )
    call_command("purge_inquiries", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert not Inquiry.objects.filter(pk=english_inquiry.pk).exists()
    assert PersonalOffer.objects.count() == 0
    assert PersonalOfferItem.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action__startswith="inquiries.personal_offer").exists()
    assert client.get(path).status_code == 404


def test_the_dashboards_follow_ups_say_whether_the_offer_was_opened(
    coordinator_client, client, send_offer, english_inquiry
):
    path, _token = send_offer(english_inquiry)
    Inquiry.objects.filter(pk=english_inquiry.pk).update(next_follow_up=timezone.localdate())
    html = coordinator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Laura Ozola" in html
    assert "offer sent" in html and "not opened yet" in html

    coordinator = PersonalOffer.objects.get().author
    coordinator_client.logout()
    client.get(path)
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "opened 1 time" in html


def test_an_access_request_export_includes_the_offers(
    coordinator_client, send_offer, english_inquiry
):
    from inquiries import privacy

    send_offer(english_inquiry)
    exported = privacy.export(Inquiry.objects.filter(pk=english_inquiry.pk))[0]
    (offer,) = exported["personal_offers"]
    assert offer["note"] == "Labdien! Šie piedāvājumi jums der."
    assert offer["open_count"] == 0
    assert "token" not in str(offer)
