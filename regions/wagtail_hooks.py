from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from regions.models import Contact


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
    # No search_fields: SQLite's backend cannot search chosen fields; the model's autocomplete
    # fields (name, role, organisation, e-mail) are searched.
    ordering = ["name"]
    edit_view_class = ContactEditView
    history_view_class = ContactHistoryView
    usage_view_class = ContactUsageView


# Who may change which contact is the teams' permission policy (teams.apps).
register_snippet(ContactViewSet)
