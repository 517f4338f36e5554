"""Names in generated sentences, inflected as the reader's language needs (see core.grammar)."""

from django import template
from django.utils.translation import get_language, gettext, pgettext

from core.grammar import english_country_name, latvian_accusative

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
