"""Fixtures for inquiries: the form page in both languages, two regions and their teams."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.translation import translate
from inquiries.tests.factories import InquiryPageFactory
from regions.tests.factories import (
    ContactFactory,
    MunicipalityPageFactory,
    RegionCoordinatorFactory,
    RegionPageFactory,
)
from teams.models import Team
from teams.provisioning import provision_national_editors

ENGLISH_PAGE = {
    "title": "Ask for a personal offer",
    "slug": "ask",
    "intro": "<p>Tell us what you need.</p>",
}


@pytest.fixture
def inquiry_page(home, en):
    page = InquiryPageFactory(parent=home, locale=home.locale)
    translate(page, en, ENGLISH_PAGE)
    return page


@pytest.fixture
def english_page(inquiry_page, en):
    return inquiry_page.get_translation(en)


@pytest.fixture
def places(region_tree, inquiry_page, lv, en):
    """Zemgale (with Jēkabpils novads) from region_tree, and Latgale with Rēzeknes novads."""
    latgale = RegionPageFactory(
        parent=region_tree["index"], locale=lv, title="Latgale", slug="latgale"
    )
    coordinator = ContactFactory(
        name="Latgales koordinatore", email="latgale@example.lv", locale=lv
    )
    RegionCoordinatorFactory(page=latgale, contact=coordinator, locale=lv)
    translate(
        latgale,
        en,
        {
            "title": "Latgale",
            "slug": "latgale",
            "planning_region": "Latgale Planning Region",
            "intro": "<p>About Latgale.</p>",
        },
    )
    rezekne = MunicipalityPageFactory(
        parent=latgale, locale=lv, title="Rēzeknes novads", slug="rezeknes-novads"
    )
    translate(
        rezekne, en, {"title": "Rēzekne Municipality", "slug": "rezekne", "intro": "<p>R.</p>"}
    )
    provision_national_editors()
    return {**region_tree, "latgale": latgale, "rezekne": rezekne}


def member_of(group, username, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.lv", "pw", **extra)
    user.groups.add(group)
    return user


def team_group(page):
    return Team.objects.get(translation_key=page.translation_key).group


@pytest.fixture
def zemgale_coordinator(places):
    return member_of(team_group(places["region"]), "zemgale-coordinator")


@pytest.fixture
def latgale_coordinator(places):
    return member_of(team_group(places["latgale"]), "latgale-coordinator")


@pytest.fixture
def national_editor(places):
    return member_of(Group.objects.get(name="Nacionālie redaktori"), "national-editor")


@pytest.fixture
def municipality_editor(places):
    return member_of(team_group(places["municipality"]), "municipality-editor")
