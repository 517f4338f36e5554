from django.apps import AppConfig


class RegionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "regions"

    def ready(self):
        from regions import signal_handlers  # noqa: F401 - connects the receivers
