"""A Latvian coordinator sends personal offers from the admin; the people open them.

Two inquiries about Jēkabpils novads (one in English, one in Latvian) are stored on the
server's database with clearly fictional details, as the public form would store them. The
coordinator, onboarded with the command and using the admin in Latvian, prepares an offer for
each from the demo's offers, previews and sends it. The link is read from the e-mail the server
wrote to a file, opened in a fresh browser as the person, in their language; then the
coordinator sees that it was opened. Selectors use form field names and data attributes where
the admin's words come from catalogues still being translated.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from home.tests.browser.test_accessibility import violations
from home.tests.browser.test_editor_journey import onboard

pytestmark = pytest.mark.browser

COORDINATOR = "offer.coordinator@example.lv"
FLAT = {
    "lv": "Divistabu pašvaldības dzīvoklis Jēkabpilī",
    "en": "Two-room municipal flat in Jēkabpils",
}
ROLE = {"lv": "Reģionālā remigrācijas koordinatore", "en": "Regional remigration coordinator"}
LINK = re.compile(r"https?://[^/\s]+(/(lv|en)/offer/[A-Za-z0-9_-]{43}/)")
STORE_INQUIRY = """
from regions.models import MunicipalityPage
from inquiries.models import Inquiry
place = MunicipalityPage.objects.get(locale__language_code="lv", title="Jēkabpils novads")
inquiry = Inquiry.objects.create(
    name="{name}", email="{email}", country="IE", return_plan="1_year", needs=["housing"],
    region=place.get_parent().specific, municipality=place,
    contact_language="{language}", language="{language}",
)
print(inquiry.pk)
"""


def in_language(language, text):
    """`text` as the server shows it in `language` (the same catalogues as this process)."""
    with translation.override(language):
        return gettext(text)


def store_inquiry(manage, name, email, language):
    code = STORE_INQUIRY.format(name=name, email=email, language=language)
    return int(manage("shell", "-c", code).split()[-1])


def offer_link(messages, address):
    """The path of the offer link in the last message to `address`, and that message's text."""
    message = [m for m in messages if m["To"] == address][-1]
    text = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    return LINK.search(text).group(1), text


@pytest.fixture(scope="module")
def coordinator_tab(browser, manage):
    return onboard(browser, manage, "--region", "Zemgale", "--email", COORDINATOR)


@pytest.mark.parametrize(
    ("language", "name", "address"),
    [
        ("en", "Fiktīvā Persona Angliski", "fictional.english@example.com"),
        ("lv", "Fiktīvā Persona Latviski", "fiktiva.latviski@example.com"),
    ],
)
def test_a_coordinator_sends_an_offer_and_the_person_opens_it_in_their_language(
    coordinator_tab, browser, base_url, manage, sent_mail, language, name, address
):
    inquiry = store_inquiry(manage, name, address, language)
    tab = coordinator_tab
    tab.goto("/admin/inquiries/")
    expect(tab.locator("html")).to_have_attribute("lang", "lv")
    tab.locator("main table").get_by_role("link", name=name).click()
    expect(tab).to_have_url(re.compile(rf"/admin/inquiries/edit/{inquiry}/$"))

    tab.locator(f'a[href$="/admin/inquiries/offer/{inquiry}/"]').click()
    expect(tab).to_have_url(re.compile(rf"/admin/inquiries/offer/{inquiry}/$"))
    tab.get_by_role("checkbox", name=FLAT["lv"]).check()
    tab.get_by_role("checkbox", name=re.compile("Anete Briņeca")).first.check()
    note = {
        "en": "Hello! The flat is free from spring.",
        "lv": "Labdien! Dzīvoklis brīvs no pavasara.",
    }
    tab.locator("textarea[name=note]").fill(note[language])
    tab.locator("button[name=action][value=preview]").click()
    preview = tab.locator(".personal-offer-preview")
    expect(preview).to_contain_text(FLAT[language])
    expect(preview).to_contain_text(note[language])
    expect(tab.get_by_role("checkbox", name=FLAT["lv"])).to_be_checked()

    tab.locator("button[name=action][value=send]").click()
    expect(tab).to_have_url(re.compile(rf"/admin/inquiries/edit/{inquiry}/$"))
    opened = tab.locator("[data-open-count]").first
    expect(opened).to_have_attribute("data-open-count", "0")

    path, text = offer_link(sent_mail(), address)
    assert path.startswith(f"/{language}/offer/")
    assert name.split()[0] not in text

    visitor = browser.new_context(
        base_url=base_url, locale={"lv": "lv-LV", "en": "en-GB"}[language]
    )
    person = visitor.new_page()
    response = person.goto(path)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "no-store" in response.headers["cache-control"]
    expect(person.locator("html")).to_have_attribute("lang", language)
    expect(person.get_by_role("heading", level=1)).to_have_text(
        in_language(language, "Your personal offer")
    )
    expect(person.locator("main")).to_contain_text(FLAT[language])
    expect(person.locator("main")).to_contain_text(note[language])
    expect(person.locator("main")).to_contain_text(ROLE[language])
    expect(person.locator("main")).not_to_contain_text(name)
    expect(person.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
    expect(person.locator('main a[href="mailto:zemgale@paps.lv"]').first).to_be_visible()
    assert violations(person) == []
    visitor.close()

    tab.reload()
    expect(tab.locator("[data-open-count]").first).to_have_attribute("data-open-count", "1")
