"""Which pages show which contacts: every model through which a page links a contact."""

from django.db.models import Q
from wagtail.models import Page

from regions.models import Contact, HousingOffer, MunicipalityContact, RegionCoordinator

# Every model through which a page shows a contact (each has `page` and `contact`).
CONTACT_LINK_MODELS = (RegionCoordinator, MunicipalityContact, HousingOffer)


def pages_showing(contacts):
    """The pages that show any of `contacts` (a subquery, not a list)."""
    shown = Q()
    for link_model in CONTACT_LINK_MODELS:
        shown |= Q(pk__in=link_model.objects.filter(contact__in=contacts).values("page"))
    return Page.objects.filter(shown)


def contacts_shown_on(pages):
    """The contacts shown on any of `pages` (a subquery, not a list)."""
    shown = Q()
    for link_model in CONTACT_LINK_MODELS:
        shown |= Q(pk__in=link_model.objects.filter(page__in=pages).values("contact"))
    return Contact.objects.filter(shown)


def linked_contact_keys(pages):
    """Translation keys of the contacts linked from `pages`."""
    keys = set()
    for link_model in CONTACT_LINK_MODELS:
        keys |= set(
            link_model.objects.filter(page__in=pages, contact__isnull=False).values_list(
                "contact__translation_key", flat=True
            )
        )
    return keys
