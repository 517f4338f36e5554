"""PostgreSQL has no Latvian text-search configuration; make one that ignores diacritics.

`simple` with `unaccent` in front: `jekabpils` finds `Jēkabpils`, no English stemming. SQLite's
FTS5 already folds diacritics, so this does nothing there.
"""

from django.db import migrations

from search.postgres import on_postgresql

CONFIG = "latvian_unaccent"


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        on_postgresql(
            [
                "CREATE EXTENSION IF NOT EXISTS unaccent",
                f"DO $$ BEGIN "
                f"IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN "
                f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple); "
                f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
                f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple; "
                f"END IF; END $$",
            ],
            [f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}"],
        )
    ]
