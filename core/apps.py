from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the portal builds on; it imports no content app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from django.conf import settings

        from core import db, signal_handlers  # noqa: F401 - connects the receivers

        if any(d["ENGINE"] == "django.db.backends.postgresql" for d in settings.DATABASES.values()):
            db.use_client_deadline()
