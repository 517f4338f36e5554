from wagtail import hooks

from core.cache import PAGES_LISTING_HOOK
from offers.models import FindYourPlacePage
from regions.models import MunicipalityPage


@hooks.register(PAGES_LISTING_HOOK)
def find_your_place_lists_municipalities(page):
    """ "Find your place" in the municipality's language lists it: the CDN purges it too."""
    if not isinstance(page.specific_deferred, MunicipalityPage):
        return []
    return FindYourPlacePage.objects.live().filter(locale_id=page.locale_id)
