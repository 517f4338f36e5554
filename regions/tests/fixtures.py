"""Places and people for the permission, freshness and journey tests (regions and teams).

Municipality A (Jēkabpils novads) and C (Bauskas novads) are in Zemgale; B (Liepāja) is in
Kurzeme.
"""

import pytest

from regions.models import Contact
from regions.tests.factories import (
    ContactFactory,
    MunicipalityContactFactory,
    MunicipalityPageFactory,
    RegionPageFactory,
)


@pytest.fixture
def places(region_tree, lv, en):
    zemgale = region_tree["region"]
    kurzeme = RegionPageFactory(
        parent=region_tree["index"], locale=lv, title="Kurzeme", slug="kurzeme"
    )
    liepaja = MunicipalityPageFactory(parent=kurzeme, locale=lv, title="Liepāja", slug="liepaja")
    bauska = MunicipalityPageFactory(
        parent=zemgale, locale=lv, title="Bauskas novads", slug="bauskas-novads"
    )
    return {
        "A": region_tree["municipality"],
        "B": liepaja,
        "C": bauska,
        "zemgale": zemgale,
        "kurzeme": kurzeme,
    }


@pytest.fixture
def contacts(places, lv):
    """A contact person on each municipality page (A, B, C)."""
    made = {}
    for place in ("A", "B", "C"):
        made[place] = ContactFactory(name=f"Kontakts {place}", locale=lv)
        MunicipalityContactFactory(page=places[place], contact=made[place], locale=lv)
    made["coordinator"] = Contact.objects.get(pk=places["zemgale"].coordinators.get().contact_id)
    return made
