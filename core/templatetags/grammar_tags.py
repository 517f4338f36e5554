"""Names and dates in generated sentences, inflected as the reader's language needs (see
core.grammar)."""

from django import template
from django.utils.translation import get_language, gettext, pgettext

from core.grammar import date_in_case, english_country_name, latvian_accusative

register = template.Library()


@register.simple_tag
def everything_about(place):
    """ "Viss par Jēkabpils novadu": Latvian puts the place in the accusative after "par". A name
    whose accusative is not known keeps the form that needs no case, "Viss par: …"."""
    accusative = latvian_accusative(place) if get_language() == "lv" else None
    if accusative:
        phrase = pgettext("the place in the accusative", "Everything about %(place)s")
        return phrase % {"place": accusative}
    return gettext("Everything about %(place)s") % {"place": place}


@register.filter
def country_after_from(country):
    """The country as it reads in "returned from …": "the United Kingdom" in English."""
    return english_country_name(country) if get_language() == "en" else country.name


@register.filter
def date_genitive(day):
    """A date after "from", "until": "no 2025. gada 1. jūlija" in Latvian."""
    return date_in_case(day, "genitive") if day else ""


@register.filter
def date_locative(day):
    """A date saying when something happened: "2021. gada 1. jūlijā" in Latvian."""
    return date_in_case(day, "locative") if day else ""
