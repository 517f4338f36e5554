"""Names as they read inside a generated sentence: Latvian cases, English articles.

A translated phrase such as "Everything about %(place)s" puts a name where Latvian wants another
case than the nominative the name is stored in, and English wants "the" before some countries.
"""

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
