"""Names and dates as they read inside a generated sentence: Latvian cases, English articles.

A translated phrase such as "Everything about %(place)s" puts a name where Latvian wants another
case than the nominative the name is stored in, and English wants "the" before some countries.
A date inside a Latvian sentence declines its month: "no 2025. gada 1. jūlija" (genitive after
"no", "līdz"), "2021. gada 1. jūlijā" (locative: when something happened).
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

# Countries whose English short name takes "the" in running text ("returned from the United
# Kingdom"), by ISO 3166 code, so that the rule holds whatever django-countries calls them.
ENGLISH_COUNTRIES_WITH_THE = frozenset(
    "AE AX BS CC CD CF CK DO FK FO GB GM HM KM KY MH MP MV NL PH SB SC TC UM US VA VG VI".split()  # noqa: SIM905
)
VOWELS = set("aāeēiīoōuū")


def latvian_accusative(name):
    """`name` with its last word in the accusative ("Jēkabpils novads" → "Jēkabpils novadu"), or
    None when the ending is not one of the regular ones below, so the caller can keep a form
    that needs no case ("Viss par: …") rather than guess."""
    head, _space, word = name.strip().rpartition(" ")
    lower = word.lower()
    if lower.endswith("pils"):
        accusative = word[:-1] + "i"  # Jēkabpils → Jēkabpili
    elif lower.endswith("a"):
        accusative = word[:-1] + "u"  # Jelgava → Jelgavu
    elif lower.endswith("e"):
        accusative = word[:-1] + "i"  # Zemgale → Zemgali
    elif len(lower) > 2 and lower[-1] in "sš" and lower[-2] not in VOWELS:
        accusative = word[:-1] + "u"  # novads → novadu, Tukums → Tukumu
    else:
        return None  # Cēsis, Talsi, Ainaži: plural or irregular
    return f"{head} {accusative}" if head else accusative


def english_country_name(country):
    """The English name of a django-countries `country` as it reads after "from"."""
    name = str(country.name).removesuffix(" (The)")
    return f"the {name}" if country.code in ENGLISH_COUNTRIES_WITH_THE else name


# Latvian month names: genitive and locative (the nominative is Django's own "F").
LATVIAN_MONTHS = {
    "genitive": [
        "janvāra",
        "februāra",
        "marta",
        "aprīļa",
        "maija",
        "jūnija",
        "jūlija",
        "augusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ],
    "locative": [
        "janvārī",
        "februārī",
        "martā",
        "aprīlī",
        "maijā",
        "jūnijā",
        "jūlijā",
        "augustā",
        "septembrī",
        "oktobrī",
        "novembrī",
        "decembrī",
    ],
}


def date_in_case(day, case):
    """`day` as it reads inside a sentence of the active language: in Latvian with its month in
    `case` ("genitive" or "locative", "2024. gada 15. novembra"); in English as "15 November 2024"."""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date()
    if get_language() != "lv":
        return date_format(day, "DATE_FORMAT")
    return f"{day.year}. gada {day.day}. {LATVIAN_MONTHS[case][day.month - 1]}"
