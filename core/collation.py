"""Alphabetical order as a reader of the language expects it, for lists scanned by name.

Latvian has 33 letters, and each letter with a mark is a letter of its own that comes after the
plain one: a ā b c č … k ķ … z ž, so "Ādažu novads" comes after "Augšdaugavas novads" and
"Jelgavas" before "Jēkabpils", as in the list of municipalities in the law on administrative
territories. Neither database sorts so (SQLite compares code points, PostgreSQL uses the
server's collation), and Python's `locale` needs a system locale that is rarely installed, so
lists are sorted here, in Python. English sorts letters with marks as the plain letter.
"""

import unicodedata

from django.utils import translation

LATVIAN_ALPHABET = "aābcčdeēfgģhiījkķlļmnņoōpqrŗsštuūvwxyzž"
LATVIAN_ORDER = {letter: index for index, letter in enumerate(LATVIAN_ALPHABET)}
ENGLISH_ORDER = {letter: index for index, letter in enumerate("abcdefghijklmnopqrstuvwxyz")}


def _letter_rank(character, order):
    """(1, place in the alphabet) for a letter, (0, code point) for anything else, so that
    spaces, digits and punctuation come first ("Rīga" before "Rīgas")."""
    if character in order:
        return (1, order[character])
    plain = unicodedata.normalize("NFKD", character)[0]
    if plain in order:
        return (1, order[plain])
    return (0, ord(character))


def sort_key(text, language=None):
    """A key that orders `text` alphabetically in `language` (the active one by default);
    letter case only breaks ties."""
    order = LATVIAN_ORDER if (language or translation.get_language()) == "lv" else ENGLISH_ORDER
    folded = text.casefold()
    return ([_letter_rank(character, order) for character in folded], text)


def sorted_by_name(items, name=lambda item: item, language=None):
    """`items` in alphabetical order of `name(item)` in `language` (the active one by default)."""
    return sorted(items, key=lambda item: sort_key(str(name(item)), language))
