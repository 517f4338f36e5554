from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from regions import admin_views
from regions.models import Contact
from regions.permissions import ContactPermissionPolicy


class ObjectPermissionMixin:
    """Check the permission on the contact itself: Wagtail's snippet views check only the model."""

    object_action = "change"

    def dispatch(self, request, *args, **kwargs):
        contact = getattr(self, "object", None) or self.get_object()
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, self.object_action, contact
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ContactEditView(ObjectPermissionMixin, snippet_views.EditView):
    pass


class ContactHistoryView(ObjectPermissionMixin, snippet_views.HistoryView):
    object_action = "view"


class ContactUsageView(ObjectPermissionMixin, snippet_views.UsageView):
    object_action = "view"


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
    edit_view_class = ContactEditView
    history_view_class = ContactHistoryView
    usage_view_class = ContactUsageView


register_permission_policy(Contact, ContactPermissionPolicy(Contact))
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
