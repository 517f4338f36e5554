from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the portal builds on; it imports no content app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"

    def ready(self):
        from core import signal_handlers  # noqa: F401 - connects the receivers
