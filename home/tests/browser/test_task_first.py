"""The remigrant's task first, at a phone's and a desktop's width, in both languages: the first
screen of home offers the next steps, every page offers the personal offer form, the contacts
warn when they may be out of date, and lists read in Latvian alphabetical order."""

import re

import pytest
from playwright.sync_api import expect

from core.collation import sort_key

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
LANGUAGES = ["lv", "en"]
OFFER = {"lv": "Pieteikties personīgam piedāvājumam", "en": "Ask for a personal offer"}
FORM = {"lv": "/lv/pieteikums/", "en": "/en/ask-for-an-offer/"}
MENU = {"lv": "Izvēlne", "en": "Menu"}
FIND_YOUR_PLACE = {"lv": "/lv/atrodi-savu-vietu/", "en": "/en/find-your-place/"}
PAGES_THAT_INVITE_TO_ASK = {
    "region": {"lv": "/lv/regioni/zemgale/", "en": "/en/regions/zemgale/"},
    "municipality": {
        "lv": "/lv/regioni/zemgale/jekabpils-novads/",
        "en": "/en/regions/zemgale/jekabpils-municipality/",
    },
    "faq": {"lv": "/lv/buj/", "en": "/en/faq/"},
    "story": {
        "lv": "/lv/pieredzes-stasti/no-dublinas-uz-kurzemi/",
        "en": "/en/stories/from-dublin-to-kurzeme/",
    },
    "find your place": FIND_YOUR_PLACE,
}

both_widths = pytest.mark.parametrize("width", WIDTHS)
both_languages = pytest.mark.parametrize("language", LANGUAGES)


@both_widths
@both_languages
def test_the_first_screen_of_home_offers_the_three_next_steps(page, language, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"/{language}/")
    header = page.locator("header.site-header").bounding_box()
    if width == "phone":
        assert header["height"] < 150, "header and menu leave the screen to the content"
    steps = page.locator("ol.next-steps__list > li")
    expect(steps).to_have_count(3)
    for step in steps.all():
        box = step.bounding_box()
        assert box["y"] + box["height"] <= WIDTHS[width]["height"], "seen without scrolling"

    steps.nth(1).get_by_role("link").click()
    expect(page.locator("#coordinators-heading")).to_be_in_viewport()
    phones = page.locator('section:has(#coordinators-heading) a[href^="tel:"]')
    assert phones.count() >= 5, "every region's coordinator with a phone"

    page.goto(f"/{language}/")
    steps.nth(2).get_by_role("link").click()
    expect(page).to_have_url(re.compile(FIND_YOUR_PLACE[language] + "$"))
    page.goto(f"/{language}/")
    steps.nth(0).get_by_role("link").click()
    expect(page).to_have_url(re.compile(FORM[language] + "$"))


@pytest.mark.parametrize("name", PAGES_THAT_INVITE_TO_ASK)
@both_widths
@both_languages
def test_ask_for_a_personal_offer_is_on_the_first_screen_of_every_page_type(
    page, name, language, width
):
    page.set_viewport_size(WIDTHS[width])
    page.goto(PAGES_THAT_INVITE_TO_ASK[name][language])
    link = page.locator("nav.main-nav a.main-nav__offer")
    expect(link).to_have_text(OFFER[language])
    expect(link).to_be_in_viewport()
    expect(page.locator("main .inquiry-cta a")).to_have_attribute("href", FORM[language])
    link.click()
    expect(page).to_have_url(re.compile(FORM[language] + "$"))
    expect(page.locator("main form")).to_be_visible()


@both_languages
def test_on_a_phone_the_menu_folds_behind_a_button_that_the_keyboard_opens_and_closes(
    page, language
):
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(f"/{language}/")
    button = page.get_by_role("button", name=MENU[language])
    sections = page.locator("#main-nav-panel")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(sections).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(sections.get_by_role("link").first).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(sections).to_be_hidden()
    assert page.evaluate("document.activeElement.dataset.menuToggle") == ""


@both_languages
def test_on_a_desktop_the_menu_shows_its_sections_without_a_button(page, language):
    page.set_viewport_size(WIDTHS["desktop"])
    page.goto(f"/{language}/")
    expect(page.get_by_role("button", name=MENU[language])).to_be_hidden()
    expect(page.locator("#main-nav-panel").get_by_role("link").first).to_be_visible()


@pytest.mark.parametrize("query", ["", "?region=zemgale&kindergarten=1"])
@both_languages
def test_find_your_place_needs_no_sideways_scrolling_at_1280(page, language, query):
    page.set_viewport_size(WIDTHS["desktop"])
    page.goto(FIND_YOUR_PLACE[language] + query)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    table = page.locator(".comparison-scroll")
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth")
    contact_column = page.locator("table.comparison thead th").last.bounding_box()
    assert contact_column["x"] + contact_column["width"] <= 1280, (
        "the contact column is not cut off"
    )


@both_languages
def test_on_a_phone_find_your_place_shows_what_each_municipality_has(page, language):
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(FIND_YOUR_PLACE[language])
    not_listed = "Nav norādīts" if language == "lv" else "Not listed"
    cards = page.locator("table.comparison tbody tr")
    assert cards.count() == 42
    for card in cards.all()[:10]:
        expect(card.get_by_text(not_listed, exact=True).filter(visible=True)).to_have_count(0)
        assert card.locator("td:visible").count() >= 1


@both_widths
@both_languages
def test_a_contact_not_verified_for_a_year_carries_a_notice(page, language, width):
    """The demo's Zemgale coordinator was last verified in 2022."""
    page.set_viewport_size(WIDTHS[width])
    page.goto(PAGES_THAT_INVITE_TO_ASK["region"][language])
    notice = page.locator("main .contact-card__stale").first
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link", name="remigracija@paps.lv")).to_have_attribute(
        "href", "mailto:remigracija@paps.lv"
    )


@both_widths
def test_switching_language_on_the_second_page_of_results_lands_on_a_page(page, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto("/lv/search/?query=novads&page=2")
    expect(page.locator("main")).to_contain_text("novads")
    switcher = page.locator("nav.language-switcher")
    with page.expect_navigation() as navigation:
        switcher.get_by_role("link", name="English").click()
    assert navigation.value.status == 200
    expect(page).to_have_url(re.compile(r"/en/search/\?query=novads$"))


@both_widths
def test_municipalities_are_listed_in_latvian_alphabetical_order(page, width):
    """Ā after A, Ķ after K: "Ādažu novads" follows "Alūksnes novads", not "Ziemeļkurzemes"."""
    page.set_viewport_size(WIDTHS[width])
    page.goto(FIND_YOUR_PLACE["lv"])
    names = page.locator("table.comparison tbody th a").all_inner_texts()
    assert names == sorted(names, key=sort_key)
    assert (
        names.index("Alūksnes novads") < names.index("Ādažu novads") < names.index("Balvu novads")
    )
    assert names.index("Kuldīgas novads") < names.index("Ķekavas novads")
