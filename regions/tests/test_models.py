"""Contacts: validation, storage of phone numbers, expiry and facts shared across languages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.translation import translate
from regions.models import Contact
from regions.tests.factories import ContactFactory, MunicipalityPageFactory
from teams.models import Team

pytestmark = pytest.mark.django_db


def build(**fields):
    return ContactFactory.build(locale_id=1, **fields)


@pytest.mark.parametrize(
    "typed", ["+371 22 338 666", "22338666", "+371-2233-8666", "(+371) 22338666"]
)
def test_phone_is_stored_as_e164_and_shown_grouped(lv, typed):
    contact = ContactFactory(phone=typed, locale=lv)
    contact.refresh_from_db()
    assert str(contact.phone) == "+37122338666"
    assert contact.phone.as_international == "+371 22 338 666"


@pytest.mark.parametrize(
    "typed", ["12345", "+371 123", "+371 abc def", "0000000000000000", "+99912345678"]
)
def test_invalid_phone_is_refused_with_a_clear_message(lv, typed):
    contact = build(phone=typed, locale=lv)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            contact.full_clean()
        assert error.value.message_dict["phone"] == [
            "Enter a valid phone number in international format, e.g. +371 22 338 666."
        ]


@pytest.mark.parametrize("typed", ["not-an-email", "a@b", "x@@paps.lv", "anete briņeca@paps.lv"])
def test_invalid_email_is_refused(lv, typed):
    with pytest.raises(ValidationError) as error:
        build(email=typed, locale=lv).full_clean()
    assert "email" in error.value.message_dict


def test_a_contact_needs_a_phone_or_an_email(lv):
    with pytest.raises(ValidationError) as error:
        build(phone="", email="", locale=lv).full_clean()
    assert "email" in error.value.message_dict


def test_validity_must_end_after_it_starts_and_checks_cannot_be_in_the_future(lv):
    today = timezone.localdate()
    contact = build(
        valid_from=today,
        valid_to=today - datetime.timedelta(days=1),
        last_verified=today + datetime.timedelta(days=1),
        locale=lv,
    )
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert set(error.value.message_dict) >= {"valid_to", "last_verified"}


def test_current_contacts_exclude_expired_and_future_ones(lv):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    current = ContactFactory(valid_from=today - day, valid_to=today, locale=lv)
    open_ended = ContactFactory(locale=lv)
    expired = ContactFactory(valid_to=today - day, locale=lv)
    future = ContactFactory(valid_from=today + day, locale=lv)
    made = [current, open_ended, expired, future]
    assert set(Contact.objects.current().filter(pk__in=[c.pk for c in made])) == {
        current,
        open_ended,
    }
    assert current.is_current and open_ended.is_current


def test_saving_a_contact_updates_facts_in_every_language_but_not_the_text(lv, en):
    contact = ContactFactory(role="Koordinatore", locale=lv)
    english = translate(
        contact, en, {"name": contact.name, "role": "Coordinator", "organisation": "Org"}
    )
    contact.phone = "+37129374285"
    contact.valid_to = timezone.localdate()
    contact.role = "Vecākā koordinatore"
    contact.save()
    english.refresh_from_db()
    assert str(english.phone) == "+37129374285"
    assert english.valid_to == contact.valid_to
    assert english.role == "Coordinator"


def test_a_municipality_with_the_title_of_another_gets_a_team_of_its_own(region_tree, lv):
    """A copied page keeps its title; its team must not take over the original's group."""
    original = region_tree["municipality"]
    copy = MunicipalityPageFactory(
        parent=region_tree["region"], locale=lv, title=original.title, slug="kopija"
    )
    teams = Team.objects.filter(
        translation_key__in=[original.translation_key, copy.translation_key]
    )
    assert teams.count() == 2
    assert len({team.group_id for team in teams}) == 2
    assert len({team.collection_id for team in teams}) == 2
    assert sorted(team.group.name for team in teams) == [
        "Jēkabpils novads: redaktori",
        "Jēkabpils novads: redaktori (2)",
    ]
