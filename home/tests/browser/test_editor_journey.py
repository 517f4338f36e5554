"""A new municipality editor's change goes live in both languages after the region's review.

Accounts are made with the onboarding command on the server's own database, and the new users
set their password from the printed link and log in through the login form, as they would.
The admin is used in Latvian (the browser's language); selectors rely on form field names and
Wagtail's markup where labels come from translation catalogues.
"""

import re
from dataclasses import dataclass

from playwright.sync_api import expect


@dataclass
class Place:
    title: str
    english_title: str
    url: str
    english_url: str
    contact: str
    other_municipality_slug: str


AIZKRAUKLE = Place(
    title="Aizkraukles novads",
    english_title="Aizkraukle Municipality",
    url="/lv/regioni/zemgale/aizkraukles-novads/",
    english_url="/en/regions/zemgale/aizkraukle-municipality/",
    contact="Baiba Kellere",
    other_municipality_slug="bauskas-novads",
)
EDITOR = "baiba.kellere@aizkraukle.lv"
COORDINATOR = "zemgale@paps.lv"
NEW_SENTENCE = "Konsultācijas notiek arī klātienē Aizkrauklē."
NEW_SENTENCE_EN = "Consultations are also held in person in Aizkraukle."
NEW_PHONE = ("+37126123456", "+371 26 123 456")


def onboard(browser, manage, *args):
    """Onboard an account with the command, set its password from the link, and log in."""
    output = manage("onboard_editor", *args)
    link = re.search(r"set their password: (\S+)", output).group(1)
    username = args[args.index("--email") + 1]
    password = f"{username.split('@')[0]}-Remigr-2026"
    context = browser.new_context(base_url=link.split("/admin/")[0], locale="lv-LV")
    page = context.new_page()
    page.goto(link)
    page.fill("input[name=new_password1]", password)
    page.fill("input[name=new_password2]", password)
    page.locator("main form [type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/password_reset/complete/"))
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form [type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))
    return page


def open_page_editor(page, title):
    """Find a page with the admin search and open it for editing."""
    page.goto(f"/admin/pages/search/?q={title.split()[0]}")
    page.locator("main table").get_by_role("link", name=title, exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))


def approve(page, title):
    """Approve `title` from the coordinator's "awaiting your review" panel."""
    page.goto("/admin/")
    row = page.locator("#awaiting-review-section tr", has_text=title)
    row.locator("[data-w-dropdown-target=toggle]").click()
    row.locator('button[data-workflow-action-url*="/approve/"]:not([data-launch-modal])').click()
    expect(page.locator("#awaiting-review-section tr", has_text=title)).to_have_count(0)


def test_new_editor_changes_page_and_contact_and_coordinator_puts_them_live(
    browser, base_url, manage, place=AIZKRAUKLE, editor=EDITOR, coordinator=COORDINATOR
):
    editor_tab = onboard(browser, manage, "--municipality", place.title, "--email", editor)

    # The dashboard reminds the editor of the contact nobody has checked for years.
    stale = editor_tab.locator("#stale-contacts-section")
    stale.get_by_role("link", name=place.contact).click()
    editor_tab.fill("input[name=phone]", NEW_PHONE[0])
    today = editor_tab.evaluate("new Date().toLocaleDateString('sv')")
    editor_tab.fill("input[name=last_verified]", today)
    editor_tab.locator("button.action-save").click()
    expect(editor_tab.locator(".messages")).to_contain_text(place.contact)

    # The Latvian page: add a sentence and submit it for the region's review.
    open_page_editor(editor_tab, place.title)
    intro = editor_tab.locator('[data-contentpath="intro"] [contenteditable="true"]')
    intro.click()
    editor_tab.keyboard.press("Control+End")
    editor_tab.keyboard.type(f" {NEW_SENTENCE}")
    expect(editor_tab.locator("input[name=intro]")).to_have_value(re.compile(NEW_SENTENCE))
    editor_tab.locator("footer [data-w-dropdown-target=toggle]").click()
    editor_tab.locator("button[name=action-submit]").click()
    expect(editor_tab.locator(".messages")).to_contain_text(place.title)
    editor_tab.goto("/admin/")
    expect(editor_tab.locator("#objects-in-workflow-section")).to_contain_text(place.title)
    editor_tab.goto(place.url)
    expect(editor_tab.locator("main")).not_to_contain_text(NEW_SENTENCE)

    coordinator_tab = onboard(browser, manage, "--region", "Zemgale", "--email", coordinator)
    approve(coordinator_tab, place.title)
    coordinator_tab.goto(place.url)
    expect(coordinator_tab.locator("main")).to_contain_text(NEW_SENTENCE)
    expect(coordinator_tab.get_by_role("link", name=NEW_PHONE[1]).first).to_have_attribute(
        "href", f"tel:{NEW_PHONE[0]}"
    )

    # The English page: sync it with the Latvian one, translate the new text, submit it.
    open_page_editor(editor_tab, place.title)
    editor_tab.locator('header [data-w-dropdown-target="toggle"]').first.click()
    editor_tab.locator('a[href*="/admin/localize/update/"]').click()
    expect(editor_tab.locator("input[name=publish_translations][type=checkbox]")).to_have_count(0)
    editor_tab.locator("main form [type=submit]").click()
    open_page_editor(editor_tab, place.english_title)
    english_id = re.search(r"/admin/pages/(\d+)/edit/", editor_tab.url).group(1)
    segment = editor_tab.locator("li.incomplete", has_text=NEW_SENTENCE)
    segment.get_by_role("button").click()
    english_intro = segment.locator("p").first.inner_text().replace(NEW_SENTENCE, NEW_SENTENCE_EN)
    segment.locator("textarea").fill(english_intro)
    segment.get_by_role("button").last.click()
    expect(editor_tab.locator("li.incomplete")).to_have_count(0)
    # Submitting is the translation editor's own header button, in Latvian like the rest.
    submit = editor_tab.locator(f'header a[href="/admin/pages/{english_id}/submit-translation/"]')
    expect(submit).to_have_text("Iesniegt tulkojumu pārbaudei")
    expect(editor_tab.get_by_text("Update existing translations")).to_have_count(0)
    submit.click()
    editor_tab.locator("main form [type=submit]").click()
    expect(editor_tab.locator(".messages")).to_contain_text(place.english_title)
    editor_tab.goto(place.english_url)
    expect(editor_tab.locator("main")).not_to_contain_text(NEW_SENTENCE_EN)

    approve(coordinator_tab, place.english_title)
    coordinator_tab.goto(place.english_url)
    expect(coordinator_tab.locator("main")).to_contain_text(NEW_SENTENCE_EN)
    expect(coordinator_tab.get_by_role("link", name=NEW_PHONE[1]).first).to_be_visible()

    # Another municipality's editor view is refused: Wagtail sends the editor back home.
    other = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from wagtail.models import Page; "
        f"print(Page.objects.get(slug='{place.other_municipality_slug}').pk)",
    ).split()[-1]
    response = editor_tab.goto(f"/admin/pages/{other}/edit/")
    expect(editor_tab).to_have_url(re.compile("/admin/$"))
    assert response.ok
    expect(editor_tab.locator(".messages")).to_contain_text(re.compile(r"\S"))
    expect(editor_tab.locator("input[name=intro]")).to_have_count(0)
