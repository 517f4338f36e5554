import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.users.models import UserProfile

from regions.models import (
    Contact,
    ContactDirectoryPage,
    MunicipalityContact,
    MunicipalityPage,
    RegionCoordinator,
    RegionIndexPage,
    RegionPage,
)
from teams.models import Team


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


def user_in(team_page, username):
    """A user in the team of `team_page` only, reading the admin in English."""
    return user_in_group(
        Team.objects.get(translation_key=team_page.translation_key).group, username
    )


def user_in_group(group, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
