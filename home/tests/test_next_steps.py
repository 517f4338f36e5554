"""Task first: the home page opens with what the site does and three next steps; every page
offers the personal offer form; region and municipality pages give the coordinator's phone
before their content; a story ends with a next step."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("url", "form_url", "place_url", "steps"),
    [
        (
            "/lv/",
            "/lv/pieteikums/",
            "/lv/atrodi-savu-vietu/",
            [
                "Pieteikties personīgam piedāvājumam",
                "Zvaniet sava reģiona koordinatoram",
                "Izpētiet pašvaldības",
            ],
        ),
        (
            "/en/",
            "/en/ask/",
            "/en/find-your-place/",
            [
                "Ask for a personal offer",
                "Call your region's coordinator",
                "Explore the municipalities",
            ],
        ),
    ],
)
def test_the_home_page_opens_with_what_the_site_does_and_three_next_steps(
    client, home, en, next_step_pages, url, form_url, place_url, steps
):
    for page in (home, home.get_translation(en)):
        page.lead = "Coordinators help you find work, a home and a school."
        page.save_revision().publish()
    page = soup(client, url)
    main = page.find("main")
    first = [element.name for element in main.find_all(["h1", "p", "ol", "section"])][:3]
    assert first == ["h1", "p", "section"], "title, what the site does, then the next steps"
    assert "lead" in main.find("p")["class"]

    items = main.select("ol.next-steps__list > li")
    assert [item.h3.get_text(strip=True) for item in items] == steps
    assert [item.a["href"] for item in items] == [form_url, "#coordinators-heading", place_url]

    coordinators = page.find(id="coordinators-heading").parent
    card = coordinators.find("li")
    assert card.h3.a["href"].endswith("/zemgale/")
    assert card.find("a", href="tel:+37122338666").get_text() == "+371 22 338 666"


def test_the_next_steps_leave_out_a_page_the_site_does_not_have(client, home):
    """Without the form and Find your place, only the coordinators' step remains."""
    items = soup(client, "/en/").select("ol.next-steps__list > li")
    assert [item.a["href"] for item in items] == ["#coordinators-heading"]


PAGES_WITH_THE_OFFER_BOX = [
    "/lv/regioni/zemgale/",
    "/lv/regioni/zemgale/jekabpils-novads/",
    "/lv/buj/",
    "/lv/stasti/atpakal/",
    "/lv/atrodi-savu-vietu/",
    "/en/regions/zemgale/",
    "/en/regions/zemgale/jekabpils-municipality/",
    "/en/faq/",
    "/en/stories/back-home/",
    "/en/find-your-place/",
]


@pytest.mark.parametrize(
    "url",
    [
        "/lv/",
        "/en/",
        *PAGES_WITH_THE_OFFER_BOX,
        "/lv/aktualitates/jaunums/",
        "/en/news/",
        "/lv/search/?query=novads",
        "/en/search/?query=novads",
    ],
)
def test_the_main_menu_offers_the_personal_offer_form_in_the_pages_language(
    client, sections, next_step_pages, url
):
    page = soup(client, url)
    link = page.select_one("nav.main-nav a.main-nav__offer")
    language = url.split("/")[1]
    assert link["href"] == ("/lv/pieteikums/" if language == "lv" else "/en/ask/")
    assert page.html["lang"] == language
    # On a phone the sections fold behind a button; the offer stays outside the fold.
    assert link.find_parent(id="main-nav-panel") is None


@pytest.mark.parametrize("url", PAGES_WITH_THE_OFFER_BOX)
def test_region_municipality_faq_story_and_find_your_place_pages_invite_to_ask(
    client, sections, next_step_pages, url
):
    box = soup(client, url).select_one("main .inquiry-cta")
    assert box is not None
    assert box.a["href"] in ("/lv/pieteikums/", "/en/ask/")


def test_the_personal_offer_link_marks_the_form_page_as_current(client, next_step_pages):
    link = soup(client, "/en/ask/").select_one("a.main-nav__offer")
    assert link["aria-current"] == "page"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/lv/regioni/zemgale/", "Koordinators:"),
        ("/en/regions/zemgale/", "Coordinator:"),
        ("/lv/regioni/zemgale/jekabpils-novads/", "Koordinators:"),
        ("/en/regions/zemgale/jekabpils-municipality/", "Coordinator:"),
    ],
)
def test_region_and_municipality_pages_give_the_coordinators_phone_before_their_content(
    client, region_tree, url, label
):
    main = soup(client, url).find("main")
    line = main.select_one(".quick-contact")
    assert line.find("a", href="tel:+37122338666")
    assert line.get_text(" ", strip=True).startswith(f"{label} Anete Briņeca")
    content = main.select_one(".rich-text")
    assert line in content.find_all_previous(class_="quick-contact")


@pytest.mark.parametrize(
    ("url", "municipality_link"),
    [
        ("/lv/stasti/atpakal/", "/lv/regioni/zemgale/jekabpils-novads/"),
        ("/en/stories/back-home/", "/en/regions/zemgale/jekabpils-municipality/"),
    ],
)
def test_a_story_ends_with_a_next_step(client, sections, next_step_pages, url, municipality_link):
    article = soup(client, url).find("article")
    last_two = article.find_all(recursive=False)[-2:]
    assert last_two[0].a["href"] == municipality_link
    assert "inquiry-cta" in last_two[1]["class"]
