"""On PostgreSQL a search is answered from an index, not by reading every index entry."""

import pytest
from django.db import connection
from wagtail.models import Locale, Page

from search.views import as_search_query

pytestmark = pytest.mark.django_db

# How Wagtail's backend compares an index entry's object id with a page's id.
PAGE_ID_AS_TEXT = '("wagtailcore_page"."id")::varchar(50)'
MATCH = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's FTS5 has its own index")
def test_the_search_condition_is_answered_by_the_title_and_body_index(region_tree):
    pages = Page.objects.live().filter(locale=Locale.objects.get(language_code="lv"))
    results = pages.search(as_search_query(["jekabpils"]))
    sql, params = results.get_queryset().query.sql_with_params()
    assert MATCH in sql  # the condition the index is built for
    with connection.cursor() as cursor:
        # With a handful of test rows a scan is cheaper; forbid it to see whether the index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE {MATCH} "  # noqa: S608
            "to_tsquery('latvian_unaccent', 'jekabpils:*')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's FTS5 has its own index")
def test_the_matching_entries_find_their_pages_by_index(region_tree):
    """Wagtail's backend joins index entries to pages on the page id as text; that expression is
    indexed (search/migrations/0003), so a page is found by it without reading every page.

    The join itself is not explained: with a handful of test rows the planner's choice of join
    order depends on the statistics of the moment, not on the index.
    """
    pages = Page.objects.live().filter(locale=Locale.objects.get(language_code="lv"))
    sql, _params = (
        pages.search(as_search_query(["jekabpils"])).get_queryset().query.sql_with_params()
    )
    assert f'"wagtailsearch_indexentry"."object_id" = {PAGE_ID_AS_TEXT}' in sql
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"  # settings.base: index reads are cheap
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM wagtailcore_page WHERE {PAGE_ID_AS_TEXT} = %s",  # noqa: S608
            [str(region_tree["municipality"].pk)],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_page_id_as_text" in plan
