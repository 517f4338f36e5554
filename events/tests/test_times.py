"""Event times in a named zone: a Riga event as readers in Dublin and Toronto see it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from events.times import time_range, utc_offset, zone_label, zoned

RIGA = ZoneInfo("Europe/Riga")


def riga(*args):
    return datetime.datetime(*args, tzinfo=RIGA)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_winter_evening_in_riga_is_the_afternoon_in_dublin_and_the_morning_in_toronto():
    start = riga(2027, 1, 14, 18, 0)
    assert zoned(start).time == "18:00"
    assert zoned(start).zone == "Latvian time (UTC+2)"
    dublin = zoned(start, "Europe/Dublin")
    assert (dublin.moment.date(), dublin.time, dublin.zone) == (
        datetime.date(2027, 1, 14),
        "16:00",
        "Europe/Dublin (UTC)",
    )
    toronto = zoned(start, "America/Toronto")
    assert (toronto.time, toronto.zone) == ("11:00", "America/Toronto (UTC\u22125)")
    assert toronto.iso == "2027-01-14T11:00-05:00"


def test_an_early_morning_in_riga_is_the_evening_before_in_toronto():
    start, end = riga(2027, 1, 15, 1, 30), riga(2027, 1, 15, 3, 0)
    assert time_range(start, end, "America/Toronto") == (
        "14 January 2027, 18:30\u201320:00, America/Toronto (UTC\u22125)"
    )
    assert time_range(start, end) == "15 January 2027, 01:30\u201303:00, Latvian time (UTC+2)"


def test_an_event_across_midnight_names_both_dates():
    start, end = riga(2027, 1, 14, 22, 0), riga(2027, 1, 15, 1, 0)
    assert time_range(start, end) == (
        "14 January 2027, 22:00 \u2013 15 January 2027, 01:00, Latvian time (UTC+2)"
    )
    # In Dublin the same event ends before midnight.
    assert time_range(start, end, "Europe/Dublin") == (
        "14 January 2027, 20:00\u201323:00, Europe/Dublin (UTC)"
    )


def test_summer_time_is_applied_on_each_sides_own_dates():
    """North America moves its clocks two weeks before Europe: for those weeks Toronto is six
    hours behind Riga instead of seven, and in summer both have moved."""
    march = riga(2027, 3, 20, 18, 0)
    assert zoned(march).zone == "Latvian time (UTC+2)"
    assert zoned(march, "America/Toronto").time == "12:00"
    assert zoned(march, "America/Toronto").zone == "America/Toronto (UTC\u22124)"
    assert zoned(march, "Europe/Dublin").time == "16:00"
    july = riga(2027, 7, 9, 18, 0)
    assert zoned(july).zone == "Latvian time (UTC+3)"
    assert zoned(july).iso == "2027-07-09T18:00+03:00"
    assert zoned(july, "Europe/Dublin").time == "16:00"
    assert zoned(july, "Europe/Dublin").zone == "Europe/Dublin (UTC+1)"
    assert zoned(july, "America/Toronto").time == "11:00"


def test_the_zone_is_named_in_latvian_on_latvian_pages():
    with translation.override("lv"):
        assert zone_label("Europe/Riga", riga(2027, 7, 9, 18, 0)) == "Latvijas laiks (UTC+3)"
        assert time_range(riga(2027, 1, 14, 18, 0), riga(2027, 1, 14, 20, 0)) == (
            "2027. gada 14. janvāris, 18:00\u201320:00, Latvijas laiks (UTC+2)"
        )


def test_offsets_with_minutes_are_written_in_full():
    moment = datetime.datetime(2027, 1, 14, 12, 0, tzinfo=datetime.UTC)
    assert utc_offset(moment.astimezone(ZoneInfo("Asia/Kolkata"))) == "UTC+5:30"
