"""Offers: what editors may save, what readers see when, and what a translation keeps."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from offers.tests.factories import (
    BusinessSupportFactory,
    FamilyServiceFactory,
    HousingOfferFactory,
    JobOfferFactory,
    days_from_today,
)
from regions.models import BusinessSupport, FamilyService, HousingOffer, JobOffer

NOT_VALIDATED = ["page", "locale", "sort_order"]


def errors_of(offer):
    """The validation messages, in English (the source language of the interface)."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            offer.full_clean(exclude=NOT_VALIDATED)
        return caught.value.message_dict


@pytest.mark.parametrize(
    ("offer", "field"),
    [
        (FamilyService(category="benefit", title="Pabalsts", amount=Decimal("-1")), "amount"),
        (HousingOffer(kind="sale", title="Māja", location="Sala", price=-5), "price"),
        (HousingOffer(kind="land", title="Zeme", location="Sala", area=-1), "area"),
        (
            JobOffer(employer="SIA", title="Darbs", how_to_apply="E-pasts", salary_min=-1),
            "salary_min",
        ),
        (BusinessSupport(kind="grant", title="Grants", amount=-8000), "amount"),
    ],
)
def test_amounts_cannot_be_negative(offer, field):
    assert errors_of(offer)[field] == ["This cannot be negative."]


def test_housing_offer_cannot_end_before_it_becomes_available():
    offer = HousingOffer(
        kind="municipal_rental",
        title="Dzīvoklis",
        location="Sala",
        available_from=datetime.date(2026, 5, 1),
        valid_until=datetime.date(2026, 4, 30),
    )
    assert errors_of(offer) == {
        "valid_until": ["The offer cannot end before the housing becomes available."]
    }
    offer.valid_until = offer.available_from
    offer.full_clean(exclude=NOT_VALIDATED)


def test_salary_range_must_not_be_upside_down():
    offer = JobOffer(
        employer="SIA Koks", title="Galdnieks", how_to_apply="CV", salary_min=1500, salary_max=1200
    )
    assert errors_of(offer) == {
        "salary_max": ["The upper end of the salary cannot be below the lower end."]
    }
    offer.salary_max = 1500
    offer.full_clean(exclude=NOT_VALIDATED)


def test_only_a_kindergarten_place_can_be_guaranteed():
    offer = FamilyService(category="school", title="Skola", place_guaranteed=True)
    assert "place_guaranteed" in errors_of(offer)
    offer.category = FamilyService.Category.KINDERGARTEN
    offer.full_clean(exclude=NOT_VALIDATED)


def test_housing_is_available_now_from_its_first_day():
    assert HousingOffer(available_from=None).is_available_now
    assert HousingOffer(available_from=days_from_today(0)).is_available_now
    assert not HousingOffer(available_from=days_from_today(1)).is_available_now


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory", [FamilyServiceFactory, HousingOfferFactory, JobOfferFactory, BusinessSupportFactory]
)
def test_expired_offers_are_not_current(places, factory):
    page = places["A"]
    kept = [
        factory(page=page, valid_until=None),
        factory(page=page, valid_until=days_from_today(0)),
    ]
    factory(page=page, valid_until=days_from_today(-1))
    assert list(factory._meta.model.objects.current()) == kept


@pytest.mark.django_db
def test_english_translation_translates_text_and_copies_facts(places, translate_offers, en):
    """Text is translated; amounts, dates, links, choices and flags stay the same; contacts follow."""
    page = places["A"]
    person = page.contacts.get().contact
    FamilyServiceFactory(
        page=page,
        title="Garantēta vieta bērnudārzā",
        description="Bērnam vieta tiek nodrošināta mēneša laikā.",
        conditions="Deklarēta dzīvesvieta novadā.",
        amount=Decimal("150.00"),
        link="https://jekabpils.lv/bernudarzi",
        valid_until=datetime.date(2030, 8, 31),
        place_guaranteed=True,
        is_example=True,
    )
    HousingOfferFactory(
        page=page,
        title="Divistabu dzīvoklis",
        description="Renovēts.",
        location="Sala, Salas pagasts",
        rooms=2,
        area=Decimal("48.5"),
        price=Decimal("180.00"),
        available_from=datetime.date(2026, 1, 1),
        contact=person,
    )
    translate_offers(
        page,
        {
            "Garantēta vieta bērnudārzā": "Guaranteed kindergarten place",
            "Bērnam vieta tiek nodrošināta mēneša laikā.": "A place is found within a month.",
            "Deklarēta dzīvesvieta novadā.": "Declared residence in the municipality.",
            "Divistabu dzīvoklis": "Two-room flat",
            "Renovēts.": "Renovated.",
            "Sala, Salas pagasts": "Sala, Sala parish",
        },
    )
    english = page.get_translation(en)
    service = english.family_services_offers.get()
    source = page.family_services_offers.get()
    assert (service.title, service.description, service.conditions) == (
        "Guaranteed kindergarten place",
        "A place is found within a month.",
        "Declared residence in the municipality.",
    )
    assert service.translation_key == source.translation_key
    assert service.anchor == source.anchor, "links to an offer work in both languages"
    for name in ("category", "amount", "link", "valid_until", "place_guaranteed", "is_example"):
        assert getattr(service, name) == getattr(source, name), name
    housing = english.housing_offers.get()
    assert (housing.title, housing.location) == ("Two-room flat", "Sala, Sala parish")
    assert (housing.rooms, housing.area, housing.price, housing.available_from) == (
        2,
        Decimal("48.5"),
        Decimal("180.00"),
        datetime.date(2026, 1, 1),
    )
    assert housing.contact == person.get_translation(en)
    assert housing.contact.role == "Remigration contact person"
