"""A visitor abroad asks for a personal offer in English, in a real browser."""

import pytest
from playwright.sync_api import expect

from home.tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


def test_a_visitor_finds_the_form_corrects_a_mistake_and_gets_an_answer(page, base_url):
    page.goto("/en/regions/zemgale/")
    page.get_by_role("link", name="Ask for a personal offer").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a personal offer")
    assert violations(page) == []

    page.get_by_role("button", name="Send").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Your name: This field is required.")
    assert violations(page) == []
    summary.get_by_role("link", name="Your name: This field is required.").click()
    expect(page.get_by_label("Your name")).to_be_focused()

    page.get_by_label("Your name").fill("Laura Ozola")
    page.get_by_label("E-mail").fill("laura@example.co.uk")
    page.get_by_label("Country where you live now").select_option("GB")
    page.get_by_label("English").check()
    page.get_by_label("Adults moving (including you)").fill("2")
    page.get_by_label("Ages of children under 18 (optional)").fill("6")
    page.get_by_label("Where in Latvia would you like to live?").select_option(
        label="Jēkabpils Municipality"
    )
    page.get_by_label("Kindergarten or school").check()
    page.get_by_label("Within six months").check()
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, Laura Ozola")
    assert page.url == f"{base_url}/en/ask-for-an-offer/done/"
    expect(page.get_by_text("Anete Briņeca").first).to_be_visible()
    expect(page.get_by_role("link", name="Jēkabpils Municipality").first).to_be_visible()
    assert violations(page) == []
