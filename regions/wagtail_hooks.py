from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
