"""What readers are told about a contact beside its details: that they may be out of date, and
a page to read with them (e.g. news that the person has changed)."""

import datetime

import pytest
from django.utils import timezone

from core.translation import sync_translation, translate
from regions.tests.factories import ContactDirectoryPageFactory, ContactFactory

pytestmark = pytest.mark.django_db

MAILBOX = "remigracija@example.lv"
STALE_LINK = f'<a href="mailto:{MAILBOX}">{MAILBOX}</a>'
MAILBOX_NAME = {"lv": "Pastkaste", "en": "Mailbox"}
ENGLISH_NOTICE = f"These details may be out of date — check with {STALE_LINK}"

# Every public page showing the Zemgale coordinator, in Latvian and in English.
PAGES = {
    "lv": ["/lv/regioni/zemgale/", "/lv/regioni/zemgale/jekabpils-novads/", "/lv/kontakti/"],
    "en": [
        "/en/regions/zemgale/",
        "/en/regions/zemgale/jekabpils-municipality/",
        "/en/contacts/",
    ],
}


def long_ago():
    return timezone.localdate() - datetime.timedelta(days=3650)


@pytest.fixture
def coordinator_verified(region_tree, home, lv, en, settings):
    """Set when the Zemgale coordinator's details were last verified, `days` ago.

    Every page's footer shows the national mailbox, verified long ago: readers are sent there to
    check, so it is never flagged itself.
    """
    settings.REMIGRATION_NATIONAL_MAILBOX = MAILBOX
    mailbox = ContactFactory(name="Pastkaste", email=MAILBOX, last_verified=long_ago(), locale=lv)
    translate(mailbox, en, {"name": "Mailbox", "role": "Mailbox", "organisation": "Programme"})
    home.general_contact = mailbox
    home.save_revision().publish()
    sync_translation(home, en)
    directory = ContactDirectoryPageFactory(parent=home, locale=lv)
    translate(directory, en, {"title": "Contacts", "slug": "contacts", "intro": ""})

    def verified(days):
        coordinator = region_tree["coordinator"]
        coordinator.last_verified = timezone.localdate() - datetime.timedelta(days=days)
        coordinator.save()
        return coordinator

    return verified


def stale_notices(html):
    return html.count('<p class="contact-card__stale" role="note">')


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_contact_verified_thirteen_months_ago_tells_readers_to_check_with_the_mailbox(
    client, coordinator_verified, language
):
    """Verified 13 months ago: a notice on every page showing it; verified last month: none."""
    coordinator_verified(days=396)
    for url in PAGES[language]:
        html = client.get(url).content.decode()
        assert f'contact-card__name">{MAILBOX_NAME[language]}</p>' in html, url
        assert stale_notices(html) == 1, url
        assert STALE_LINK in html, url
        if language == "en":
            assert ENGLISH_NOTICE in html, url
    coordinator_verified(days=30)
    for url in PAGES[language]:
        html = client.get(url).content.decode()
        assert "Anete Briņeca" in html, url
        assert stale_notices(html) == 0, url


def test_the_api_marks_contacts_that_may_be_out_of_date(client, coordinator_verified, en):
    coordinator = coordinator_verified(days=396)
    english = coordinator.get_translation(en)
    for contact in (coordinator, english):
        data = client.get(f"/api/v2/contacts/{contact.pk}/").json()
        assert data["may_be_out_of_date"] is True
    region = client.get("/api/v2/pages/", {"type": "regions.RegionPage", "fields": "*"}).json()
    assert [c["may_be_out_of_date"] for c in region["items"][0]["current_coordinators"]] == [True]
    coordinator_verified(days=30)
    assert client.get(f"/api/v2/contacts/{english.pk}/").json()["may_be_out_of_date"] is False


@pytest.mark.parametrize(
    ("url", "notice"),
    [
        ("/lv/regioni/zemgale/", '<a href="/lv/regioni/">Reģioni</a>'),
        ("/en/regions/zemgale/", '<a href="/en/regions/">Regions</a>'),
    ],
)
def test_a_contact_shows_the_page_its_notice_links_in_the_readers_language(
    client, region_tree, url, notice
):
    coordinator = region_tree["coordinator"]
    coordinator.notice_page = region_tree["index"]
    coordinator.save()
    html = client.get(url).content.decode()
    card = html[html.index('<p class="contact-card__name">Anete Briņeca') :]
    assert notice in card[: card.index("</div>")]
