"""The database search backend, with every search term matched as a word prefix.

Latvian is inflected: a reader typing `kekava` or `jekabpils` means `Ķekavas`, `Jēkabpilī`. The
search view trims a word's ending (see `search.text.search_terms`) and the backend matches every
term as a prefix of an indexed word. Wagtail's own compilers do that only for the last term, and
only when autocompleting; everything else (indexing, ranking, diacritic folding by SQLite's FTS5
and by the `latvian_unaccent` configuration on PostgreSQL) is Wagtail's.
"""

import functools

from django.db import connection


@functools.cache
def prefix_backend_class(vendor):
    """Wagtail's backend class for `vendor`, with a prefix-matching query compiler.

    Each engine's module is imported only for its own database: the SQLite one looks up models
    that exist only there.
    """
    if vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres

        backend, compiler = postgres.PostgresSearchBackend, postgres.PostgresSearchQueryCompiler
    else:
        from modelsearch.backends.database.sqlite import sqlite

        backend, compiler = sqlite.SQLiteSearchBackend, sqlite.SQLiteSearchQueryCompiler
    prefix_compiler = type("PrefixQueryCompiler", (compiler,), {"LAST_TERM_IS_PREFIX": True})
    return type("PrefixSearchBackend", (backend,), {"query_compiler_class": prefix_compiler})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The prefix-matching backend for the default database (SQLite or PostgreSQL)."""
    return prefix_backend_class(connection.vendor)(params)
