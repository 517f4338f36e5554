"""The read-only contacts endpoint of the API: current contacts shown on public pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from core.api import CheckedQueryMixin
from core.models import all_pages
from regions.contacts import contacts_shown_on
from regions.models import Contact, MunicipalityContact, RegionCoordinator

KINDS = {"coordinator": RegionCoordinator, "municipal": MunicipalityContact}


class ContactKindFilter(BaseFilterBackend):
    """`?kind=coordinator` (regional coordinators) or `?kind=municipal` (municipal contacts)."""

    def filter_queryset(self, request, queryset, view):
        kind = request.GET.get("kind")
        if kind is None:
            return queryset
        if kind not in KINDS:
            raise BadRequestError(_("kind must be one of: %s") % ", ".join(KINDS))
        links = KINDS[kind].objects.filter(page__in=view.public_pages())
        return queryset.filter(pk__in=links.values("contact"))


class ContactsAPIViewSet(CheckedQueryMixin, BaseAPIViewSet):
    """Contacts that are valid today and shown on a live, public page.

    Unlinked, expired and not-yet-valid contacts are not published; nor is any admin-only
    field (the last editor, revisions, the validity start).
    """

    model = Contact
    name = "contacts"
    filter_backends = [FieldsFilter, ContactKindFilter, LocaleFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"kind", "locale"}
    body_fields = BaseAPIViewSet.body_fields + [
        "name",
        "role",
        "organisation",
        "phone",
        "email",
        "note",
        "last_verified",
        "may_be_out_of_date",
        "valid_to",
    ]
    meta_fields = BaseAPIViewSet.meta_fields + ["locale"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "name",
        "role",
        "organisation",
        "phone",
        "email",
    ]

    def public_pages(self):
        return all_pages().live().public()

    def get_queryset(self):
        shown = contacts_shown_on(self.public_pages())
        return Contact.objects.current().filter(pk__in=shown.values("pk")).select_related("locale")
