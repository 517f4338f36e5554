"""Event registrations in the Wagtail admin: a list with spreadsheet exports, and the details.

As for inquiries (inquiries.admin_views): every view that loads one registration goes through
`VisibleRegistrationMixin`, and the list and its exports start from `visible_to(user)`, so a
coordinator reaches another region's registrations by no path; a direct URL is refused with 403.
Nobody adds or edits registrations here.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from core.exports import FormulaSafeExportMixin
from events.models import EventPage, EventRegistration
from events.permissions import RegistrationPermissionPolicy, visible_to


class VisibleRegistrationMixin:
    def get_object(self, *args, **kwargs):
        registration = super().get_object(*args, **kwargs)
        if not visible_to(self.request.user).filter(pk=registration.pk).exists():
            raise PermissionDenied
        return registration


def visible_events(request):
    """The Latvian events with registrations the user may see, for the filter."""
    return EventPage.objects.filter(
        locale=Locale.get_default(),
        pk__in=visible_to(request.user).values("event"),
    ).order_by("-start")


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=visible_events)

    class Meta:
        model = EventRegistration
        fields = ["event"]


class RegistrationIndexView(FormulaSafeExportMixin, generic.IndexView):
    custom_field_preprocess = {"country": {"csv": str, "xlsx": str}}

    def get_base_queryset(self):
        return visible_to(self.request.user).select_related("event", "region")


class RegistrationInspectView(VisibleRegistrationMixin, generic.InspectView):
    pass


class RegistrationDeleteView(VisibleRegistrationMixin, generic.DeleteView):
    pass


class RegistrationHistoryView(VisibleRegistrationMixin, history.HistoryView):
    pass


class RegistrationUsageView(VisibleRegistrationMixin, usage.UsageView):
    pass


class RegistrationViewSet(ModelViewSet):
    model = EventRegistration
    name = "event-registrations"
    icon = "date"
    menu_label = _("Event registrations")
    menu_order = 215
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    permission_policy = RegistrationPermissionPolicy()
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    delete_view_class = RegistrationDeleteView
    history_view_class = RegistrationHistoryView
    usage_view_class = RegistrationUsageView
    filterset_class = RegistrationFilterSet
    list_display = [
        "name",
        "event",
        Column("people", label=_("people")),
        "region",
        DateColumn("created_at", label=_("registered")),
    ]
    inspect_view_fields = ["event", "region", "name", "email", "country", "people", "created_at"]
    search_fields = ["name", "email"]
    ordering = ["-created_at"]
    list_export = ["id", "created_at", "event", "name", "email", "country.name", "people"]
    export_headings = {"id": _("number"), "country.name": _("country of residence")}
    export_filename = "event-registrations"
    form_fields = ["name", "email", "country", "people"]
