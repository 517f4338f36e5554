"""Fixtures for inquiries: the form page in both languages, two regions and their teams, and
the offers, inquiries and sending of the personal offer tests."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from core.translation import translate, update_translation
from inquiries.tests.factories import InquiryFactory, InquiryPageFactory
from offers.tests.factories import (
    BusinessSupportFactory,
    FamilyServiceFactory,
    HousingOfferFactory,
    JobOfferFactory,
    days_from_today,
)
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


# --- Personal offers ---------------------------------------------------------------------------

OFFER_LINK = re.compile(r"https?://[^/\s]+(/(lv|en)/offer/([A-Za-z0-9_-]{43})/)")


@pytest.fixture
def offers(places, en):
    """Current offers of Jēkabpils (and one expired) and of Rēzekne, with English versions."""
    jekabpils, rezekne = places["municipality"], places["rezekne"]
    made = {
        "flat": HousingOfferFactory(
            page=jekabpils, title="Dzīvoklis Jēkabpilī", location="Jēkabpils", description=""
        ),
        "job": JobOfferFactory(
            page=jekabpils,
            title="Skolotājs",
            employer="Jēkabpils skola",
            how_to_apply="Sūtiet CV.",
            valid_until=days_from_today(20),
        ),
        "expired": FamilyServiceFactory(
            page=jekabpils,
            title="Beidzies pakalpojums",
            description="",
            valid_until=days_from_today(-1),
        ),
        "grant": BusinessSupportFactory(page=rezekne, title="Latgales grants", description=""),
    }
    update_translation(
        jekabpils,
        en,
        {
            "Dzīvoklis Jēkabpilī": "A flat in Jēkabpils",
            "Jēkabpils": "Jēkabpils",
            "Skolotājs": "Teacher",
            "Jēkabpils skola": "Jēkabpils School",
            "Sūtiet CV.": "Send your CV.",
            "Beidzies pakalpojums": "An ended service",
        },
    )
    update_translation(rezekne, en, {"Latgales grants": "Latgale grant"})
    return made


def offer_inquiry(places, language, **fields):
    values = {
        "region": places["region"],
        "municipality": places["municipality"],
        "contact_language": language,
        "language": language,
    }
    return InquiryFactory(**(values | fields))


@pytest.fixture
def english_inquiry(places):
    return offer_inquiry(places, "en", name="Laura Ozola", email="laura@example.co.uk")


@pytest.fixture
def latvian_inquiry(places):
    return offer_inquiry(places, "lv", name="Jānis Bērziņš", email="janis@example.lv")


def offer_data(action="send", note="Labdien! Šie piedāvājumi jums der.", days="30", **kinds):
    return {"action": action, "note": note, "days": days, **kinds}


@pytest.fixture
def send_offer(client, offers, django_capture_on_commit_callbacks):
    """Send an offer through the admin form as the logged-in user (the flat by default);
    returns the link's path and its token, read from the e-mail."""

    def send(inquiry, note="Labdien! Šie piedāvājumi jums der.", **kinds):
        kinds = kinds or {"housing": [str(offers["flat"].translation_key)]}
        before = len(mail.outbox)
        url = reverse("inquiries:prepare_offer", args=[inquiry.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, offer_data(note=note, **kinds))
        assert response.status_code == 302
        assert len(mail.outbox) == before + 1
        match = OFFER_LINK.search(mail.outbox[-1].body)
        return match.group(1), match.group(3)

    return send
