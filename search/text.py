"""Search terms from what a reader typed, and highlighted snippets of what was found.

Readers abroad often type without Latvian letters and in any grammatical case, so terms are folded
(`Ķekavā` → `kekava`) and lose a short inflectional ending (`kekava` → `kekav`); the backend then
matches them as word prefixes. Snippets are found the same way, so what is highlighted is what
matched.
"""

import bisect
import html
import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.search import index

MAX_TERMS = 8
SNIPPET_LENGTH = 220

# Latvian noun and adjective endings (folded), longest first; trimmed only from longer words.
ENDINGS = (
    "iem",
    "am",
    "em",
    "im",
    "um",
    "os",
    "as",
    "es",
    "is",
    "us",
    "ai",
    "ei",
    "a",
    "e",
    "i",
    "u",
    "s",
    "o",
)
MIN_STEM = 4


class Folding(dict):
    """Each character's folded form, worked out the first time the character is seen."""

    def __missing__(self, code):
        character = chr(code)
        folded = unicodedata.normalize("NFD", character)[0].lower()[:1] or character
        self[code] = folded
        return folded


FOLDING = Folding()


def fold(text):
    """Lower case without diacritics, one character for one (so offsets stay valid)."""
    return text.translate(FOLDING)


def stem(word):
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def search_terms(query):
    """The distinct folded word stems of `query`, at most MAX_TERMS; punctuation is dropped."""
    terms = []
    for word in re.findall(r"\w+", fold(query)):
        term = stem(word.replace("_", ""))
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def matcher(terms):
    """A regex finding the words (in folded text) that start with one of `terms`."""
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*")


def plain_text(source):
    """Rich text or HTML as one line of plain text."""
    return " ".join(html.unescape(strip_tags(source)).split())


def searchable_text(page):
    """The plain text of a page's indexed fields other than the title, description first."""
    parts = [page.search_description]
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = field.get_value(page)  # rich text and streams give a list of strings
        parts.extend(value if isinstance(value, list | tuple) else [str(value or "")])
    return plain_text(" ".join(parts))


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An escaped excerpt of `text` around the first match, with every match in <mark>.

    Without a match the excerpt is the start of the text.
    """
    if not text:
        return ""
    pattern = matcher(terms) if terms else None
    folded = fold(text)
    first = pattern.search(folded) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = len(text) if start + length >= len(text) else text.rfind(" ", start, start + length)
    if end <= start:
        end = min(len(text), start + length)
    pieces, cursor = [], start
    for match in pattern.finditer(folded, start, end) if pattern else ():
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped


def matching_lines(text, starts, terms):
    """The numbers of the lines of folded `text` (line n starts at `starts[n]`) that contain
    every one of `terms` as a word prefix: one scan of the text a term, not one a line."""
    found = None
    for term in terms:
        lines = {
            bisect.bisect_right(starts, match.start()) - 1
            for match in re.finditer(rf"\b{re.escape(term)}", text)
        }
        found = lines if found is None else found & lines
    return found or set()


def matches(text, terms):
    """Whether `text` contains every term (as a word prefix)."""
    folded = fold(text)
    return all(re.search(rf"\b{re.escape(term)}", folded) for term in terms)
