"""The municipality as one unit: regions and municipalities, their contacts and their offers.

Offers are rows of the municipality page, so they live beside it (`offers` holds only the
comparison page built on them).
"""

from regions.models.contacts import (
    PHONE_INVALID,
    Contact,
    ContactForm,
    ContactLink,
    current_contacts,
)
from regions.models.offers import (
    BusinessSupport,
    FamilyService,
    HousingOffer,
    JobOffer,
    Offer,
    current_offers,
    offer_contact,
)
from regions.models.pages import (
    OFFER_SEARCH_FIELDS,
    ContactDirectoryPage,
    MunicipalityContact,
    MunicipalityPage,
    RegionCoordinator,
    RegionIndexPage,
    RegionPage,
    with_current_coordinators,
)

__all__ = [
    "OFFER_SEARCH_FIELDS",
    "PHONE_INVALID",
    "BusinessSupport",
    "Contact",
    "ContactDirectoryPage",
    "ContactForm",
    "ContactLink",
    "FamilyService",
    "HousingOffer",
    "JobOffer",
    "MunicipalityContact",
    "MunicipalityPage",
    "Offer",
    "RegionCoordinator",
    "RegionIndexPage",
    "RegionPage",
    "current_contacts",
    "with_current_coordinators",
    "current_offers",
    "offer_contact",
]
