"""WCAG 2.1 AA in a real browser: axe-core, keyboard, reflow at 320 px and text at 200 %."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.tests.browser.pages import ALL_PAGES

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
axe = Axe()


def violations(page):
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}"
        for v in result.response["violations"]
    ]


STATEMENT = {"lv": "/lv/pieklustamibas-pazinojums/", "en": "/en/accessibility/"}


@pytest.mark.parametrize(("name", "url"), ALL_PAGES)
def test_no_axe_violations_and_the_accessibility_statement_is_in_the_footer(page, name, url):
    page.goto(url)
    language = url[1:3]
    assert page.locator("html").get_attribute("lang") == language
    assert violations(page) == []
    assert page.locator(f'footer a[href="{STATEMENT[language]}"]').count() == 1


@pytest.mark.parametrize(("name", "url"), ALL_PAGES)
def test_no_horizontal_scrolling_at_320_px(page, name, url):
    """WCAG 1.4.10 Reflow: a 320 CSS px wide screen needs no sideways scrolling."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize(("name", "url"), ALL_PAGES)
def test_text_resized_to_200_percent_loses_nothing(page, name, url):
    """WCAG 1.4.4: at 200 % text size nothing is clipped and no sideways scrolling appears."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(el => {
            const style = getComputedStyle(el);
            const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
            return hides && el.offsetParent !== null && !el.matches('.visually-hidden, .skip-link')
                && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
        }).map(el => el.outerHTML.slice(0, 80))"""
    )
    assert clipped == []


KEYBOARD_PAGES = [
    p for p in ALL_PAGES if p[0].split(" (")[0] in {"home", "municipality", "faq", "search results"}
]


@pytest.mark.parametrize(("name", "url"), KEYBOARD_PAGES)
def test_tab_walk_starts_at_the_skip_link_and_reaches_every_control_with_visible_focus(
    page, name, url
):
    page.goto(url)
    focusable = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
            .filter(el => !el.closest('[hidden]') && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length)
            .length"""
    )
    seen = []
    for _ in range(focusable):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => {
                const el = document.activeElement;
                const ring = style => style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
                const style = getComputedStyle(el), after = getComputedStyle(el, '::after');
                return {
                    tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
                    cls: el.className,
                    // a ring on the control (or on its stretched ::after), an inset shadow, or the
                    // yellow focus background
                    visible: ring(style) || ring(after) || style.boxShadow !== 'none'
                        || style.backgroundColor === 'rgb(255, 221, 0)',
                };
            }"""
        )
        seen.append(state)
    assert "skip-link" in seen[0]["cls"], "the first Tab lands on the skip link"
    assert [s for s in seen if not s["visible"]] == [], "every focused control shows its focus"
    assert len(seen) == focusable


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/en/regions/zemgale/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
