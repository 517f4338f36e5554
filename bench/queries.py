"""Count the database queries of each URL, in-process, with the settings of the benchmark run.

Run by bench/run.py in the same environment as gunicorn (production settings, the benchmark
database, Redis, the same PAGE_CACHE_SECONDS). Each URL is requested twice and the second
request is counted: the first one fills what a long-running worker has filled long ago (the
site root cache, a cached page). Prints JSON: {"queries": {url: n}, "dataset": {...}}.
"""

import json
import sys
from pathlib import Path


def main(urls):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from regions.models import Contact, MunicipalityPage, RegionPage
    from stories.models import NewsPage, StoryPage

    client = Client(HTTP_HOST="127.0.0.1")
    queries = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        queries[url] = len(captured)

    def by_language(queryset):
        return {
            language: queryset.filter(locale__language_code=language).count()
            for language in ("lv", "en")
        }

    dataset = {
        name: by_language(model.objects.all())
        for name, model in [
            ("regions", RegionPage),
            ("municipalities", MunicipalityPage),
            ("news items", NewsPage),
            ("stories", StoryPage),
            ("contacts", Contact),
        ]
    }
    print(json.dumps({"queries": queries, "dataset": dataset}))


if __name__ == "__main__":
    main(sys.argv[1:])
