from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from regions import admin_views
from regions.models import Contact


class ContactViewSet(SnippetViewSet):
    """Contacts for editors: find people fast and see at a glance whose details are old."""

    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        "role",
        Column("phone", label=_("phone")),
        "email",
        DateColumn("valid_to", label=_("valid to")),
        DateColumn("last_verified", label=_("last verified")),
    ]
    list_filter = ["locale", "valid_to", "last_verified"]
    search_fields = ["name", "role", "organisation", "email"]
    ordering = ["name"]


register_snippet(ContactViewSet)


@hooks.register("register_admin_urls")
def guard_translation_views():
    """Shadow wagtail-localize's submit and update URLs (ours are registered first)."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            admin_views.GuardedSubmitPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            admin_views.GuardedSubmitSnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            admin_views.GuardedUpdateTranslationsView.as_view(),
        ),
    ]
