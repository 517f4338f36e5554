"""Names and dates inside generated sentences: the Latvian accusative, English "the" before
countries, Latvian months in the genitive and the locative."""

import datetime

import pytest
from django.utils import translation
from django_countries.fields import Country

from core.grammar import date_in_case, english_country_name, latvian_accusative


@pytest.mark.parametrize(
    ("name", "accusative"),
    [
        ("Jēkabpils novads", "Jēkabpils novadu"),
        ("Jēkabpils", "Jēkabpili"),
        ("Daugavpils valstspilsēta", "Daugavpils valstspilsētu"),
        ("Zemgale", "Zemgali"),
        ("Jelgava", "Jelgavu"),
        ("Tukums", "Tukumu"),
        ("Ropažu novads", "Ropažu novadu"),
        ("Cēsis", None),
        ("Talsi", None),
        ("Ainaži", None),
    ],
)
def test_the_last_word_of_a_latvian_place_name_takes_the_accusative_or_none_is_guessed(
    name, accusative
):
    assert latvian_accusative(name) == accusative


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("GB", "the United Kingdom"),
        ("US", "the United States of America"),
        ("NL", "the Netherlands"),
        ("BS", "the Bahamas"),
        ("IE", "Ireland"),
        ("CZ", "Czechia"),
    ],
)
def test_english_country_names_that_need_the_article_get_it(code, name):
    with translation.override("en"):
        assert english_country_name(Country(code)) == name


@pytest.mark.parametrize(
    ("month", "genitive", "locative"),
    [
        (1, "janvāra", "janvārī"),
        (2, "februāra", "februārī"),
        (3, "marta", "martā"),
        (4, "aprīļa", "aprīlī"),
        (5, "maija", "maijā"),
        (6, "jūnija", "jūnijā"),
        (7, "jūlija", "jūlijā"),
        (8, "augusta", "augustā"),
        (9, "septembra", "septembrī"),
        (10, "oktobra", "oktobrī"),
        (11, "novembra", "novembrī"),
        (12, "decembra", "decembrī"),
    ],
)
def test_a_latvian_date_inside_a_sentence_declines_its_month(month, genitive, locative):
    day = datetime.date(2024, month, 15)
    with translation.override("lv"):
        assert date_in_case(day, "genitive") == f"2024. gada 15. {genitive}"
        assert date_in_case(day, "locative") == f"2024. gada 15. {locative}"
    with translation.override("en"):
        assert date_in_case(day, "genitive") == day.strftime("15 %B 2024")


def test_a_moment_is_dated_by_the_day_it_was_in_latvia():
    late_evening_utc = datetime.datetime(2024, 11, 15, 23, 30, tzinfo=datetime.UTC)
    with translation.override("lv"):
        assert date_in_case(late_evening_utc, "locative") == "2024. gada 16. novembrī"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "verified", "merging"),
    [
        (
            "/lv/regioni/zemgale/jekabpils-novads/",
            "Dati pēdējoreiz pārbaudīti 2025. gada 1. martā.",
            "No 2031. gada 1. jūlija šī pašvaldība būs daļa no citas pašvaldības – Bauskas novads.",
        ),
        (
            "/en/regions/zemgale/jekabpils-municipality/",
            "Details last verified on 1 March 2025.",
            "From 1 July 2031 this municipality will be part of Bauskas novads.",
        ),
    ],
)
def test_dates_in_the_pages_sentences_read_as_each_language_says_them(
    client, region_tree, url, verified, merging
):
    from regions.tests.factories import MunicipalityPageFactory

    coordinator, municipality = region_tree["coordinator"], region_tree["municipality"]
    for contact in coordinator.get_translations(inclusive=True):
        contact.last_verified = datetime.date(2025, 3, 1)
        contact.save()
    bauska = MunicipalityPageFactory(
        parent=region_tree["region"], locale=municipality.locale, title="Bauskas novads"
    )
    for page in municipality.get_translations(inclusive=True):
        page.merged_on, page.merged_into = datetime.date(2031, 7, 1), bauska
        page.save_revision().publish()
    html = client.get(url).content.decode()
    assert verified in html
    assert merging in html
