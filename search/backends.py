"""The database search backend, with every search term matched as a word prefix.

Latvian is inflected: a reader typing `kekava` or `jekabpils` means `Ķekavas`, `Jēkabpilī`. The
search view trims a word's ending (see `search.text.search_terms`) and the backend matches every
term as a prefix of an indexed word. Wagtail's own compilers do that only for the last term, and
only when autocompleting; everything else (indexing, ranking, diacritic folding by SQLite's FTS5
and by the `latvian_unaccent` configuration on PostgreSQL) is Wagtail's, but for the double quotes
in terms, escaped here for SQLite's FTS5.
"""

import functools

from django.db import connection
from modelsearch.query import PlainText


class EscapedQuotes:
    """Each `"` in a term doubled, as FTS5 escapes it: left alone it was an FTS5 syntax error."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(query.query_string.replace('"', '""'), query.operator, query.boost)
        return super().build_search_query_content(query, config)


@functools.cache
def prefix_backend_class(vendor):
    """Wagtail's backend class for `vendor`, with a prefix-matching query compiler.

    Each engine's module is imported only for its own database: the SQLite one looks up models
    that exist only there.
    """
    if vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres

        backend = postgres.PostgresSearchBackend
    else:
        backend = sqlite_backend_class()
    prefix_compiler = type(
        "PrefixQueryCompiler", (backend.query_compiler_class,), {"LAST_TERM_IS_PREFIX": True}
    )
    return type("PrefixSearchBackend", (backend,), {"query_compiler_class": prefix_compiler})


def sqlite_backend_class():
    """Wagtail's SQLite backend, with double quotes escaped in searches and autocompletes."""
    from modelsearch.backends.database.sqlite import sqlite

    class SearchQueryCompiler(EscapedQuotes, sqlite.SQLiteSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(EscapedQuotes, sqlite.SQLiteAutocompleteQueryCompiler):
        pass

    class QuotingSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = SearchQueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

    return QuotingSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The prefix-matching backend for the default database (SQLite or PostgreSQL)."""
    return prefix_backend_class(connection.vendor)(params)
