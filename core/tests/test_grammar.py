"""Names inside generated sentences: the Latvian accusative, English "the" before countries."""

import pytest
from django.utils import translation
from django_countries.fields import Country

from core.grammar import english_country_name, latvian_accusative


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
