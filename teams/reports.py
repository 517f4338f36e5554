"""Contact freshness: the admin report and the dashboard panel of stale contacts.

A contact is stale when nobody has confirmed its details for a year, or when its validity has
ended. Each person sees the stale contacts they are responsible for, which are exactly the
contacts the contact permission policy lets them change, so "responsible" cannot drift from
"allowed". A contact is listed once, in the portal's primary language where it exists.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from core.exports import FormulaSafeExportMixin
from regions.contacts import CONTACT_LINK_MODELS, linked_contact_keys
from regions.models import Contact, MunicipalityPage, RegionPage
from regions.models.contacts import year_before
from teams.permissions import without_other_teams_drafts

PANEL_SIZE = 5


def stale_contacts(user, today=None):
    """The stale contacts `user` may change, one per contact, most overdue first."""
    today = today or timezone.localdate()
    default = Locale.get_default()
    in_default_language = Q(locale=default) | ~Exists(
        Contact.objects.filter(translation_key=OuterRef("translation_key"), locale=default)
    )
    return (
        policy_registry.get_by_type(Contact)
        .instances_user_has_permission_for(user, "change")
        .filter(in_default_language)
        .filter(Q(last_verified__lt=year_before(today)) | Q(valid_to__lt=today))
        .order_by("last_verified", "name", "pk")
    )


def reasons(contact, today=None):
    """Why `contact` is stale, in words an editor can act on."""
    today = today or timezone.localdate()
    found = []
    if contact.valid_to and contact.valid_to < today:
        found.append(
            gettext("Validity ended on %(date)s") % {"date": date_format(contact.valid_to)}
        )
    if contact.last_verified < year_before(today):
        found.append(
            gettext("Not verified since %(date)s") % {"date": date_format(contact.last_verified)}
        )
    return found


def reason_text(contact):
    return "; ".join(reasons(contact))


def edit_url(contact):
    return reverse("wagtailsnippets_regions_contact:edit", args=[contact.pk])


def add_places(contacts):
    """Set `contact.shown_on`: the titles of the pages showing it, in two queries for all rows."""
    keys = {contact.translation_key for contact in contacts}
    default = Locale.get_default()
    pages = {}
    for link_model in CONTACT_LINK_MODELS:
        links = link_model.objects.filter(contact__translation_key__in=keys).values_list(
            "contact__translation_key", "page__translation_key", "page__title", "page__locale"
        )
        for contact_key, page_key, title, locale in links:
            # One title per page: the primary-language one where there is one.
            if locale == default.pk or (contact_key, page_key) not in pages:
                pages[contact_key, page_key] = title
    for contact in contacts:
        titles = sorted(t for (c, _p), t in pages.items() if c == contact.translation_key)
        contact.shown_on = ", ".join(titles) or gettext("No page")
        contact.reasons = reason_text(contact)
    return contacts


def contacts_shown_in(pages):
    """Contacts linked from `pages` or from any translation of them."""
    keys = linked_contact_keys(
        Page.objects.filter(translation_key__in=pages.values("translation_key"))
    )
    return Q(translation_key__in=keys)


def default_language(model):
    """The filter's places in the primary language, without other teams' unpublished ones."""
    return lambda request: without_other_teams_drafts(
        request.user, model.objects.filter(locale=Locale.get_default())
    ).order_by("title")


class StaleContactFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(
        label=_("Why it is listed"),
        empty_label=_("Any reason"),
        choices=[("unverified", _("Not verified for a year")), ("ended", _("Validity ended"))],
        method="filter_reason",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        empty_label=_("All regions"),
        queryset=default_language(RegionPage),
        method="filter_region",
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        empty_label=_("All municipalities"),
        queryset=default_language(MunicipalityPage),
        method="filter_municipality",
    )

    class Meta:
        model = Contact
        fields = []

    def filter_reason(self, queryset, name, value):
        today = timezone.localdate()
        if value == "ended":
            return queryset.filter(valid_to__lt=today)
        return queryset.filter(last_verified__lt=year_before(today))

    def filter_region(self, queryset, name, value):
        return queryset.filter(contacts_shown_in(Page.objects.filter(path__startswith=value.path)))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(contacts_shown_in(Page.objects.filter(pk=value.pk)))


class StaleContactsReportView(FormulaSafeExportMixin, ReportView):
    """Contacts to check: not verified for a year, or no longer valid."""

    model = Contact
    permission_required = "change"
    page_title = _("Contacts to check")
    header_icon = "user"
    index_url_name = "regions_stale_contacts"
    index_results_url_name = "regions_stale_contacts_results"
    filterset_class = StaleContactFilterSet
    default_ordering = "last_verified"
    columns = [
        TitleColumn("name", label=_("Name"), get_url=edit_url, sort_key="name"),
        Column("role", label=_("Role")),
        Column("shown_on", label=_("Shown on")),
        DateColumn("last_verified", label=_("Last verified"), sort_key="last_verified"),
        DateColumn("valid_to", label=_("Valid to"), sort_key="valid_to"),
        Column("reasons", label=_("Why it is listed")),
    ]
    list_export = ["name", "role", "shown_on", "last_verified", "valid_to", "reasons"]
    export_headings = {
        "name": _("Name"),
        "role": _("Role"),
        "shown_on": _("Shown on"),
        "last_verified": _("Last verified"),
        "valid_to": _("Valid to"),
        "reasons": _("Why it is listed"),
    }

    def get_base_queryset(self):
        return stale_contacts(self.request.user)

    def order_queryset(self, queryset):
        """The chosen column first, then a stable order, so pages of the listing don't overlap."""
        return super().order_queryset(queryset).order_by(self.ordering, "name", "pk")

    def get_filename(self):
        return f"contacts-to-check-{timezone.localdate():%Y-%m-%d}"

    def stream_csv(self, queryset):
        """Written at once: Wagtail streams it after the editor's admin language is switched off."""
        return iter(list(super().stream_csv(queryset)))

    def decorate_paginated_queryset(self, object_list):
        return add_places(list(object_list))


class StaleContactsPanel(Component):
    """The dashboard's reminder of the contacts this user should check."""

    name = "stale_contacts"
    template_name = "teams/admin/stale_contacts_panel.html"
    order = 230

    def __init__(self, contacts, count):
        self.contacts, self.count = contacts, count

    def get_context_data(self, parent_context):
        for contact in self.contacts:
            contact.edit_url = edit_url(contact)
            contact.reasons = reason_text(contact)
        return {
            "contacts": self.contacts,
            "count": self.count,
            "report_url": reverse(StaleContactsReportView.index_url_name),
        }


def stale_contacts_panel(user):
    """The panel for `user`, or None when they have nothing to check."""
    contacts = stale_contacts(user)
    count = contacts.count()
    return StaleContactsPanel(list(contacts[:PANEL_SIZE]), count) if count else None
