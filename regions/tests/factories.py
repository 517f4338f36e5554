import factory
import wagtail_factories
from django.utils import timezone

from regions.models import (
    Contact,
    ContactDirectoryPage,
    MunicipalityContact,
    MunicipalityPage,
    RegionCoordinator,
    RegionIndexPage,
    RegionPage,
)


class ContactFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name")
    role = factory.Faker("job")
    organisation = factory.Faker("company")
    # Latvian mobile numbers are eight digits starting with 2.
    phone = factory.Sequence(lambda n: f"+3712{n % 10_000_000:07d}")
    email = factory.Faker("email")
    last_verified = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = Contact


class RegionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Reģioni"
    slug = "regioni"
    intro = factory.Faker("paragraph")

    class Meta:
        model = RegionIndexPage


class RegionPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("city")
    planning_region = factory.LazyAttribute(lambda o: f"{o.title} plānošanas reģions")
    intro = factory.LazyFunction(lambda: "<p>Reģiona apraksts.</p>")

    class Meta:
        model = RegionPage


class MunicipalityPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("city")
    intro = factory.LazyFunction(lambda: "<p>Novada apraksts.</p>")

    class Meta:
        model = MunicipalityPage


class RegionCoordinatorFactory(factory.django.DjangoModelFactory):
    contact = factory.SubFactory(ContactFactory)

    class Meta:
        model = RegionCoordinator


class MunicipalityContactFactory(factory.django.DjangoModelFactory):
    contact = factory.SubFactory(ContactFactory)

    class Meta:
        model = MunicipalityContact


class ContactDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Kontakti"
    slug = "kontakti"

    class Meta:
        model = ContactDirectoryPage
