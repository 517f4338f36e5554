"""Alphabetical order in Latvian and English."""

import pytest
from django.utils import translation

from core.collation import sorted_by_name

# The order of the law on administrative territories (2021), shuffled below.
LAW_ORDER = [
    "Aizkraukles novads",
    "Alūksnes novads",
    "Augšdaugavas novads",
    "Ādažu novads",
    "Jelgavas novads",
    "Jēkabpils novads",
    "Kuldīgas novads",
    "Ķekavas novads",
    "Limbažu novads",
    "Līvānu novads",
    "Ludzas novads",
    "Madonas novads",
    "Mārupes novads",
    "Rīga",
    "Rīgas novads",
    "Salaspils novads",
    "Šveice",
    "Zviedrija",
    "Žagari",
]


def test_latvian_order_puts_each_marked_letter_after_its_plain_letter():
    assert sorted_by_name(reversed(LAW_ORDER), language="lv") == LAW_ORDER
    assert sorted_by_name(["ārzemes", "Ābele", "abele"], language="lv") == [
        "abele",
        "Ābele",
        "ārzemes",
    ]


def test_english_order_reads_marked_letters_as_plain_ones():
    names = ["Zambia", "Éire", "Åland Islands", "Austria", "Ecuador"]
    assert sorted_by_name(names, language="en") == [
        "Åland Islands",
        "Austria",
        "Ecuador",
        "Éire",
        "Zambia",
    ]


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_active_language_decides_the_order(language):
    with translation.override(language):
        ordered = sorted_by_name(["Ēvele", "Ezers"])
    assert ordered == (["Ezers", "Ēvele"] if language == "lv" else ["Ēvele", "Ezers"])
