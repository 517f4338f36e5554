from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`manage.py backup` and `restore`: the database and every media file in one archive."""

    name = "backups"
