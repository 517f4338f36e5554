"""The answer page after an inquiry: what the chosen municipality offers for the needs given."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from core.translation import update_translation
from offers.tests.factories import FamilyServiceFactory, HousingOfferFactory, JobOfferFactory

pytestmark = pytest.mark.django_db


def inquiry_for(municipality, needs):
    """A valid form for `municipality` (a page in the form's language)."""
    return {
        "name": "Jānis Bērziņš",
        "email": "janis@example.com",
        "country": "IE",
        "contact_language": "en",
        "adults": "2",
        "place": f"municipality:{municipality.pk}",
        "needs": needs,
        "return_plan": "1_year",
        "website": "",
    }


@pytest.fixture
def jekabpils_offers(places, en):
    """Jēkabpils: a flat, an expired flat, a job and a kindergarten; Rēzekne: a flat.

    Returns the offers the answer to a housing and work inquiry for Jēkabpils should list.
    """
    jekabpils, rezekne = places["municipality"], places["rezekne"]
    today = timezone.localdate()
    flat = {"location": "Sala", "description": ""}
    wanted = [
        HousingOfferFactory(page=jekabpils, title="Dzīvoklis Salā", **flat),
        JobOfferFactory(
            page=jekabpils, title="Galdnieks", employer="Koks", how_to_apply="Zvaniet."
        ),
    ]
    HousingOfferFactory(
        page=jekabpils, title="Vecs dzīvoklis", valid_until=today - timedelta(days=1), **flat
    )
    FamilyServiceFactory(page=jekabpils, title="Bērnudārzs", description="")
    HousingOfferFactory(page=rezekne, title="Dzīvoklis Rēzeknē", **flat)
    strings = {
        "Dzīvoklis Salā": "Flat in Sala",
        "Galdnieks": "Carpenter",
        "Koks": "Koks",
        "Zvaniet.": "Call us.",
        "Vecs dzīvoklis": "Old flat",
        "Bērnudārzs": "Kindergarten",
        "Dzīvoklis Rēzeknē": "Flat in Rēzekne",
        "Sala": "Sala",
    }
    for page in (jekabpils, rezekne):
        update_translation(page, en, strings)
    return wanted


@pytest.mark.parametrize(
    ("language", "listed", "not_listed"),
    [
        ("lv", ["Dzīvoklis Salā", "Galdnieks"], ["Vecs dzīvoklis", "Bērnudārzs", "Rēzeknē"]),
        ("en", ["Flat in Sala", "Carpenter"], ["Old flat", "Kindergarten", "Rēzekne"]),
    ],
)
def test_the_answer_lists_the_municipalitys_current_offers_for_the_needs_chosen(
    client,
    inquiry_page,
    places,
    jekabpils_offers,
    django_capture_on_commit_callbacks,
    language,
    listed,
    not_listed,
):
    form_page = inquiry_page.get_translation(Locale.objects.get(language_code=language))
    municipality = places["municipality"].get_translation(form_page.locale)
    data = inquiry_for(municipality, ["housing", "work"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, data)
    html = client.get(form_page.url + "done/").content.decode()
    for offer, title in zip(jekabpils_offers, listed, strict=True):
        assert f'<a href="{municipality.url}#{offer.anchor}">{title}</a>' in html
    for title in not_listed:
        assert title not in html
