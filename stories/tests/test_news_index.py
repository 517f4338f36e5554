"""The lists of news read a page of items, the latest three and the years from the date index.

They must not read every news item: the news grow by a few a week and are never removed.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.filters import news_years
from stories.models import NewsPage
from stories.tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

INDEX = "stories_news_date_idx"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans of PostgreSQL are checked"
)


@pytest.fixture
def news_index(home, lv):
    index = NewsIndexPageFactory(parent=home, locale=lv)
    for year, month in [(2021, 3), (2021, 9), (2023, 1), (2025, 6), (2025, 7)]:
        NewsPageFactory(parent=index, locale=lv, date=datetime.date(year, month, 1))
    return index


def plans(run):
    """The plans of `run()`'s queries of news items, as PostgreSQL would run them at scale.

    With a handful of test rows a scan and a sort are cheaper; both are forbidden to see
    whether the index fits the query (as search/tests/test_index.py does).
    """
    with CaptureQueriesContext(connection) as captured:
        run()
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        for query in captured.captured_queries:
            if "stories_newspage" not in query["sql"]:
                continue  # queries of other tables
            cursor.execute(f"EXPLAIN {query['sql']}")
            found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


def test_the_years_are_those_with_news_newest_first(news_index):
    news = news_index.live_children(NewsPage)
    with CaptureQueriesContext(connection) as captured:
        assert news_years(news) == [2025, 2023, 2021]
    assert len(captured) == 2
    assert news_years(news.filter(date__year=2024)) == []


def test_the_years_take_two_queries_however_many_years_there_are(news_index, lv):
    news = news_index.live_children(NewsPage)
    for year in range(2000, 2021):
        NewsPageFactory(parent=news_index, locale=lv, date=datetime.date(year, 1, 1))
    with CaptureQueriesContext(connection) as captured:
        assert news_years(news) == [2025, 2023, *range(2021, 1999, -1)]
    assert len(captured) == 2


@on_postgresql
def test_a_page_of_the_news_index_is_read_from_the_date_index(news_index):
    news = news_index.live_children(NewsPage).order_by("-date", "-pk")
    (plan,) = plans(lambda: list(news[10:20]))
    assert INDEX in plan
    assert "Limit" in plan


@on_postgresql
def test_the_years_are_read_from_the_date_index_without_reading_every_item(news_index):
    found = plans(lambda: news_years(news_index.live_children(NewsPage)))
    assert found
    for plan in found:
        assert INDEX in plan
        assert "Unique" not in plan and "Aggregate" not in plan  # no DISTINCT over the items


@on_postgresql
def test_the_home_pages_latest_news_are_read_from_the_date_index(news_index, home):
    home.__dict__.pop("latest_news", None)
    (plan,) = plans(lambda: home.latest_news)
    assert INDEX in plan
    # The first three in date order, not every news item read and sorted (a join with the view
    # restrictions may hash those: they are few).
    assert plan.startswith("Limit")
    assert "Sort" not in plan
    assert "Seq Scan on stories_newspage" not in plan
