"""Schema the search needs on PostgreSQL only: SQLite's FTS5 folds and indexes by itself."""

from django.db import migrations


def on_postgresql(forwards, backwards):
    """A migration operation running the SQL statements `forwards` (and `backwards` to undo)
    on PostgreSQL, and nothing on other databases."""

    def run(statements):
        def execute(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return execute

    return migrations.RunPython(run(forwards), run(backwards))
