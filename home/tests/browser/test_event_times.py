"""A reader abroad sees an online event's time in Latvian time and, added by the page's own
script, in their own zone: Dublin and Toronto, in both languages, and nothing wrong without
JavaScript. The demo's online information day for Ireland is the event."""

import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

EVENT = {
    "lv": "/lv/regioni/zemgale/informacijas-diena-irija/",
    "en": "/en/regions/zemgale/information-day-ireland/",
}
LABEL = {"lv": "Jūsu laika joslā", "en": "In your time zone"}
LATVIAN_TIME = {"lv": "Latvijas laiks", "en": "Latvian time"}
OFFSETS = {"Europe/Dublin": ("UTC", "UTC+1"), "America/Toronto": ("UTC\u22125", "UTC\u22124")}


def open_event(browser, base_url, language, zone, javascript=True):
    context = browser.new_context(
        base_url=base_url,
        locale="lv-LV" if language == "lv" else "en-GB",
        timezone_id=zone,
        java_script_enabled=javascript,
    )
    tab = context.new_page()
    outside = []
    tab.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    response = tab.goto(EVENT[language])
    assert response.status == 200
    return context, tab, outside


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("zone", ["Europe/Dublin", "America/Toronto"])
def test_an_online_event_shows_the_readers_own_time_beside_latvian_time(
    browser, base_url, language, zone
):
    context, tab, outside = open_event(browser, base_url, language, zone)
    try:
        element = tab.locator("[data-event-time]").first
        start = datetime.datetime.fromisoformat(element.get_attribute("data-start"))
        end = datetime.datetime.fromisoformat(element.get_attribute("data-end"))
        assert start.utcoffset() in (datetime.timedelta(hours=2), datetime.timedelta(hours=3))
        text = element.inner_text()
        assert f"{start:%H:%M}" in text  # Latvian time, from the server
        assert LATVIAN_TIME[language] in text
        local_start = start.astimezone(ZoneInfo(zone))
        local_end = end.astimezone(ZoneInfo(zone))
        local = tab.locator("[data-local-time]")
        local.first.wait_for()
        added = local.first.inner_text()
        assert added.startswith(LABEL[language])
        assert f"{local_start:%H:%M}\u2013" in added
        assert f"{local_end:%H:%M}" in added
        assert zone in added
        assert any(offset in added for offset in OFFSETS[zone])
        assert str(local_start.day) in added
        # Toronto is seven hours behind in winter (six in the weeks between the switches).
        hours = (start.replace(tzinfo=None) - local_start.replace(tzinfo=None)).total_seconds()
        assert hours / 3600 in ((2, 1) if zone == "Europe/Dublin" else (7, 6))
        assert tab.locator("time").first.get_attribute("datetime") == start.isoformat(
            timespec="minutes"
        )
        assert outside == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_a_reader_in_riga_or_without_javascript_sees_latvian_time_only(browser, base_url, language):
    for zone, javascript in (("Europe/Riga", True), ("America/Toronto", False)):
        context, tab, _outside = open_event(browser, base_url, language, zone, javascript)
        try:
            text = tab.locator("[data-event-time]").first.inner_text()
            assert "UTC+2" in text or "UTC+3" in text
            assert tab.locator("[data-local-time]").count() == 0
            assert LABEL[language] not in tab.content()
        finally:
            context.close()
