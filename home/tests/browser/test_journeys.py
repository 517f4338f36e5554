"""The journeys a remigrant takes, clicked through in the browser."""

import re

import pytest
from playwright.sync_api import expect


def test_english_browser_lands_in_english_and_language_choice_is_remembered(browser, base_url):
    context = browser.new_context(
        base_url=base_url, locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    page = context.new_page()
    page.goto("/")
    assert page.url == f"{base_url}/en/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("navigation", name="Choose language").get_by_role(
        "link", name="Latviešu"
    ).click()
    assert page.url == f"{base_url}/lv/"
    page.goto("/")
    assert page.url == f"{base_url}/lv/", "the language chosen before wins over the browser's"
    context.close()


def test_find_region_municipality_and_the_coordinators_phone(page, base_url):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Regions").click()
    page.get_by_role("link", name="Semigallia (Zemgale)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Semigallia (Zemgale)")
    page.get_by_role("link", name="Jēkabpils Municipality").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jēkabpils Municipality")
    phone = page.get_by_role("link", name="+371 22 338 666").first
    expect(phone).to_have_attribute("href", "tel:+37122338666")
    expect(page.get_by_text("Anete Briņeca", exact=True)).to_be_visible()


def test_switch_language_on_a_deep_page_keeps_the_place(page, base_url):
    page.goto("/lv/regioni/zemgale/jekabpils-novads/")
    page.get_by_role("navigation", name="Valodas izvēle").get_by_role(
        "link", name="English"
    ).click()
    assert page.url == f"{base_url}/en/regions/zemgale/jekabpils-municipality/"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Latviešu").click()
    assert page.url == f"{base_url}/lv/regioni/zemgale/jekabpils-novads/"


@pytest.mark.parametrize(
    ("language", "label", "button"), [("lv", "Meklēt", "Meklēt"), ("en", "Search", "Search")]
)
def test_search_for_a_place_typed_without_diacritics(page, base_url, language, label, button):
    page.goto(f"/{language}/")
    page.get_by_label(label, exact=True).fill("jekabpils")
    page.get_by_role("button", name=button).click()
    assert "query=jekabpils" in page.url
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=re.compile("Jēkabpils"))).not_to_have_count(0)


def test_read_the_faq_through_its_anchor_links(page, base_url):
    page.goto("/en/faq/")
    toc = page.get_by_role("navigation", name="Questions on this page")
    link = toc.get_by_role("link", name="Who are the regional remigration coordinators?")
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target)
    heading = page.locator(target)
    expect(heading).to_be_in_viewport()
    expect(heading).to_have_text("Who are the regional remigration coordinators?")


def test_unknown_address_gets_a_not_found_page_in_the_language_of_its_prefix(page):
    page.goto("/lv/nav-tadas-lapas/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lapa nav atrasta")
