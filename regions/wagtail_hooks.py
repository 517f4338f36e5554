from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
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


# Hook that narrows the contacts offered in the chooser to those `request.user` may link; it is
# given the contacts and the request and returns the contacts to offer (see teams.wagtail_hooks).
CONTACT_CHOOSER_HOOK = "construct_contact_chooser_queryset"


def choosable_contacts(request):
    contacts = Contact.objects.all()
    for hook in hooks.get_hooks(CONTACT_CHOOSER_HOOK):
        contacts = hook(contacts, request)
    return contacts


class ContactChooseView(chooser_views.ChooseView):
    construct_queryset_hook_name = CONTACT_CHOOSER_HOOK


class ContactChooseResultsView(chooser_views.ChooseResultsView):
    construct_queryset_hook_name = CONTACT_CHOOSER_HOOK


class ContactChosenView(chooser_views.SnippetChosenView):
    """A contact's details only for those the chooser would have offered it to."""

    def get_object(self, pk):
        return choosable_contacts(self.request).get(pk=pk)


class ContactChosenMultipleView(chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return choosable_contacts(self.request).filter(pk__in=pks)


class ContactChooserViewSet(chooser_views.SnippetChooserViewSet):
    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
    chosen_view_class = ContactChosenView
    chosen_multiple_view_class = ContactChosenMultipleView


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
    chooser_viewset_class = ContactChooserViewSet

    def get_queryset(self, request):
        """Only the contacts the user may see: a team sees its own, not every team's people."""
        policy = policy_registry.get_by_type(Contact)
        allowed = policy.instances_user_has_any_permission_for(request.user, ["change", "view"])
        # By primary key: the search index filters on that, not on the policy's fields.
        return Contact.objects.filter(pk__in=allowed.values("pk"))


# Who may change which contact is the teams' permission policy (teams.apps).
register_snippet(ContactViewSet)
