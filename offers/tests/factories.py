import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from offers.models import FindYourPlacePage
from regions.models import BusinessSupport, FamilyService, HousingOffer, JobOffer


def no_offers():
    """The offer formsets of a municipality page's edit form, empty."""
    return {
        name: inline_formset([])
        for name in ("family_services_offers", "housing_offers", "jobs", "business_support")
    }


def municipality_form(page, **offers):
    """The edit form of a municipality page as posted, with the given offer rows."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "kind": page.kind,
            "intro": rich_text(page.intro),
            "contacts": inline_formset([]),
            "family_services": rich_text(""),
            "housing": rich_text(""),
            "work_and_business": rich_text(""),
            "website": "",
            "merged_on": "",
            "merged_into": "",
            **no_offers(),
            **{name: inline_formset(rows) for name, rows in offers.items()},
        }
    )


def housing_row(**changes):
    """A housing offer as its row in the edit form posts it."""
    row = {
        "kind": "municipal_rental",
        "location": "Sala",
        "title": "Dzīvoklis",
        "description": "",
        "rooms": "2",
        "area": "45",
        "price": "150",
        "available_from": "",
        "valid_until": "",
        "contact": "",
        "photos": streamfield([]),
    }
    row.update(changes)
    return row


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class FamilyServiceFactory(factory.django.DjangoModelFactory):
    category = FamilyService.Category.KINDERGARTEN
    title = factory.Faker("sentence", nb_words=3)
    description = factory.Faker("paragraph")

    class Meta:
        model = FamilyService


class HousingOfferFactory(factory.django.DjangoModelFactory):
    kind = HousingOffer.Kind.MUNICIPAL_RENTAL
    title = factory.Faker("sentence", nb_words=4)
    location = factory.Faker("city")
    rooms = 2
    area = factory.Faker("pydecimal", left_digits=2, right_digits=1, positive=True)
    price = factory.Faker("pydecimal", left_digits=3, right_digits=2, positive=True)

    class Meta:
        model = HousingOffer


class JobOfferFactory(factory.django.DjangoModelFactory):
    employer = factory.Faker("company")
    title = factory.Faker("job")
    salary_min = 1200
    salary_max = 1600
    how_to_apply = factory.Faker("paragraph")

    class Meta:
        model = JobOffer


class BusinessSupportFactory(factory.django.DjangoModelFactory):
    kind = BusinessSupport.Kind.GRANT
    title = factory.Faker("sentence", nb_words=4)
    amount = 8000

    class Meta:
        model = BusinessSupport


class FindYourPlacePageFactory(wagtail_factories.PageFactory):
    title = "Atrodi savu vietu"
    slug = "atrodi-savu-vietu"
    intro = factory.LazyFunction(lambda: "<p>Salīdziniet pašvaldības.</p>")

    class Meta:
        model = FindYourPlacePage
