from django.apps import AppConfig


class TeamsConfig(AppConfig):
    """Editorial teams: who may edit, review and publish which region or municipality."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "teams"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from regions.models import Contact
        from teams import signal_handlers  # noqa: F401 - connects the receivers
        from teams.admin_reports import narrow_page_listing_filters
        from teams.permissions import ContactPermissionPolicy

        # Before any admin view asks: Wagtail would otherwise make a model-wide fallback.
        register_permission_policy(Contact, ContactPermissionPolicy(Contact))
        narrow_page_listing_filters()
