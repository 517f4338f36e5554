"""A small bilingual map for the offer tests: Zemgale (Jēkabpils, Bauska) and Kurzeme (Liepāja).

Each municipality has a translated contact person; the "Find your place" page exists in both
languages. Offers are added by each test, then translated with `translate_offers`.
"""

import pytest

from core.translation import translate, update_translation
from offers.tests.factories import FindYourPlacePageFactory
from regions.tests.factories import (
    ContactFactory,
    MunicipalityContactFactory,
    MunicipalityPageFactory,
    RegionPageFactory,
)


def translated_contact(lv, en, name, role, english_role, **fields):
    contact = ContactFactory(name=name, role=role, organisation="", locale=lv, **fields)
    translate(contact, en, {"name": name, "role": english_role, "organisation": ""})
    return contact


@pytest.fixture
def places(region_tree, lv, en):
    zemgale = region_tree["region"]
    kurzeme = RegionPageFactory(
        parent=region_tree["index"], locale=lv, title="Kurzeme", slug="kurzeme"
    )
    translate(
        kurzeme,
        en,
        {
            "title": "Courland",
            "slug": "kurzeme",
            "planning_region": "Kurzeme Planning Region",
            "intro": "<p>Kurzeme.</p>",
        },
    )
    made = {"A": region_tree["municipality"], "zemgale": zemgale, "kurzeme": kurzeme}
    for key, parent, title, slug, english in (
        ("B", kurzeme, "Liepāja", "liepaja", "Liepāja"),
        ("C", zemgale, "Bauskas novads", "bauskas-novads", "Bauska Municipality"),
    ):
        made[key] = MunicipalityPageFactory(parent=parent, locale=lv, title=title, slug=slug)
        translate(
            made[key],
            en,
            {"title": english, "slug": slug.replace("novads", "municipality"), "intro": "<p>.</p>"},
        )
    for key in ("A", "B", "C"):
        person = translated_contact(
            lv, en, f"Kontakts {key}", "Remigrācijas kontaktpersona", "Remigration contact person"
        )
        MunicipalityContactFactory(page=made[key], contact=person, locale=lv)
        update_translation(made[key], en, {})
    return made


@pytest.fixture
def find_page(home, lv, en):
    page = FindYourPlacePageFactory(parent=home, locale=lv)
    translate(
        page,
        en,
        {
            "title": "Find your place",
            "slug": "find-your-place",
            "intro": "<p>Compare municipalities.</p>",
        },
    )
    return page


@pytest.fixture
def translate_offers(en):
    """Publish the English version of a municipality page with its offers' English texts."""

    def publish(page, strings):
        return update_translation(page, en, strings)

    return publish
